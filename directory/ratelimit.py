"""The enquiry rate limit: at most ENQUIRY_RATE_LIMIT stored enquiries per client address per window.

The count lives in the database, next to the enquiries themselves, so the limit is exact across every
app server and worker process and does not depend on the cache: if Redis is down, the limit still holds.
Counting and storing happen in one transaction that is serialised per client: on SQLite the write
transaction takes the database's write lock when it begins (transaction_mode IMMEDIATE); on
PostgreSQL a transaction-level advisory lock on the client's key does it. Many enquiries from one address
arriving at the same moment therefore cannot all slip under the limit.

Enquiries store a keyed hash of the address (`client_key`), never the address itself.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone


def client_address(request) -> str:
    """The connecting address. Forwarded-for headers are not trusted: anyone can send them."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def client_key(request) -> str:
    address = client_address(request).encode()
    return hmac.new(settings.SECRET_KEY.encode(), address, hashlib.sha256).hexdigest()[:32]


def lock_client(key: str) -> None:
    """Serialise, until the transaction ends, everything done for this client. Call inside atomic()."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(key[:15], 16)])
    # SQLite: the IMMEDIATE transaction already holds the database's write lock.


def over_limit(queryset, key: str) -> bool:
    """Whether this client has already used its allowance in the current window."""
    since = timezone.now() - timedelta(seconds=settings.ENQUIRY_RATE_WINDOW)
    return queryset.filter(client_key=key, created__gte=since).count() >= settings.ENQUIRY_RATE_LIMIT
