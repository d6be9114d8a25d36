"""Settings fail closed: the site refuses to start insecurely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3y-" + "x9Qz7" * 12


def run_django(code: str, **env_overrides: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update({"DJANGO_SETTINGS_MODULE": "portal.settings", **env_overrides})
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_missing_secret_key_with_debug_off_refuses_to_start():
    result = run_django("print('started')")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr
    assert "started" not in result.stdout


def test_debug_on_allows_a_dev_key():
    result = run_django("from django.conf import settings; print(settings.DEBUG)", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_https_protections_default_on_when_debug_is_off():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    result = run_django(code, DJANGO_SECRET_KEY=STRONG_KEY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "63072000"]


def test_https_can_be_switched_off_for_loopback():
    code = "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    result = run_django(code, DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_HTTPS="0")
    assert result.stdout.split() == ["False", "0"]


def test_a_garbled_flag_is_an_error_not_a_guess():
    result = run_django("print('started')", DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be 1 or 0" in result.stderr


@pytest.mark.parametrize(
    ("value", "message"), [("0", "from 1 to 1000"), ("5000", "from 1 to 1000"), ("ten", "from 1")]
)
def test_a_sign_in_limit_out_of_range_refuses_to_start(value, message):
    """(Each attempt reads as many places in the cache as the limit: portal/throttle.py.)"""
    result = run_django("print('started')", DJANGO_DEBUG="1", ADMIN_LOGIN_RATE_LIMIT=value)
    assert result.returncode != 0 and "started" not in result.stdout
    assert f"ADMIN_LOGIN_RATE_LIMIT must be a whole number {message}" in result.stderr


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({}, "django.core.cache.backends.locmem.LocMemCache"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/0"}, "portal.cache.ResilientRedisCache"),
        (
            {"DJANGO_CACHE": "dummy", "REDIS_URL": "redis://127.0.0.1:6379/0"},
            "django.core.cache.backends.dummy.DummyCache",
        ),
    ],
)
def test_cache_backend_follows_the_environment(env, backend):
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    result = run_django(code, DJANGO_DEBUG="1", **env)
    assert result.stdout.strip() == backend


def test_sqlite_default_is_tuned_for_a_web_server():
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA busy_timeout').fetchone()[0], "
        "connection.settings_dict['OPTIONS']['transaction_mode'], connection.settings_dict['NAME'].endswith('var/db.sqlite3'))"
    )
    result = run_django(code, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000", "IMMEDIATE", "True"]


def deploy_check(tmp_path, **overrides: str) -> subprocess.CompletedProcess:
    """`check --deploy` with HTTPS, a real key and an SMTP backend, changed by `overrides` (an empty value
    leaves that variable out)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DJANGO_SECRET_KEY": STRONG_KEY,
            "DJANGO_HTTPS": "1",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            **overrides,
        }
    )
    env = {name: value for name, value in env.items() if value != ""}
    # A database of its own: the one in var/ may hold the demo accounts of `make run`, which the deploy
    # check rightly reports (tests/portal/test_demo_accounts.py).
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_check_deploy_is_clean_with_https_and_a_real_key(tmp_path):
    result = deploy_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_is_clean_with_only_https_and_a_real_key(tmp_path):
    """CONTRACT.md: no issues with DJANGO_HTTPS=1 and a real key, the email backend left at its default
    (the console: with debug off the worker refuses to send through it, tests/directory/
    test_notification_delivery.py)."""
    result = deploy_check(tmp_path, DJANGO_EMAIL_BACKEND="")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_missing_grievance_officer_with_debug_off_refuses_to_start():
    env = {"DJANGO_SECRET_KEY": STRONG_KEY, "GRIEVANCE_OFFICER_NAME": "", "GRIEVANCE_OFFICER_EMAIL": ""}
    result = run_django("print('started')", **env)
    assert result.returncode != 0 and "started" not in result.stdout
    assert "GRIEVANCE_OFFICER_NAME and GRIEVANCE_OFFICER_EMAIL are required" in result.stderr


def test_sqlite_overwrites_erased_data():
    code = "from django.db import connection; c = connection.cursor(); print(c.execute('PRAGMA secure_delete').fetchone()[0])"
    result = run_django(code, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1"]


@pytest.mark.parametrize(("value", "expected"), [(None, "True"), ("0", "False"), ("1", "True")])
def test_email_goes_over_tls_unless_turned_off_for_a_plain_server_on_loopback(value, expected):
    env = {"DJANGO_DEBUG": "1"} | ({"DJANGO_EMAIL_USE_TLS": value} if value is not None else {})
    result = run_django("from django.conf import settings; print(settings.EMAIL_USE_TLS)", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
