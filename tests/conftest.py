"""Suite-wide fixtures, and the rule about skipping.

Tests that need something the machine may lack (Chromium, Java and the Nu HTML checker, a PostgreSQL
server) skip with the reason when it is missing, so a newcomer's `make test` still runs. Under
`CI=true` a skip is a failure instead, except the one kind CI expects: a test marked `postgres_only`
in the SQLite run, or `sqlite_only` in the PostgreSQL run (the other run covers it).
"""

import os

import pytest

from tests.client import FormClient

CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
VENDOR_MARKERS = {"postgres_only": "postgresql", "sqlite_only": "sqlite"}


def _vendor_skip(item) -> str | None:
    """The reason this test does not run on this database, or None when it does."""
    from django.db import connection

    for name, vendor in VENDOR_MARKERS.items():
        marker = item.get_closest_marker(name)
        if marker and connection.vendor != vendor:
            why = marker.kwargs.get("reason", "")
            return f"{name} (this run is on {connection.vendor}){': ' + why if why else ''}"
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        reason = _vendor_skip(item)
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if CI and report.skipped and not hasattr(report, "wasxfail") and _vendor_skip(item) is None:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = f"CI=true: this test may not be skipped in CI; it was skipped because: {reason}"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so cached pages never leak between tests."""
    from django.core.cache import cache

    from directory import lexicon

    def forget():
        cache.clear()  # with Redis, each process's own copies of pages go too (a new content version)
        lexicon.forget()  # what a search knows about words is kept in memory too

    forget()
    yield
    forget()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English, as each request does on an English URL. A page under /hi/ leaves
    Hindi active in its thread (PathLanguageMiddleware, like Django's LocaleMiddleware, sets the
    language for each request and does not put it back), and a later test in the same worker that
    calls code directly would otherwise see Hindi."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _staff_sign_in_with_two_factors(monkeypatch):
    """`client.force_login(user)` (and pytest-django's `admin_client`) stand for a staff member who
    signed in with a password and a one-time code: the session is verified by the account's app, as
    every admin page requires. `force_login(user, verified=False)` is a password-only session, for the
    tests of the two-factor sign-in itself."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None, *, verified=True):
        original(self, user, backend)
        if verified and user.is_staff:
            from tests.otp import verify_session

            verify_session(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def run_jobs(db, monkeypatch):
    """Run every job that is due now with the real worker (`manage.py db_worker --batch`), in the
    test's own transaction: the worker's between-jobs connection recycling is turned off, as it would
    close the test's connection."""
    from django.core.management import call_command

    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return run


@pytest.fixture
def client():
    """Django's test client, posting forms urlencoded as browsers do (tests/client.py)."""

    return FormClient()
