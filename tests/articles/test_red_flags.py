"""Red flags: an urgency per sign, chosen in the admin, rendered the same way on every article, with 108
and 102 first; publishing without them is refused in the admin and in the model."""

import datetime
import re

import pytest
import reversion
import time_machine
from django.core.exceptions import ValidationError
from reversion.models import Version

from articles.models import (
    NO_CALLOUT_MESSAGE,
    NO_RED_FLAGS_MESSAGE,
    Article,
    RedFlag,
    Status,
    Urgency,
)
from tests.articles.test_admin import ADD_URL, admin_form_data, new_article_data
from tests.factories import (
    ArticleFactory,
    ArticleSectionFactory,
    GynecologistFactory,
    RedFlagFactory,
    make_safe_to_publish,
)

pytestmark = pytest.mark.django_db

IST = datetime.timezone(datetime.timedelta(hours=5, minutes=30))


def _publish_data(**overrides):
    doctor = GynecologistFactory()
    return new_article_data(
        status=Status.PUBLISHED, medical_reviewer=doctor.pk, last_reviewed="2026-01-10", **overrides
    )


# ---- the page ---------------------------------------------------------------------------------


def _callout(html):
    return re.search(r"<section [^>]*data-red-flags>(.*?)</section>", html, re.S).group(1)


def test_the_callout_groups_red_flags_by_urgency_most_urgent_first(client):
    article = ArticleFactory(slug="headaches")
    ArticleSectionFactory(article=article, order=1, heading="Why?", answer="Hormones.")
    ArticleSectionFactory(
        article=article,
        order=2,
        heading="When to see a doctor",
        answer="Closing words.",
        is_doctor_callout=True,
    )
    for order, (urgency, text) in enumerate(
        [
            (Urgency.NEXT_VISIT, "Frequent mild headaches."),
            (Urgency.HOSPITAL_NOW, "Blurred vision."),
            (Urgency.CALL_108, "A fit."),
            (Urgency.HOSPITAL_NOW, "Pain below the ribs."),
        ]
    ):
        RedFlagFactory(article=article, order=order, urgency=urgency, text=text)
    callout = _callout(client.get("/articles/headaches/").content.decode())
    numbers = callout.index('href="tel:108"'), callout.index('href="tel:102"')
    assert max(numbers) < callout.index("<h3>")  # the numbers come before every sign
    groups = re.findall(r'data-urgency="(\w+)">\s*<h3>([^<]+)</h3>.*?<ul>(.*?)</ul>', callout, re.S)
    assert [(u, h, re.findall(r"<li>([^<]+)</li>", items)) for u, h, items in groups] == [
        ("call_108", "Call 108 now", ["A fit."]),
        ("hospital_now", "Go to hospital now", ["Blurred vision.", "Pain below the ribs."]),
        ("next_visit", "Mention it at your next check-up", ["Frequent mild headaches."]),
    ]
    assert "Call 108 for an emergency ambulance." in callout
    assert callout.index("<ul>") < callout.index("<p>Closing words.</p>")


def test_a_callout_without_red_flags_still_shows_the_numbers(client):
    article = ArticleFactory(slug="old")
    ArticleSectionFactory(
        article=article, heading="When to see a doctor", answer="Soon.", is_doctor_callout=True
    )
    callout = _callout(client.get("/articles/old/").content.decode())
    assert 'href="tel:108"' in callout and 'href="tel:102"' in callout
    assert "data-urgency" not in callout


def test_only_the_callout_carries_data_red_flags(client):
    article = ArticleFactory(slug="one")
    make_safe_to_publish(article)
    ArticleSectionFactory(article=article, heading="Other", answer="Words.")
    html = client.get("/articles/one/").content.decode()
    assert html.count("data-red-flags") == 1


def test_red_flag_text_is_searchable(client):
    article = ArticleFactory(slug="searchable", title="Swelling")
    RedFlagFactory(article=article, text="Sudden puffiness around the eyes.")
    article.refresh_body_text()
    article.refresh_from_db()
    assert "puffiness" in article.body_text


# ---- the admin --------------------------------------------------------------------------------


def test_the_admin_add_page_offers_red_flags_with_urgency_choices(admin_client):
    html = admin_client.get(ADD_URL).content.decode()
    assert 'name="red_flags-0-urgency"' in html and 'name="red_flags-0-text"' in html
    for value, label in Urgency.choices:
        assert f'<option value="{value}">{label}</option>' in html


def test_a_reviewer_publishes_with_red_flags_and_they_are_saved(client, reviewer):
    client.force_login(reviewer)
    data = _publish_data()
    data.update(
        {
            "red_flags-TOTAL_FORMS": "2",
            "red_flags-1-order": "2",
            "red_flags-1-urgency": "call_108",
            "red_flags-1-text": "Bleeding that will not stop.",
        }
    )
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    assert article.status == Status.PUBLISHED
    assert [(f.order, f.urgency, f.text) for f in article.red_flags.all()] == [
        (1, Urgency.HOSPITAL_NOW, "A nosebleed that lasts more than 20 minutes."),
        (2, Urgency.CALL_108, "Bleeding that will not stop."),
    ]
    assert [g.urgency for g in article.red_flag_groups()] == [Urgency.CALL_108, Urgency.HOSPITAL_NOW]


def test_publishing_without_a_red_flag_is_refused_with_a_message(client, reviewer):
    client.force_login(reviewer)
    response = client.post(ADD_URL, _publish_data(**{"red_flags-TOTAL_FORMS": "0"}))
    assert response.status_code == 200
    assert NO_RED_FLAGS_MESSAGE in response.content.decode()
    assert not Article.objects.exists()


def test_publishing_without_a_callout_is_refused_with_a_message(client, reviewer):
    client.force_login(reviewer)
    response = client.post(ADD_URL, _publish_data(**{"sections-1-is_doctor_callout": ""}))
    assert response.status_code == 200
    assert NO_CALLOUT_MESSAGE in response.content.decode()
    assert not Article.objects.exists()


def test_a_red_flag_without_an_urgency_gets_a_message_next_to_the_field(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, new_article_data(**{"red_flags-0-urgency": ""}))
    assert response.status_code == 200
    inline = response.context["inline_admin_formsets"][1].formset
    assert inline.forms[0].errors["urgency"] == [
        "Choose how soon the reader should act on this sign: call 108 now; go to hospital now; see a "
        "doctor within 24 hours; mention it at your next check-up."
    ]
    assert not Article.objects.exists()


def test_an_unknown_urgency_is_refused(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, new_article_data(**{"red_flags-0-urgency": "whenever"}))
    assert "Select a valid choice" in str(response.context["inline_admin_formsets"][1].formset.errors)


def test_a_draft_may_be_saved_without_red_flags(client, editor):
    client.force_login(editor)
    data = new_article_data(**{"red_flags-TOTAL_FORMS": "0", "sections-1-is_doctor_callout": ""})
    assert client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().status == Status.DRAFT


def test_removing_the_last_red_flag_of_a_published_article_is_refused(client, reviewer):
    article = ArticleFactory()
    make_safe_to_publish(article)
    client.force_login(reviewer)
    url = f"/admin/articles/article/{article.pk}/change/"
    data = admin_form_data(client.get(url))
    data["red_flags-0-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 200
    assert NO_RED_FLAGS_MESSAGE in response.content.decode()
    assert article.red_flags.count() == 1


def test_sex_determination_text_in_a_section_or_red_flag_is_refused_in_the_admin(client, editor):
    client.force_login(editor)
    data = new_article_data(
        **{
            "sections-0-answer": "Ask the sonologist: ladka ya ladki?",
            "red_flags-0-text": "Gender scan results.",
        }
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    sections, red_flags = (f.formset for f in response.context["inline_admin_formsets"][:2])
    assert "PCPNDT Act 1994" in sections.forms[0].errors["answer"][0]
    assert "PCPNDT Act 1994" in red_flags.forms[0].errors["text"][0]
    assert not Article.objects.exists()


def test_the_history_keeps_the_red_flags(client, reviewer):
    client.force_login(reviewer)
    client.post(ADD_URL, _publish_data())
    article = Article.objects.get()
    version = Version.objects.get_for_object(article).get()
    flags = [v for v in version.revision.version_set.all() if v.content_type.model == "redflag"]
    assert [v.field_dict["text"] for v in flags] == ["A nosebleed that lasts more than 20 minutes."]


# ---- the model: publishing any other way ------------------------------------------------------


def _draft():
    return ArticleFactory(status=Status.DRAFT)


def test_the_model_refuses_to_publish_without_callout_and_red_flags():
    article = _draft()
    article.status = Status.PUBLISHED
    with pytest.raises(ValidationError) as caught:
        article.full_clean()
    assert caught.value.message_dict["status"] == [NO_CALLOUT_MESSAGE, NO_RED_FLAGS_MESSAGE]


def test_the_model_publishes_once_the_callout_has_a_red_flag():
    article = _draft()
    make_safe_to_publish(article)
    article.status = Status.PUBLISHED
    article.full_clean()


def test_the_model_refuses_to_publish_sex_determination_text_already_stored():
    article = _draft()
    make_safe_to_publish(article)
    RedFlag.objects.filter(article=article).update(text="Know the baby's gender early")
    article.status = Status.PUBLISHED
    with pytest.raises(ValidationError) as caught:
        article.full_clean()
    assert "PCPNDT Act 1994" in caught.value.message_dict["status"][0]


@time_machine.travel(datetime.datetime(2026, 7, 15, 11, 0, tzinfo=IST), tick=False)
def test_mark_reviewed_today_keeps_the_red_flags_in_the_revision(client, reviewer):
    with reversion.create_revision():
        article = ArticleFactory(last_reviewed=datetime.date(2023, 1, 1))
        make_safe_to_publish(article)
    client.force_login(reviewer)
    client.post(
        "/admin/articles/article/", {"action": "mark_reviewed_today", "_selected_action": [article.pk]}
    )
    latest = Version.objects.get_for_object(article).first()
    assert any(v.content_type.model == "redflag" for v in latest.revision.version_set.all())
