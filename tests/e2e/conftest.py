"""Browser journeys: a production-shaped server (gunicorn, debug off) on its own demo database, driven
by Playwright in Debian's Chromium at a phone and a desktop viewport."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.e2e.server import DEMO_PASSWORD, demo_server, media_handler, page_types, today_in_india, totp_code

__all__ = ["DEMO_PASSWORD", "today_in_india"]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SERVER = {}  # the running demo server, for fixtures that need more than its URL
E2E_DIR = Path(__file__).resolve().parent  # (not "/e2e/" in the path: a checkout may sit under one)


# Before tests/conftest.py's hook, which skips by the database markers.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    missing = not Path(CHROMIUM).exists()
    for item in items:
        if item.path.is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)
            # The journeys' server always runs on its own SQLite demo database (demo_server), whatever
            # the suite's DATABASE_URL: on PostgreSQL they would repeat the SQLite run request for request.
            item.add_marker(pytest.mark.sqlite_only(reason="the browser journeys' server runs on SQLite"))
            # Under pytest-xdist (make test) every journey runs on one worker: one demo server, one browser.
            item.add_marker(pytest.mark.xdist_group("browser"))
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
        # Any CSP violation, script error or missing resource in the console fails the journey. The
        # one exception is what the test's own axe code causes: it runs under AXE_SOURCE_URL, which
        # Chromium names as the source of the messages it triggers. A message with no source is the
        # site's (markup, a style attribute, a missing file) and fails like the rest.
        source = msg.location.get("url") or ""
        if msg.type == "error" and source != AXE_SOURCE_URL:
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


# The name axe's code runs under in the page, so that what it does can be told from what the site does.
AXE_SOURCE_URL = "axe-core-injected-by-the-tests.js"
# axe-core's whole rule set as it ships: no runOnly and no tag filter, so the best-practice rules run
# beside the WCAG A and AA ones. Left out, as axe leaves them out unless asked: its "experimental"
# rules and the ones it turns off (AAA contrast, WCAG 2.2 target-size, deprecated rules). Run
# with those too, the public pages pass all but the experimental p-as-heading (the package price and
# the calculator's due date); the Django admin fails AAA contrast and the filter links' target size.
AXE_OPTIONS = '{resultTypes: ["violations"]}'
_axe = Axe()


def _run_axe(page) -> dict:
    page.evaluate(f"{_axe.axe_script}\n//# sourceURL={AXE_SOURCE_URL}")
    return page.evaluate(f"axe.run(document, {AXE_OPTIONS})\n//# sourceURL={AXE_SOURCE_URL}")


def _axe_results(page):
    if getattr(page, "javascript", True):
        return _run_axe(page)
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
        return _run_axe(mirror)
    finally:
        context.close()


def assert_accessible(page):
    """axe-core over the whole page: zero violations of any rule."""
    page.wait_for_load_state()
    violations = [
        f"{violation['id']}: {violation['help']} ({', '.join(' '.join(n['target']) for n in violation['nodes'][:3])})"
        for violation in _axe_results(page)["violations"]
    ]
    assert violations == [], f"axe found on {page.url}:\n" + "\n".join(violations)


def admin_login(page, username):
    """Sign in to the admin as a person does: password, then the code the account's authenticator app
    shows now (computed from the app's key, as the phone does)."""
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_label("Code:").fill(totp_code(username))
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def fill_enquiry(page, *, name="Priya Deshmukh", phone="98765 43210"):
    """Fill the enquiry form as a patient would (the consent box included)."""
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Mobile number").fill(phone)
    page.get_by_label("Message (optional)").fill("I am 10 weeks pregnant and would like a first visit.")
    choice = page.get_by_role("group", name="Which centre should call you back?")
    if choice.count():  # a doctor at several centres: the patient picks one
        choice.get_by_role("radio").first.check()
    page.get_by_label("I am 18 or older").check()
    page.get_by_label(re.compile(r"^I agree that")).check()


@pytest.fixture(scope="session")
def site_pages(live_url):
    """One path of every public page type on the demo server (name -> path)."""
    return page_types(live_url)
