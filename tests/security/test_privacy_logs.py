"""Privacy: patients' phone numbers, names and email addresses, and the calculator's dates, never reach
the logs: not in a message, not in an `extra` field, not in a formatted traceback, not in the JSON
lines the site writes for the log shipper. Every logger is turned up to DEBUG for these tests.
"""

import csv
import datetime
import io
import logging
import re

import pytest
from django.contrib.auth.models import Group
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError

from directory.models import Enquiry, EnquiryStatus
from portal.logging import JsonFormatter
from tests.client import FormClient
from tests.directory.public_data import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NAME, EMAIL = "Priya Sharmila", "priya.sharmila@example.com"
PHONES = ["+91 98765-43210", "098765 43210", "(+91) 98765.43210", "9876543210", "९८७६५ ४३२१०"]
LMP, CONCEPTION = "2025-12-17", "2025-12-31"
# Their due dates (Naegele: LMP + 280 days, + 3 for a 31-day cycle; conception + 266 days).
DUE_LMP_31_DAYS, DUE_LMP, DUE_CONCEPTION = "2026-09-26", "2026-09-23", "2026-09-23"


class Logs:
    def __init__(self, caplog, stream):
        self.caplog, self.stream = caplog, stream

    def text(self) -> str:
        parts = [self.stream.getvalue()]
        formatter = logging.Formatter()
        for record in self.caplog.records:
            parts.append(record.getMessage())
            parts.extend(repr(v) for k, v in vars(record).items() if k not in ("msg", "args"))
            if record.exc_info:
                parts.append(formatter.formatException(record.exc_info))
        return "\n".join(parts)

    def assert_clean(self, *secrets, written_only=False):
        text = self.stream.getvalue() if written_only else self.text()
        digits = re.sub(r"(?<=\d)[\s\-().]+(?=\d)", "", text)  # "98765 43210" and the like, joined
        assert "9876543210" not in digits, "a phone number reached the logs"
        assert "98765" not in digits
        for secret in (NAME, NAME.split()[1], EMAIL, "priya.sharmila", *secrets):
            assert secret.lower() not in text.lower(), f"{secret!r} reached the logs"
        return text


@pytest.fixture
def logs(caplog):
    """Every logger at DEBUG; the site's JSON handler writing into a buffer we can read."""
    caplog.set_level(logging.DEBUG)
    names = [
        name
        for name in logging.root.manager.loggerDict
        if isinstance(logging.getLogger(name), logging.Logger)
    ]
    levels = {name: logging.getLogger(name).level for name in names}
    for name in names:
        logging.getLogger(name).setLevel(logging.DEBUG)
    json_handlers = [h for h in logging.root.handlers if isinstance(h.formatter, JsonFormatter)]
    assert json_handlers, "the site's JSON log handler is not installed"
    stream = io.StringIO()
    old_streams = [h.setStream(stream) for h in json_handlers]
    yield Logs(caplog, stream)
    for handler, old in zip(json_handlers, old_streams, strict=True):
        handler.setStream(old)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def enquiry(phone, **overrides):
    return {
        "patient_name": NAME,
        "phone": phone,
        "email": EMAIL,
        "preferred_date": (TODAY + datetime.timedelta(days=3)).isoformat(),
        "message": f"Please call me on {phone} after 6 pm.",
        "consent": "on",
        "age": "adult",
        "website": "",
        **overrides,
    }


def test_enquiries_in_every_phone_format_leave_no_contact_details_in_the_logs(
    site, http, logs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n, phone in enumerate(PHONES):
            response = http.post("/doctors/asha-kulkarni/enquire/", enquiry(phone), REMOTE_ADDR=f"10.3.{n}.1")
            assert response.status_code == 302
        # Refused ones too: a bad email, a missing consent, the rate limit.
        bad = http.post("/packages/asha-normal-twin/enquire/", enquiry(PHONES[0], email="priya@"))
        assert bad.status_code == 200
        unconsented = http.post("/packages/asha-normal-twin/enquire/", enquiry(PHONES[1], consent=""))
        assert unconsented.status_code == 200
        for _ in range(6):
            limited = http.post("/doctors/asha-kulkarni/enquire/", enquiry(PHONES[2]), REMOTE_ADDR="10.4.0.1")
        assert limited.status_code == 429
    assert Enquiry.objects.count() == len(PHONES) + 5
    text = logs.assert_clean()
    assert "enquiry stored" in text  # the log does say what happened, by reference


def test_calculator_dates_never_reach_the_logs(site, http, logs):
    def due(date):
        return f'<time data-result="due-date" datetime="{date}">'

    # (url, data, status, what the answer shows: each date was really worked with, or refused)
    page, ics = "/due-date-calculator/", "/due-date-calculator/calendar.ics"
    posts = [
        (page, {"method": "lmp", "lmp": LMP, "cycle_length": "31"}, 200, due(DUE_LMP_31_DAYS)),
        (page, {"method": "conception", "conception_date": CONCEPTION}, 200, due(DUE_CONCEPTION)),
        (page, {"method": "lmp", "lmp": "2099-12-17"}, 200, 'id="lmp-lmp-error"'),  # in the future
        (ics, {"method": "lmp", "lmp": LMP}, 200, f"DTSTART;VALUE=DATE:{DUE_LMP.replace('-', '')}"),
        (ics, {"method": "ivf", "transfer_date": "2099-12-31"}, 400, ""),
    ]
    for url, data, status, shown in posts:
        response = http.post(url, data)
        assert response.status_code == status, f"{url} {data}: {response.status_code}"
        assert shown in response.content.decode(), f"{url} {data}: no {shown!r}"
    logs.assert_clean(
        LMP,
        CONCEPTION,
        "2099-12",
        DUE_LMP_31_DAYS,
        DUE_LMP,
        DUE_CONCEPTION,
        "17 December",
        "26 September",
        "23 September",
    )


class EchoingFailureBackend(BaseEmailBackend):
    """A mail server that refuses the message and quotes all of it back in the error."""

    def send_messages(self, messages):
        raise RuntimeError("550 refused: " + " | ".join(m.message().as_string() for m in messages))


def test_a_failing_email_send_logs_no_contact_details(site, http, logs, settings, run_jobs):
    settings.EMAIL_BACKEND = f"{__name__}.EchoingFailureBackend"
    response = http.post("/doctors/asha-kulkarni/enquire/", enquiry(PHONES[0]), REMOTE_ADDR="10.5.0.1")
    assert response.status_code == 302
    run_jobs()
    text = logs.assert_clean()
    assert '"message": "notification failed, will retry"' in text and "RuntimeError" in text


def test_staff_handling_an_enquiry_logs_no_contact_details(site, logs, django_user_model):
    from django.core.management import call_command

    call_command("setup_roles", stdout=io.StringIO())
    staff = django_user_model.objects.create_user("centre", password="x", is_staff=True)
    staff.groups.add(Group.objects.get(name="Centre staff"))
    for centre in site.doctors["asha-kulkarni"].hospitals.all():
        centre.staff.add(staff)
    client = FormClient(raise_request_exception=False)
    client.force_login(staff)
    item = Enquiry.objects.create(
        doctor=site.doctors["asha-kulkarni"],
        patient_name=NAME,
        phone="+919876543210",
        email=EMAIL,
        consent=True,
    )
    # Each step must really handle the contact details, or a clean log would prove nothing.
    listing = client.get("/admin/directory/enquiry/")
    assert listing.status_code == 200 and NAME in listing.content.decode()
    detail = client.get(f"/admin/directory/enquiry/{item.pk}/change/")
    assert detail.status_code == 200 and EMAIL in detail.content.decode()
    marked = client.post(
        "/admin/directory/enquiry/", {"action": "mark_contacted", "_selected_action": [item.pk]}
    )
    assert marked.status_code == 302
    item.refresh_from_db()
    assert item.status == EnquiryStatus.CONTACTED
    exported = client.post(
        "/admin/directory/enquiry/", {"action": "export_csv", "_selected_action": [item.pk]}
    )
    assert exported.status_code == 200 and exported["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [(row["patient_name"], row["email"]) for row in rows] == [(NAME, EMAIL)]
    logs.assert_clean()


def test_a_crash_while_storing_an_enquiry_logs_no_contact_details(site, http, logs, monkeypatch):
    def constraint_violation(self, *args, **kwargs):
        # What PostgreSQL says when a check constraint fails: the whole row is in the message.
        raise IntegrityError(
            'new row for relation "directory_enquiry" violates check constraint "enquiry_has_consent"\n'
            f"DETAIL:  Failing row contains (7, NM-ABC1234, {NAME}, +919876543210, {EMAIL}, f)."
        )

    monkeypatch.setattr(Enquiry, "save", constraint_violation)
    response = http.post("/doctors/asha-kulkarni/enquire/", enquiry(PHONES[0]), REMOTE_ADDR="10.6.0.1")
    assert response.status_code == 500
    assert "Priya" not in response.content.decode()
    # The crash is logged with its traceback, but what is written out carries no contact details.
    written = logs.assert_clean(written_only=True)
    assert "IntegrityError" in written and "DETAIL: [redacted]" in written
