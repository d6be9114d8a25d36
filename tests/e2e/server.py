"""A production-shaped demo server (gunicorn, debug off, fresh SQLite database with the demo data) and the
page types of the site, shared by the browser journeys, the HTML check and `make screenshots`."""

import contextlib
import datetime
import functools
import hashlib
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "e2e-demo-password-2026"
ACCOUNTS = [
    ("admin", None, True),
    ("editor", "Editors", False),
    ("reviewer", "Medical reviewers", False),
    ("staff", "Centre staff", False),
]
# Staff who have not set up an authenticator app yet (the enrolment journeys, one per use).
NEWCOMERS = ["newcomer-phone", "newcomer-desktop", "newcomer-html"]


def totp_key(username: str) -> str:
    """The secret key (hex) of the account's authenticator app: fixed per account, test-only."""
    return hashlib.sha256(f"e2e-totp-{username}".encode()).hexdigest()[:40]


KEYS = {name: totp_key(name) for name, _, _ in ACCOUNTS}
CREATE_USERS = f"""
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_totp.models import TOTPDevice
from directory.models import Hospital
KEYS = {KEYS!r}
for name, group, superuser in {ACCOUNTS!r}:
    user, _ = User.objects.get_or_create(username=name, defaults={{"is_staff": True, "is_superuser": superuser}})
    user.set_password("{DEMO_PASSWORD}")
    user.save()
    if group:
        user.groups.add(Group.objects.get(name=group))
    if group == "Centre staff":  # as `seed_demo` does: the demo centre staff work for Mumbai's centres
        user.centres.set(Hospital.objects.filter(city__slug="mumbai"))
    # Every account signs in with a code from its authenticator app, whose key the journeys know.
    TOTPDevice.objects.update_or_create(
        user=user, name="Authenticator app", defaults={{"key": KEYS[name], "confirmed": True}}
    )
for name in {NEWCOMERS!r}:
    user, _ = User.objects.get_or_create(username=name, defaults={{"is_staff": True}})
    user.set_password("{DEMO_PASSWORD}")
    user.save()
    user.groups.add(Group.objects.get(name="Editors"))
"""

_last_step: dict[str, int] = {}


def totp_code(username: str, key_hex: str | None = None) -> str:
    """The code the account's authenticator app shows now, as a phone computes it (RFC 6238: 30-second
    steps, 6 digits). The server takes each code once, so a second sign-in in the same 30 seconds waits
    for the app's next code, as a person would."""
    from django_otp.oath import hotp

    key = bytes.fromhex(key_hex or totp_key(username))
    while (step := int(time.time()) // 30) <= _last_step.get(username, -1):
        time.sleep(30 - time.time() % 30 + 0.2)
    _last_step[username] = step
    return f"{hotp(key, step):06d}"


@dataclass
class DemoServer:
    url: str
    media_root: Path
    log: Path
    env: dict


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env, *args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        # What manage.py said goes into the failure, so that a CI log shows why.
        raise RuntimeError(
            f"manage.py {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        )
    return done


def _collectstatic(env, log: Path):
    """collectstatic into the server's own STATIC_ROOT, tried a second time if the first fails. Once in CI (the
    PostgreSQL pass of one run out of many) it exited 1 with its output unseen; the first failure is
    kept in the server's log so it can be read."""
    try:
        _manage(env, "collectstatic", "--noinput", "-v", "0")
    except RuntimeError as first:
        log.write_text(f"first collectstatic failed, tried again: {first}\n")
        _manage(env, "collectstatic", "--noinput", "-v", "0")


@functools.cache
def collected_static() -> str:
    """A directory of collected static files, made once per test process, for a server or a subprocess
    with debug off that renders pages without collecting its own (the manifest storage needs them).
    Nothing else writes there, and var/static is left to `make run`."""
    root = tempfile.mkdtemp(prefix="ninemonths-collected-static-")
    work = Path(tempfile.mkdtemp(prefix="ninemonths-collectstatic-"))
    _manage(server_env(work, STATIC_ROOT=root), "collectstatic", "--noinput", "-v", "0")
    return root


@contextlib.contextmanager
def demo_server(work: Path, port: int | None = None):
    """gunicorn with debug off on a fresh SQLite database in `work`, loaded with the demo data."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "e2e.sqlite3").unlink(missing_ok=True)
    # The journeys send more enquiries from 127.0.0.1 than the five an hour a patient may (the limit
    # itself is tested in tests/directory and, behind a proxy, in tests/portal/test_behind_proxy.py).
    # They also sign in far more often than the ten times a minute one address may try (portal/throttle.py,
    # tested in tests/portal/test_staff_sessions.py).
    env = server_env(work, ENQUIRY_RATE_LIMIT="100", ADMIN_LOGIN_RATE_LIMIT="1000")
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "seed_demo")
    _manage(env, "shell", "-v", "0", "-c", CREATE_USERS)
    _collectstatic(env, work / "collectstatic.log")
    port = port or _free_port()
    with gunicorn_server(env, port, work / "gunicorn.log") as url:
        yield DemoServer(url, work / "media", work / "gunicorn.log", env)


def server_env(work: Path, **extra: str) -> dict[str, str]:
    """The environment of a production-shaped app server (debug off) on a SQLite file in `work`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{work / 'e2e.sqlite3'}",
            "MEDIA_ROOT": str(work / "media"),
            # Its own static files: collectstatic never writes where another server (or `make run`) reads.
            "STATIC_ROOT": str(work / "static"),
            "DJANGO_SECRET_KEY": "e2e-only-secret-key-" + "z" * 40,
            "GRIEVANCE_OFFICER_NAME": "Meera Nair (grievance officer)",
            "GRIEVANCE_OFFICER_EMAIL": "grievance@ninemonths.example.in",
            "DJANGO_HTTPS": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            **extra,
        }
    )
    return env


@contextlib.contextmanager
def gunicorn_server(env: dict[str, str], port: int, log_path: Path, workers: int = 2):
    """gunicorn on 127.0.0.1:`port` until the block ends; yields its URL."""
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [
                gunicorn,
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_for(port, server, log_path)
            yield f"http://127.0.0.1:{port}"
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)


def _wait_for(port: int, server, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the server did not start:\n" + log_path.read_text()[-3000:]) from None
            time.sleep(0.2)


def media_handler(media_root: Path):
    """A Playwright route handler serving uploaded media as the production web server in front of
    gunicorn does (the app itself does not serve MEDIA_ROOT with debug off)."""
    root = media_root.resolve()

    def handle(route):
        relative = urllib.parse.unquote(urllib.parse.urlsplit(route.request.url).path).removeprefix("/media/")
        path = (root / relative).resolve()
        if path.is_file() and path.is_relative_to(root):
            route.fulfill(path=path)
        else:
            route.fulfill(status=404, body="not found")

    return handle


def today_in_india() -> datetime.date:
    """The server's "today" (the calculator counts in India time)."""
    return datetime.datetime.now(ZoneInfo("Asia/Kolkata")).date()


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own loopback server
        return response.read().decode()


def _first(pattern: str, html: str, what: str) -> str:
    match = re.search(pattern, html)
    if not match:
        raise AssertionError(f"the demo data has no {what}")
    return match.group(1)


def page_types(base: str) -> dict[str, str]:
    """One path of every public page type, found by following the demo site's own links."""
    articles = _get(f"{base}/articles/")
    article = _first(r'href="(/articles/(?!topics/)[\w-]+/)"', articles, "article")
    topic = _first(r'href="(/articles/topics/[\w-]+/)"', _get(base + article), "topic")
    doctor = _first(r'data-doctor="([\w-]+)"', _get(f"{base}/gynecologists/pune/"), "doctor in Pune")
    hospital = _first(r'href="(/hospitals/[\w-]+/)"', _get(f"{base}/doctors/{doctor}/"), "hospital")
    packages = re.findall(r'data-package="([\w-]+)"', _get(f"{base}/maternity-packages/bengaluru/"))
    if len(packages) < 3:
        raise AssertionError("the demo data has fewer than three packages in Bengaluru")
    return {
        "home": "/",
        "article-list": "/articles/",
        "article-search": "/articles/?q=sleep",
        "topic": topic,
        "article": article,
        "doctor-search": "/gynecologists/?language=marathi&gender=female&max_fee=1000&city=pune",
        "doctor-search-errors": "/gynecologists/?max_fee=abc&min_experience=-5&city=atlantis",
        "doctor-city": "/gynecologists/pune/",
        "doctor": f"/doctors/{doctor}/",
        "doctor-enquiry": f"/doctors/{doctor}/enquire/",
        "hospital": hospital,
        "package-search": "/maternity-packages/?delivery_type=caesarean&max_price=150000",
        "package-city": "/maternity-packages/bengaluru/",
        "package": f"/packages/{packages[0]}/",
        "package-enquiry": f"/packages/{packages[0]}/enquire/",
        "compare": "/maternity-packages/compare/?" + urllib.parse.urlencode([("p", p) for p in packages[:3]]),
        "calculator": "/due-date-calculator/",
        "site-search": "/search/?q=pune",
        "site-search-listing": "/search/?q=c+section+cost+hyderabad",
        "site-search-corrected": "/search/?q=cramsp",
        "site-search-empty": "/search/?q=zzzzqqq",
        "doctor-search-did-you-mean": "/gynecologists/?q=kulkarmi",
        "choose-city": "/choose-city/?city=&find=packages",
        "not-found": "/no-such-page/",
        "privacy": "/privacy/",
        "grievance": "/privacy/grievance/",
        "sitemap": "/sitemap/",
    }


def calculator_posts() -> dict[str, dict[str, str]]:
    """Form data for the calculator's result and error pages (a POST, exempt from CSRF)."""
    today = today_in_india()
    return {
        "calculator-result": {
            "method": "ultrasound",
            "scan_date": (today - datetime.timedelta(days=14)).isoformat(),
            "scan_weeks": "10",
            "scan_days": "0",
            "lmp": (today - datetime.timedelta(days=94)).isoformat(),
            "cycle_length": "28",
        },
        # A period date in the future and a cycle too long. (A date box never sends an impossible
        # date such as 2020-02-30; the form would echo it back into type=date, which HTML forbids.)
        "calculator-errors": {
            "method": "lmp",
            "lmp": (today + datetime.timedelta(days=10)).isoformat(),
            "cycle_length": "99",
        },
    }


def fetch_posted_pages(base: str, enquiry_path: str) -> dict[str, tuple[int, str]]:
    """The pages only a POST shows: calculator result and errors, enquiry errors and thank-you page."""
    pages = {}
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def post(path, data, referer=None):
        request = urllib.request.Request(  # noqa: S310 - our own loopback server
            base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": referer or base + path},
        )
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    for name, data in calculator_posts().items():
        pages[name] = post("/due-date-calculator/", data)
    with opener.open(base + enquiry_path, timeout=30) as response:
        token = _first(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode(), "CSRF token")
    enquiry = {"csrfmiddlewaretoken": token, "patient_name": "Priya Deshmukh", "phone": "98765 43210"}
    pages["enquiry-errors"] = post(enquiry_path, {**enquiry, "phone": "12345"})
    pages["enquiry-under-18"] = post(enquiry_path, {**enquiry, "consent": "on", "age": "no"})
    pages["enquiry-thanks"] = post(enquiry_path, {**enquiry, "consent": "on", "age": "adult"})
    private = _first(
        r'<a href="https?://[^"/]+(/my-enquiry/[^"/]+/)">', pages["enquiry-thanks"][1], "private link"
    )
    with opener.open(base + private, timeout=30) as response:
        pages["my-enquiry"] = response.status, response.read().decode()
    pages["my-enquiry-withdrawn"] = post(private, {"csrfmiddlewaretoken": token, "action": "withdraw"})
    return pages
