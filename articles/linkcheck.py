"""Whether a source's address still answers: one GET, redirects followed by hand, hard limits.

`check_url()` never waits past its deadline (a watchdog closes the socket of a server that hangs or
trickles), follows at most `max_redirects` redirects (a loop or an endless chain is a broken link),
and reads at most `max_bytes` of the page (a bigger answer is reported, not downloaded). By default
it refuses addresses on private, loopback and link-local networks, so an address typed into the
admin cannot make the server probe its own network. Standard library only; no Django.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

USER_AGENT = "NineMonthsSourceCheck/1.0 (checks the sources cited in articles)"
REDIRECTS = {301, 302, 303, 307, 308}
REFUSALS = {401, 403, 429}  # the site answered but will not serve an automated check
CHUNK = 64 * 1024

OK, BROKEN, BLOCKED = "ok", "broken", "blocked"  # the values of articles.models.LinkStatus


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: str  # OK, BROKEN or BLOCKED
    problem: str = ""  # why, in words, when not OK
    final_url: str = ""


@dataclass(frozen=True)
class Limits:
    timeout: float = 15.0  # seconds for the whole check of one address, redirects included
    max_redirects: int = 5
    max_bytes: int = 5 * 1024 * 1024
    allow_private: bool = False


class LinkError(Exception):
    """A check that failed, with the reason in words."""


class _Pinned:
    """Connects to the address that was checked, not to whatever the name resolves to next."""

    def __init__(self, address: str, port: int, timeout: float, context: ssl.SSLContext | None):
        self.address, self.port, self.timeout, self.context = address, port, timeout, context

    def __call__(self, host: str) -> socket.socket:
        sock = socket.create_connection((self.address, self.port), timeout=self.timeout)
        return self.context.wrap_socket(sock, server_hostname=host) if self.context else sock


class _Connection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, opener: _Pinned):
        super().__init__(host, port, timeout=opener.timeout)
        self.opener = opener
        self.default_port = 443 if opener.context else 80  # so the Host header carries no default port
        self.raw_sock: socket.socket | None = None

    def connect(self):
        # Kept apart from self.sock, which http.client hands over to the response (and sets to None)
        # when the server will close the connection: the watchdog must still reach it.
        self.sock = self.raw_sock = self.opener(self.host)


def _resolve(host: str, port: int, allow_private: bool) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise LinkError(f"the host name {host} was not found") from exc
    address = infos[0][4][0]
    if not allow_private and not ipaddress.ip_address(address).is_global:
        raise LinkError(f"{host} is a private or local address ({address}); not checked")
    return address


def _open(url: str, limits: Limits, remaining: float) -> _Connection:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LinkError("not an http or https address")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _resolve(parts.hostname, port, limits.allow_private)
    context = ssl.create_default_context() if parts.scheme == "https" else None
    return _Connection(parts.hostname, port, _Pinned(address, port, remaining, context))


def _read_body(response: http.client.HTTPResponse, max_bytes: int, deadline: float) -> None:
    """Read the page to its end, or stop once it is bigger than `max_bytes` (or time is up: the
    watchdog then ends the read early, which must not pass for the end of the page)."""
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise LinkError(f"the page is larger than {_size(max_bytes)} ({_size(int(declared))}); not read")
    total = 0
    while chunk := response.read(CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise LinkError(f"the page is larger than {_size(max_bytes)}; stopped reading")
    if time.monotonic() >= deadline:
        raise TimeoutError


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _one_request(url: str, limits: Limits, deadline: float) -> tuple[int, str | None]:
    """GET `url`: (status, redirect target or None). Reads the body of a 2xx answer."""
    connection = _open(url, limits, max(deadline - time.monotonic(), 0.01))
    watchdog = threading.Timer(max(deadline - time.monotonic(), 0), _abort, args=(connection,))
    watchdog.start()
    try:
        connection.request("GET", _path(url), headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = connection.getresponse()
        if 200 <= response.status < 300:
            _read_body(response, limits.max_bytes, deadline)
        return response.status, response.getheader("Location")
    finally:
        watchdog.cancel()
        connection.close()


def _abort(connection: _Connection) -> None:
    """Wake a read that is blocked on a server that hangs or trickles (the deadline has passed)."""
    sock = connection.raw_sock
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)


def _verdict(url: str, status: int, final_url: str) -> LinkResult:
    if 200 <= status < 300:
        return LinkResult(url, OK, final_url=final_url)
    if status in REFUSALS:
        return LinkResult(url, BLOCKED, f"the site refused an automated check (HTTP {status})", final_url)
    return LinkResult(url, BROKEN, f"HTTP {status}", final_url)


def _follow(url: str, limits: Limits, deadline: float) -> LinkResult:
    seen = [url]
    current = url
    for _ in range(limits.max_redirects + 1):
        status, location = _one_request(current, limits, deadline)
        if status not in REDIRECTS:
            return _verdict(url, status, current)
        if not location:
            return LinkResult(url, BROKEN, f"HTTP {status} without a Location to follow", current)
        current = urljoin(current, location)
        if current in seen:
            return LinkResult(url, BROKEN, f"the redirects go round in a loop (back to {current})", current)
        seen.append(current)
    return LinkResult(
        url, BROKEN, f"more than {limits.max_redirects} redirects; stopped at {current}", current
    )


def _failure(url: str, exc: Exception, deadline: float, limits: Limits) -> LinkResult:
    if time.monotonic() >= deadline or isinstance(exc, TimeoutError | socket.timeout):
        return LinkResult(url, BROKEN, f"no complete answer within {limits.timeout:g} s")
    if isinstance(exc, LinkError):
        return LinkResult(url, BROKEN, str(exc))
    if isinstance(exc, ssl.SSLError):
        return LinkResult(url, BROKEN, f"secure connection failed ({exc.reason or exc})")
    if isinstance(exc, ConnectionRefusedError):
        return LinkResult(url, BROKEN, "the server refused the connection")
    if isinstance(exc, http.client.HTTPException):
        return LinkResult(url, BROKEN, f"not a valid HTTP answer ({type(exc).__name__})")
    return LinkResult(url, BROKEN, f"network error ({getattr(exc, 'strerror', None) or exc})")


def check_url(url: str, limits: Limits = Limits(), deadline: float | None = None) -> LinkResult:
    """Check one address within `limits.timeout` seconds (and before `deadline`, a time.monotonic()
    value, if that comes first)."""
    end = time.monotonic() + limits.timeout
    deadline = min(end, deadline) if deadline is not None else end
    try:
        return _follow(url, limits, deadline)
    except (LinkError, OSError, http.client.HTTPException, ValueError) as exc:
        return _failure(url, exc, deadline, limits)
