"""A per-address limit on sign-in attempts, checked before any password is hashed.

Each POST to /admin/login/ costs a password hash (about 220 ms of CPU with Django's PBKDF2), so one
address may make at most ADMIN_LOGIN_RATE_LIMIT attempts in each ADMIN_LOGIN_RATE_WINDOW (a minute);
further attempts in that minute are answered 429 at once. The count lives in the cache, so with Redis
it is shared by every app server; the address is the one the enquiry limit and the lockout use
(directory.ratelimit.client_address). This bounds the CPU any one address can spend; django-axes still
locks a username after five failures from an address. If the cache is unreachable, attempts are not
counted (the lockout, kept in the database, still holds).
"""

import time

from django.conf import settings
from django.core.cache import cache

from directory.ratelimit import client_address


def sign_in_attempts_exceeded(request) -> int:
    """Count this attempt; 0 if it may go ahead, else the seconds until the address may try again."""
    window = settings.ADMIN_LOGIN_RATE_WINDOW
    now = time.time()
    bucket = int(now // window)
    key = f"sign-in-attempts:{client_address(request)}:{bucket}"
    cache.add(key, 0, timeout=window * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # the count vanished between add and incr (evicted, or caching is turned off)
        count = None
    if count is None or count <= settings.ADMIN_LOGIN_RATE_LIMIT:
        return 0
    return max(1, int((bucket + 1) * window - now) + 1)
