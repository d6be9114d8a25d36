"""Browser journeys: a production-shaped server (gunicorn, debug off) on its own demo database, driven
by Playwright in Debian's Chromium at a phone and a desktop viewport."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.e2e.server import DEMO_PASSWORD, demo_server, media_handler, page_types, today_in_india

__all__ = ["DEMO_PASSWORD", "today_in_india"]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SERVER = {}  # the running demo server, for fixtures that need more than its URL


def pytest_collection_modifyitems(config, items):
    missing = not Path(CHROMIUM).exists()
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)
            if missing:
                item.add_marker(
                    pytest.mark.skip(reason=f"needs Chromium at {CHROMIUM} (apt-get install chromium)")
                )


@pytest.fixture(scope="session")
def live_url(tmp_path_factory):
    """gunicorn with debug off on a fresh SQLite database loaded with the demo data."""
    with demo_server(tmp_path_factory.mktemp("e2e")) as server:
        SERVER["server"] = server
        yield server.url
    log = server.log.read_text()
    assert "Traceback" not in log, f"the e2e server logged an error:\n{log[-5000:]}"


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


def _new_page(browser, viewport, live_url, javascript=True):
    context = browser.new_context(
        viewport=VIEWPORTS[viewport], base_url=live_url, java_script_enabled=javascript, accept_downloads=True
    )
    context.route(f"{live_url}/media/**", media_handler(SERVER["server"].media_root))
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
    page.viewport_name = viewport
    page.javascript = javascript
    return context, page


@pytest.fixture
def page(browser, viewport, live_url):
    context, page = _new_page(browser, viewport, live_url)
    yield page
    context.close()
    assert page.console_problems == [], page.console_problems


@pytest.fixture
def phone_page(browser, live_url):
    """A page at the phone viewport only (390 x 844), for what matters on a phone."""
    context, page = _new_page(browser, "phone", live_url)
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


# Django's own admin widgets that axe faults. The article form avoids them (stacked sources, checkboxes
# and a plain select instead of autocompletes, one date-and-time box) and templates/admin/base_site.html
# underlines breadcrumb links, so nothing is let through any more: rule id -> markers of allowed nodes.
DJANGO_ADMIN_KNOWN: dict[str, tuple[str, ...]] = {}


def _axe_results(page):
    if getattr(page, "javascript", True):
        return _axe.run(page).response
    # axe needs JavaScript: check a copy of this JavaScript-free page's DOM, styles and all, in a page
    # that runs only axe (the site's own scripts are blocked, so the DOM stays as it is here).
    html, url = page.content(), page.url
    context = page.context.browser.new_context(viewport=page.viewport_size)
    try:
        context.route("**/*.js", lambda route: route.abort())
        context.route(
            lambda u: u == url,
            lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"),
        )
        mirror = context.new_page()
        mirror.goto(url)
        return _axe.run(mirror).response
    finally:
        context.close()


def assert_accessible(page, known=None):
    """axe-core over the whole page: zero violations of any rule (bar `known` admin-widget nodes)."""
    page.wait_for_load_state()
    known = known or {}
    violations = []
    for violation in _axe_results(page)["violations"]:
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


def fill_enquiry(page, *, name="Priya Deshmukh", phone="98765 43210"):
    """Fill the enquiry form as a patient would (the consent box included)."""
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Mobile number").fill(phone)
    page.get_by_label("Message (optional)").fill("I am 10 weeks pregnant and would like a first visit.")
    page.get_by_label(re.compile(r"^I agree that")).check()


@pytest.fixture(scope="session")
def site_pages(live_url):
    """One path of every public page type on the demo server (name -> path)."""
    return page_types(live_url)
