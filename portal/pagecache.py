"""Whole-page caching for anonymous visitors, invalidated the moment content changes.

Every cacheable response (GET or HEAD, status 200, no cookie set, not marked private or no-store,
not varying on Cookie) is stored under its full URL. A single content version, bumped after any
change to a directory or article row commits, is stored with each page; a page built from an older
version is never served. Where the cache is shared (Redis), the version lives in the cache and is
fetched in the same round trip as the page; with a per-process cache (local memory) it is read from
the database, so every worker process sees an edit at once.

Requests that carry a session cookie (logged-in staff, a patient who just sent an enquiry) always
get a fresh page. Pages also expire after PAGE_CACHE_SECONDS, which bounds how late a scheduled
article or an expired package can appear or linger.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"


def _shared_cache() -> bool:
    return not isinstance(cache, LocMemCache)


def _db_version() -> int:
    from portal.models import ContentVersion

    row = ContentVersion.objects.filter(key=VERSION_KEY).values_list("version", flat=True).first()
    return row or 0


def bump_content_version(**kwargs) -> None:
    """Signal receiver: after the current transaction commits, invalidate every cached page."""

    def bump():
        from portal.models import ContentVersion

        updated = ContentVersion.objects.filter(key=VERSION_KEY).update(version=F("version") + 1)
        if not updated:
            ContentVersion.objects.get_or_create(key=VERSION_KEY, defaults={"version": 1})
        new = _db_version()
        if _shared_cache():
            cache.set(VERSION_KEY, new, timeout=None)

    transaction.on_commit(bump)


def _page_key(request) -> str:
    raw = (
        f"{request.method}:{request.get_host()}:{request.get_full_path()}:{timezone.localdate().isoformat()}"
    )
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
        try:
            if _shared_cache():
                found = cache.get_many([key, VERSION_KEY])
                entry, version = found.get(key), found.get(VERSION_KEY, 0)
            else:
                entry, version = cache.get(key), _db_version()
        except DatabaseError:
            return self.get_response(request)
        if entry is not None and entry[0] == version:
            return entry[1]

        response = self.get_response(request)
        if _cacheable(request, response):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            cache.set(key, (version, response), self.timeout)
        return response
