"""The demo library loaded by seed_demo."""

import io

import pytest

from articles import demo
from articles.models import Article, ArticleSection, Source, Topic
from directory.models import Gynecologist

pytestmark = pytest.mark.django_db


def test_demo_articles_are_complete_and_loading_twice_changes_nothing():
    demo.seed(stdout=io.StringIO())
    counts = (
        Article.objects.count(),
        ArticleSection.objects.count(),
        Source.objects.count(),
        Topic.objects.count(),
    )
    out = io.StringIO()
    demo.seed(stdout=out)
    assert (
        Article.objects.count(),
        ArticleSection.objects.count(),
        Source.objects.count(),
        Topic.objects.count(),
    ) == counts
    assert "Articles: 15 demo articles in 7 topics (15 published now)." in out.getvalue()
    assert Article.objects.published().count() == 15
    for article in Article.objects.prefetch_related("sections", "sources", "topics"):
        sections = list(article.sections.all())
        assert 4 <= len(sections) <= 6, article.slug
        assert [s.heading for s in sections if s.is_doctor_callout] == ["When to see a doctor"], article.slug
        assert all(s.answer_html.startswith(("<p>", "<ul>")) for s in sections)
        assert (
            all(src.url.startswith("https://") for src in article.sources.all()) and article.sources.exists()
        )
        assert article.medical_reviewer and article.last_reviewed and article.next_review_due
        assert (article.hero_width, article.hero_height) == (1200, 630) and article.hero_alt
        assert article.topics.exists() and article.body_text
    slugs = set(Topic.objects.values_list("slug", flat=True))
    assert {"first-trimester", "second-trimester", "third-trimester", "symptoms", "nutrition"} <= slugs


def test_demo_creates_reviewer_doctors_only_when_the_directory_has_none():
    demo.seed(stdout=io.StringIO())
    assert set(Gynecologist.objects.values_list("registration_number", flat=True)) == {
        "DEMO-REVIEWER-1",
        "DEMO-REVIEWER-2",
        "DEMO-REVIEWER-3",
    }


def test_demo_pages_render(client):
    demo.seed(stdout=io.StringIO())
    response = client.get("/articles/morning-sickness/")
    assert response.status_code == 200
    assert "When to see a doctor" in response.content.decode()
    assert client.get("/articles/topics/first-trimester/").status_code == 200
