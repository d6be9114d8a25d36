"""The public article pages: lists, topics, the article page, previews and conditional GET."""

import datetime
import json
import re

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article, Status
from tests.factories import (
    ArticleFactory,
    ArticleSectionFactory,
    CityFactory,
    GynecologistFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

IST = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=IST)


def slugs_in(html):
    return re.findall(r'<h3><a href="/articles/([\w-]+)/">', html)


def days_ago(n):
    return NOW - datetime.timedelta(days=n)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def full_article(frozen):
    reviewer = GynecologistFactory(name="Dr Asha Kulkarni", slug="dr-asha-kulkarni")
    topic = TopicFactory(name="Symptoms", slug="symptoms")
    article = ArticleFactory(
        title="Leg cramps in pregnancy",
        slug="leg-cramps",
        standfirst="Painful calf cramps at night are common.",
        medical_reviewer=reviewer,
        publish_at=datetime.datetime(2026, 1, 5, 9, 30, tzinfo=IST),
        last_reviewed=datetime.date(2026, 1, 2),
    )
    article.topics.add(topic)
    ArticleSectionFactory(
        article=article, order=1, heading="What are leg cramps?", answer="A **tight** calf."
    )
    ArticleSectionFactory(
        article=article, order=2, heading="How can I relieve them?", answer="- Stretch\n- Rub"
    )
    ArticleSectionFactory(
        article=article,
        order=3,
        heading="When to see a doctor",
        answer="If the calf is swollen.",
        is_doctor_callout=True,
    )
    SourceFactory(article=article, order=1, title="Leg cramps", publisher="NHS")
    related = ArticleFactory(title="Sleeping well", slug="sleeping-well", publish_at=days_ago(3))
    hidden = ArticleFactory(title="Draft related", slug="draft-related", status=Status.DRAFT)
    article.related.add(related, hidden)
    CityFactory(name="Pune", slug="pune")
    return article


# ---- list and topic pages -------------------------------------------------------------------


def test_list_shows_published_articles_newest_first(client, frozen):
    ArticleFactory(title="Older", slug="older", publish_at=days_ago(10))
    ArticleFactory(title="Newer", slug="newer", publish_at=days_ago(1))
    ArticleFactory(title="Draft", slug="draft", status=Status.DRAFT)
    ArticleFactory(title="Review", slug="review", status=Status.IN_REVIEW)
    ArticleFactory(title="Scheduled", slug="scheduled", publish_at=NOW + datetime.timedelta(hours=1))
    response = client.get("/articles/")
    html = response.content.decode()
    assert slugs_in(html) == ["newer", "older"]
    assert 'data-result-count="2"' in html


def test_list_search_ranks_title_matches_first(client, frozen):
    body = ArticleFactory(
        title="Sleep", slug="sleep", standfirst="Cramps can wake you.", publish_at=days_ago(1)
    )
    title = ArticleFactory(title="Leg cramps", slug="leg-cramps", publish_at=days_ago(20))
    ArticleFactory(title="Heartburn", slug="heartburn")
    body.refresh_body_text()
    title.refresh_body_text()
    html = client.get("/articles/", {"q": "  cramps "}).content.decode()
    assert slugs_in(html) == ["leg-cramps", "sleep"]
    assert "2 articles matching “cramps”" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("acidity", ["heartburn"]),  # a search term: read as heartburn too
        ("पैर में ऐंठन", ["leg-cramps"]),  # Hindi, "में" a filler word
        ("when to see a doctor about heartburn", ["heartburn"]),  # every word but the fillers
        ("heartburn pune", []),  # a city is a word like any other for articles
    ],
)
def test_list_search_reads_the_words_patients_use(client, frozen, query, expected):
    ArticleFactory(title="Heartburn", slug="heartburn", standfirst="See a doctor if it keeps you awake.")
    ArticleFactory(title="Leg cramps", slug="leg-cramps", standfirst="Calves tighten at night.")
    for article in Article.objects.all():
        article.refresh_body_text()
    assert slugs_in(client.get("/articles/", {"q": query}).content.decode()) == expected


def test_list_search_finds_the_articles_of_a_topic_it_names(client, frozen):
    """ "nutrition" finds the articles filed under Nutrition, though none says the word; title matches
        still come first, and the topic's Hindi name finds them too (and, as a search term for nutrition, the
    title that says it). Renaming the topic, taking an article
        out of it and deleting it are followed."""
    nutrition = TopicFactory(name="Nutrition", name_hi="पोषण", slug="nutrition")
    heartburn = ArticleFactory(title="Heartburn", slug="heartburn", publish_at=days_ago(3))
    heartburn.topics.add(nutrition)
    ArticleFactory(title="Constipation", slug="constipation", publish_at=days_ago(2)).topics.add(nutrition)
    ArticleFactory(title="Nutrition myths", slug="nutrition-myths", publish_at=days_ago(9))
    ArticleFactory(title="Leg cramps", slug="leg-cramps")
    for article in Article.objects.all():
        article.refresh_body_text()

    def found(query):
        cache.clear()  # (the page cache is told of changes once their transaction commits)
        return slugs_in(client.get("/articles/", {"q": query}).content.decode())

    assert found("nutrition") == ["nutrition-myths", "constipation", "heartburn"]
    # A search term for nutrition: the title that says it too (the databases rank the three differently).
    assert sorted(found("पोषण")) == ["constipation", "heartburn", "nutrition-myths"]
    nutrition.name = "Food and nutrition"
    nutrition.save()
    assert found("food") == ["constipation", "heartburn"]
    heartburn.topics.remove(nutrition)
    assert found("food") == ["constipation"]
    nutrition.delete()
    assert found("food") == []


def test_an_article_filed_from_the_topics_side_is_found_by_the_topics_name(client, frozen):
    sleep = TopicFactory(name="Sleep and wellbeing", name_hi="नींद और सेहत", slug="sleep")
    ArticleFactory(title="Leg cramps", slug="leg-cramps")
    sleep.articles.add(*Article.objects.all())
    assert Article.objects.get().topic_text == "Sleep and wellbeing नींद और सेहत"
    assert slugs_in(client.get("/articles/", {"q": "wellbeing"}).content.decode()) == ["leg-cramps"]
    sleep.articles.clear()
    assert Article.objects.get().topic_text == ""


def test_list_filters_by_topic_and_explains_an_unknown_topic(client, frozen):
    symptoms = TopicFactory(name="Symptoms", slug="symptoms")
    ArticleFactory(title="In topic", slug="in-topic").topics.add(symptoms)
    ArticleFactory(title="Elsewhere", slug="elsewhere")
    assert slugs_in(client.get("/articles/", {"topic": "symptoms"}).content.decode()) == ["in-topic"]
    response = client.get("/articles/", {"topic": "atlantis<script>"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "We have no topic called “atlantis&lt;script&gt;”" in html
    assert sorted(slugs_in(html)) == ["elsewhere", "in-topic"]


def test_list_refuses_an_overlong_query_with_a_message(client, frozen):
    ArticleFactory(slug="a")
    html = client.get("/articles/", {"q": "x" * 101}).content.decode()
    assert "Ensure this value has at most 100 characters" in html
    assert 'aria-describedby="q-error"' in html
    assert slugs_in(html) == ["a"]


def test_list_paginates_and_a_bad_page_is_404(client, frozen):
    for i in range(13):
        ArticleFactory(title=f"Article {i:02d}", slug=f"article-{i:02d}", publish_at=days_ago(i + 1))
    first = client.get("/articles/", {"topic": ""}).content.decode()
    assert len(slugs_in(first)) == 12
    assert 'href="?topic=&amp;page=2"' in first
    second = client.get("/articles/", {"page": 2}).content.decode()
    assert slugs_in(second) == ["article-12"]
    assert client.get("/articles/", {"page": 3}).status_code == 404
    assert client.get("/articles/", {"page": "abc"}).status_code == 404


@pytest.mark.parametrize("count", [3, 15])
def test_list_query_count_does_not_grow_with_articles(client, frozen, count, django_assert_max_num_queries):
    topic = TopicFactory(name="Symptoms", slug="symptoms")
    for i in range(count):
        ArticleFactory(slug=f"a-{i}", publish_at=days_ago(i + 1)).topics.add(topic)
    newest_first = [f"a-{i}" for i in range(min(count, 12))]  # twelve to a page
    for url in ("/articles/", "/articles/topics/symptoms/"):
        with django_assert_max_num_queries(4):
            response = client.get(url)
        assert response.status_code == 200
        assert slugs_in(response.content.decode()) == newest_first, url


def test_topic_page_lists_its_published_articles(client, frozen):
    topic = TopicFactory(name="First trimester", slug="first-trimester", description="Weeks 1 to 13.")
    ArticleFactory(title="Morning sickness", slug="morning-sickness").topics.add(topic)
    ArticleFactory(title="Hidden", slug="hidden", status=Status.DRAFT).topics.add(topic)
    ArticleFactory(title="Other", slug="other")
    response = client.get("/articles/topics/first-trimester/")
    html = response.content.decode()
    assert "<h1>First trimester</h1>" in html and "Weeks 1 to 13." in html
    assert slugs_in(html) == ["morning-sickness"]
    assert client.get("/articles/topics/no-such-topic/").status_code == 404


# ---- the article page ------------------------------------------------------------------------


def test_article_page_shows_review_toc_sections_callout_and_sources(client, full_article):
    response = client.get("/articles/leg-cramps/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Leg cramps in pregnancy - Nine Months</title>" in html
    assert '<meta name="description" content="Painful calf cramps at night are common.">' in html
    assert '<link rel="canonical" href="http://testserver/articles/leg-cramps/">' in html
    assert re.search(
        r'Medically reviewed by <a href="/doctors/dr-asha-kulkarni/">Dr Asha Kulkarni</a>.*'
        r'on <time datetime="2026-01-02">2 January 2026</time>',
        html,
    )
    toc = re.findall(r'<li><a href="#([\w-]+)">([^<]+)</a></li>', html)
    assert toc == [
        ("what-are-leg-cramps-1", "What are leg cramps?"),
        ("how-can-i-relieve-them-2", "How can I relieve them?"),
        ("when-to-see-a-doctor-3", "When to see a doctor"),
        ("sources", "Sources"),
    ]
    for anchor, _ in toc:
        assert f'id="{anchor}"' in html
    assert "<p>A <strong>tight</strong> calf.</p>" in html
    assert re.search(
        r'class="article-section callout doctor-callout" data-red-flags>\s*<h2[^>]*>When to see a doctor</h2>',
        html,
    )
    assert 'href="https://www.nhs.uk/pregnancy/related-conditions/common-symptoms/leg-cramps/"' in html
    assert 'Page last reviewed: <time datetime="2026-01-02">2 January 2026</time>' in html
    assert 'Next review due: <time datetime="2029-01-02">2 January 2029</time>' in html
    assert 'href="/articles/sleeping-well/"' in html and "draft-related" not in html
    assert 'href="/due-date-calculator/"' in html
    assert '<form class="city-chooser" action="/choose-city/" method="get">' in html
    assert 'name="find" value="packages"' in html and '<option value="pune">Pune</option>' in html
    assert 'style="' not in html and "<script>" not in html


def test_article_page_json_ld_carries_the_right_dates(client, full_article):
    html = client.get("/articles/leg-cramps/").content.decode()
    blocks = [
        json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    page, trail = blocks
    assert page["@type"] == "MedicalWebPage"
    assert page["headline"] == "Leg cramps in pregnancy"
    assert page["datePublished"] == "2026-01-05T04:00:00+00:00"
    assert page["dateModified"] == full_article.updated.isoformat()
    assert page["lastReviewed"] == "2026-01-02"
    assert page["reviewedBy"] == {
        "@type": "Physician",
        "name": "Dr Asha Kulkarni",
        "url": "http://testserver/doctors/dr-asha-kulkarni/",
        "medicalSpecialty": "Obstetric",
    }
    assert page["publisher"]["name"] == "Nine Months"
    assert page["author"]["@type"] in {"Person", "Organization"}
    assert [item["name"] for item in trail["itemListElement"]] == [
        "Home",
        "Articles",
        "Symptoms",
        "Leg cramps in pregnancy",
    ]
    assert trail["itemListElement"][-1]["item"] == "http://testserver/articles/leg-cramps/"


def test_json_ld_cannot_be_broken_out_of(client, frozen):
    ArticleFactory(title="</script><script>alert(1)</script>", slug="evil")
    html = client.get("/articles/evil/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(block)["headline"] == "</script><script>alert(1)</script>"
    assert "<script>alert" not in html


def test_article_page_open_graph_uses_the_hero_image(client, frozen, tmp_path):
    from django.core.files.base import ContentFile

    from articles.demo import hero_image

    article = ArticleFactory(slug="with-image", hero_alt="Soft circles")
    article.hero_image.save("with-image.jpg", ContentFile(hero_image("with-image")))
    html = client.get("/articles/with-image/").content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/articles/with-image[\w]*\.jpg">', html
    )
    assert '<meta property="og:image:width" content="1200">' in html
    assert 'alt="Soft circles" width="1200" height="630"' in html


def test_article_page_query_count_is_small(client, full_article, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        response = client.get("/articles/leg-cramps/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Leg cramps in pregnancy</h1>" in html
    # What the queries fetch: sections, reviewer, topic, sources, related articles, cities.
    assert "What are leg cramps?" in html and "How can I relieve them?" in html
    assert 'href="/doctors/dr-asha-kulkarni/"' in html and 'href="/articles/topics/symptoms/"' in html
    assert ">Leg cramps</a>, NHS" in html
    assert 'href="/articles/sleeping-well/"' in html and "draft-related" not in html
    assert '<option value="pune">Pune</option>' in html


def test_conditional_get_answers_304_when_unchanged(client, full_article, django_capture_on_commit_callbacks):
    first = client.get("/articles/leg-cramps/")
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = client.get("/articles/leg-cramps/", headers={"if-none-match": first.headers["ETag"]})
    assert again.status_code == 304
    since = client.get("/articles/leg-cramps/", headers={"if-modified-since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    full_article.title = "Leg cramps (updated)"
    with time_machine.travel(NOW + datetime.timedelta(minutes=5), tick=False):
        with django_capture_on_commit_callbacks(execute=True):  # the edit commits: cached pages go stale
            full_article.save()
        changed = client.get("/articles/leg-cramps/", headers={"if-none-match": first.headers["ETag"]})
    assert changed.status_code == 200


# ---- unpublished articles ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Status.DRAFT},
        {"status": Status.IN_REVIEW},
        {"publish_at": NOW + datetime.timedelta(days=1)},
    ],
    ids=["draft", "in-review", "scheduled"],
)
def test_unpublished_articles_are_404_for_the_public(client, frozen, overrides, django_user_model):
    ArticleFactory(slug="secret", **overrides)
    assert client.get("/articles/secret/").status_code == 404
    user = django_user_model.objects.create_user("plain", password="x", is_staff=True)
    client.force_login(user)  # staff without the preview permission
    assert client.get("/articles/secret/").status_code == 404
    assert "secret" not in client.get("/articles/").content.decode()
    assert "secret" not in client.get("/sitemap-articles.xml").content.decode()


def test_staff_with_preview_permission_see_drafts_with_a_banner(client, frozen, django_user_model):
    ArticleFactory(
        slug="draft", title="Draft title", status=Status.DRAFT, medical_reviewer=None, last_reviewed=None
    )
    ArticleFactory(slug="later", publish_at=NOW + datetime.timedelta(days=2))
    user = django_user_model.objects.create_user("ed", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="preview_article"))
    client.force_login(user)
    assert client.get("/articles/draft/").status_code == 404  # the public page never shows drafts
    response = client.get("/articles/draft/preview/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview: not published." in html and "Status: Draft." in html
    assert "no-cache" in response.headers["Cache-Control"] and "private" in response.headers["Cache-Control"]
    assert "ETag" not in response.headers
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert "Page last reviewed: not yet reviewed" in html
    later = client.get("/articles/later/preview/").content.decode()
    assert "scheduled for 12 March 2026, 12:00" in later


def test_published_article_has_no_preview_banner_for_staff(client, full_article, admin_user):
    client.force_login(admin_user)
    assert "Preview: not published" not in client.get("/articles/leg-cramps/").content.decode()
    assert "Preview: not published" not in client.get("/articles/leg-cramps/preview/").content.decode()


def test_preview_needs_a_login_and_the_preview_permission(client, frozen, django_user_model):
    ArticleFactory(slug="draft", status=Status.DRAFT)
    response = client.get("/articles/draft/preview/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/login/?next=/articles/draft/preview/"
    client.force_login(django_user_model.objects.create_user("plain", password="x", is_staff=True))
    assert client.get("/articles/draft/preview/").status_code == 403


def test_preview_needs_a_session_signed_in_with_a_code(client, frozen, admin_user):
    """A password-only session (an account still to set up its app) sees no drafts: it is sent to
    sign in, and on from there to set up its authenticator app."""
    ArticleFactory(slug="draft", title="Draft title", status=Status.DRAFT)
    client.force_login(admin_user, verified=False)
    response = client.get("/articles/draft/preview/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/login/?next=/articles/draft/preview/"
    assert "Draft title" not in response.content.decode()


def test_public_article_page_is_the_same_for_everyone_and_cacheable(client, full_article):
    response = client.get("/articles/leg-cramps/")
    assert "Cookie" not in response.headers.get("Vary", "")
    assert not response.cookies


def test_view_on_site_from_the_admin_leads_to_the_preview(admin_client, frozen):
    article = ArticleFactory(slug="draft", status=Status.DRAFT)
    change = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert 'href="/articles/draft/preview/" class="viewsitelink"' in change
    assert "Preview: not published" in admin_client.get("/articles/draft/preview/").content.decode()


def test_home_page_shows_latest_and_featured_articles_and_the_city_chooser(
    client, frozen, django_assert_max_num_queries
):
    ArticleFactory(title="Featured piece", slug="featured", is_featured=True, publish_at=days_ago(30))
    for i in range(7):
        ArticleFactory(title=f"Latest {i}", slug=f"latest-{i}", publish_at=days_ago(i + 1))
    ArticleFactory(title="Draft featured", slug="draft-featured", is_featured=True, status=Status.DRAFT)
    CityFactory(name="Pune", slug="pune")
    CityFactory(name="Chennai", slug="chennai", state="Tamil Nadu")
    with django_assert_max_num_queries(3):
        html = client.get("/").content.decode()
    featured = html.split("data-featured-articles")[1].split("</ul>")[0]
    latest = html.split("data-latest-articles")[1].split("</ul>")[0]
    assert slugs_in(featured) == ["featured"]
    assert slugs_in(latest) == [f"latest-{i}" for i in range(6)]
    options = re.findall(r'<option value="([\w-]+)">', html)
    assert options.index("chennai") < options.index("pune")
    assert 'action="/choose-city/"' in html and 'name="find" value="packages"' in html
    assert "selected" not in html.split('class="city-chooser"')[1].split("</form>")[0]
    assert 'href="/due-date-calculator/"' in html
    assert "draft-featured" not in html
    assert timezone.now() == NOW


def test_list_canonical_points_to_the_topic_page_and_keeps_the_page_number(client, frozen):
    topic = TopicFactory(name="Nutrition", slug="nutrition")
    for i in range(13):
        ArticleFactory(slug=f"n-{i}").topics.add(topic)
    html = client.get("/articles/", {"topic": "nutrition", "page": 2}).content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/topics/nutrition/?page=2">' in html
    html = client.get("/articles/topics/nutrition/").content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/topics/nutrition/">' in html
    searched = client.get("/articles/", {"q": "n"}).content.decode()
    assert '<meta name="robots" content="noindex">' in searched


def test_head_requests_are_answered(client, full_article):
    assert client.head("/articles/leg-cramps/").status_code == 200
    assert client.head("/articles/").status_code == 200
    assert client.post("/articles/leg-cramps/").status_code == 405
