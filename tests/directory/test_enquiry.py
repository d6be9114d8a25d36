"""Enquiry forms: validation, honeypot, per-address rate limit, the centre that receives it, and its
notifications queued with it and sent by the worker."""

import datetime
import logging
import re
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache

from directory.forms import normalise_mobile
from directory.models import Enquiry, Hospital
from tests.directory.public_data import NOW, TODAY
from tests.factories import HospitalFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

DOCTOR_URL = "/doctors/asha-kulkarni/enquire/"
PACKAGE_URL = "/packages/asha-normal-twin/enquire/"


def valid(**overrides):
    data = {
        "patient_name": "Priya Sharma",
        "phone": "+91 98765-43210",
        "email": "priya@example.com",
        "preferred_date": (TODAY + datetime.timedelta(days=3)).isoformat(),
        "message": "Is an epidural available with this package?",
        "consent": "on",
        "age": "adult",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("9876543210", "+919876543210"),
        ("+91 98765 43210", "+919876543210"),
        ("+91-98765-43210", "+919876543210"),
        ("098765 43210", "+919876543210"),
        ("91 6000000000", "+916000000000"),
        ("(+91) 70000-00000", "+917000000000"),
        ("5876543210", None),  # mobiles start with 6-9
        ("987654321", None),
        ("98765432101", None),
        ("+1 9876543210", None),
        ("98765abcde", None),
        ("", None),
    ],
)
def test_indian_mobile_numbers_are_normalised(raw, expected):
    assert normalise_mobile(raw) == expected


def test_enquiry_form_page_is_never_cached(client, public_directory):
    response = client.get(DOCTOR_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Send an enquiry about Dr Asha Kulkarni</h1>" in html
    assert "csrfmiddlewaretoken" in html
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "I agree that Sahyadri Women&#x27;s Hospital may contact me" in html
    assert 'class="honeypot" aria-hidden="true"' in html


def test_doctor_enquiry_is_stored_normalised_and_redirects_to_the_reference(client, public_directory):
    response = client.post(DOCTOR_URL, valid())
    enquiry = Enquiry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/enquiries/thanks/{enquiry.reference}/"
    assert enquiry.doctor == public_directory.doctors["asha-kulkarni"]
    assert enquiry.package is None
    # The doctor's first active centre (by name) follows it up.
    assert enquiry.hospital == public_directory.hospitals["sahyadri"]
    assert enquiry.phone == "+919876543210"
    assert enquiry.patient_name == "Priya Sharma"
    assert enquiry.preferred_date == datetime.date(2026, 3, 14)
    assert enquiry.status == "new"
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert f'data-reference="{enquiry.reference}"' in thanks.content.decode()
    assert "no-store" in thanks["Cache-Control"]


def test_package_enquiry_goes_to_the_package_hospital(client, public_directory):
    client.post(PACKAGE_URL, valid(email="", preferred_date="", message=""))
    enquiry = Enquiry.objects.get()
    assert enquiry.package == public_directory.packages["asha-normal-twin"]
    assert enquiry.hospital == public_directory.hospitals["asha"]
    assert enquiry.email == "" and enquiry.preferred_date is None


def test_thank_you_page_is_only_for_the_browser_that_sent_the_enquiry(client, public_directory):
    from django.test import Client

    location = client.post(DOCTOR_URL, valid())["Location"]
    assert Client().get(location).status_code == 404
    assert client.get("/enquiries/thanks/NM-AAAAAAA/").status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"patient_name": ""}, "patient_name", "Enter your name"),
        ({"phone": ""}, "phone", "Enter your mobile number"),
        ({"phone": "12345"}, "phone", "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9"),
        ({"phone": "+44 7700 900123"}, "phone", "Enter a 10-digit Indian mobile number"),
        ({"email": "not-an-email"}, "email", "Enter an email address like name@example.com"),
        ({"preferred_date": "2026-03-10"}, "preferred_date", "Choose today or a later date"),
        ({"preferred_date": "2027-06-01"}, "preferred_date", "Choose a date within the next year"),
        ({"preferred_date": "31/02/2026"}, "preferred_date", "Enter the date as day, month and year"),
        ({"message": "x" * 1001}, "message", "Keep the message to 1000 characters or fewer (it has 1001)"),
        ({"consent": ""}, "consent", "Tick this box so that the centre may contact you"),
    ],
)
def test_invalid_enquiry_shows_the_message_next_to_the_field(
    client, public_directory, overrides, field, message
):
    data = valid(**overrides)
    if not data["consent"]:
        del data["consent"]
    response = client.post(DOCTOR_URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'id="id_{field}-error"' in html
    assert 'aria-invalid="true"' in html
    assert f'aria-describedby="id_{field}-error' in html
    assert "data-error-summary" in html
    assert html.count("<title>Error:") == 1
    assert not Enquiry.objects.exists()


def test_today_is_an_acceptable_preferred_date(client, public_directory):
    client.post(DOCTOR_URL, valid(preferred_date=TODAY.isoformat()))
    assert Enquiry.objects.get().preferred_date == TODAY


def test_filled_honeypot_gets_the_usual_thank_you_but_nothing_is_stored(client, public_directory):
    response = client.post(DOCTOR_URL, valid(website="http://spam.example"))
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you, your enquiry has been sent" in thanks.content.decode()
    assert not Enquiry.objects.exists()
    assert mail.outbox == []


def test_sixth_enquiry_from_one_address_within_an_hour_gets_a_polite_429(client, public_directory):
    for n in range(5):
        assert client.post(DOCTOR_URL, valid(patient_name=f"Patient {n}")).status_code == 302
    response = client.post(DOCTOR_URL, valid(patient_name="Patient 6"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "We could not send this enquiry yet" in html
    assert 'value="Patient 6"' in html and 'value="priya@example.com"' in html  # what she typed is kept
    assert '<a href="tel:02025400000">020 2540 0000</a>' in html  # and the centre's phone instead
    assert Enquiry.objects.count() == 5
    # Another address is not affected.
    other = client.post(PACKAGE_URL, valid(), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302
    # An hour later the address may send again.
    with time_machine.travel(NOW + datetime.timedelta(hours=1, seconds=1), tick=False):
        assert client.post(DOCTOR_URL, valid()).status_code == 302


def test_rate_limit_stores_a_keyed_hash_never_the_address(client, public_directory):
    client.post(DOCTOR_URL, valid(), REMOTE_ADDR="198.51.100.23")
    key = Enquiry.objects.get().client_key
    assert len(key) == 32 and int(key, 16) >= 0
    assert "198.51.100.23" not in key


def test_rate_limit_holds_without_the_cache(client, public_directory, monkeypatch):
    """The count lives in the database: a cache outage does not lift the limit."""
    monkeypatch.setattr(cache, "get", lambda *a, **k: None)
    monkeypatch.setattr(cache, "get_many", lambda *a, **k: {})
    for n in range(5):
        assert client.post(DOCTOR_URL, valid(patient_name=f"Patient {n}")).status_code == 302
    assert client.post(DOCTOR_URL, valid()).status_code == 429
    assert Enquiry.objects.count() == 5


def test_centre_is_emailed_by_the_worker_not_the_web_request(client, public_directory, run_jobs, settings):
    settings.SITE_URL = "https://ninemonths.example"
    client.post(DOCTOR_URL, valid(email=""))
    enquiry = Enquiry.objects.get()
    assert mail.outbox == []  # the request only queued it
    assert list(enquiry.notifications.values_list("kind", "status")) == [("new_enquiry", "pending")]
    run_jobs()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["enquiries@sahyadri.example"]
    assert enquiry.reference in message.subject
    assert "Dr Asha Kulkarni" in message.body
    assert f"https://ninemonths.example/admin/directory/enquiry/{enquiry.pk}/change/" in message.body
    # The email carries no patient details: staff read them in the admin.
    assert "98765" not in message.body and "Priya" not in message.body
    run_jobs()
    assert len(mail.outbox) == 1  # sent once, never again


def test_patient_who_gave_an_email_gets_a_confirmation_with_the_reference(client, public_directory, run_jobs):
    client.post(DOCTOR_URL, valid())
    run_jobs()
    enquiry = Enquiry.objects.get()
    to_patient = [m for m in mail.outbox if m.to == ["priya@example.com"]]
    assert len(mail.outbox) == 2 and len(to_patient) == 1
    assert to_patient[0].subject == f"Your enquiry {enquiry.reference}"
    assert "Sahyadri" in to_patient[0].body and "Dr Asha Kulkarni" in to_patient[0].body


def test_enquiry_is_kept_and_retried_without_the_phone_in_logs_when_the_mail_server_fails(
    client, public_directory, run_jobs, monkeypatch, caplog, settings
):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with caplog.at_level(logging.INFO):
        response = client.post(DOCTOR_URL, valid(email=""))
        run_jobs()
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    failures = [r for r in caplog.records if r.getMessage() == "notification failed, will retry"]
    assert len(failures) == 1
    assert failures[0].reference == enquiry.reference
    assert failures[0].error == "SMTPServerDisconnected"
    notification = enquiry.notifications.get()
    assert (notification.status, notification.attempts) == ("pending", 1)
    assert notification.next_attempt is not None
    for record in caplog.records:
        text = record.getMessage() + repr(vars(record))
        assert "98765" not in text and "9876543210" not in text
    assert client.get(response["Location"]).status_code == 200


def test_centre_without_an_email_address_keeps_the_enquiry(client, public_directory, run_jobs):
    client.post(PACKAGE_URL, valid(email=""))  # Asha Maternity Home has no email address
    run_jobs()
    enquiry = Enquiry.objects.get()
    assert mail.outbox == []
    assert list(enquiry.notifications.values_list("status", "last_error")) == [
        ("failed", "no address to send to")
    ]


@pytest.mark.parametrize("url", ["/doctors/retired/enquire/", "/packages/sahyadri-expired/enquire/"])
def test_no_enquiries_for_withdrawn_listings(client, public_directory, url):
    response = client.post(url, valid())
    assert response.status_code == 404
    assert "is no longer listed" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_unknown_listing_enquiry_is_404(client, public_directory):
    assert client.get("/doctors/nobody/enquire/").status_code == 404
    assert client.get("/packages/nothing/enquire/").status_code == 404


def test_enquiry_page_rejects_other_methods(client, public_directory):
    assert client.put(DOCTOR_URL).status_code == 405


def test_a_doctor_at_two_centres_lets_the_patient_choose_which_one_calls(client, public_directory, run_jobs):
    second = HospitalFactory(
        name="Kothrud Birth Centre", city=public_directory.cities["pune"], email="k@example.in"
    )
    public_directory.doctors["asha-kulkarni"].hospitals.add(second)
    form = client.get(DOCTOR_URL).content.decode()
    assert "Which centre should call you back?" in form
    assert "I agree that the centre I choose (Kothrud Birth Centre or Sahyadri Women&#x27;s Hospital)" in form
    missing = client.post(DOCTOR_URL, valid())
    assert (
        missing.status_code == 200
        and "Choose the centre you would like to hear from." in missing.content.decode()
    )
    assert Enquiry.objects.count() == 0
    response = client.post(DOCTOR_URL, valid(email="", centre=second.pk))
    assert response.status_code == 302
    assert Enquiry.objects.get().hospital == second
    run_jobs()
    assert [m.to for m in mail.outbox] == [["k@example.in"]]


def test_a_closed_centre_cannot_be_chosen(client, public_directory):
    closed = public_directory.hospitals["closed"]  # Dr Kulkarni's second centre, inactive
    response = client.post(DOCTOR_URL, valid(centre=closed.pk))
    assert response.status_code == 302  # one open centre: no choice offered, the open one receives it
    assert Enquiry.objects.get().hospital == public_directory.hospitals["sahyadri"]


def test_a_doctor_with_no_open_centre_takes_no_enquiries_and_says_why(client, public_directory):
    doctor = public_directory.doctors["asha-kulkarni"]
    Hospital.objects.filter(pk=public_directory.hospitals["sahyadri"].pk).set_active(False)
    page = client.get(DOCTOR_URL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "cannot take enquiries through us at the moment" in html
    assert 'href="/gynecologists/pune/"' in html
    assert client.post(DOCTOR_URL, valid()).status_code == 200
    assert Enquiry.objects.count() == 0
    profile = client.get(doctor.get_absolute_url()).content.decode()
    assert "/enquire/" not in profile


def test_thank_you_page_says_what_was_sent_to_whom_and_the_number_they_will_call(client, public_directory):
    response = client.post(DOCTOR_URL, valid(), follow=True)
    html = response.content.decode()
    assert 'href="/doctors/asha-kulkarni/">Dr Asha Kulkarni</a>' in html
    assert "Sahyadri Women&#x27;s Hospital</a>" in html
    assert '<a href="tel:02025400000">020 2540 0000</a>' in html
    assert "<dd data-phone>+91 98765 43210</dd>" in html


def test_the_error_summary_names_each_field_once_without_doubled_punctuation(client, public_directory):
    """A tick box's label is a sentence: its summary line is the message alone, not the sentence again
    ending in ".:"; other fields' lines start with their label."""
    data = valid(phone="12345")
    del data["consent"]
    html = client.post(DOCTOR_URL, data).content.decode()
    summary = html[html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))]
    lines = re.findall(r'<li><a href="#([^"]+)">([^<]+)</a></li>', summary)
    assert [target for target, _ in lines] == ["id_phone", "id_consent"]
    assert lines[0][1].startswith("Mobile number: Enter a 10-digit Indian mobile number")
    assert (
        lines[1][1]
        == "Tick this box so that the centre may contact you; we cannot send the enquiry without it."
    )
    assert ".:" not in summary
