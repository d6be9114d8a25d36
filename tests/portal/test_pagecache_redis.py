"""The page cache on Redis: each worker process follows the content version published on Redis and
serves the pages it has served before from its own memory, with no round trip, while that feed is live."""

import os
import time

import pytest
import redis
from django.core.cache import caches

from portal import pagecache
from portal.pagecache import FEED, VERSION_CHANNEL, VERSION_KEY
from tests.portal.test_pagecache import calls  # the test URLconf's views count their renders here
from tests.portal.test_settings import run_django

# Each pytest-xdist worker its own database (11, 10, ...), apart from the PostgreSQL run's (15, 14, ...).
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
DB = (11 - int(_WORKER.removeprefix("gw") or 0)) % 16
LOCATION = f"redis://127.0.0.1:6379/{DB}"


def _cache_settings(location=LOCATION):
    # As portal/settings.py configures Redis (REDIS_URL), on this worker's database.
    return {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "ninemonths",
            "TIMEOUT": 3600,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def redis_site(settings, db):
    try:
        redis.Redis.from_url(LOCATION, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("needs Redis on 127.0.0.1:6379")
    settings.ROOT_URLCONF = "tests.portal.test_pagecache"
    settings.CACHES = _cache_settings()
    caches["default"].clear()
    pagecache.forget()
    calls["n"] = 0
    yield
    caches["default"].clear()


def _until(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _live():
    """Start this process's feed and wait until it has subscribed and read the version."""
    _until(lambda: FEED.version(start=True) is not None)


class RoundTrips:
    """Counts the Redis clients handed out to this thread's cache: one per command sent."""

    def __init__(self, monkeypatch):
        self.n = 0
        client = caches["default"]._cache
        original = client.get_client

        def counting(*args, **kwargs):
            self.n += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(client, "get_client", counting)


def test_a_page_this_worker_served_before_costs_no_round_trip_to_redis(client, redis_site, monkeypatch):
    _live()
    assert client.get("/page/").content == b"render 1"  # built, stored in Redis and in this process
    trips = RoundTrips(monkeypatch)
    assert client.get("/page/").content == b"render 1"
    assert client.get("/page/?city=pune").content == b"render 2"
    assert trips.n == 2  # the new page: one read (a miss) and one write
    assert client.get("/page/?city=pune").content == b"render 2"
    assert trips.n == 2


def test_a_page_another_worker_stored_comes_from_redis_once(client, redis_site, monkeypatch):
    _live()
    client.get("/page/")
    pagecache.forget()  # as if another worker had built it: only Redis has it
    trips = RoundTrips(monkeypatch)
    assert client.get("/page/").content == b"render 1"
    assert client.get("/page/").content == b"render 1"
    assert trips.n == 1
    assert calls["n"] == 1


def test_an_edit_made_by_another_process_reaches_this_one_at_once(client, redis_site):
    _live()
    client.get("/page/")
    before = FEED.version()
    # Another app server saves an article: its bump sets the version in Redis and publishes it.
    other = run_django(
        "from portal.pagecache import bump_content_version; bump_content_version()",
        DJANGO_DEBUG="1",
        REDIS_URL=LOCATION,
    )
    assert other.returncode == 0, other.stderr
    published = caches["default"].get(VERSION_KEY)
    assert published not in (None, "", before)
    _until(lambda: FEED.version() == published, seconds=2)
    assert client.get("/page/").content == b"render 2"


def test_this_process_sees_its_own_edit_before_redis_delivers_it(
    client, redis_site, django_capture_on_commit_callbacks, monkeypatch
):
    _live()
    client.get("/page/")
    # The version is stored but its message never arrives.
    monkeypatch.setattr(
        caches["default"], "set_and_publish", lambda key, value, name: caches["default"].set(key, value, None)
    )
    with django_capture_on_commit_callbacks(execute=True):
        pagecache.bump_content_version()
    assert client.get("/page/").content == b"render 2"


def test_a_silent_feed_is_not_trusted_and_pages_come_from_redis_again(client, redis_site, monkeypatch):
    _live()
    client.get("/page/")
    # The feed has heard nothing from Redis for longer than STALE_SECONDS (its pings unanswered). Its
    # thread is stopped, so that nothing it hears meanwhile makes it live again.
    version = FEED.version()
    FEED.stop()
    FEED._pid, FEED._version = os.getpid(), version
    FEED._heard = time.monotonic() - FEED.STALE_SECONDS - 1
    assert FEED.version(start=True) is None
    trips = RoundTrips(monkeypatch)
    assert client.get("/page/").content == b"render 1"
    assert trips.n == 1  # the page and the version, read from Redis in one round trip
    caches["default"].set(VERSION_KEY, "changed-while-the-feed-was-silent", None)
    assert client.get("/page/").content == b"render 2"


def _kill_this_workers_feed():
    """Close this worker's feed connection from the Redis side (other workers' feeds are left alone:
    each follows its own database)."""
    admin = redis.Redis.from_url(LOCATION)
    feeds = [c for c in admin.client_list() if "P" in c["flags"] and c["db"] == str(DB)]
    assert len(feeds) == 1, feeds
    admin.client_kill_filter(_id=feeds[0]["id"])


def test_after_a_lost_connection_the_feed_comes_back_without_its_old_copies(client, redis_site):
    _live()
    client.get("/page/")
    version = FEED.version()
    assert len(FEED.pages._cache) == 1
    _kill_this_workers_feed()
    # A version published while this process could not hear it is read when the feed subscribes again.
    caches["default"].set(VERSION_KEY, "published-while-away", None)
    _until(lambda: FEED.version() == "published-while-away")
    assert FEED.version() != version
    assert len(FEED.pages._cache) == 0
    assert client.get("/page/").content == b"render 2"


def test_the_feed_hears_only_its_own_redis_database(client, redis_site):
    from portal.cache import ResilientRedisCache

    _live()
    caches["default"].set_and_publish(VERSION_KEY, "this-sites-version", VERSION_CHANNEL)
    _until(lambda: FEED.version() == "this-sites-version", seconds=2)
    # The same site name on another Redis database (no test worker's): another site, not this one.
    other_location = f"redis://127.0.0.1:6379/{0 if DB else 1}"
    other = ResilientRedisCache(other_location, {"KEY_PREFIX": "ninemonths"})
    redis.Redis.from_url(other_location).publish(other.channel(VERSION_CHANNEL), "another-sites-version")
    # delivered after the other
    caches["default"].set_and_publish(VERSION_KEY, "this-sites-next-version", VERSION_CHANNEL)
    _until(lambda: FEED.version() == "this-sites-next-version", seconds=2)
    assert "another-sites-version" not in FEED._delivered


def test_a_lost_message_is_made_good_when_the_feed_next_reads_the_version(client, redis_site, monkeypatch):
    monkeypatch.setattr(FEED, "PING_SECONDS", 0.2)
    _live()
    client.get("/page/")
    caches["default"].set(VERSION_KEY, "stored-but-never-published", None)
    _until(lambda: FEED.version() == "stored-but-never-published", seconds=3)
    assert client.get("/page/").content == b"render 2"


def test_an_edit_is_stored_and_published_together(redis_site):
    _live()
    listener = caches["default"].subscribe(VERSION_CHANNEL)
    _until(lambda: (m := listener.get_message(timeout=0.1)) is not None and m["type"] == "subscribe")
    pagecache._publish_version("v-42", caches["default"])
    _until(lambda: (m := listener.get_message(timeout=0.1)) is not None and m["data"] == b"v-42")
    assert caches["default"].get(VERSION_KEY) == "v-42"
    listener.close()


def test_this_processs_late_own_version_does_not_undo_a_newer_one(redis_site):
    _live()
    pagecache._publish_version("mine", caches["default"])
    caches["default"].set_and_publish(VERSION_KEY, "newer-from-another-server", VERSION_CHANNEL)
    _until(lambda: FEED.version() == "newer-from-another-server", seconds=2)
    FEED.adopt("mine")  # this process's thread, running late, after the channel brought both
    assert FEED.version() == "newer-from-another-server"


def test_a_copy_taken_from_redis_expires_when_redis_entry_does(client, redis_site, settings):
    import time_machine

    settings.PAGE_CACHE_SECONDS = 300
    _live()
    with time_machine.travel("2026-03-11 12:00 +0530", tick=False) as traveller:
        client.get("/page/")
        pagecache.forget()
        traveller.shift(200)
        assert client.get("/page/").content == b"render 1"  # from Redis: copied with 100 s to live
        (expiry,) = FEED.pages._expire_info.values()
        assert expiry == pytest.approx(time.time() + 100, abs=1)
        traveller.shift(101)
        assert client.get("/page/").content == b"render 2"  # both copies are out of date


def test_the_copies_are_bounded(redis_site, settings):
    for n in range(settings.PAGE_CACHE_NEAR_ENTRIES + 200):
        FEED.pages.set(f"page-{n}", n)
    assert len(FEED.pages._cache) <= settings.PAGE_CACHE_NEAR_ENTRIES == 1000


def test_management_commands_do_not_start_the_feed(redis_site):
    FEED.stop()
    assert FEED.version() is None
    # Read from Redis (emptied by the fixture, which publishes a new version), and no thread started.
    assert pagecache.current_version() == caches["default"].get(VERSION_KEY) != ""
    assert FEED._pid is None


def test_emptying_the_cache_anywhere_makes_every_process_copies_out_of_date(client, redis_site):
    _live()
    client.get("/page/")
    version = FEED.version()
    other = run_django(
        "from django.core.cache import cache; cache.clear()", DJANGO_DEBUG="1", REDIS_URL=LOCATION
    )
    assert other.returncode == 0, other.stderr
    new = caches["default"].get(VERSION_KEY)
    assert new not in (None, "", version)  # a new version, not the empty one
    _until(lambda: FEED.version() == new, seconds=2)
    assert client.get("/page/").content == b"render 2"
    client.get("/page/")
    caches["default"].clear()  # in this process: at once
    assert client.get("/page/").content == b"render 3"
