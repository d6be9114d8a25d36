"""Articles: scheduling, the review rules and the derived fields."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article, Status, review_due_after
from tests.factories import ArticleFactory, ArticleSectionFactory, GynecologistFactory, make_safe_to_publish

pytestmark = pytest.mark.django_db

IST = datetime.timezone(datetime.timedelta(hours=5, minutes=30))


def test_next_review_defaults_to_three_years_after_the_review():
    article = ArticleFactory(last_reviewed=datetime.date(2025, 3, 14), next_review_due=None)
    assert article.next_review_due == datetime.date(2028, 3, 14)
    assert review_due_after(datetime.date(2024, 2, 29)) == datetime.date(2027, 2, 28)


@time_machine.travel(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=IST), tick=False)
def test_a_future_publish_time_schedules_the_article():
    ArticleFactory(title="Live", publish_at=datetime.datetime(2026, 5, 1, 8, 59, tzinfo=IST))
    ArticleFactory(title="Scheduled", publish_at=datetime.datetime(2026, 5, 1, 10, 0, tzinfo=IST))
    ArticleFactory(title="Draft", status=Status.DRAFT)
    ArticleFactory(title="In review", status=Status.IN_REVIEW)
    assert [a.title for a in Article.objects.published()] == ["Live"]
    with time_machine.travel(datetime.datetime(2026, 5, 1, 10, 0, tzinfo=IST), tick=False):
        assert [a.title for a in Article.objects.published()] == ["Scheduled", "Live"]


def test_publishing_without_a_reviewer_or_review_date_is_refused_by_clean():
    article = Article(title="T", slug="t", standfirst="S", status=Status.PUBLISHED)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "Choose the doctor who reviewed the article" in str(error.value.message_dict["medical_reviewer"])
    assert "Enter the date of the medical review" in str(error.value.message_dict["last_reviewed"])


def test_clean_fills_in_the_publish_time_of_a_reviewed_article():
    article = Article.objects.create(
        title="T",
        slug="t",
        standfirst="S",
        status=Status.DRAFT,
        medical_reviewer=GynecologistFactory(),
        last_reviewed=timezone.localdate(),
    )
    make_safe_to_publish(article)
    article.status = Status.PUBLISHED
    article.full_clean()
    assert article.publish_at is not None


def test_the_database_refuses_a_published_article_without_a_reviewer():
    with pytest.raises(IntegrityError):
        Article.objects.create(
            title="T", slug="t", standfirst="S", status=Status.PUBLISHED, publish_at=timezone.now()
        )


def test_section_answer_html_is_rendered_and_sanitised_on_save():
    section = ArticleSectionFactory(answer="Hello **there** <script>alert(1)</script>")
    assert section.answer_html == "<p>Hello <strong>there</strong> </p>"


def test_body_text_collects_the_sections_for_search():
    article = ArticleFactory(standfirst="Standfirst words")
    ArticleSectionFactory(article=article, heading="Why calves cramp?", answer="Magnesium maybe.")
    article.refresh_body_text()
    article.refresh_from_db()
    assert article.body_text == "Standfirst words\nWhy calves cramp?\nMagnesium maybe."


def test_only_one_doctor_callout_per_article():
    article = ArticleFactory()
    ArticleSectionFactory(article=article, is_doctor_callout=True)
    with pytest.raises(IntegrityError):
        ArticleSectionFactory(article=article, is_doctor_callout=True)
