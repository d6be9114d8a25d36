"""A fixed-window rate limit per client address, kept in the shared cache.

`cache.add` creates the counter only if it is missing and `cache.incr` increments it atomically
(Redis INCR, or the local-memory cache's lock), so concurrent requests on many app servers sharing
Redis cannot both slip under the limit. The key holds a keyed hash of the address, never the address.
"""

import hashlib
import hmac
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_address(request) -> str:
    """The connecting address. Forwarded-for headers are not trusted: anyone can send them."""
    return request.META.get("REMOTE_ADDR") or "unknown"


class RateLimit:
    def __init__(self, scope: str, *, limit: int, window: int):
        self.scope, self.limit, self.window = scope, limit, window

    def key(self, request) -> str:
        digest = hmac.new(
            settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256
        ).hexdigest()[:32]
        return f"ratelimit:{self.scope}:{digest}"

    def allow(self, request) -> bool:
        """Count this request; False once the address has used up its allowance in this window."""
        key = self.key(request)
        try:
            cache.add(key, 0, timeout=self.window)
            try:
                count = cache.incr(key)
            except ValueError:  # the window expired between add and incr: start a new one
                cache.add(key, 1, timeout=self.window)
                count = 1
        except Exception as exc:  # noqa: BLE001 - a cache outage must not block patients
            logger.warning("rate limit %s unavailable: %s", self.scope, exc.__class__.__name__)
            return True
        if count > self.limit:
            logger.info("rate limit %s reached", self.scope, extra={"limit": self.limit})
            return False
        return True
