"""Drafts of live articles: an editor corrects a published article, a second reviewer publishes the
correction, and the article never leaves the site."""

import datetime
import re

import pytest
import time_machine
from reversion.models import Version

from articles.models import Article, ArticleDraft, Status
from tests.articles.conftest import _staff
from tests.articles.test_admin import ADD_URL, new_article_data
from tests.security.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 11)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-03-11 10:00 +0530", tick=False):
        yield


@pytest.fixture
def second_reviewer(groups, django_user_model):
    return _staff(django_user_model, "rev2", "Medical reviewers")


@pytest.fixture
def live(client, reviewer):
    """A published article made through the admin by `reviewer`, reviewed on 10 January 2026."""
    from tests.factories import GynecologistFactory

    client.force_login(reviewer)
    data = new_article_data(
        status=Status.PUBLISHED, medical_reviewer=GynecologistFactory().pk, last_reviewed="2026-01-10"
    )
    assert client.post(ADD_URL, data).status_code == 302
    client.logout()
    return Article.objects.get()


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def changes_url(article):
    return f"/admin/articles/article/{article.pk}/changes/"


def public(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200  # the article never leaves the site
    return response.content.decode()


def edit(client, article, **changes):
    data = admin_form_data(client.get(change_url(article)))
    data.update(changes)
    return client.post(change_url(article), data, follow=True)


def test_an_editors_correction_waits_while_the_live_page_keeps_its_text(client, editor, live):
    client.force_login(editor)
    saved = edit(client, live, **{"sections-0-answer": "Blood vessels in the nose **widen** in pregnancy."})
    assert "Your changes are saved as a draft" in saved.content.decode()
    client.logout()
    assert "swell" in public(client, live) and "widen" not in public(client, live)
    draft = ArticleDraft.objects.get()
    assert (draft.status, draft.author) == ("pending", editor)
    live.refresh_from_db()
    assert live.status == Status.PUBLISHED and live.last_reviewed == datetime.date(2026, 1, 10)


def test_the_form_and_the_preview_show_the_draft_and_later_edits_build_on_it(client, editor, live):
    client.force_login(editor)
    edit(client, live, title="Nosebleeds in pregnancy: what helps")
    form = client.get(change_url(live))
    assert form.context["adminform"].form["title"].value() == "Nosebleeds in pregnancy: what helps"
    assert "data-pending-draft" in form.content.decode()
    edit(client, live, **{"sections-0-answer": "Pinch the soft part of your nose for 10 minutes."})
    content = ArticleDraft.objects.get().content
    assert content["fields"]["title"] == "Nosebleeds in pregnancy: what helps"  # the first edit kept
    assert content["sections"][0]["answer"] == "Pinch the soft part of your nose for 10 minutes."
    preview = client.get(f"/articles/{live.slug}/preview/").content.decode()
    assert "data-draft-preview" in preview and "Pinch the soft part" in preview
    assert Article.objects.get().title == "Nosebleeds in pregnancy"


def test_a_new_section_in_a_draft_survives_the_next_save_and_the_publish(
    client, editor, second_reviewer, live
):
    client.force_login(editor)
    page = client.get(change_url(live))
    data = admin_form_data(page)
    data.update(
        {
            "sections-TOTAL_FORMS": str(int(data["sections-TOTAL_FORMS"]) + 1),
            "sections-2-order": "3",
            "sections-2-heading": "Does it harm the baby?",
            "sections-2-answer": "No. Nosebleeds are common and harmless to the baby.",
        }
    )
    client.post(change_url(live), data)
    edit(client, live, title="Nosebleeds in pregnancy (updated)")  # the new section is now a row of the form
    assert [s["heading"] for s in ArticleDraft.objects.get().content["sections"]][
        -1
    ] == "Does it harm the baby?"
    client.force_login(second_reviewer)
    client.post(changes_url(live), {"action": "publish"})
    client.logout()
    assert "Does it harm the baby?" in public(client, live)


def test_a_second_reviewer_sees_the_difference_and_publishes_it(
    client, editor, reviewer, second_reviewer, live
):
    client.force_login(editor)
    edit(client, live, **{"sections-0-answer": "Blood vessels in the nose **widen** in pregnancy."})
    client.force_login(second_reviewer)
    changes = client.get(changes_url(live)).content.decode()
    assert "<del>**swell**</del>" in changes and "<ins>**widen**</ins>" in changes
    published = client.post(changes_url(live), {"action": "publish", "comment": "Checked."}, follow=True)
    assert "The changes are published." in published.content.decode()
    client.logout()
    assert "widen" in public(client, live) and "swell" not in public(client, live)
    live.refresh_from_db()
    assert live.last_reviewed == TODAY  # a reviewed change moves the review date
    draft = ArticleDraft.objects.get()
    assert (draft.status, draft.decided_by, draft.comment) == ("published", second_reviewer, "Checked.")
    comment = Version.objects.get_for_object(live).first().revision.get_comment()
    assert comment == "Published changes drafted by ed. Checked."
    client.force_login(reviewer)
    history = client.get(f"{change_url(live).removesuffix('change/')}history/").content.decode()
    assert "Drafts of changes" in history and "Published" in history and "Checked." in history


def test_a_rejected_draft_keeps_the_live_text_and_tells_the_editor_why(client, editor, second_reviewer, live):
    client.force_login(editor)
    edit(client, live, **{"sections-0-answer": "Nosebleeds mean high blood pressure."})
    client.force_login(second_reviewer)
    empty = client.post(changes_url(live), {"action": "reject", "comment": ""})
    assert "Say what needs changing" in empty.content.decode()
    client.post(changes_url(live), {"action": "reject", "comment": "Not true: please remove."})
    assert ArticleDraft.objects.get().status == "rejected"
    client.force_login(editor)
    form = client.get(change_url(live)).content.decode()
    assert "data-sent-back" in form and "Not true: please remove." in form
    assert "swell" in form  # the form shows the live text again
    client.logout()
    assert "high blood pressure" not in public(client, live)


def test_a_reviewers_own_change_needs_a_second_pair_of_eyes(client, reviewer, live):
    client.force_login(reviewer)
    edit(client, live, **{"sections-0-answer": "Blood vessels widen in pregnancy."})
    page = client.get(changes_url(live)).content.decode()
    assert "another medical reviewer must publish them" in page
    refused = client.post(changes_url(live), {"action": "publish"})
    assert "another medical reviewer must publish them" in refused.content.decode()
    client.logout()
    assert "swell" in public(client, live)


def test_a_reviewers_typo_fix_goes_live_at_once_without_moving_the_review_date(client, reviewer, live):
    client.force_login(reviewer)
    edit(client, live, title="Nosebleeds in pregnancy.", typo_fix="on")
    assert ArticleDraft.objects.count() == 0
    live.refresh_from_db()
    assert live.title == "Nosebleeds in pregnancy." and live.last_reviewed == datetime.date(2026, 1, 10)


def test_an_editor_cannot_mark_a_typo_fix(client, editor, live):
    client.force_login(editor)
    assert "typo_fix" not in client.get(change_url(live)).context["adminform"].form.fields
    edit(client, live, title="Changed", typo_fix="on")
    assert Article.objects.get().title == "Nosebleeds in pregnancy"
    assert ArticleDraft.objects.get().content["fields"]["title"] == "Changed"


def test_a_draft_that_moves_the_callout_to_another_section_can_be_shown_and_published(
    client, editor, second_reviewer, live
):
    """Only one section of an article may be its "When to see a doctor" callout: applying a draft that
    moves the mark writes the section that loses it first (it was a 500 on the change form)."""
    client.force_login(editor)
    edit(client, live, **{"sections-0-is_doctor_callout": "on", "sections-1-is_doctor_callout": ""})
    assert [s["is_doctor_callout"] for s in ArticleDraft.objects.get().content["sections"]] == [True, False]
    form = client.get(change_url(live))
    assert form.status_code == 200
    sections = next(
        f.formset for f in form.context["inline_admin_formsets"] if f.formset.prefix == "sections"
    )
    assert [f.instance.is_doctor_callout for f in sections.initial_forms] == [True, False]  # the draft's
    client.force_login(second_reviewer)
    assert client.post(changes_url(live), {"action": "publish"}).status_code == 302
    assert [s.is_doctor_callout for s in Article.objects.get().sections.all()] == [True, False]


def test_a_draft_that_replaces_the_callout_section_can_be_shown_and_published(
    client, editor, second_reviewer, live
):
    """The draft deletes the callout section and adds a new one in its place: the deleted row goes first."""
    client.force_login(editor)
    data = admin_form_data(client.get(change_url(live)))
    data.update(
        {
            "sections-1-DELETE": "on",
            "sections-TOTAL_FORMS": str(int(data["sections-TOTAL_FORMS"]) + 1),
            "sections-2-order": "2",
            "sections-2-heading": "When should I call my doctor?",
            "sections-2-answer": "If the bleeding does not stop after 10 minutes of pressure.",
            "sections-2-is_doctor_callout": "on",
        }
    )
    assert client.post(change_url(live), data).status_code == 302
    assert client.get(change_url(live)).status_code == 200
    client.force_login(second_reviewer)
    assert client.post(changes_url(live), {"action": "publish"}).status_code == 302
    callout = Article.objects.get().sections.get(is_doctor_callout=True)
    assert callout.heading == "When should I call my doctor?"
    client.logout()
    assert "When should I call my doctor?" in public(client, live)


def test_moving_the_callout_on_a_draft_article_saves_and_two_callouts_are_refused(client, reviewer):
    client.force_login(reviewer)
    assert client.post(ADD_URL, new_article_data()).status_code == 302
    article = Article.objects.get()
    moved = edit(
        client, article, **{"sections-0-is_doctor_callout": "on", "sections-1-is_doctor_callout": ""}
    )
    assert moved.status_code == 200 and "was changed successfully" in moved.content.decode()
    assert [s.is_doctor_callout for s in article.sections.all()] == [True, False]
    both = edit(client, article, **{"sections-1-is_doctor_callout": "on"})
    assert "An article has only one “When to see a doctor” callout." in both.content.decode()
    assert [s.is_doctor_callout for s in article.sections.all()] == [True, False]


def test_a_pending_draft_is_never_a_version_in_history_and_restoring_a_version_shows_that_version(
    client, editor, reviewer, live
):
    versions = Version.objects.get_for_object(live)
    assert versions.count() == 1  # the reviewer's publication
    client.force_login(editor)
    edit(client, live, title="Nosebleeds in pregnancy (draft)")
    for _ in range(2):
        assert "Nosebleeds in pregnancy (draft)" in client.get(change_url(live)).content.decode()
    client.force_login(reviewer)
    client.get(change_url(live))
    # Saving the draft and opening the form three times recorded nothing: the draft is not reviewed.
    assert Version.objects.get_for_object(live).count() == 1
    restore_url = f"/admin/articles/article/{live.pk}/history/{versions.get().pk}/"
    form = client.get(restore_url).content.decode()
    assert "Nosebleeds in pregnancy (draft)" not in form  # the version, not the draft laid over it
    client.post(restore_url, admin_form_data(client.get(restore_url)))
    client.logout()
    assert "Nosebleeds in pregnancy (draft)" not in public(client, live)
    assert ArticleDraft.objects.get().status == "pending"  # still waiting for a second reviewer


def test_a_live_articles_address_is_shown_not_offered_for_a_change_that_would_be_lost(
    client, editor, reviewer, live
):
    for user in (editor, reviewer):
        client.force_login(user)
        page = client.get(change_url(live))
        assert "slug" not in page.context["adminform"].form.fields
        assert f'<div class="readonly">{live.slug}</div>' in page.content.decode()
    client.force_login(editor)
    edit(client, live, title="Nosebleeds in pregnancy (draft)", slug="a-new-address")
    assert ArticleDraft.objects.get().content["fields"]["title"] == "Nosebleeds in pregnancy (draft)"
    assert Article.objects.get(pk=live.pk).slug == live.slug


def test_an_editor_cannot_take_a_live_article_off_the_site(client, editor, live):
    client.force_login(editor)
    response = edit(client, live, status=Status.IN_REVIEW, title="Nosebleeds (withdrawn)")
    errors = response.context["adminform"].form.errors
    assert "Only a medical reviewer can take a published article off the site." in str(errors["status"])
    client.logout()
    page = public(client, live)
    assert "Nosebleeds (withdrawn)" not in page and not ArticleDraft.objects.exists()


def test_leaving_the_publish_time_alone_keeps_it_to_the_microsecond(client, editor, second_reviewer, live):
    stored = datetime.datetime(2026, 3, 11, 4, 29, 37, 595025, tzinfo=datetime.UTC)
    Article.objects.filter(pk=live.pk).update(publish_at=stored)
    client.force_login(editor)
    edit(client, live, title="Nosebleeds in pregnancy (updated)")
    client.force_login(second_reviewer)
    changes = client.get(changes_url(live)).content.decode()
    assert "Title" in changes and "Publish time" not in changes
    client.post(changes_url(live), {"action": "publish"})
    live.refresh_from_db()
    assert (live.title, live.publish_at) == ("Nosebleeds in pregnancy (updated)", stored)


def test_a_review_date_in_the_future_is_refused(client, reviewer):
    from tests.factories import GynecologistFactory

    client.force_login(reviewer)
    data = new_article_data(
        status=Status.PUBLISHED, medical_reviewer=GynecologistFactory().pk, last_reviewed="2026-03-12"
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "A review date cannot be in the future" in str(response.context["adminform"].form.errors)
    assert not Article.objects.exists()
    assert client.post(ADD_URL, {**data, "last_reviewed": "2026-03-11"}).status_code == 302  # today


def test_an_editor_can_still_edit_an_article_stored_with_a_future_review_date(client, editor, live):
    Article.objects.filter(pk=live.pk).update(last_reviewed=datetime.date(2026, 3, 20))
    client.force_login(editor)
    response = edit(client, live, title="Nosebleeds in pregnancy (draft)")
    assert response.status_code == 200 and ArticleDraft.objects.exists()


def test_the_author_is_plain_text_for_an_editor_who_may_not_open_accounts(client, editor, live):
    client.force_login(editor)
    html = client.get(change_url(live)).content.decode()
    assert '<a href="/admin/auth/user/' not in html
    assert re.search(r'<label>Author:</label>\s*<div class="readonly">[^<]+</div>', html)


def test_no_one_who_worked_on_a_draft_publishes_it_and_history_names_them_all(
    client, editor, reviewer, second_reviewer, live
):
    """Review finding: a reviewer's clinical change, saved over by an editor, went live on the same
    reviewer's say-so, "drafted by editor"."""
    client.force_login(reviewer)
    edit(client, live, **{"sections-0-answer": "Take double the dose."})
    client.force_login(editor)
    edit(client, live, standfirst="Why they happen and what helps.")
    client.force_login(reviewer)
    refused = client.post(changes_url(live), {"action": "publish"})
    assert "You worked on these changes" in refused.content.decode()
    client.logout()
    assert "double the dose" not in public(client, live)
    draft = ArticleDraft.objects.get()
    assert (draft.author, draft.drafted_by()) == (reviewer, "rev, ed")
    client.force_login(second_reviewer)
    client.post(changes_url(live), {"action": "publish"})
    assert (
        Version.objects.get_for_object(live).first().revision.comment
        == "Published changes drafted by rev, ed."
    )


def test_a_typo_fix_with_changes_waiting_joins_them_instead_of_publishing_them(
    client, editor, reviewer, live
):
    """Review finding: the form shows the pending draft, so a "typo fix" saved from it published the
    editor's unreviewed changes along with the fix."""
    client.force_login(editor)
    edit(client, live, **{"sections-0-answer": "An editor's unreviewed change."})
    client.force_login(reviewer)
    saved = edit(client, live, typo_fix="on", title="Nosebleeds in pregnancy.")
    assert "Your changes are saved as a draft" in saved.content.decode()
    client.logout()
    page = public(client, live)
    assert "unreviewed change" not in page and "Nosebleeds in pregnancy." not in page
    draft = ArticleDraft.objects.get(status="pending")
    assert draft.content["fields"]["title"] == "Nosebleeds in pregnancy."
    assert draft.drafted_by() == "ed, rev"


def test_line_breaks_as_browsers_send_them_are_not_a_change(client, editor, reviewer):
    """Browsers send a textarea's line breaks as CR LF. An answer is stored with LF, and sending it back
    untouched (as every save does) leaves it out of the draft's changes."""
    from tests.factories import GynecologistFactory

    client.force_login(reviewer)
    answer = "If the bleeding lasts more than 10 minutes.\r\n\r\n- or comes back often\r\n- or is heavy"
    data = new_article_data(
        status=Status.PUBLISHED,
        medical_reviewer=GynecologistFactory().pk,
        last_reviewed="2026-01-10",
        **{"sections-1-answer": answer},
    )
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    stored = article.sections.get(order=2).answer
    assert stored == answer.replace("\r\n", "\n")
    client.force_login(editor)
    edit(
        client,
        article,
        **{
            "sections-0-answer": "Blood vessels in the nose **widen** in pregnancy.",
            "sections-1-answer": answer,
        },
    )
    assert ArticleDraft.objects.get().content["sections"][1]["answer"] == stored
    client.force_login(reviewer)
    changes = client.get(changes_url(article)).content.decode()
    assert "<ins>**widen**</ins>" in changes
    assert "comes back often</del>" not in changes and "comes back often</ins>" not in changes


def test_reviewers_find_the_corrections_waiting_for_them(client, editor, second_reviewer, live):
    """An editor's correction leaves the live article "Published": the list says changes are waiting,
    and a filter lists only those articles."""
    from tests.factories import ArticleFactory

    ArticleFactory(title="Leg cramps", slug="leg-cramps")
    client.force_login(editor)
    edit(client, live, title="Nosebleeds in pregnancy: what helps")
    client.force_login(second_reviewer)
    listing = client.get("/admin/articles/article/").content.decode()
    assert listing.count("changes waiting</strong>") == 1
    waiting = client.get("/admin/articles/article/", {"changes": "waiting"}).content.decode()
    assert "Nosebleeds in pregnancy" in waiting and "Leg cramps" not in waiting
    client.post(changes_url(live), {"action": "publish"})
    assert "Nosebleeds" not in client.get("/admin/articles/article/", {"changes": "waiting"}).content.decode()
