"""Whole-page caching for anonymous visitors, invalidated the moment content changes.

Every cacheable response (GET or HEAD, status 200, no cookie set, not marked private or no-store,
not varying on Cookie) is stored under its path and the query parameters its view reads, with the
content version it was built from. A view names the parameters it reads in a `page_cache_params`
attribute (on the view function, or on the class of a class-based view); a request carrying any other
parameter (`?utm=1`, `?z=<random>`) is answered fresh and never stored, so no one can fill the cache
with copies of one page. The cache's memory is bounded (settings.CACHES: MAX_ENTRIES locally, Redis's
maxmemory policy when shared).
The version is a random token replaced after any change to a directory or article row commits; a page
built from another version is never served. With a per-process cache (local memory, one machine), or none
(DJANGO_CACHE=dummy), the token lives in a small file that every worker process reads (a few
microseconds, no database query), so an edit made through one worker shows at once on all of them.

Where the cache is shared by many machines (Redis), the token lives in Redis, and each new token is also
published on a Redis channel. Each worker process follows that channel from a thread of its own
(`VersionFeed`) and keeps a copy of the pages it serves in its own memory (bounded by
PAGE_CACHE_NEAR_ENTRIES), so while the feed is live a hit costs no round trip at all, as on one machine;
a page this process has not served yet comes from Redis in one round trip. When the feed has not heard
from Redis for a few seconds (Redis restarted, the connection lost), the process stops trusting it: the
version and the page are read from Redis in one round trip per request, as before, until the feed is
back (its own copies are then dropped). An edit is seen by the worker that made it at once and by the
others as soon as Redis delivers the message (a millisecond or so).

Requests that carry a session cookie (logged-in staff, a patient who just sent an enquiry) always
get a fresh page. Pages also expire after PAGE_CACHE_SECONDS, which bounds how late a scheduled
article or an expired package can appear or linger.
"""

import collections
import functools
import hashlib
import logging
import os
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import setting_changed
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import cc_delim_re, set_response_etag

from portal.cache import cleared as cache_cleared

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"
VERSION_CHANNEL = "content-version"  # where each new version is published (Redis)


def _shared_cache() -> bool:
    """Whether the cache is shared by every app server (Redis), so the version lives there. A process's
    own memory, or no cache at all (DJANGO_CACHE=dummy, which stores nothing), keeps it in the file:
    the search lexicon follows the version in every worker even with the cache off."""
    # `cache` is a proxy; the backend object itself is caches["default"].
    return not isinstance(caches["default"], (LocMemCache, DummyCache))


def _file_version() -> str:
    try:
        return Path(settings.PAGE_CACHE_VERSION_FILE).read_text()
    except FileNotFoundError:
        return ""


# The version is read once per request (a Redis read when Redis is the cache): by this middleware, or by
# the first other caller (the search lexicon asks several times per search). Outside a request, each call
# reads it. request_started / request_finished (connected in portal.apps) open and close a request's copy.
_request = threading.local()


def request_started(**kwargs) -> None:
    _request.version = None


def request_finished(**kwargs) -> None:
    _request.__dict__.pop("version", None)


def _remember(version: str) -> str:
    if hasattr(_request, "version"):
        _request.version = version
    return version


class VersionFeed:
    """This process's view of the content version published on Redis, and its own copies of pages.

    A daemon thread, started by the first request a process serves (so after gunicorn forks), subscribes
    to the version channel, reads the version once subscribed, then takes each new one as it is
    published. When nothing has come for PING_SECONDS it pings Redis on the channel's connection and
    reads the version again (so a version whose message was lost is followed within seconds).
    `version()` is the version while the feed has heard from Redis in the last STALE_SECONDS, else None:
    the caller reads it from Redis. A feed silent for longer subscribes again."""

    PING_SECONDS = 2.0
    STALE_SECONDS = 6.0

    def __init__(self):
        self._lock = threading.Lock()
        self._pid = None
        self._generation = 0  # a new one (settings changed, a fork) tells a running thread to stop
        self._version = None
        self._heard = 0.0  # time.monotonic() of the last word from Redis
        self._delivered = collections.deque(maxlen=64)  # the versions the channel has brought
        self.pages = LocMemCache(
            "ninemonths-near-pages",
            {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": getattr(settings, "PAGE_CACHE_NEAR_ENTRIES", 1000)}},
        )

    def version(self, start: bool = False) -> str | None:
        """The version the feed follows, or None when it is not live (or not started and `start` is
        false: management commands never start it)."""
        if start and self._pid != os.getpid():
            self._start()
        if self._version is not None and time.monotonic() - self._heard < self.STALE_SECONDS:
            return self._version
        return None

    def adopt(self, version: str) -> None:
        """This process's own edit, which it has just published: its next request sees it before Redis
        delivers the message, unless the channel has brought it (and maybe a newer one) already."""
        with self._lock:
            if self._version is not None and version not in self._delivered:
                self._version = version

    def stop(self) -> None:
        """Forget the feed and the copies (the cache settings changed); the next request starts anew."""
        with self._lock:
            self._generation += 1
            self._pid, self._version = None, None
            self.pages.clear()

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid, self._version = os.getpid(), None
            self._generation += 1
            self.pages.clear()  # copies made by the parent process are not trusted in a new one
            thread = threading.Thread(
                target=self._follow, args=(self._generation,), name="content-version-feed", daemon=True
            )
            thread.start()

    def _take(self, generation: int, version: str | None = None, heard: float | None = None) -> bool:
        """Record what the channel said, unless this thread is no longer the feed; whether it still is."""
        with self._lock:
            if generation != self._generation:
                return False
            if version is not None:
                self._version = version
                self._delivered.append(version)
            if heard is not None:
                self._heard = heard
            return True

    def _follow(self, generation: int) -> None:
        delay = 0.5
        while generation == self._generation:
            try:
                self._listen(generation)
                delay = 0.5
            except Exception as exc:  # noqa: BLE001 - whatever broke the connection, pages come from Redis
                with self._lock:
                    if generation == self._generation:
                        self._version = None
                logger.warning(
                    "content version feed lost (%s); trying again in %.1f s", type(exc).__name__, delay
                )
                time.sleep(delay)
                delay = min(delay * 2, 30.0)  # Redis down: a warning every 30 s at most, not every second

    def _subscribed(self, backend, generation: int):
        """A PubSub on the version channel, with the version read once subscribed (None if this thread
        is no longer the feed)."""
        pubsub = backend.subscribe(VERSION_CHANNEL)
        deadline = time.monotonic() + 5
        while (message := pubsub.get_message(timeout=1.0)) is None or message["type"] != "subscribe":
            if time.monotonic() > deadline:
                pubsub.close()
                raise TimeoutError("no subscription")
        # Subscribed first, then read: a version published in between arrives as a message too.
        version = backend.get_or_raise(VERSION_KEY, "")
        with self._lock:
            if generation != self._generation:
                pubsub.close()
                return None
            self.pages.clear()  # copies made before a lost connection may be of an older version
            self._version, self._heard = version, time.monotonic()
        return pubsub

    def _listen(self, generation: int) -> None:
        backend = caches["default"]
        pubsub = self._subscribed(backend, generation)
        if pubsub is None:
            return
        try:
            pinged = time.monotonic()
            while True:
                message = pubsub.get_message(timeout=0.5)
                now = time.monotonic()
                if message is not None and message["type"] == "message":
                    alive = self._take(generation, version=message["data"].decode(), heard=now)
                elif message is not None and message["type"] == "pong":
                    alive = self._take(generation, heard=now)
                else:
                    alive = self._take(generation)
                if not alive:
                    return
                if now - self._heard > self.STALE_SECONDS:
                    raise TimeoutError("Redis has not answered the feed's pings")
                if message is None and now - pinged >= self.PING_SECONDS:
                    pinged = now
                    pubsub.ping()
                    # Versions are stored and published together, so this is never older than the
                    # last message: it differs only if a message was lost.
                    stored = backend.get_or_raise(VERSION_KEY, "")
                    if stored != self._version:
                        self._take(generation, version=stored)
        finally:
            pubsub.close()


FEED = VersionFeed()


def _forget_feed(*, setting, **kwargs) -> None:
    if setting == "CACHES":
        FEED.stop()


def _cache_cleared(*, cache, **kwargs) -> None:
    """Redis was emptied (the version with it): a new version, so that no worker serves its own copies
    of the old pages, nor a page stored under the empty version before."""
    FEED.pages.clear()
    token = uuid.uuid4().hex
    _publish_version(token, cache)
    _remember(token)


setting_changed.connect(_forget_feed, dispatch_uid="portal-pagecache-feed")
cache_cleared.connect(_cache_cleared, dispatch_uid="portal-pagecache-cleared")


def forget() -> None:
    """Drop this process's copies of pages (tests, between which the database is rolled back)."""
    FEED.pages.clear()


def _read_version() -> str:
    if _shared_cache():
        version = FEED.version()
        return version if version is not None else cache.get(VERSION_KEY, "")
    return _file_version()


def current_version() -> str:
    """The content version pages are cached under now ("" before the first edit)."""
    version = getattr(_request, "version", None)
    return version if version is not None else _remember(_read_version())


def _publish_version(token: str, backend) -> None:
    """Store and publish a new version on Redis; this process follows it at once."""
    backend.set_and_publish(VERSION_KEY, token, VERSION_CHANNEL)
    FEED.adopt(token)


def bump_content_version(**kwargs) -> None:
    """Invalidate every cached page once the current transaction commits.

    A signal receiver for model saves and deletes; bulk writers (import, seed, admin actions that
    update querysets) call it directly."""

    def bump():
        token = uuid.uuid4().hex
        if _shared_cache():
            _publish_version(token, caches["default"])
        else:
            path = Path(settings.PAGE_CACHE_VERSION_FILE)
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            temporary.write_text(token)
            os.replace(temporary, path)  # atomic: readers see the old token or the new one
        _remember(token)  # the rest of this request sees its own edit

    transaction.on_commit(bump)


def page_cache_params(*names: str):
    """Decorator: the query parameters a view reads (apps set the attribute themselves)."""

    def mark(view):
        view.page_cache_params = frozenset(names)
        return view

    return mark


@functools.lru_cache(maxsize=4096)
def _view_params(path_info: str) -> frozenset[str] | None:
    """The query parameters the view serving `path_info` reads; None for a path no view serves."""
    try:
        match = resolve(path_info)
    except Resolver404:
        return None
    func = match.func
    declared = getattr(func, "page_cache_params", None)
    if declared is None:
        declared = getattr(getattr(func, "view_class", None), "page_cache_params", ())
    return frozenset(declared)


def _page_key(request) -> str | None:
    """The cache key of this request's page, or None when it must not come from or go to the cache
    (a parameter the view does not read, or a path no view serves)."""
    known = _view_params(request.path_info)
    if known is None or not known.issuperset(request.GET.keys()):
        return None
    # Parameters in name order, each one's values in the order sent (the last value is the one read).
    query = urlencode([(k, v) for k in sorted(request.GET) for v in request.GET.getlist(k)])
    # The page's language (set by PathLanguageMiddleware) is in the key as well as in its path (/hi/...):
    # a page is never served in another language than the one it was built in.
    language = getattr(request, "LANGUAGE_CODE", "")
    raw = f"{request.method}:{request.get_host()}:{language}:{request.path}?{query}:{timezone.localdate().isoformat()}"
    # "page2": entries are (version, expiry, response); an app server still running the code before
    # them, which stored (version, response) under "page:", never reads them, nor they its entries.
    return "page2:" + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def _cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    return "cookie" not in vary and "*" not in vary


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PAGE_CACHE_SECONDS", 300)

    @staticmethod
    def _lookup(key: str):
        """The stored entry for `key` (or None), the current version, and this process's own copies when
        they are in use (Redis, with the version feed live)."""
        if not _shared_cache():
            return cache.get(key), current_version(), None
        version = FEED.version(start=True)
        if version is None:
            found = cache.get_many([key, VERSION_KEY])  # the page and the version in one round trip
            return found.get(key), _remember(found.get(VERSION_KEY, "")), None
        _remember(version)
        near = FEED.pages
        entry = near.get(key)
        if entry is None or entry[0] != version:
            entry = cache.get(key)  # one round trip
            if entry is not None and entry[0] == version:
                near.set(key, entry, max(entry[1] - time.time(), 0))  # it expires when Redis's does
        return entry, version, near

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "messages" in request.COOKIES
            or request.path.startswith(settings.PAGE_CACHE_EXCLUDE)
        ):
            return self.get_response(request)

        key = _page_key(request)
        if key is None:
            return self.get_response(request)
        entry, version, near = self._lookup(key)
        # (version, when it expires, the response); the time is checked too, as Redis's clock is not ours.
        if entry is not None and entry[0] == version and entry[1] > time.time():
            return entry[2]

        response = self.get_response(request)
        if _cacheable(request, response):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if not response.has_header("ETag"):
                # Stored with its ETag, so ConditionalGetMiddleware does not hash the page on every hit.
                set_response_etag(response)
            entry = (version, time.time() + self.timeout, response)
            cache.set(key, entry, self.timeout)
            if near is not None:
                near.set(key, entry, self.timeout)
        return response
