"""Browser journeys: a production-shaped server (gunicorn, debug off) on its own demo database, driven
by Playwright in Debian's Chromium at a phone and a desktop viewport."""

import datetime
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
DEMO_PASSWORD = "e2e-demo-password-2026"
SERVER = {}  # facts about the running e2e server, for fixtures that need them
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def pytest_collection_modifyitems(config, items):
    missing = not Path(CHROMIUM).exists()
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)
            if missing:
                item.add_marker(
                    pytest.mark.skip(reason=f"needs Chromium at {CHROMIUM} (apt-get install chromium)")
                )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    )


CREATE_USERS = f"""
from django.contrib.auth.models import Group, User
for name, group, superuser in [("admin", None, True), ("editor", "Editors", False),
                               ("reviewer", "Medical reviewers", False), ("staff", "Centre staff", False)]:
    user, _ = User.objects.get_or_create(username=name, defaults={{"is_staff": True, "is_superuser": superuser}})
    user.set_password("{DEMO_PASSWORD}")
    user.save()
    if group:
        user.groups.add(Group.objects.get(name=group))
"""


@pytest.fixture(scope="session")
def live_url(tmp_path_factory):
    """gunicorn with debug off on a fresh SQLite database loaded with the demo data."""
    work = tmp_path_factory.mktemp("e2e")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{work / 'e2e.sqlite3'}",
            "MEDIA_ROOT": str(work / "media"),
            "DJANGO_SECRET_KEY": "e2e-only-secret-key-" + "z" * 40,
            "DJANGO_HTTPS": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            # The journeys send more enquiries from 127.0.0.1 than the five an hour a patient may
            # (the limit itself is tested in tests/directory).
            "ENQUIRY_RATE_LIMIT": "100",
        }
    )
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "seed_demo")
    _manage(env, "shell", "-v", "0", "-c", CREATE_USERS)
    _manage(env, "collectstatic", "--noinput", "-v", "0")
    port = _free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    log = open(work / "gunicorn.log", "w")  # noqa: SIM115 - open for the whole session
    server = subprocess.Popen(
        [gunicorn, "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError(
                    "the e2e server did not start:\n" + (work / "gunicorn.log").read_text()[-3000:]
                ) from None
            time.sleep(0.2)
    SERVER["media_root"] = work / "media"
    yield f"http://127.0.0.1:{port}"
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=20)
    log.close()
    errors = (work / "gunicorn.log").read_text()
    assert "Traceback" not in errors, f"the e2e server logged an error:\n{errors[-5000:]}"


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request):
    return request.param


def serve_media(route):
    """Uploaded media, as the production web server in front of gunicorn serves them (the app does not)."""
    path = (
        SERVER["media_root"] / unquote(urlsplit(route.request.url).path).removeprefix("/media/")
    ).resolve()
    if path.is_file() and path.is_relative_to(SERVER["media_root"].resolve()):
        route.fulfill(path=path)
    else:
        route.fulfill(status=404, body="not found")


def _new_page(browser, viewport, live_url, javascript=True):
    context = browser.new_context(
        viewport=VIEWPORTS[viewport], base_url=live_url, java_script_enabled=javascript, accept_downloads=True
    )
    context.route(f"{live_url}/media/**", serve_media)
    page = context.new_page()
    page.set_default_timeout(15000)
    problems = []

    def on_console(msg):
        # Any CSP violation, script error or missing resource in the console fails the journey, except
        # what the test's own injected code does (axe builds styled probes; it has no script URL).
        source = msg.location.get("url") or ""
        if msg.type == "error" and (source or "Content Security Policy" not in msg.text):
            problems.append(f"{page.url}: {msg.text} {source}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.console_problems = problems
    return context, page


@pytest.fixture
def page(browser, viewport, live_url):
    context, page = _new_page(browser, viewport, live_url)
    yield page
    context.close()
    assert page.console_problems == [], page.console_problems


@pytest.fixture
def page_without_js(browser, viewport, live_url):
    context, page = _new_page(browser, viewport, live_url, javascript=False)
    yield page
    context.close()
    assert page.console_problems == [], page.console_problems


_axe = Axe()


# Django's own admin widgets that axe faults, on the article form only (reported upstream-style to the
# lead; our templates get no such allowance). Rule id -> markers of the only nodes it may flag.
DJANGO_ADMIN_KNOWN = {
    # TabularInline (sources): an empty header over the "original" column, fields labelled by headers.
    "empty-table-header": (".original",),
    "label-title-only": ("#id_sources-",),
    # select2 (autocomplete_fields) leaves its search box unlabelled and its chips in a bare <ul>;
    # AdminSplitDateTime's date and time boxes have no <label> of their own.
    "label": ("select2-search__field", "#id_publish_at_", "#id_sources-"),
    "list": ("select2-selection__rendered",),
    # The admin's breadcrumb links are told apart from the text by colour alone.
    "link-in-text-block": (".breadcrumbs",),
}


def assert_accessible(page, known=None):
    """axe-core over the whole page: zero violations of any rule (bar `known` admin-widget nodes)."""
    page.wait_for_load_state()
    known = known or {}
    violations = []
    for violation in _axe.run(page).response["violations"]:
        allowed = known.get(violation["id"], ())
        nodes = [
            " ".join(node["target"])
            for node in violation["nodes"]
            if not any(marker in " ".join(node["target"]) for marker in allowed)
        ]
        if nodes:
            violations.append(f"{violation['id']}: {violation['help']} ({', '.join(nodes[:3])})")
    assert violations == [], f"axe found on {page.url}:\n" + "\n".join(violations)


def admin_login(page, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def today_in_india() -> datetime.date:
    """The server's "today" (the calculator counts in India time)."""
    return datetime.datetime.now(ZoneInfo("Asia/Kolkata")).date()


def fill_enquiry(page, *, name="Priya Deshmukh", phone="98765 43210"):
    """Fill the enquiry form as a patient would (the consent box included)."""
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Mobile number").fill(phone)
    page.get_by_label("Message (optional)").fill("I am 10 weeks pregnant and would like a first visit.")
    page.get_by_label(re.compile(r"^I agree that")).check()
