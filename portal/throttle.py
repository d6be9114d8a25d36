"""A per-address limit on sign-in attempts, checked before any password is hashed.

Each POST to /admin/login/ costs a password hash (about 220 ms of CPU with Django's PBKDF2), so one
address may make at most ADMIN_LOGIN_RATE_LIMIT attempts in any ADMIN_LOGIN_RATE_WINDOW (sixty seconds);
further attempts are answered 429 at once, with the seconds until a place frees in Retry-After.

The window slides: an address has ADMIN_LOGIN_RATE_LIMIT places in the cache, and an attempt goes ahead
only if it takes a free one, which then stays taken for the window. Taking a place is the cache's atomic
`add` (SET NX on Redis), so two requests never take the same one, and however attempts are timed or
raced no more than the limit go ahead in any sixty seconds (windows fixed to the clock's minutes let a
burst at the end of one minute and the start of the next have twice the limit). With Redis the places
are shared by every app server; the address is the one the enquiry limit and the lockout use
(directory.ratelimit.client_address). Refused attempts take no place. This bounds the CPU any one
address can spend; django-axes still locks a username after five failures from an address.

If Redis cannot be reached, attempts are not counted (the lockout, kept in the database, still holds):
the first failed `add` says so, so a hung Redis costs an attempt two timeouts, not one per place.
"""

import math
import time

from django.conf import settings
from django.core.cache import cache

from directory.ratelimit import client_address
from portal.cache import UNREACHABLE

# Reads of the places when every free-looking one was taken first by a racing request; still contested
# after that, the attempt is refused for a second.
ROUNDS = 3


def _take(place: str, now: float, window: int) -> bool:
    """Take a place: True if it was free; raises UNREACHABLE when Redis does not answer."""
    add = getattr(cache, "add_or_raise", cache.add)  # (this process's memory never fails)
    return add(place, now, timeout=window)


def sign_in_attempts_exceeded(request) -> int:
    """Take a place for this attempt; 0 if it may go ahead, else the seconds until a place frees."""
    window = settings.ADMIN_LOGIN_RATE_WINDOW
    prefix = f"sign-in-attempt:{client_address(request)}:"
    places = [f"{prefix}{n}" for n in range(settings.ADMIN_LOGIN_RATE_LIMIT)]
    now = time.time()
    taken = cache.get_many(places)
    for _ in range(ROUNDS):
        free = [place for place in places if place not in taken]
        if not free:
            return max(1, math.ceil(min(taken.values()) + window - now))
        for place in free:
            try:
                if _take(place, now, window):
                    return 0
            except UNREACHABLE:
                return 0  # not counted: see the module's docstring
        taken = cache.get_many(places)  # every free one was taken first: read them again
    return 1
