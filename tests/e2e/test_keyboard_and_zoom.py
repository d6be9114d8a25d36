"""Keyboard-only use (skip link, visible focus, no traps, errors take focus) and 200% zoom."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, today_in_india

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const rect = el.getBoundingClientRect();
  const native = el.type === "date" && !el.matches(":focus");
  return {native, tag: el.tagName, text: (el.textContent || el.name || "").trim().slice(0, 40), outline,
          shadow: style.boxShadow !== "none", visible: rect.width > 0 && rect.height > 0};
}"""


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(page):
    page.goto("/gynecologists/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab lands inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize("path", ["/", "/due-date-calculator/", "/maternity-packages/bengaluru/"])
def test_every_tab_stop_shows_focus_and_the_page_has_no_keyboard_trap(page, path):
    page.goto(path)
    seen = []
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            break  # tabbed off the end of the page: no trap
        state = page.evaluate(FOCUS_STYLE)
        if state["native"]:
            continue  # the calendar button inside a date box: Chromium draws its own ring there
        key = page.evaluate("() => { const e = document.activeElement; return e.outerHTML.slice(0, 200); }")
        assert state["visible"], f"focus went to an invisible element: {state}"
        assert state["outline"] or state["shadow"], f"no visible focus indicator on {state}"
        if seen and seen[0] == key:
            break  # wrapped round to the first stop
        seen.append(key)
    else:
        pytest.fail(f"Tab never left the page after {len(seen)} stops (keyboard trap?)")
    assert len(seen) > 5


def test_calculator_error_summary_takes_focus_and_fields_point_at_their_messages(page):
    page.goto("/due-date-calculator/")
    form = page.locator("#method-lmp")
    form.get_by_label("First day of your last period").focus()
    page.keyboard.press("Enter")  # submit the empty form by keyboard
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    field = page.locator("#lmp-lmp")
    expect(field).to_have_attribute("aria-invalid", "true")
    messages = [page.locator(f"#{i}").inner_text() for i in field.get_attribute("aria-describedby").split()]
    assert "Enter the first day of your last period." in messages, messages
    # The summary links to the field; following the link by keyboard lands in it.
    summary.get_by_role("link").first.focus()
    page.keyboard.press("Enter")
    expect(field).to_be_focused()
    assert_accessible(page)


# ---- 200% zoom: a 1280-pixel window at 200% lays pages out as a 640-pixel one (and 400% as 320).
ZOOM_PAGES = [
    "home",
    "article",
    "article-list",
    "doctor-search",
    "doctor-search-errors",
    "doctor",
    "hospital",
    "package-search",
    "package",
    "compare",
    "calculator",
    "doctor-enquiry",
    "site-search",
    "site-search-listing",
    "choose-city",
    "not-found",
]


@pytest.fixture(scope="module")
def zoomed(browser, live_url):
    pages = {}
    for width in (640, 320):
        context = browser.new_context(
            viewport={"width": width, "height": 800}, device_scale_factor=2, base_url=live_url
        )
        pages[width] = context.new_page()
    yield pages
    for page in pages.values():
        page.context.close()


@pytest.mark.parametrize("width", [640, 320])
def test_pages_reflow_without_horizontal_scrolling_at_high_zoom(zoomed, site_pages, width):
    page = zoomed[width]
    overflowing = {}
    for name in ZOOM_PAGES:
        page.goto(site_pages[name])
        sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if sizes[0] > sizes[1]:
            culprits = page.evaluate(
                """(w) => [...document.querySelectorAll('body *')]
                     .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-scroll'))
                     .slice(0, 3).map(e => e.tagName + '.' + e.className)""",
                sizes[1],
            )
            overflowing[name] = (sizes, culprits)
    # The result page of the calculator, with its timeline, too.
    page.goto(site_pages["calculator"])
    page.locator("#method-lmp").get_by_label("First day of your last period").fill(
        (today_in_india() - datetime.timedelta(days=60)).isoformat()
    )
    page.locator("#method-lmp").get_by_role("button").click()
    page.locator('[data-result="due-date"]').wait_for()
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if sizes[0] > sizes[1]:
        overflowing["calculator-result"] = (sizes, [])
    assert overflowing == {}, overflowing


def test_on_a_phone_focus_never_hides_under_the_compare_bar_and_boxes_are_big_enough_to_tap(phone_page):
    """The sticky "Compare selected" bar covers the foot of the screen: each link and box reached with
    Tab scrolls into view above it (WCAG 2.4.11). Tick boxes and round options are at least 24 px."""
    phone_page.goto("/maternity-packages/bengaluru/")
    hidden = []
    for _ in range(60):
        phone_page.keyboard.press("Tab")
        hidden += phone_page.evaluate(
            """() => { const a = document.activeElement, bar = document.querySelector('.compare-bar');
                if (!a || !bar || bar.contains(a)) return [];
                return a.getBoundingClientRect().bottom > bar.getBoundingClientRect().top + 1
                    ? [a.outerHTML.slice(0, 80)] : []; }"""
        )
    assert hidden == []
    for path in ("/maternity-packages/bengaluru/", "/gynecologists/bengaluru/"):
        phone_page.goto(path)
        sizes = phone_page.evaluate(
            """() => [...document.querySelectorAll('input[type=checkbox], input[type=radio]')]
                .map(box => Math.min(box.getBoundingClientRect().width, box.getBoundingClientRect().height))"""
        )
        assert sizes and min(sizes) >= 24, (path, sizes)
