"""The enquiry rate limit: at most ENQUIRY_RATE_LIMIT stored enquiries per client address per window.

The count lives in the database, next to the enquiries themselves, so the limit is exact across every
app server and worker process and does not depend on the cache: if Redis is down, the limit still holds.
Counting and storing happen in one transaction that is serialised per client: on SQLite the write
transaction takes the database's write lock when it begins (transaction_mode IMMEDIATE); on
PostgreSQL a transaction-level advisory lock on the client's key does it. Many enquiries from one address
arriving at the same moment therefore cannot all slip under the limit.

Enquiries store a keyed hash of the address (`client_key`), never the address itself. Behind load
balancers, `client_address` reads the patient's address from X-Forwarded-For as far as the configured
number of trusted proxies (DJANGO_TRUSTED_PROXIES) vouches for it.
"""

import hashlib
import hmac
import ipaddress
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone


def _forwarded_for(request) -> list[str]:
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return [entry.strip() for entry in header.split(",") if entry.strip()]


def _as_client(address: str) -> str | None:
    """An address as one client counts: IPv4 as it is, IPv6 by its /64 network (one household or
    phone gets a whole /64); None if it is not an IP address."""
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return None
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)


def client_address(request) -> str:
    """The patient's address, as the enquiry limit and the sign-in lockout count it.

    With DJANGO_TRUSTED_PROXIES = N (load balancers in front), REMOTE_ADDR is the nearest proxy and
    each proxy appends the address it saw to X-Forwarded-For, so the client is the Nth entry from the
    right: the rightmost one no trusted proxy stands behind. Entries further left are whatever the
    client sent, and are never believed. With N = 0 the header is ignored altogether.
    """
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        chain = _forwarded_for(request)
        if len(chain) >= proxies:
            client = _as_client(chain[-proxies])
            if client:
                return client
    return _as_client(remote) or "unknown"


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
