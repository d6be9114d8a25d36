"""check_sources against real servers on 127.0.0.1 that behave badly: they hang, trickle, fail, redirect
forever or send 10 MB. Nothing here touches the internet."""

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from articles.linkcheck import Limits, check_url
from articles.models import LinkStatus, Source
from tests.factories import ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db

TEN_MB = 10 * 1024 * 1024


class BadServer(BaseHTTPRequestHandler):
    release = threading.Event()  # set when the test ends, so hanging handlers let go

    def log_message(self, *args):  # keep the test output clean
        pass

    def _send(self, status, headers=(), body=b""):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def _stream(self, total, declared):
        self.send_response(200)
        if declared:
            self.send_header("Content-Length", str(total))
        self.send_header("Connection", "close")
        self.end_headers()
        block = b"x" * 65536
        try:
            for _ in range(total // len(block)):
                self.wfile.write(block)
        except OSError:
            pass  # the checker stopped reading, as it should

    def _trickle(self):
        self.send_response(200)
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            while not self.release.wait(0.2):
                self.wfile.write(b"x")
                self.wfile.flush()
        except OSError:
            pass

    def do_GET(self):  # one branch per kind of bad server
        path = self.path.split("?")[0]
        if path in ("/ok", "/guidance/ok"):
            self._send(200, [("Content-Type", "text/html")], b"<html>fine</html>")
        elif path == "/hang":
            self.release.wait(30)
        elif path == "/trickle":
            self._trickle()
        elif path == "/error":
            self._send(500)
        elif path == "/forbidden":
            self._send(403)
        elif path == "/moved":
            self._send(301, [("Location", "/guidance/ok")])
        elif path.startswith("/forever/"):
            step = int(path.rsplit("/", 1)[1])
            self._send(302, [("Location", f"/forever/{step + 1}")])
        elif path == "/circle-a":
            self._send(302, [("Location", "/circle-b")])
        elif path == "/circle-b":
            self._send(302, [("Location", "/circle-a")])
        elif path == "/big":
            self._stream(TEN_MB, declared=False)
        elif path == "/big-declared":
            self._stream(TEN_MB, declared=True)
        else:
            self._send(404)


@pytest.fixture
def server():
    BadServer.release.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), BadServer)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    BadServer.release.set()
    httpd.shutdown()
    httpd.server_close()


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    call_command("check_sources", *args, stdout=out, stderr=err)
    return out.getvalue(), time.monotonic() - started


def cite(base, path, title):
    article = ArticleFactory(title=title)
    return SourceFactory(article=article, url=f"{base}{path}", title=title)


def test_each_failure_is_recorded_and_the_run_goes_on_within_its_time_limit(server):
    paths = {
        "/ok": "Working page",
        "/moved": "Moved page",
        "/hang": "Hanging server",
        "/trickle": "Trickling server",
        "/error": "Failing server",
        "/forbidden": "Refusing server",
        "/forever/0": "Endless redirects",
        "/circle-a": "Redirect loop",
        "/big": "Ten megabytes",
        "/big-declared": "Ten megabytes, declared",
    }
    sources = {path: cite(server, path, title) for path, title in paths.items()}
    before = timezone.now()
    out, seconds = run("--allow-private", "--timeout", "2", "--time-limit", "20", "--concurrency", "4")

    assert seconds < 8  # two 2-second stalls on four workers; nothing waits for the 30-second hang
    got = {}
    for path, source in sources.items():
        source.refresh_from_db()
        assert before <= source.link_checked <= timezone.now()
        got[path] = (source.link_status, source.link_problem)
    assert got == {
        "/ok": (LinkStatus.OK, ""),
        "/moved": (LinkStatus.OK, ""),
        "/hang": (LinkStatus.BROKEN, "no complete answer within 2 s"),
        "/trickle": (LinkStatus.BROKEN, "no complete answer within 2 s"),
        "/error": (LinkStatus.BROKEN, "HTTP 500"),
        "/forbidden": (LinkStatus.BLOCKED, "the site refused an automated check (HTTP 403)"),
        "/forever/0": (LinkStatus.BROKEN, f"more than 5 redirects; stopped at {server}/forever/6"),
        "/circle-a": (LinkStatus.BROKEN, f"the redirects go round in a loop (back to {server}/circle-a)"),
        "/big": (LinkStatus.BROKEN, "the page is larger than 5 MB; stopped reading"),
        "/big-declared": (LinkStatus.BROKEN, "the page is larger than 5 MB (10 MB); not read"),
    }
    assert f"BROKEN: {server}/error: HTTP 500 (cited in: Failing server)" in out
    assert f"REFUSED THE CHECK: {server}/forbidden:" in out
    assert f"{server}/ok" not in out
    assert "Checked 10 of 10 addresses in" in out
    assert "2 working, 7 broken, 1 refused the check." in out


def test_the_overall_time_limit_stops_new_checks_and_keeps_earlier_results(server):
    for n in range(4):
        cite(server, f"/hang?{n}", f"Hanging {n}")
    Source.objects.filter(url=f"{server}/hang?3").update(link_status=LinkStatus.OK)
    out, seconds = run("--allow-private", "--timeout", "5", "--time-limit", "1.5", "--concurrency", "1")
    assert seconds < 4
    assert "Checked 1 of 4 addresses" in out and "3 not checked (time limit)." in out
    checked = Source.objects.exclude(link_checked=None)
    assert [s.link_problem for s in checked] == ["no complete answer within 5 s"]
    assert Source.objects.get(url=f"{server}/hang?3").link_status == LinkStatus.OK  # kept


def test_one_address_cited_twice_is_fetched_once_and_recorded_on_both(server):
    first, second = cite(server, "/error", "First"), cite(server, "/error", "Second")
    out, _ = run("--allow-private", "--timeout", "2")
    assert "Checked 1 of 1 addresses" in out
    assert f"BROKEN: {server}/error: HTTP 500 (cited in: First; Second)" in out
    assert {Source.objects.get(pk=s.pk).link_status for s in (first, second)} == {LinkStatus.BROKEN}


def test_private_and_local_addresses_are_not_fetched_unless_allowed(server):
    source = cite(server, "/ok", "Local page")
    run("--timeout", "2")
    source.refresh_from_db()
    assert source.link_status == LinkStatus.BROKEN
    assert source.link_problem == "127.0.0.1 is a private or local address (127.0.0.1); not checked"


def test_check_url_keeps_to_the_deadline_it_is_given(server):
    started = time.monotonic()
    result = check_url(f"{server}/hang", Limits(timeout=10, allow_private=True), deadline=started + 1)
    assert time.monotonic() - started < 2.5
    assert result.status == LinkStatus.BROKEN


def test_unusable_addresses_are_reported_without_a_request():
    assert check_url("ftp://example.invalid/file").problem == "not an http or https address"


@pytest.mark.parametrize("option", ["--concurrency", "--timeout", "--time-limit", "--max-bytes"])
@pytest.mark.parametrize("value", ["0", "-3", "lots"])
def test_bad_options_are_refused_with_a_message(option, value):
    with pytest.raises(CommandError, match=option):
        call_command("check_sources", option, value, stdout=io.StringIO())


def test_the_admin_lists_articles_with_a_broken_source(admin_client, server):
    good = cite(server, "/ok", "Good links")
    bad = cite(server, "/error", "Bad links")
    run("--allow-private", "--timeout", "2")
    html = admin_client.get("/admin/articles/article/").content.decode()
    assert html.count("⚠ broken source") == 1
    broken = admin_client.get("/admin/articles/article/?links=broken")
    assert [a.title for a in broken.context["cl"].result_list] == ["Bad links"]
    change = admin_client.get(f"/admin/articles/article/{bad.article.pk}/change/").content.decode()
    assert "Broken on " in change and ": HTTP 500" in change
    change = admin_client.get(f"/admin/articles/article/{good.article.pk}/change/").content.decode()
    assert "Working on " in change
