"""A per-address limit on sign-in attempts, checked before any password is hashed.

Each POST to /admin/login/ costs a password hash (about 220 ms of CPU with Django's PBKDF2), so one
address may make at most ADMIN_LOGIN_RATE_LIMIT attempts in any ADMIN_LOGIN_RATE_WINDOW (sixty seconds);
further attempts are answered 429 at once, with the seconds until a place frees in Retry-After.

The window slides: an address has ADMIN_LOGIN_RATE_LIMIT places in the cache, and an attempt goes ahead
only if it takes a free one, which then stays taken for the window. Taking a place is the cache's atomic
`add` (SET NX on Redis), so two app servers never take the same one, and however attempts are timed no
more than the limit go ahead in any sixty seconds (windows fixed to the clock's minutes let a burst at
the end of one minute and the start of the next have twice the limit). With Redis the places are shared
by every app server; the address is the one the enquiry limit and the lockout use
(directory.ratelimit.client_address). Refused attempts take no place. This bounds the CPU any one
address can spend; django-axes still locks a username after five failures from an address. If the
cache is unreachable, attempts are not counted (the lockout, kept in the database, still holds).
"""

import math
import time

from django.conf import settings
from django.core.cache import cache

from directory.ratelimit import client_address


def sign_in_attempts_exceeded(request) -> int:
    """Take a place for this attempt; 0 if it may go ahead, else the seconds until a place frees."""
    window = settings.ADMIN_LOGIN_RATE_WINDOW
    prefix = f"sign-in-attempt:{client_address(request)}:"
    places = [f"{prefix}{n}" for n in range(settings.ADMIN_LOGIN_RATE_LIMIT)]
    now = time.time()
    taken = cache.get_many(places)
    for place in places:
        if place not in taken and cache.add(place, now, timeout=window):
            return 0
    # Every place looked free was taken first by another request, or the cache is not answering.
    taken = cache.get_many(places)
    if len(taken) < len(places):  # a place is free yet could not be taken: the cache is not counting
        return 0
    return max(1, math.ceil(min(taken.values()) + window - now))
