"""Translations in the admin: "Translate into Hindi", the translation column and filter, and a Hindi
article flagged out of date when its English original changes after the Hindi text was reviewed."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Language, Status, Urgency
from tests.articles.test_admin import IST, admin_form_data
from tests.factories import (
    ArticleFactory,
    ArticleSectionFactory,
    SourceFactory,
    TopicFactory,
    make_safe_to_publish,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"


def translate_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/translate/"


def english_article(**kwargs) -> Article:
    article = ArticleFactory(title="Back pain", slug="back-pain", **kwargs)
    ArticleSectionFactory(article=article, order=1, heading="Why does it happen?", answer="Hormones.")
    make_safe_to_publish(article, callout_answer="Call your doctor if any of these happen.")
    SourceFactory(article=article, order=1, title="Back pain in pregnancy", publisher="NHS")
    article.topics.add(TopicFactory(name="Symptoms"))
    article.refresh_body_text()
    return article


def hindi_translation(original, **kwargs) -> Article:
    translation = ArticleFactory(
        title="कमर दर्द",
        slug="kamar-dard",
        language=Language.HINDI,
        translation_of=original,
        **kwargs,
    )
    make_safe_to_publish(translation, callout_answer="इनमें से कुछ भी हो तो डॉक्टर को फोन करें।")
    translation.refresh_body_text()
    return translation


def test_translate_into_hindi_starts_a_hindi_draft_copied_from_the_original(client, editor):
    original = english_article()
    client.force_login(editor)
    page = client.get(f"/admin/articles/article/{original.pk}/change/").content.decode()
    assert f'action="{translate_url(original)}"' in page
    assert "Translate into Hindi" in page

    response = client.post(translate_url(original), follow=True)

    draft = Article.objects.get(translation_of=original)
    assert response.redirect_chain[-1][0] == f"/admin/articles/article/{draft.pk}/change/"
    assert "Started a Hindi draft of “Back pain”." in response.content.decode()
    assert (draft.language, draft.status, draft.slug, draft.author) == (
        Language.HINDI,
        Status.DRAFT,
        "back-pain-hindi",
        editor,
    )
    # The reviewer and review dates do not carry over: the Hindi text needs its own sign-off.
    assert (draft.medical_reviewer, draft.last_reviewed, draft.publish_at) == (None, None, None)
    assert list(draft.sections.order_by("order").values_list("heading", "is_doctor_callout")) == [
        ("Why does it happen?", False),
        ("When to see a doctor", True),
    ]
    assert list(draft.red_flags.values_list("urgency", "text")) == [
        (Urgency.HOSPITAL_NOW, "A severe headache that does not go away.")
    ]
    assert list(draft.sources.values_list("publisher", "title")) == [("NHS", "Back pain in pregnancy")]
    assert [t.name for t in draft.topics.all()] == ["Symptoms"]
    assert "Hormones." in draft.body_text
    # A draft is not on the site.
    assert client.get("/hi/articles/back-pain-hindi/").status_code == 404


def test_translating_again_opens_the_existing_translation(client, editor):
    original = english_article()
    existing = hindi_translation(original)
    client.force_login(editor)
    response = client.post(translate_url(original), follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/articles/article/{existing.pk}/change/"
    assert "already has a Hindi translation" in response.content.decode()
    assert Article.objects.filter(translation_of=original).count() == 1


def test_translate_refuses_a_get_a_hindi_article_and_a_user_who_cannot_add(client, editor, reviewer):
    original = english_article()
    hindi = hindi_translation(original)
    client.force_login(editor)
    assert client.get(translate_url(original)).status_code == 405
    assert client.post(translate_url(hindi)).status_code == 403
    assert (
        translate_url(hindi) not in client.get(f"/admin/articles/article/{hindi.pk}/change/").content.decode()
    )
    Article.objects.filter(pk=hindi.pk).delete()
    reviewer.is_staff = True
    reviewer.groups.clear()  # staff, but may not add articles
    reviewer.save()
    client.force_login(reviewer)
    assert client.post(translate_url(original)).status_code == 403
    assert not Article.objects.filter(translation_of=original).exists()


def test_a_translation_goes_out_of_date_when_its_original_changes_and_is_cleared_by_a_new_review(
    client, reviewer
):
    original = english_article()
    hindi = hindi_translation(original)
    assert not Article.objects.get(pk=hindi.pk).is_out_of_date
    assert list(Article.objects.out_of_date_translations()) == []

    # An editor changes what a reader of the English article reads.
    section = original.sections.get(order=1)
    section.answer = "Hormones loosen the joints of the pelvis."
    section.save()
    original.refresh_body_text()

    hindi = Article.objects.get(pk=hindi.pk)
    assert hindi.is_out_of_date
    assert list(Article.objects.out_of_date_translations()) == [hindi]
    client.force_login(reviewer)
    listing = client.get(LIST_URL, {"translation": "out-of-date"}).content.decode()
    assert "कमर दर्द" in listing and "out of date" in listing
    change = client.get(f"/admin/articles/article/{hindi.pk}/change/").content.decode()
    assert "Compare it with the English article and update it." in change

    # A Hindi-reading reviewer checks it against the new English text and marks it reviewed today.
    with time_machine.travel(datetime.datetime(2026, 12, 2, 10, 0, tzinfo=IST), tick=False):
        client.post(LIST_URL, {"action": "mark_reviewed_today", "_selected_action": [hindi.pk]})
    hindi = Article.objects.get(pk=hindi.pk)
    assert hindi.last_reviewed == datetime.date(2026, 12, 2)
    assert not hindi.is_out_of_date
    assert client.get(LIST_URL, {"translation": "out-of-date"}).context["cl"].result_count == 0

    # The English article changes again the same day, and the reviewer checks the translation again.
    section.answer = "Hormones loosen the joints of the pelvis before the birth."
    section.save()
    original.refresh_body_text()
    assert Article.objects.get(pk=hindi.pk).is_out_of_date
    with time_machine.travel(datetime.datetime(2026, 12, 2, 16, 0, tzinfo=IST), tick=False):
        client.post(LIST_URL, {"action": "mark_reviewed_today", "_selected_action": [hindi.pk]})
    assert not Article.objects.get(pk=hindi.pk).is_out_of_date


def test_a_typo_fix_to_the_translation_keeps_it_out_of_date(client, reviewer):
    original = english_article()
    hindi = hindi_translation(original)
    original.standfirst = "A new standfirst."
    original.save()
    client.force_login(reviewer)
    url = f"/admin/articles/article/{hindi.pk}/change/"
    data = admin_form_data(client.get(url))
    data["standfirst"] = "कमर दर्द के बारे में।"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.get(pk=hindi.pk).is_out_of_date


def test_the_list_shows_each_articles_translation_in_a_constant_number_of_queries(client, reviewer):
    client.force_login(reviewer)
    original = english_article()
    hindi_translation(original)
    ArticleFactory(title="Untranslated")
    with CaptureQueriesContext(connection) as few:
        page = client.get(LIST_URL).content.decode()
    assert "Hindi: <a" in page
    assert "Translation of <a" in page and "up to date" in page
    assert "Not translated into Hindi yet" in page
    for n in range(5):
        other = ArticleFactory(title=f"More {n}")
        hindi_translation_of = ArticleFactory(
            title=f"और {n}", slug=f"aur-{n}", language=Language.HINDI, translation_of=other
        )
        assert hindi_translation_of.translation_of == other
    with CaptureQueriesContext(connection) as many:
        client.get(LIST_URL)
    assert len(many) == len(few)


def test_untranslated_filter_lists_english_articles_without_a_hindi_version(client, reviewer):
    translated = english_article()
    hindi_translation(translated)
    ArticleFactory(title="Swollen feet")
    client.force_login(reviewer)
    result = client.get(LIST_URL, {"translation": "untranslated"}).context["cl"].result_list
    assert [a.title for a in result] == ["Swollen feet"]


def test_start_translation_refuses_a_hindi_article(editor):
    from articles.translation import start_translation

    hindi = hindi_translation(english_article())
    with pytest.raises(ValueError, match="Only an English article"):
        start_translation(hindi, editor)


def test_slug_of_a_second_translation_start_does_not_collide(editor):
    from articles.translation import start_translation

    original = english_article()
    ArticleFactory(title="Taken", slug="back-pain-hindi", status=Status.DRAFT)
    draft = start_translation(original, editor)
    assert draft.slug == "back-pain-hindi-2"
