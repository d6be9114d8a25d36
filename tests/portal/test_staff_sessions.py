"""Staff sessions and sign-in attempts: eight idle hours end a session, `__Host-` cookies under HTTPS,
and at most ADMIN_LOGIN_RATE_LIMIT sign-in attempts a minute per address, refused before any hashing."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.e2e.server import collected_static
from tests.otp import app_device, current_code

ROOT = Path(__file__).resolve().parents[2]
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
PASSWORD = "a-long-correct-password"


@pytest.fixture
def asha(db):
    user = User.objects.create_user("asha", password=PASSWORD, is_staff=True, is_superuser=True)
    app_device(user)
    return user


def at(moment):
    return time_machine.travel(moment, tick=False)


def signed_in(client) -> bool:
    response = client.get("/admin/")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def test_a_staff_session_ends_after_eight_idle_hours_and_lives_on_while_used(client, asha):
    with at(START):
        code = current_code(asha.totpdevice_set.get())
        response = client.post("/admin/login/", {"username": "asha", "password": PASSWORD, "otp_token": code})
        assert response.status_code == 302
        cookie = response.cookies["sessionid"]
        assert cookie["max-age"] == 8 * 3600
    # Used every seven and a half hours, the session outlives its first eight hours.
    for hours in (7.5, 15, 22.5):
        with at(START + datetime.timedelta(hours=hours)):
            assert signed_in(client), hours
    # Eight hours and a minute without a request end it.
    with at(START + datetime.timedelta(hours=22.5, minutes=8 * 60 + 1)):
        assert not signed_in(client)


def session_writes(client, path) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return sum(q["sql"].startswith('UPDATE "django_session"') for q in queries.captured_queries), response


def test_a_session_is_written_again_at_most_once_a_minute(client, asha):
    with at(START):
        client.force_login(asha)
        assert session_writes(client, "/admin/")[0] == 0  # just signed in: just refreshed
    with at(START + datetime.timedelta(seconds=30)):
        writes, response = session_writes(client, "/admin/password_change/")
        assert writes == 0 and "sessionid" not in response.cookies
    with at(START + datetime.timedelta(seconds=90)):
        writes, response = session_writes(client, "/admin/password_change/")
        assert writes == 1 and response.cookies["sessionid"]["max-age"] == 8 * 3600


def test_a_public_page_without_a_session_is_not_made_to_vary_on_cookies(client, db):
    response = client.get("/healthz")
    assert "Cookie" not in response.get("Vary", "") and not response.cookies


def test_cookies_carry_the_host_prefix_under_https():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DJANGO_SECRET_KEY": "cookie-test-key-" + "w" * 40,
            "DJANGO_HTTPS": "1",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "STATIC_ROOT": collected_static(),  # the sign-in page names its hashed static files
        }
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; from django.test import Client; "
        "print(s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_PATH, s.SESSION_COOKIE_DOMAIN); "
        "print(s.CSRF_COOKIE_NAME, s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_PATH, s.CSRF_COOKIE_DOMAIN); "
        "r = Client().get('/admin/login/', secure=True); print(r.status_code); print(r.cookies.output())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == ["__Host-sessionid True / None", "__Host-csrftoken True / None", "200"]
    set_cookie = lines[3]
    assert set_cookie.startswith("Set-Cookie: __Host-csrftoken=")
    assert "; Path=/" in set_cookie and "; Secure" in set_cookie and "Domain" not in set_cookie


def test_plain_http_on_loopback_keeps_the_plain_names(settings):
    assert (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME) == ("sessionid", "csrftoken")


# ---- At most ADMIN_LOGIN_RATE_LIMIT sign-in attempts a minute per address, before any hashing


@pytest.fixture
def hashes(monkeypatch):
    count = {"n": 0}
    verify, encode = MD5PasswordHasher.verify, MD5PasswordHasher.encode

    def counting(method):
        def wrapper(self, *args, **kwargs):
            count["n"] += 1
            return method(self, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(MD5PasswordHasher, "verify", counting(verify))
    monkeypatch.setattr(MD5PasswordHasher, "encode", counting(encode))
    return count


def attempt(client, address, n=0):
    return client.post(
        "/admin/login/",
        {"username": f"guess{n}", "password": "a-guessed-password", "otp_token": "123456"},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def local_cache(settings):
    """This process's memory as the cache, whose entries expire on the clock time_machine moves (Redis's do
    not), for the tests that travel past the end of a minute."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    cache.clear()


def test_the_eleventh_attempt_in_a_minute_is_refused_before_any_password_is_hashed(
    client, db, hashes, local_cache
):
    with at(START):
        for n in range(10):
            assert attempt(client, "203.0.113.7", n).status_code == 200  # the form, with its message
        hashed = hashes["n"]
        assert hashed >= 10
        refused = attempt(client, "203.0.113.7", 10)
        assert refused.status_code == 429
        assert hashes["n"] == hashed  # refused before the password was looked at
        html = refused.content.decode()
        assert "Too many sign-in attempts from your connection" in html
        assert "one connection may try to sign in 10 times a minute" in html
        assert refused["Retry-After"] == "60"
        # Another address (another member of staff) is not held up.
        assert attempt(client, "198.51.100.4").status_code == 200
        # Looking at the sign-in page is not an attempt.
        assert client.get("/admin/login/", REMOTE_ADDR="203.0.113.7").status_code == 200
    with at(START + datetime.timedelta(seconds=61)):
        assert attempt(client, "203.0.113.7", 11).status_code == 200


def test_the_limit_follows_the_setting(client, db, settings):
    settings.ADMIN_LOGIN_RATE_LIMIT = 2
    with at(START):
        assert [attempt(client, "203.0.113.9", n).status_code for n in range(3)] == [200, 200, 429]


def test_a_burst_across_the_end_of_a_minute_still_gets_ten_attempts_in_any_sixty_seconds(
    client, db, local_cache
):
    with at(START + datetime.timedelta(seconds=59.5)):
        assert {attempt(client, "203.0.113.7", n).status_code for n in range(10)} == {200}
    with at(START + datetime.timedelta(seconds=60.5)):
        refused = attempt(client, "203.0.113.7", 10)
        assert refused.status_code == 429
        assert refused["Retry-After"] == "59"
    with at(START + datetime.timedelta(seconds=119.4)):
        assert attempt(client, "203.0.113.7", 11).status_code == 429
    with at(START + datetime.timedelta(seconds=119.6)):
        assert [attempt(client, "203.0.113.7", n).status_code for n in range(12, 23)] == [200] * 10 + [429]


def test_attempts_spread_over_a_minute_free_their_places_one_by_one(client, db, local_cache):
    for second in range(0, 50, 5):
        with at(START + datetime.timedelta(seconds=second)):
            assert attempt(client, "203.0.113.7", second).status_code == 200
    with at(START + datetime.timedelta(seconds=59)):
        refused = attempt(client, "203.0.113.7", 59)
        assert (refused.status_code, refused["Retry-After"]) == (429, "1")
    with at(START + datetime.timedelta(seconds=60.5)):  # the attempt at 0 s has left the last minute
        assert attempt(client, "203.0.113.7", 60).status_code == 200
        assert attempt(client, "203.0.113.7", 61)["Retry-After"] == "5"


def test_without_a_reachable_cache_attempts_are_not_counted(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with at(START):
        assert {attempt(client, "203.0.113.7", n).status_code for n in range(12)} == {200}


# ---- The limit under races and with Redis in trouble (review)


def sign_in_request(address="203.0.113.7"):
    from django.test import RequestFactory

    return RequestFactory().post("/admin/login/", REMOTE_ADDR=address)


def test_requests_racing_for_a_place_that_frees_get_one_attempt_between_them(local_cache, monkeypatch):
    """Eight requests (two app servers, four workers each) arrive while all ten places are taken, and
    the oldest place frees while they are between reading the places and trying them: one of them, or
    the next attempt, goes ahead; not all eight."""
    import threading

    from django.core.cache.backends.locmem import LocMemCache

    from portal.throttle import sign_in_attempts_exceeded

    for _ in range(10):
        assert sign_in_attempts_exceeded(sign_in_request()) == 0
    racing = 8
    arrived, freed = threading.Barrier(racing + 1), threading.Event()
    real_get_many, first = LocMemCache.get_many, threading.local()

    def get_many(self, keys, *args, **kwargs):
        result = real_get_many(self, keys, *args, **kwargs)
        if not getattr(first, "done", False):
            first.done = True
            arrived.wait(timeout=10)
            freed.wait(timeout=10)
        return result

    monkeypatch.setattr(LocMemCache, "get_many", get_many)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(sign_in_attempts_exceeded(sign_in_request())))
        for _ in range(racing)
    ]
    for thread in threads:
        thread.start()
    arrived.wait(timeout=10)
    cache.delete("sign-in-attempt:203.0.113.7:0")  # the oldest place's sixty seconds are over
    freed.set()
    for thread in threads:
        thread.join()
    monkeypatch.undo()
    went_ahead = results.count(0) + (sign_in_attempts_exceeded(sign_in_request()) == 0)
    assert went_ahead == 1


@pytest.fixture
def hung_redis():
    """A server that accepts connections and never answers (Redis stuck, or a half-open network)."""
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(100)
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    server.close()


@pytest.mark.parametrize("limit", [10, 1000])
def test_with_redis_hung_an_attempt_waits_two_timeouts_whatever_the_limit(settings, hung_redis, limit):
    import time

    from portal.throttle import sign_in_attempts_exceeded

    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": hung_redis,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.ADMIN_LOGIN_RATE_LIMIT = limit
    started = time.monotonic()
    assert sign_in_attempts_exceeded(sign_in_request()) == 0  # not counted, as when Redis is down
    assert time.monotonic() - started < 1.6


@pytest.mark.postgres_only(reason="the suite's PostgreSQL pass is the one with Redis as its cache")
def test_on_redis_every_attempt_that_goes_ahead_took_a_place_however_many_race(settings, monkeypatch):
    """Twelve threads hammer one address for two seconds with a one-second window."""
    import threading
    import time

    from portal.cache import ResilientRedisCache
    from portal.throttle import sign_in_attempts_exceeded

    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs Redis (REDIS_URL), as .ci/run's PostgreSQL pass has")

    settings.ADMIN_LOGIN_RATE_WINDOW = 1
    cache.clear()
    real_add = ResilientRedisCache.add_or_raise
    counts, lock = {"taken": 0, "allowed": 0}, threading.Lock()

    def add_or_raise(self, *args, **kwargs):
        took = real_add(self, *args, **kwargs)
        if took:
            with lock:
                counts["taken"] += 1
        return took

    monkeypatch.setattr(ResilientRedisCache, "add_or_raise", add_or_raise)
    stop = time.monotonic() + 2

    def hammer():
        while time.monotonic() < stop:
            if sign_in_attempts_exceeded(sign_in_request()) == 0:
                with lock:
                    counts["allowed"] += 1

    threads = [threading.Thread(target=hammer) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cache.clear()
    assert counts["allowed"] == counts["taken"] and 10 <= counts["taken"] <= 40


@pytest.mark.parametrize(("path", "queries"), [("/healthz", 0), ("/readyz", 1)])
def test_health_probes_never_read_or_extend_a_session(client, asha, django_assert_num_queries, path, queries):
    """CONTRACT.md: /healthz touches nothing, even when the prober carries a signed-in session cookie
    whose refresh is due; /readyz runs only its own SELECT 1."""
    with at(START):
        client.force_login(asha)
    with at(START + datetime.timedelta(hours=1)), django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
