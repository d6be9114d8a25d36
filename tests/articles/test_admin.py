"""The editorial workflow in the admin: who may publish, review dates, history and restore."""

import datetime

import pytest
import reversion
import time_machine
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.test import RequestFactory
from reversion.models import Version

from articles.models import Article, ArticleSection, Status, Topic, Urgency
from tests.factories import (
    ArticleFactory,
    ArticleSectionFactory,
    GynecologistFactory,
    TopicFactory,
    make_safe_to_publish,
)

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
IST = datetime.timezone(datetime.timedelta(hours=5, minutes=30))


def _value(value):
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return str(value.pk)
    return value


def admin_form_data(response) -> dict:
    """The POST a browser would send for the admin change form in `response`, unchanged."""
    data = {}
    form = response.context["adminform"].form
    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    for bound_form in [form] + [f for fs in formsets for f in fs.forms]:
        for name in bound_form.fields:
            key, value = bound_form.add_prefix(name), bound_form[name].value()
            if isinstance(value, datetime.datetime):
                value = value.astimezone(IST)
                data[f"{key}_0"], data[f"{key}_1"] = value.date().isoformat(), value.strftime("%H:%M:%S")
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(_value(v)) for v in value]
            elif isinstance(value, FieldFile):
                continue
            else:
                data[key] = _value(value)
    for formset in formsets:
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return data


def new_article_data(**overrides):
    data = {
        "title": "Nosebleeds in pregnancy",
        "slug": "nosebleeds-in-pregnancy",
        "standfirst": "Why they happen and what to do.",
        "language": "en",
        "translation_of": "",
        "status": Status.DRAFT,
        "publish_at_0": "",
        "publish_at_1": "",
        "hero_alt": "",
        "medical_reviewer": "",
        "last_reviewed": "",
        "next_review_due": "",
        "sections-TOTAL_FORMS": "2",
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
        "sections-0-order": "1",
        "sections-0-heading": "Why do they happen?",
        "sections-0-answer": "Blood vessels in the nose **swell** in pregnancy.",
        "sections-1-order": "2",
        "sections-1-heading": "When to see a doctor",
        "sections-1-answer": "If the bleeding lasts more than 10 minutes.",
        "sections-1-is_doctor_callout": "on",
        "red_flags-TOTAL_FORMS": "1",
        "red_flags-INITIAL_FORMS": "0",
        "red_flags-MIN_NUM_FORMS": "0",
        "red_flags-MAX_NUM_FORMS": "1000",
        "red_flags-0-order": "1",
        "red_flags-0-urgency": "hospital_now",
        "red_flags-0-text": "A nosebleed that lasts more than 20 minutes.",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-order": "1",
        "sources-0-title": "Nosebleeds",
        "sources-0-publisher": "NHS",
        "sources-0-url": "https://www.nhs.uk/conditions/nosebleed/",
        "sources-0-date": "",
    }
    data.update(overrides)
    return data


# ---- pages of every model -------------------------------------------------------------------


@pytest.mark.parametrize("model", ["article", "topic"])
def test_admin_changelist_add_change_and_search_pages(admin_client, model):
    article = ArticleFactory(title="Leg cramps in pregnancy")
    ArticleSectionFactory(article=article)
    topic = TopicFactory(name="Symptoms")
    obj = article if model == "article" else topic
    base = f"/admin/articles/{model}/"
    changelist = admin_client.get(base)
    assert changelist.status_code == 200
    assert str(obj) in changelist.content.decode()
    assert admin_client.get(f"{base}add/").status_code == 200
    change = admin_client.get(f"{base}{obj.pk}/change/")
    assert change.status_code == 200
    assert str(obj) in change.content.decode()
    found = admin_client.get(base, {"q": str(obj)[:6]})
    assert found.status_code == 200
    assert [str(o) for o in found.context["cl"].result_list] == [str(obj)]
    missing = admin_client.get(base, {"q": "zzzz-nothing"})
    assert list(missing.context["cl"].result_list) == []


def test_article_admin_filters_and_history_pages_load(admin_client):
    article = ArticleFactory()
    for query in (
        "status=draft",
        "review=overdue",
        "review=soon",
        "review=never",
        f"topics__id__exact={TopicFactory().pk}",
    ):
        assert admin_client.get(f"/admin/articles/article/?{query}").status_code == 200
    assert admin_client.get(f"/admin/articles/article/{article.pk}/history/").status_code == 200


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0, tzinfo=IST), tick=False)
def test_overdue_reviews_are_marked_and_filterable(admin_client):
    ArticleFactory(title="Old page", last_reviewed=datetime.date(2023, 5, 1))  # due 2026-05-01
    ArticleFactory(title="Fresh page", last_reviewed=datetime.date(2026, 5, 1))
    html = admin_client.get("/admin/articles/article/").content.decode()
    assert "⚠ overdue since 2026-05-01" in html
    overdue = admin_client.get("/admin/articles/article/?review=overdue").content.decode()
    assert "Old page" in overdue and "Fresh page" not in overdue


# ---- who may publish ------------------------------------------------------------------------


def test_editor_can_write_and_submit_for_review(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, new_article_data(status=Status.IN_REVIEW))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="nosebleeds-in-pregnancy")
    assert article.status == Status.IN_REVIEW
    assert article.author == editor
    assert [s.heading for s in article.sections.all()] == ["Why do they happen?", "When to see a doctor"]
    assert "Blood vessels in the nose" in article.body_text
    assert (
        article.sections.get(order=1).answer_html
        == "<p>Blood vessels in the nose <strong>swell</strong> in pregnancy.</p>"
    )


def test_editor_cannot_publish(client, editor):
    client.force_login(editor)
    reviewer = GynecologistFactory()
    response = client.post(
        ADD_URL,
        new_article_data(status=Status.PUBLISHED, medical_reviewer=reviewer.pk, last_reviewed="2026-01-10"),
    )
    assert response.status_code == 200
    assert "You cannot publish articles: only medical reviewers can." in response.content.decode()
    assert not Article.objects.exists()


def test_an_editors_change_to_a_published_article_waits_as_a_draft(client, editor):
    article = ArticleFactory(title="Leg cramps")
    make_safe_to_publish(article)
    client.force_login(editor)
    page = client.get(f"/admin/articles/article/{article.pk}/change/")
    data = admin_form_data(page)
    data["title"] = "Quietly changed"
    response = client.post(f"/admin/articles/article/{article.pk}/change/", data, follow=True)
    assert "Your changes are saved as a draft" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Leg cramps" and article.status == Status.PUBLISHED  # still live, unchanged
    assert article.drafts.get().content["fields"]["title"] == "Quietly changed"


def test_save_model_refuses_a_publish_even_if_the_form_is_bypassed(editor):
    request = RequestFactory().post(ADD_URL)
    request.user = editor
    article = ArticleFactory.build(status=Status.PUBLISHED)
    with pytest.raises(PermissionDenied):
        site._registry[Article].save_model(request, article, form=None, change=False)


def test_editor_does_not_get_the_review_dates_or_the_review_action(client, editor):
    ArticleFactory()
    client.force_login(editor)
    html = client.get(ADD_URL).content.decode()
    assert 'name="last_reviewed"' not in html and 'name="next_review_due"' not in html
    changelist = client.get("/admin/articles/article/").content.decode()
    assert "mark_reviewed_today" not in changelist


def test_reviewer_publishes_a_reviewed_article(client, reviewer):
    client.force_login(reviewer)
    doctor = GynecologistFactory()
    response = client.post(
        ADD_URL,
        new_article_data(status=Status.PUBLISHED, medical_reviewer=doctor.pk, last_reviewed="2026-01-10"),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Status.PUBLISHED and article.publish_at is not None
    assert article.next_review_due == datetime.date(2029, 1, 10)


def test_publishing_without_a_reviewer_is_refused(client, reviewer):
    client.force_login(reviewer)
    response = client.post(ADD_URL, new_article_data(status=Status.PUBLISHED))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose the doctor who reviewed the article before publishing." in html
    assert "Enter the date of the medical review before publishing." in html
    assert not Article.objects.exists()


@time_machine.travel(datetime.datetime(2026, 7, 15, 11, 0, tzinfo=IST), tick=False)
def test_reviewer_marks_articles_reviewed_today(client, reviewer):
    reviewed = ArticleFactory(title="Has reviewer", last_reviewed=datetime.date(2023, 1, 1))
    orphan = ArticleFactory(
        title="No reviewer", status=Status.DRAFT, medical_reviewer=None, last_reviewed=None
    )
    client.force_login(reviewer)
    response = client.post(
        "/admin/articles/article/",
        {"action": "mark_reviewed_today", "_selected_action": [reviewed.pk, orphan.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "Marked 1 article(s) reviewed on 15 July 2026." in html
    assert "Not marked (choose a medical reviewer first): No reviewer" in html
    reviewed.refresh_from_db()
    orphan.refresh_from_db()
    assert reviewed.last_reviewed == datetime.date(2026, 7, 15)
    assert reviewed.next_review_due == datetime.date(2029, 7, 15)
    assert orphan.last_reviewed is None
    assert Version.objects.get_for_object(reviewed).first().revision.comment == "Marked reviewed today."


def test_editor_cannot_run_the_review_action(client, editor):
    article = ArticleFactory(last_reviewed=datetime.date(2024, 1, 1))
    client.force_login(editor)
    client.post(
        "/admin/articles/article/", {"action": "mark_reviewed_today", "_selected_action": [article.pk]}
    )
    article.refresh_from_db()
    assert article.last_reviewed == datetime.date(2024, 1, 1)


# ---- history and restore --------------------------------------------------------------------


def test_an_earlier_version_can_be_restored_with_its_sections(client, reviewer):
    client.force_login(reviewer)
    doctor = GynecologistFactory()
    client.post(
        ADD_URL,
        new_article_data(status=Status.PUBLISHED, medical_reviewer=doctor.pk, last_reviewed="2026-01-10"),
    )
    article = Article.objects.get()
    change_url = f"/admin/articles/article/{article.pk}/change/"
    data = admin_form_data(client.get(change_url))
    data["title"] = "Nosebleeds (rewritten badly)"
    data["status"] = Status.IN_REVIEW  # a published article may not lose its callout
    data["sections-0-answer"] = "Wrong answer."
    data["sections-1-DELETE"] = "on"
    data["red_flags-0-DELETE"] = "on"
    assert client.post(change_url, data).status_code == 302
    article.refresh_from_db()
    assert article.title == "Nosebleeds (rewritten badly)"
    assert article.sections.count() == 1
    assert not article.red_flags.exists()

    history = client.get(f"/admin/articles/article/{article.pk}/history/")
    assert history.status_code == 200
    first = Version.objects.get_for_object(article).order_by("pk").first()
    revision_url = f"/admin/articles/article/{article.pk}/history/{first.pk}/"
    page = client.get(revision_url)
    assert page.status_code == 200
    assert "Nosebleeds in pregnancy" in page.content.decode()
    restored = client.post(revision_url, admin_form_data(page))
    assert restored.status_code == 302
    article.refresh_from_db()
    assert article.title == "Nosebleeds in pregnancy"
    assert [s.heading for s in article.sections.all()] == ["Why do they happen?", "When to see a doctor"]
    assert [(f.urgency, f.text) for f in article.red_flags.all()] == [
        (Urgency.HOSPITAL_NOW, "A nosebleed that lasts more than 20 minutes.")
    ]
    assert article.status == Status.PUBLISHED
    assert article.sections.get(order=1).answer_html.startswith("<p>Blood vessels")
    assert "Blood vessels in the nose" in article.body_text
    assert ArticleSection.objects.filter(answer="Wrong answer.").count() == 0


def test_editor_cannot_restore_a_published_version(client, editor):
    article = ArticleFactory(title="Reviewed text")
    with reversion.create_revision():  # the article alone, as an admin save records it
        reversion.add_to_revision(article)
    article.title = "Editor draft"
    article.status = Status.IN_REVIEW
    article.save()
    version = Version.objects.get_for_object(article).first()
    client.force_login(editor)
    url = f"/admin/articles/article/{article.pk}/history/{version.pk}/"
    response = client.post(url, admin_form_data(client.get(url)))
    assert response.status_code == 200
    assert "only medical reviewers can" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Editor draft"


def test_topics_are_registered_with_their_article_counts(admin_client):
    topic = TopicFactory(name="Nutrition")
    ArticleFactory().topics.add(topic)
    html = admin_client.get("/admin/articles/topic/").content.decode()
    assert "Nutrition" in html
    assert Topic.objects.count() == 1


def test_hero_image_upload_is_validated_and_needs_alt_text(client, reviewer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.demo import hero_image

    client.force_login(reviewer)
    fake = SimpleUploadedFile("photo.jpg", b"not really a picture", content_type="image/jpeg")
    response = client.post(ADD_URL, {**new_article_data(), "hero_image": fake})
    assert "Upload a valid image." in response.content.decode()
    real = SimpleUploadedFile("photo.jpg", hero_image("x"), content_type="image/jpeg")
    response = client.post(ADD_URL, {**new_article_data(), "hero_image": real})
    assert "Describe the image for people who cannot see it." in response.content.decode()
    real.seek(0)
    response = client.post(ADD_URL, {**new_article_data(hero_alt="Soft circles"), "hero_image": real})
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.hero_width, article.hero_height) == (1200, 630)
