"""Whole-page caching for anonymous visitors, invalidated the moment content changes.

Every cacheable response (GET or HEAD, status 200, no cookie set, not marked private or no-store,
not varying on Cookie) is stored under its path and the query parameters its view reads, with the
content version it was built from. A view names the parameters it reads in a `page_cache_params`
attribute (on the view function, or on the class of a class-based view); a request carrying any other
parameter (`?utm=1`, `?z=<random>`) is answered fresh and never stored, so no one can fill the cache
with copies of one page. The cache's memory is bounded (settings.CACHES: MAX_ENTRIES locally, Redis's
maxmemory policy when shared).
The version is a random token replaced after any change to a directory or article row commits; a page
built from another version is never served. Where the cache is shared by many machines (Redis), the
token lives in the cache and is fetched in the same round trip as the page; with a per-process cache
(local memory, one machine), or none (DJANGO_CACHE=dummy), it lives in a small file that every worker process reads (a few
microseconds, no database query), so an edit made through one worker shows at once on all of them.

Requests that carry a session cookie (logged-in staff, a patient who just sent an enquiry) always
get a fresh page. Pages also expire after PAGE_CACHE_SECONDS, which bounds how late a scheduled
article or an expired package can appear or linger.
"""

import functools
import hashlib
import logging
import os
import threading
import uuid
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import cc_delim_re, set_response_etag

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"


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


def _read_version() -> str:
    if _shared_cache():
        return cache.get(VERSION_KEY, "")
    return _file_version()


def current_version() -> str:
    """The content version pages are cached under now ("" before the first edit)."""
    version = getattr(_request, "version", None)
    return version if version is not None else _remember(_read_version())


def bump_content_version(**kwargs) -> None:
    """Invalidate every cached page once the current transaction commits.

    A signal receiver for model saves and deletes; bulk writers (import, seed, admin actions that
    update querysets) call it directly."""

    def bump():
        token = uuid.uuid4().hex
        if _shared_cache():
            cache.set(VERSION_KEY, token, timeout=None)
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
    return "page:" + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


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
        if _shared_cache():
            found = cache.get_many([key, VERSION_KEY])  # the page and the version in one round trip
            entry, version = found.get(key), _remember(found.get(VERSION_KEY, ""))
        else:
            entry, version = cache.get(key), current_version()
        if entry is not None and entry[0] == version:
            return entry[1]

        response = self.get_response(request)
        if _cacheable(request, response):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if not response.has_header("ETag"):
                # Stored with its ETag, so ConditionalGetMiddleware does not hash the page on every hit.
                set_response_etag(response)
            cache.set(key, (version, response), self.timeout)
        return response
