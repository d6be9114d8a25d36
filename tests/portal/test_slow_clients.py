"""Clients that send their request slowly must not hold the whole site: gunicorn as configured by
gunicorn.conf.py (the production entry point, with two worker processes as `make serve` starts it)
still answers a normal visitor at once while several connections trickle their headers."""

import socket
import time
import urllib.request

from tests.e2e.server import _free_port, gunicorn_server


def test_slow_clients_do_not_hold_every_worker(tmp_path):
    port = _free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SECRET_KEY": "slow-client-test-" + "x" * 40,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "GRIEVANCE_OFFICER_NAME": "Test Officer",
        "GRIEVANCE_OFFICER_EMAIL": "grievance@example.in",
    }
    with gunicorn_server(env, port, tmp_path / "gunicorn.log", workers=2) as url:
        slow = []
        try:
            # Four connections, more than there are worker processes, each half way through its headers.
            for _ in range(4):
                connection = socket.create_connection(("127.0.0.1", port), timeout=5)
                connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                slow.append(connection)
            time.sleep(0.5)  # every slow connection has been accepted and is being read
            started = time.monotonic()
            with urllib.request.urlopen(f"{url}/healthz", timeout=10) as response:  # noqa: S310 (http on 127.0.0.1)
                assert response.status == 200
            assert time.monotonic() - started < 2
        finally:
            for connection in slow:
                connection.close()
