"""Faults: the database, the cache (Redis) or the mail server is unreachable.

- Database down: /readyz says 503, /healthz still 200, public pages show the friendly 503 page
  (portal.middleware.DatabaseUnavailableMiddleware) and no page ever shows a traceback.
- Redis down: every page is served from the database, each cache failure is logged (not raised),
  enquiries are still accepted, and their rate limit (counted in the database) still holds.
- Mail server down or silent: the enquiry is stored, the patient sees the thank-you page, and the
  failure is logged with the reference only.
"""

import contextlib
import datetime
import logging
import socket

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from directory.models import Enquiry
from tests.directory.public_data import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

PHONE_DIGITS = "9876543210"
ENQUIRY = {
    "patient_name": "Priya Sharma",
    "phone": "+91 98765-43210",
    "email": "priya@example.com",
    "preferred_date": (TODAY + datetime.timedelta(days=3)).isoformat(),
    "message": "Is an epidural available?",
    "consent": "on",
    "age": "adult",
    "website": "",
}


# ---- Database unreachable ----


@contextlib.contextmanager
def database_down():
    """Every attempt to get a cursor fails the way a refused connection does."""

    def refuse(self, *args, **kwargs):
        raise OperationalError(
            'connection to server at "db" (10.0.0.5), port 5432 failed: Connection refused'
        )

    original = BaseDatabaseWrapper._cursor
    BaseDatabaseWrapper._cursor = refuse
    try:
        yield
    finally:
        BaseDatabaseWrapper._cursor = original


PUBLIC_PAGES = [
    ("get", "/", None),
    ("get", "/gynecologists/", None),
    ("get", "/gynecologists/pune/?max_fee=1000", None),
    ("get", "/maternity-packages/", None),
    ("get", "/doctors/asha-kulkarni/", None),
    ("get", "/articles/", None),
    ("get", "/articles/iron-in-pregnancy/", None),
    ("get", "/search/?q=iron", None),
    ("post", "/doctors/asha-kulkarni/enquire/", ENQUIRY),
]


def test_readyz_is_503_and_healthz_200_when_the_database_is_down(site, http):
    with database_down():
        ready = http.get("/readyz")
        alive = http.get("/healthz")
    assert (ready.status_code, ready.content) == (503, b"database unreachable")
    assert (alive.status_code, alive.content) == (200, b"ok")


@pytest.mark.parametrize(("method", "url", "data"), PUBLIC_PAGES, ids=[u for _, u, _ in PUBLIC_PAGES])
def test_database_down_never_shows_a_traceback(site, http, method, url, data):
    with database_down():
        response = getattr(http, method)(url, data or {})
    html = response.content.decode()
    assert response.status_code == 503
    assert "<h1>" in html and "Please try again in a few minutes" in html
    for leak in ("Traceback", "OperationalError", "10.0.0.5", "5432", "Connection refused"):
        assert leak not in html


@pytest.mark.parametrize(("method", "url", "data"), PUBLIC_PAGES, ids=[u for _, u, _ in PUBLIC_PAGES])
def test_database_down_gives_the_friendly_503_page(site, http, method, url, data):
    with database_down():
        response = getattr(http, method)(url, data or {})
    html = response.content.decode()
    assert response.status_code == 503
    assert "We are briefly unavailable" in html
    assert response.get("Retry-After")
    assert "no-store" in response.get("Cache-Control", "") or "no-cache" in response.get("Cache-Control", "")


# ---- Redis unreachable ----


@pytest.fixture
def redis_down(settings):
    """The shared cache points at a port where nothing listens (connections are refused at once)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "KEY_PREFIX": "ninemonths-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    from django.core.cache import caches

    assert type(caches["default"]).__name__ == "ResilientRedisCache"
    return caches["default"]


@pytest.mark.parametrize(
    ("method", "url", "data", "expected"),
    [
        ("get", "/", None, "Pregnancy care you can trust"),
        ("get", "/gynecologists/?q=kulkarni", None, 'data-doctor="asha-kulkarni"'),
        ("get", "/maternity-packages/pune/", None, 'data-package="asha-normal-twin"'),
        ("get", "/search/?q=iron", None, "Iron in pregnancy"),
        ("get", "/articles/iron-in-pregnancy/", None, "How much iron do I need?"),
        ("get", "/due-date-calculator/", None, 'name="method" value="lmp"'),
        ("post", "/due-date-calculator/", {"method": "lmp", "lmp": "2026-01-01"}, 'datetime="2026-10-08"'),
    ],
)
def test_pages_are_served_from_the_database_when_redis_is_down(
    site, http, redis_down, caplog, method, url, data, expected
):
    caplog.set_level(logging.WARNING)
    for _ in range(2):  # the second time, a working cache would have served the page
        response = getattr(http, method)(url, data or {})
        assert response.status_code == 200
        assert expected in response.content.decode()
    if method == "get":
        failures = [r for r in caplog.records if r.name == "portal.cache"]
        assert failures, "cache failures were not logged"
        assert all("failed: ConnectionError" in r.getMessage() for r in failures)


def test_readyz_reports_the_cache_when_redis_is_down(site, http, redis_down):
    response = http.get("/readyz")
    assert (response.status_code, response.content) == (503, b"cache unreachable")


def test_enquiries_are_accepted_and_still_limited_when_redis_is_down(
    site, http, redis_down, settings, caplog
):
    caplog.set_level(logging.INFO)
    limit = settings.ENQUIRY_RATE_LIMIT  # counted in the database, so an outage neither blocks nor opens it
    for n in range(limit):
        response = http.post("/doctors/asha-kulkarni/enquire/", ENQUIRY, REMOTE_ADDR="10.1.1.1")
        assert response.status_code == 302, n
        assert response["Location"].startswith("/enquiries/thanks/")
    refused = http.post("/doctors/asha-kulkarni/enquire/", ENQUIRY, REMOTE_ADDR="10.1.1.1")
    assert refused.status_code == 429
    other = http.post("/doctors/asha-kulkarni/enquire/", ENQUIRY, REMOTE_ADDR="10.1.1.2")
    assert other.status_code == 302
    assert Enquiry.objects.count() == limit + 1
    assert not any(PHONE_DIGITS in r.getMessage() for r in caplog.records)


# ---- Mail server down or silent ----


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends: connections are refused


@pytest.fixture
def silent_smtp():
    """A server that accepts the connection and then never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    yield server.getsockname()[1]
    server.close()


@pytest.mark.parametrize("failure", ["refused", "silent"])
def test_enquiry_is_stored_and_the_mail_failure_logged(
    site, http, settings, caplog, run_jobs, failure, request
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _closed_port() if failure == "refused" else request.getfixturevalue("silent_smtp")
    settings.EMAIL_TIMEOUT = 0.5
    caplog.set_level(logging.DEBUG)

    response = http.post("/doctors/asha-kulkarni/enquire/", ENQUIRY, REMOTE_ADDR="10.2.2.2")
    assert response.status_code == 302
    run_jobs()  # the worker tries to send what the enquiry owes
    enquiry = Enquiry.objects.get()
    assert response["Location"] == f"/enquiries/thanks/{enquiry.reference}/"
    assert enquiry.phone == "+919876543210" and enquiry.status == "new"
    assert http.get(response["Location"]).status_code == 200  # the thank-you page, in the same browser

    failed = [r for r in caplog.records if r.getMessage() == "notification failed, will retry"]
    assert len(failed) == enquiry.notifications.count() == 2  # to the centre, and the patient's copy
    assert failed[0].levelname == "WARNING"
    assert failed[0].reference == enquiry.reference
    assert set(enquiry.notifications.values_list("status", flat=True)) == {"pending"}
    expected = (
        {"ConnectionRefusedError"} if failure == "refused" else {"SMTPServerDisconnected", "TimeoutError"}
    )
    assert failed[0].error in expected
    for record in caplog.records:
        text = record.getMessage() + " " + " ".join(str(v) for v in vars(record).values())
        assert PHONE_DIGITS not in text and "98765" not in text
        assert "Priya" not in text and "priya@example.com" not in text
