"""gunicorn's access log keeps no admin query string and no private-link token.

gunicorn reads gunicorn.conf.py from the directory it starts in (the repository root, as `make serve`,
the benchmarks and these tests start it); that names the logger class of portal/accesslog.py.
"""

import contextlib
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from portal.accesslog import safe_url
from tests.e2e.server import _free_port, _wait_for, collected_static, server_env

ROOT = Path(__file__).resolve().parents[2]
PHONE = "919876543210"
TOKEN = "Zk3pQ9vX2mL7wR4tY8uB1nC6"  # the shape of a private link's token


@pytest.mark.parametrize(
    "url, logged",
    [
        (f"/admin/directory/enquiry/?q=%2B{PHONE}", "/admin/directory/enquiry/?[removed]"),
        (f"/admin/login/?next=/admin/directory/enquiry/%3Fq%3D{PHONE}", "/admin/login/?[removed]"),
        (f"/my-enquiry/{TOKEN}/", "/my-enquiry/[token]/"),
        (f"/my-enquiry/{TOKEN}/?action=withdraw", "/my-enquiry/[token]/?[removed]"),
        (f"/hi/my-enquiry/{TOKEN}/", "/hi/my-enquiry/[token]/"),
        (f"/my%2Denquiry/{TOKEN}/", "/my-enquiry/[token]/"),  # Django routes the escaped path alike
        (
            f"https://ninemonths.example/admin/directory/enquiry/?q={PHONE}",
            "https://ninemonths.example/admin/directory/enquiry/?[removed]",
        ),
        (f"https://ninemonths.example/my-enquiry/{TOKEN}/", "https://ninemonths.example/my-enquiry/[token]/"),
        ("/gynecologists/?city=pune&max_fee=1000", "/gynecologists/?city=pune&max_fee=1000"),
        ("-", "-"),
    ],
)
def test_what_may_be_logged_of_a_url(url, logged):
    assert safe_url(url) == logged


FORMAT = (
    '%(h)s "%(r)s" %(s)s "%(f)s" U=%(U)s q=%(q)s loc=%({location}o)s raw=%({raw_uri}e)s '
    "qs=%({query_string}e)s ref=%({referer}i)s"
)


@contextlib.contextmanager
def gunicorn_with_access_log(tmp_path, *options):
    env = server_env(tmp_path, STATIC_ROOT=collected_static())  # debug off, a SQLite file of its own
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    port = _free_port()
    log = tmp_path / "access.log"
    with open(tmp_path / "server.log", "w") as out:
        server = subprocess.Popen(
            [
                gunicorn,
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--access-logfile",
                str(log),
                *options,
            ],
            cwd=ROOT,  # where gunicorn finds gunicorn.conf.py, as `make serve` starts it
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_for(port, server, tmp_path / "server.log")
            yield port, log
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)


def get(port, path, referer=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "127.0.0.1", **({"Referer": referer} if referer else {})}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def _line(text: str, marker: str) -> str:
    found = [line for line in text.splitlines() if marker in line]
    assert len(found) == 1, (marker, text)
    return found[0]


@pytest.mark.parametrize("log_format", ["default", "every-url-atom"])
def test_gunicorn_logs_no_admin_query_and_no_private_token(tmp_path, log_format):
    options = ["--access-logformat", FORMAT] if log_format != "default" else []
    with gunicorn_with_access_log(tmp_path, *options) as (port, log):
        assert get(port, f"/admin/directory/enquiry/?q=%2B{PHONE}") == 302  # to the sign-in page, with next=
        get(port, f"/my-enquiry/{TOKEN}/")
        get(port, "/healthz?probe=liveness", referer=f"http://127.0.0.1/admin/directory/enquiry/?q={PHONE}")
        get(port, "/healthz?from=private-link", referer=f"http://127.0.0.1/my-enquiry/{TOKEN}/")
    text = log.read_text()
    assert len(text.splitlines()) == 4, text
    # Each line found by its request: two worker processes (threaded) may write them in any order.
    admin, private, liveness, from_private = (
        _line(text, marker)
        for marker in ('"GET /admin/', '"GET /my-enquiry/', "probe=liveness", "from=private-link")
    )
    assert PHONE not in text and TOKEN not in text
    assert '"GET /admin/directory/enquiry/?[removed] HTTP/1.1" 302' in admin
    assert re.search(r'"GET /my-enquiry/\[token\]/ HTTP/1.1" \d{3} ', private)  # (no database here)
    assert '"GET /healthz?probe=liveness HTTP/1.1" 200' in liveness  # other queries are kept
    assert '"http://127.0.0.1/admin/directory/enquiry/?[removed]"' in liveness
    assert '"http://127.0.0.1/my-enquiry/[token]/"' in from_private
    if log_format != "default":
        assert "U=/admin/directory/enquiry/ q=[removed] loc=/admin/login/?[removed]" in admin
        assert "raw=/admin/directory/enquiry/?[removed] qs=[removed]" in admin
        assert "U=/my-enquiry/[token]/ q= " in private and "raw=/my-enquiry/[token]/" in private
        assert "ref=http://127.0.0.1/my-enquiry/[token]/" in from_private
