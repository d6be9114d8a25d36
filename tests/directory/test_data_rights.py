"""Patients' data rights (DPDP Act 2023): the notice, consent and age, the private enquiry page
(access, correction, withdrawal with erasure), grievances, and the access record."""

import datetime
import io
import logging
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command

from directory import notifications
from directory.models import AccessRecord, Enquiry, Grievance, Notification
from portal.dashboard import dashboard_for
from portal.logging import JsonFormatter
from tests.directory.test_enquiry import DOCTOR_URL, valid

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def send(client, url=DOCTOR_URL, **overrides):
    response = client.post(url, valid(**overrides), follow=True)
    assert response.status_code == 200
    return response, Enquiry.objects.order_by("-pk").first()


def private_path(html):
    return re.search(r'<a href="https?://[^"/]+(/my-enquiry/[^"/]+/)">', html).group(1)


# ---- notice and consent ----


def test_the_privacy_notice_itemises_purposes_receivers_retention_rights_and_the_officer(client, settings):
    html = client.get("/privacy/").content.decode()
    for item in ("Your name", "Mobile number", "Email", "Preferred date", "Message", "The centre’s notes"):
        assert f'<th scope="row">{item}</th>' in html
    assert "Only the centre you chose" in html
    assert "180 days after you send the enquiry, whatever has happened to it" in html
    for right in (
        "See what we hold",
        "Correct it",
        "Withdraw your consent",
        "Name a nominee",
        "Complain or ask",
    ):
        assert f"<dt>{right}" in html
    assert "<strong>Test Grievance Officer</strong>" in html and "mailto:grievance@example.in" in html
    assert "Data Protection Board of India" in html
    assert 'href="/privacy/">Privacy</a>' in client.get("/").content.decode()  # in every page's footer


def test_the_enquiry_form_shows_the_short_notice_above_the_unticked_consent(client, public_directory):
    html = client.get(DOCTOR_URL).content.decode()
    notice = html.index("data-privacy-notice")
    consent = html.index('name="consent"')
    assert notice < consent
    assert "so that Sahyadri Women&#x27;s Hospital can call you back" in html
    assert 'href="/privacy/">Read the full privacy notice</a>' in html
    assert re.search(r'<input type="checkbox" name="consent"[^>]*>', html).group(0).count("checked") == 0


def test_under_18_without_a_guardian_stores_nothing_and_gives_the_numbers_to_call(client, public_directory):
    response = client.post(DOCTOR_URL, valid(age="no"))
    html = response.content.decode()
    assert response.status_code == 200 and "data-under-18" in html
    assert Enquiry.objects.count() == 0 and Notification.objects.count() == 0
    assert '<a href="tel:02025400000">020 2540 0000</a>' in html
    assert '<a href="tel:102">102</a>' in html and '<a href="tel:108">108</a>' in html


def test_a_guardians_agreement_is_recorded_and_a_missing_answer_is_asked_for(client, public_directory):
    missing = client.post(DOCTOR_URL, valid(age=""))
    assert "Tell us whether you are 18 or older" in missing.content.decode()
    assert Enquiry.objects.count() == 0
    _, enquiry = send(client, age="guardian")
    assert enquiry.age_basis == "guardian"


# ---- the private link ----


def test_the_private_link_is_shown_once_and_only_its_hash_is_stored(client, public_directory, run_jobs):
    response, enquiry = send(client)
    html = response.content.decode()
    path = private_path(html)
    token = path.split("/")[2]
    assert len(token) >= 43  # 256 bits, base64
    stored = Enquiry.objects.filter(pk=enquiry.pk).values().get()
    assert all(token not in str(value) for value in stored.values())
    assert stored["access_hash"] and len(stored["access_hash"]) == 64
    again = client.get(response.redirect_chain[-1][0]).content.decode()
    assert "/my-enquiry/" not in again and "Your private link was shown the first time" in again
    run_jobs()
    confirmation = next(m for m in mail.outbox if m.to == ["priya@example.com"])
    assert path in confirmation.body
    centre_mail = next(m for m in mail.outbox if m.to != ["priya@example.com"])
    assert token not in centre_mail.body


def test_the_private_page_shows_everything_stored_and_is_private(client, public_directory):
    response, enquiry = send(client)
    page = client.get(private_path(response.content.decode()))
    html = page.content.decode()
    assert page.status_code == 200
    for shown in (
        enquiry.reference,
        "Priya Sharma",
        "+91 98765 43210",
        "priya@example.com",
        "Is an epidural available with this package?",
        "Sahyadri Women&#x27;s Hospital",
        "I am 18 or older",
    ):
        assert shown in html
    # Sent on 11 March 2026 at 01:30 in India: erased 180 days later, on 7 September.
    erased = '<dt>Erased automatically on</dt><dd><time datetime="2026-09-07">7 September 2026</time>, '
    assert erased + "180 days after you sent it, unless you withdraw sooner</dd>" in html
    assert "no-store" in page["Cache-Control"] and page["X-Robots-Tag"] == "noindex, nofollow"
    assert page["Referrer-Policy"] == "same-origin"
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "<dd data-staff-notes>None</dd>" in html
    # What the centre wrote about her is hers to see too (her right of access).
    Enquiry.objects.filter(pk=enquiry.pk).update(staff_notes="Called on 12 March.\nAsked about an epidural.")
    html = client.get(private_path(response.content.decode())).content.decode()
    assert "<dd data-staff-notes>Called on 12 March.<br>Asked about an epidural.</dd>" in html


def test_a_preferred_date_now_past_does_not_stop_her_correcting_the_rest(client, public_directory):
    response, enquiry = send(client)
    path = private_path(response.content.decode())
    passed = enquiry.preferred_date - datetime.timedelta(days=10)
    Enquiry.objects.filter(pk=enquiry.pk).update(preferred_date=passed)
    data = {
        "action": "correct",
        "patient_name": "Priya Sharma",
        "phone": "98765 11111",
        "email": "priya@example.com",
        "preferred_date": passed.isoformat(),  # as the form shows it
        "message": "Still interested",
    }
    saved = client.post(path, data)
    assert saved.status_code == 200 and "Your corrections are saved" in saved.content.decode()
    enquiry.refresh_from_db()
    assert (enquiry.phone, enquiry.preferred_date) == ("+919876511111", passed)
    # A new date in the past is still refused.
    refused = client.post(path, {**data, "preferred_date": (passed - datetime.timedelta(days=1)).isoformat()})
    assert refused.status_code == 400 and "Choose today or a later date." in refused.content.decode()


CORRECTION = {
    "action": "correct",
    "patient_name": "Priya S. Sharma",
    "phone": "98765 00000",
    "email": "priya@example.com",
    "preferred_date": "",
    "message": "Evenings please.",
}


def _meanwhile(monkeypatch, action):
    """Runs `action` after the private page has read the enquiry and before it writes the correction,
    as a withdrawal in another tab or the grievance officer's action would."""
    from directory.forms import CorrectionForm

    checked = CorrectionForm.is_valid

    def is_valid(form):
        action()
        return checked(form)

    monkeypatch.setattr(CorrectionForm, "is_valid", is_valid)


def test_a_correction_reads_the_enquiry_twice_with_its_centre_and_writes_it_once(client, public_directory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response, _ = send(client)
    with CaptureQueriesContext(connection) as queries:
        saved = client.post(private_path(response.content.decode()), CORRECTION)
    assert saved.status_code == 200 and "Your corrections are saved" in saved.content.decode()
    statements = [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    # The enquiry by its link, the same again locked (both joined to its centre and subject, for the
    # page), the update of her five fields, and the session.
    assert [sql.split()[0] for sql in statements] == ["SELECT", "SELECT", "UPDATE", "SELECT"], statements
    assert "UPDATE" in statements[2] and '"patient_name"' in statements[2] and '"status"' not in statements[2]
    assert sum('"directory_hospital"' in sql for sql in statements) == 2


def test_a_correction_does_not_undo_a_withdrawal_made_meanwhile(client, public_directory, monkeypatch):
    response, enquiry = send(client)
    path = private_path(response.content.decode())
    _meanwhile(monkeypatch, lambda: notifications.withdraw(Enquiry.objects.get(pk=enquiry.pk)))
    assert client.post(path, CORRECTION).status_code == 404
    enquiry.refresh_from_db()
    assert enquiry.erased is not None and enquiry.status == "withdrawn"
    assert (enquiry.patient_name, enquiry.phone, enquiry.email, enquiry.consent) == ("", "", "", False)
    monkeypatch.undo()
    assert client.get(path).status_code == 404


def test_a_correction_does_not_bring_back_a_link_replaced_meanwhile(client, public_directory, monkeypatch):
    response, enquiry = send(client)
    path = private_path(response.content.decode())
    _meanwhile(monkeypatch, lambda: notifications.send_new_link(Enquiry.objects.get(pk=enquiry.pk)))
    assert client.post(path, CORRECTION).status_code == 404
    monkeypatch.undo()
    assert client.get(path).status_code == 404  # the old link stays dead
    enquiry.refresh_from_db()
    assert enquiry.patient_name == "Priya Sharma"  # and the correction sent through it was not saved


def test_staff_saving_an_enquiry_does_not_undo_a_withdrawal_made_meanwhile(
    client, public_directory, monkeypatch
):
    from django.contrib import admin

    _, enquiry = send(client)
    call_command("setup_roles", verbosity=0)
    staff = User.objects.create_user("staff", is_staff=True)
    staff.groups.add(Group.objects.get(name="Centre staff"))
    enquiry.hospital.staff.add(staff)
    client.force_login(staff)
    model_admin = admin.site._registry[Enquiry]
    loaded = type(model_admin).get_object

    def get_object(self, request, object_id, from_field=None):
        obj = loaded(self, request, object_id, from_field)
        if request.method == "POST":  # she withdraws while the change is being saved
            notifications.withdraw(Enquiry.objects.get(pk=enquiry.pk))
        return obj

    monkeypatch.setattr(type(model_admin), "get_object", get_object)
    url = f"/admin/directory/enquiry/{enquiry.pk}/change/"
    answer = client.post(url, {"status": "contacted", "staff_notes": "Called her at 4 pm."}, follow=True)
    enquiry.refresh_from_db()
    assert enquiry.erased is not None and enquiry.status == "withdrawn"
    assert (enquiry.patient_name, enquiry.phone, enquiry.staff_notes) == ("", "", "")
    # She is told plainly that nothing was saved, and its history does not say otherwise.
    html = answer.content.decode()
    assert f"Nothing was saved: the patient withdrew enquiry {enquiry.reference}" in html
    assert "was changed successfully" not in html
    assert not LogEntry.objects.filter(object_id=str(enquiry.pk), content_type__model="enquiry").exists()
    # With nothing happening meanwhile, staff's change is saved, and only it.
    monkeypatch.undo()
    other_response, other = send(client, patient_name="Asha Rao", phone="98765 22222")
    client.post(
        f"/admin/directory/enquiry/{other.pk}/change/", {"status": "contacted", "staff_notes": "Called."}
    )
    other.refresh_from_db()
    assert (other.status, other.staff_notes, other.patient_name) == ("contacted", "Called.", "Asha Rao")
    assert client.get(private_path(other_response.content.decode())).status_code == 200


def test_a_withdrawal_notice_that_failed_is_on_the_dashboard_though_the_enquiry_is_erased(
    client, public_directory
):
    """The centre must still be told to delete its copies: a superuser sends it again (the action
    allows it) or phones the centre, so the dashboard lists it; the erased enquiry's other emails not."""
    response, enquiry = send(client)
    Notification.objects.filter(enquiry=enquiry).update(status="sent")  # the centre heard of it
    client.post(private_path(response.content.decode()), {"action": "withdraw"})
    Notification.objects.filter(kind="withdrawal").update(status="failed", last_error="SMTPException")
    board = dashboard_for(User.objects.create_superuser("root", password="x" * 16))
    assert board.failed_count == 1 and [n.kind for n in board.failed] == ["withdrawal"]
    assert notifications.send_again(Notification.objects.all()) == 1


def test_the_patient_corrects_her_details(client, public_directory):
    response, enquiry = send(client)
    path = private_path(response.content.decode())
    data = {
        "action": "correct",
        "patient_name": "Priya S. Sharma",
        "phone": "98765 00000",
        "email": "",
        "preferred_date": "",
        "message": "Evenings please.",
    }
    saved = client.post(path, data)
    assert saved.status_code == 200 and "Your corrections are saved" in saved.content.decode()
    enquiry.refresh_from_db()
    assert (enquiry.patient_name, enquiry.phone, enquiry.email, enquiry.message) == (
        "Priya S. Sharma",
        "+919876500000",
        "",
        "Evenings please.",
    )
    bad = client.post(path, {**data, "patient_name": "Someone Else", "message": "", "phone": "12345"})
    html = bad.content.decode()
    assert bad.status_code == 400 and "Enter a 10-digit Indian mobile number" in html
    assert Enquiry.objects.get(pk=enquiry.pk).phone == "+919876500000"
    # "What we hold" shows what is stored, not the refused correction; the form keeps what was typed.
    held = re.search(r'<dl class="facts stored">(.*?)</dl>', html, re.S).group(1)
    assert "<dd>Priya S. Sharma</dd>" in held and "Someone Else" not in held
    assert "<dd>Evenings please.</dd>" in held
    assert 'value="Someone Else"' in html


def test_withdrawal_erases_everything_at_once_and_tells_the_centre(client, public_directory, run_jobs):
    response, enquiry = send(client)
    path = private_path(response.content.decode())
    Notification.objects.filter(enquiry=enquiry, kind="new_enquiry").update(status="sent")  # the centre knows
    client.post(
        path,
        {
            "action": "correct",
            "patient_name": "Priya Sharma",
            "phone": "98765 43210",
            "email": "priya@example.com",
            "message": "Still interested",
            "preferred_date": "",
        },
    )
    withdrawn = client.post(path, {"action": "withdraw"})
    assert withdrawn.status_code == 200
    assert "Your consent is withdrawn and your details are erased" in withdrawn.content.decode()
    row = Enquiry.objects.get(pk=enquiry.pk)
    assert (row.patient_name, row.phone, row.email, row.message, row.preferred_date) == ("", "", "", "", None)
    assert (row.status, row.consent, row.access_hash, row.access_nonce) == ("withdrawn", False, "", "")
    assert row.reference == enquiry.reference and row.hospital_id == enquiry.hospital_id
    # The emails the enquiry still owed are cancelled; the withdrawal notice is queued and sent.
    owed = dict(row.notifications.values_list("kind", "status"))
    assert owed == {"new_enquiry": "sent", "confirmation": "failed", "withdrawal": "pending"}
    run_jobs()
    assert [m.subject for m in mail.outbox] == [f"Enquiry {enquiry.reference} withdrawn"]
    assert mail.outbox[0].to == ["enquiries@sahyadri.example"]
    # The link is used up: a replay, and the page itself, are 404s.
    assert client.post(path, {"action": "withdraw"}).status_code == 404
    assert client.get(path).status_code == 404
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    for secret in ("Priya", "98765", "9876543210", "priya@example.com", "Still interested"):
        assert secret not in dump.getvalue()


def test_a_withdrawal_before_the_centre_heard_of_it_tells_nobody_and_leaves_nothing_to_follow_up(
    client, public_directory, run_jobs
):
    response, enquiry = send(client)
    client.post(private_path(response.content.decode()), {"action": "withdraw"})
    owed = dict(Notification.objects.filter(enquiry=enquiry).values_list("kind", "status"))
    assert owed == {"new_enquiry": "failed", "confirmation": "failed"}  # cancelled, no withdrawal notice
    run_jobs()
    assert mail.outbox == []
    admin = User.objects.create_superuser("root", "root@example.in", "x" * 12)
    board = dashboard_for(admin)
    assert (board.open_enquiries, board.waiting_count, board.failed_count) == (0, 0, 0)


def test_a_second_withdrawal_of_the_same_enquiry_owes_nothing_more(client, public_directory):
    """Two tabs, or a retried request, each holding the enquiry as found before either erased it."""
    _, enquiry = send(client)
    Notification.objects.filter(enquiry=enquiry, kind="new_enquiry").update(status="sent")
    stale = Enquiry.objects.get(pk=enquiry.pk)
    notifications.withdraw(Enquiry.objects.get(pk=enquiry.pk))
    notifications.withdraw(stale)  # raised IntegrityError: a second withdrawal notice
    assert Notification.objects.filter(enquiry=enquiry, kind="withdrawal").count() == 1


def test_enquiries_erased_at_the_end_of_retention_leave_the_centre_nothing_to_call(client, public_directory):
    _, enquiry = send(client)
    Enquiry.objects.filter(pk=enquiry.pk).update(created=enquiry.created - datetime.timedelta(days=181))
    call_command("purge_enquiries", stdout=io.StringIO())
    assert Enquiry.objects.get(pk=enquiry.pk).erased is not None
    admin = User.objects.create_superuser("root", "root@example.in", "x" * 12)
    board = dashboard_for(admin)
    assert (board.open_enquiries, board.waiting_count, board.failed_count) == (0, 0, 0)


@pytest.mark.parametrize("token", ["x", "A" * 43, "../../admin", "%00", "a" * 500])
def test_wrong_tokens_are_404(client, public_directory, token):
    send(client)
    assert client.get(f"/my-enquiry/{token}/").status_code == 404


def test_a_tampered_token_is_404(client, public_directory):
    response, _ = send(client)
    path = private_path(response.content.decode())
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    assert client.get(tampered).status_code == 404


def test_the_token_never_reaches_the_logs(client, public_directory, caplog):
    response, _ = send(client)
    path = private_path(response.content.decode())
    token = path.split("/")[2]
    caplog.set_level(logging.DEBUG)
    client.get(path[:-5] + "xxxx/")  # a 404: Django logs the path
    client.get(path)
    lines = [JsonFormatter().format(record) for record in caplog.records]
    assert lines and all(token not in line and path[:-5] not in line for line in lines)


# ---- grievances ----


GRIEVANCE = {
    "kind": "erasure",
    "name": "Kavita Rao",
    "email": "kavita@example.in",
    "phone": "",
    "enquiry_reference": "nm-ab23cd4",
    "message": "Please erase my enquiry.",
    "website": "",
}


def test_a_grievance_gets_a_reference_and_a_due_date(client):
    response = client.post("/privacy/grievance/", GRIEVANCE, follow=True)
    grievance = Grievance.objects.get()
    html = response.content.decode()
    assert grievance.reference in html and grievance.enquiry_reference == "NM-AB23CD4"
    assert grievance.due.isoformat() == "2026-04-10"  # 30 days after 11 March 2026 (India)
    assert '<time datetime="2026-04-10">10 April 2026</time>' in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"message": "x" * 10_000}, "message", "Keep it to 2000 characters or fewer"),
        ({"message": "bad\x00byte"}, "message", "Null characters are not allowed."),
        ({"email": "", "phone": ""}, "email", "Give an email address or a mobile number"),
        ({"phone": "12345"}, "phone", "Enter a 10-digit Indian mobile number"),
        ({"kind": "hack"}, "kind", "Select a valid choice"),
        ({"enquiry_reference": "DROP TABLE"}, "enquiry_reference", "An enquiry reference looks like"),
    ],
)
def test_bad_grievances_get_a_message_next_to_the_field(client, overrides, field, message):
    response = client.post("/privacy/grievance/", {**GRIEVANCE, **overrides})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Grievance.objects.count() == 0


def test_grievances_share_the_enquiry_rate_limit_and_the_honeypot(client):
    for n in range(5):
        assert client.post("/privacy/grievance/", {**GRIEVANCE, "name": f"K {n}"}).status_code == 302
    limited = client.post("/privacy/grievance/", {**GRIEVANCE, "name": "K 6"})
    assert limited.status_code == 429 and 'value="K 6"' in limited.content.decode()
    bot = client.post("/privacy/grievance/", {**GRIEVANCE, "website": "spam"}, REMOTE_ADDR="203.0.113.50")
    assert bot.status_code == 302 and Grievance.objects.count() == 5


def test_grievance_officers_work_the_queue_with_overdue_marked(client):
    call_command("setup_roles", verbosity=0)
    overdue = Grievance.objects.create(kind="access", name="Old", email="old@example.in", message="?")
    Grievance.objects.filter(pk=overdue.pk).update(due="2026-03-01")
    officer = User.objects.create_user("officer", password="x" * 16, is_staff=True)
    officer.groups.add(Group.objects.get(name="Grievance officers"))
    client.force_login(officer)
    listing = client.get("/admin/directory/grievance/").content.decode()
    assert "<strong>01 Mar 2026 (overdue)</strong>" in listing
    assert client.get("/admin/directory/grievance/", {"answer": "overdue"}).context["cl"].result_count == 1
    assert client.get("/admin/directory/enquiry/").status_code == 403
    staff = User.objects.create_user("staff", password="x" * 16, is_staff=True)
    staff.groups.add(Group.objects.get(name="Centre staff"))
    client.force_login(staff)
    assert client.get("/admin/directory/grievance/").status_code == 403


# ---- the access record ----


def test_every_view_and_export_is_recorded_and_nobody_can_change_the_record(client, public_directory):
    call_command("setup_roles", verbosity=0)
    _, enquiry = send(client)
    staff = User.objects.create_user("centre", password="x" * 16, is_staff=True)
    staff.groups.add(Group.objects.get(name="Centre staff"))
    enquiry.hospital.staff.add(staff)
    client.force_login(staff)
    client.get("/admin/directory/enquiry/")
    client.get(f"/admin/directory/enquiry/{enquiry.pk}/change/")
    client.post("/admin/directory/enquiry/", {"action": "export_csv", "_selected_action": [enquiry.pk]})
    records = list(AccessRecord.objects.order_by("pk").values_list("username", "action", "references"))
    assert records == [
        ("centre", "list", enquiry.reference),
        ("centre", "view", enquiry.reference),
        ("centre", "export", enquiry.reference),
    ]
    assert client.get("/admin/directory/accessrecord/").status_code == 403  # superusers only
    root = User.objects.create_superuser("root", password="x" * 16)
    client.force_login(root)
    listing = client.get("/admin/directory/accessrecord/").content.decode()
    assert listing.count(enquiry.reference) >= 3
    record = AccessRecord.objects.first()
    for url in (f"/admin/directory/accessrecord/{record.pk}/delete/", "/admin/directory/accessrecord/add/"):
        assert client.get(url).status_code == 403
    page = client.get(f"/admin/directory/accessrecord/{record.pk}/change/")
    assert page.status_code == 200 and "Save" not in page.content.decode().split("submit-row")[-1][:400]
    client.post(f"/admin/directory/accessrecord/{record.pk}/change/", {"username": "someone-else"})
    assert AccessRecord.objects.get(pk=record.pk).username == "centre"


def test_a_grievance_whose_contact_was_erased_cannot_be_opened_again(client):
    call_command("setup_roles", verbosity=0)
    grievance = Grievance.objects.create(kind="access", name="Old", email="old@example.in", message="?")
    Grievance.objects.filter(pk=grievance.pk).update(status="closed", updated="2025-01-01 10:00 +0530")
    call_command("purge_enquiries", stdout=io.StringIO())  # a year after it was closed: contact erased
    officer = User.objects.create_user("officer", password="x" * 16, is_staff=True)
    officer.groups.add(Group.objects.get(name="Grievance officers"))
    client.force_login(officer)
    url = f"/admin/directory/grievance/{grievance.pk}/change/"
    refused = client.post(url, {"status": "open", "officer_notes": "Reopening."})
    assert refused.status_code == 200
    assert "cannot be opened again" in str(refused.context["adminform"].form.errors["status"])
    assert Grievance.objects.get(pk=grievance.pk).status == "closed"
    answered = client.post(url, {"status": "answered", "officer_notes": ""})
    assert answered.status_code == 200 and Grievance.objects.get(pk=grievance.pk).status == "closed"
    assert client.post(url, {"status": "closed", "officer_notes": ""}).status_code == 302


@pytest.mark.parametrize("how", ["called her", "opened it in the admin", "email failed for good"])
def test_a_centre_that_may_know_of_the_enquiry_hears_of_the_withdrawal_before_its_email_went_out(
    client, public_directory, how
):
    """Staff see an enquiry in the admin as soon as it is stored, whatever its email is doing (review)."""
    response, enquiry = send(client)
    if how == "called her":
        Enquiry.objects.filter(pk=enquiry.pk).update(status="contacted", staff_notes="Called her.")
    elif how == "opened it in the admin":
        staff = User.objects.create_user("staff", password="x" * 16, is_staff=True)
        AccessRecord.note(staff, "view", [enquiry.reference])
    else:
        Notification.objects.filter(enquiry=enquiry, kind="new_enquiry").update(status="failed")
    client.post(private_path(response.content.decode()), {"action": "withdraw"})
    assert Notification.objects.filter(enquiry=enquiry, kind="withdrawal", status="pending").exists()


# ---- a lost private link ----


def test_a_patient_who_lost_her_link_is_emailed_a_new_one_and_the_old_one_stops_working(
    client, public_directory, run_jobs
):
    from django.urls import reverse

    response, enquiry = send(client)
    old = private_path(response.content.decode())
    run_jobs()
    mail.outbox.clear()
    Enquiry.objects.filter(pk=enquiry.pk).update(language="hi")  # she wrote it from the Hindi pages
    url = reverse("admin:directory_enquiry_changelist")
    # Only superusers may: not even the centre's own staff, who may open and change the enquiry.
    call_command("setup_roles", verbosity=0)
    staff = User.objects.create_user("staff", is_staff=True)
    staff.groups.add(Group.objects.get(name="Centre staff"))
    enquiry.hospital.staff.add(staff)
    client.force_login(staff)
    assert enquiry.reference in client.get(url).content.decode()
    assert "send_new_link" not in client.get(url).content.decode()
    confirmed = {"action": "send_new_link", "_selected_action": [enquiry.pk], "confirm": "yes"}
    client.post(url, confirmed)
    assert client.get(old).status_code == 200

    client.force_login(User.objects.create_superuser("root", password="x"))
    asked = client.post(url, {"action": "send_new_link", "_selected_action": [enquiry.pk]})
    assert asked.status_code == 200 and "Email these patients a new private link?" in asked.content.decode()
    assert client.get(old).status_code == 200  # not before confirming
    done = client.post(url, confirmed, follow=True)
    html = done.content.decode()
    assert f"A new private link is on its way to 1 patient(s) ({enquiry.reference})" in html
    assert "/my-enquiry/" not in html  # never shown to staff
    assert client.get(old).status_code == 404
    # Recorded in the history of the email, which only superusers see: the enquiry's history is open to
    # its centre, which is not to learn that she went to the grievance officer.
    notification = Notification.objects.get(enquiry=enquiry, kind="new_link")
    logged = LogEntry.objects.get(object_id=str(notification.pk), content_type__model="notification")
    assert logged.get_change_message() == "Emailed the patient a new private link at her request."
    assert not LogEntry.objects.filter(object_id=str(enquiry.pk), content_type__model="enquiry").exists()
    client.force_login(staff)
    history = client.get(reverse("admin:directory_enquiry_history", args=[enquiry.pk]))
    assert history.status_code == 200 and "private link" not in history.content.decode()
    notification_history = reverse("admin:directory_notification_history", args=[notification.pk])
    assert client.get(notification_history).status_code in (302, 403, 404)
    client.force_login(User.objects.get(username="root"))
    run_jobs()
    [message] = mail.outbox
    assert message.to == ["priya@example.com"]
    assert message.subject == f"आपकी पूछताछ {enquiry.reference} का नया निजी लिंक"
    new = re.search(r"https?://[^/\s]+(/hi/my-enquiry/[^/\s]+/)", message.body).group(1)
    assert new.removeprefix("/hi") != old
    page = client.get(new)
    assert page.status_code == 200 and "Priya Sharma" in page.content.decode()
    assert Notification.objects.get(enquiry=enquiry, kind="new_link").status == "sent"
    # She loses that one too: a third link, the second one dead.
    mail.outbox.clear()
    again = client.post(url, confirmed, follow=True)
    assert "A new private link is on its way to 1 patient(s)" in again.content.decode()
    assert client.get(new).status_code == 404
    run_jobs()
    [message] = mail.outbox
    third = re.search(r"https?://[^/\s]+(/hi/my-enquiry/[^/\s]+/)", message.body).group(1)
    assert client.get(third).status_code == 200
    assert list(
        Notification.objects.filter(enquiry=enquiry, kind="new_link").values_list("status", flat=True)
    ) == [
        "sent",
        "sent",
    ]


def test_no_link_is_sent_without_an_email_address_or_after_erasure(client, public_directory, run_jobs):
    from django.urls import reverse

    _, without_email = send(client, email="")
    _, erased = send(client, patient_name="Asha Rao", phone="9812345678")
    Enquiry.objects.filter(pk=erased.pk).erase_personal_data()
    run_jobs()
    mail.outbox.clear()
    client.force_login(User.objects.create_superuser("root", password="x"))
    url = reverse("admin:directory_enquiry_changelist")
    data = {"action": "send_new_link", "_selected_action": [without_email.pk, erased.pk]}
    asked = client.post(url, data).content.decode()
    assert f"<li>{without_email.reference} (" in asked and "no email address, nothing will be sent" in asked
    assert erased.reference not in asked
    html = client.post(url, {**data, "confirm": "yes"}, follow=True).content.decode()
    assert f"No email address for {without_email.reference}: no link sent." in html
    assert "on its way" not in html
    run_jobs()
    assert mail.outbox == []
    assert not Notification.objects.filter(kind="new_link").exists()
    old = Enquiry.objects.get(pk=without_email.pk)
    assert old.access_hash == without_email.access_hash  # her link still works


def test_centre_staff_never_learn_that_a_patient_asked_for_a_new_link(client, public_directory, settings):
    from django.core.management import call_command
    from django.urls import reverse

    from directory.models import NotificationStatus

    _, enquiry = send(client)
    assert notifications.send_new_link(enquiry)
    Notification.objects.filter(enquiry=enquiry).update(
        status=NotificationStatus.FAILED, last_error="SMTPException"
    )
    call_command("setup_roles", verbosity=0)
    staff = User.objects.create_user("centre", password="x" * 16, is_staff=True)
    staff.groups.add(Group.objects.get(name="Centre staff"))
    enquiry.hospital.staff.add(staff)
    board = dashboard_for(staff)
    assert {n.kind for n in board.failed} == {"new_enquiry", "confirmation"}
    client.force_login(staff)
    listing = client.get(reverse("admin:directory_notification_changelist"))
    assert sorted(n.kind for n in listing.context["cl"].result_list) == ["confirmation", "new_enquiry"]
    root = User.objects.create_superuser("root", password="x" * 16)
    assert {n.kind for n in dashboard_for(root).failed} == {"new_enquiry", "confirmation", "new_link"}
