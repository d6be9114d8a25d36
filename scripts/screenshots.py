"""`make screenshots`: phone and desktop screenshots of every page type, for a person to review the look.

Starts the same production-shaped demo server as the browser tests (gunicorn, debug off, a fresh SQLite
database with the demo data), opens each page type in Debian's Chromium at 390x844 and 1280x900 and saves
full-page PNGs to var/screenshots/ (not committed; OUT=dir overrides). Also the pages only a form shows:
a calculator result, a form with errors, an enquiry's thank-you page.
"""

import datetime
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.server import demo_server, media_handler, page_types, today_in_india  # noqa: E402

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def form_pages(page, pages, shoot):
    """The pages only a POST shows, reached through the forms as a visitor would."""
    page.goto(pages["calculator"])
    lmp = today_in_india() - datetime.timedelta(days=100)
    page.locator("#method-lmp").get_by_label("First day of your last period").fill(lmp.isoformat())
    page.locator("#method-lmp").get_by_role("button").click()
    page.locator('[data-result="due-date"]').wait_for()
    shoot("calculator-result")
    page.goto(pages["calculator"])
    page.locator("#method-lmp").get_by_role("button").click()
    page.locator("[data-error-summary]").wait_for()
    shoot("calculator-errors")
    page.goto(pages["doctor-enquiry"])
    page.get_by_label("Your name").fill("Priya Deshmukh")
    page.get_by_label("Mobile number").fill("12345")
    page.get_by_role("button", name="Send enquiry").click()
    page.locator("[data-error-summary]").wait_for()
    shoot("enquiry-errors")
    page.get_by_label("Mobile number").fill("98765 43210")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Send enquiry").click()
    page.locator("[data-reference]").wait_for()
    shoot("enquiry-thanks")


def main() -> int:
    out = Path(os.environ.get("OUT", ROOT / "var" / "screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    with demo_server(ROOT / "var" / "screenshots-server") as server, sync_playwright() as playwright:
        pages = page_types(server.url)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for viewport, size in VIEWPORTS.items():
            context = browser.new_context(viewport=size, base_url=server.url)
            context.route(f"{server.url}/media/**", media_handler(server.media_root))
            page = context.new_page()

            def shoot(name, page=page, viewport=viewport):
                path = out / f"{name}-{viewport}.png"
                page.screenshot(path=path, full_page=True)
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

            for name, path in pages.items():
                page.goto(path)
                shoot(name)
            form_pages(page, pages, shoot)
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
