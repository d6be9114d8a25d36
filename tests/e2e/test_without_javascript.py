"""The journeys that need no JavaScript work with it switched off: search, compare, enquiry, calculator."""

import datetime
import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, fill_enquiry, today_in_india


def test_doctor_search_and_enquiry_without_javascript(page_without_js):
    page = page_without_js
    page.goto("/gynecologists/")
    form = page.get_by_role("form", name="Filter results")
    form.get_by_label("City").select_option(label="Pune")
    form.get_by_label("Marathi").check()
    form.get_by_label("Doctor’s gender").select_option(label="Female")
    form.get_by_label("Maximum consultation fee (₹)").fill("1000")
    form.get_by_label("Sort by").select_option(label="Lowest fee")  # no auto-submit without JavaScript
    form.get_by_role("button", name="Show results").click()
    page.wait_for_url(re.compile(r"sort=fee"))
    cards = page.locator("[data-doctor]")
    assert cards.count() > 0
    fees = [
        int(re.sub(r"\D", "", text))
        for text in cards.locator("dt:text-is('Consultation fee') + dd").all_inner_texts()
    ]
    assert fees == sorted(fees) and max(fees) <= 1000, fees
    assert_accessible(page)

    cards.first.get_by_role("heading", level=3).get_by_role("link").click()
    page.get_by_role("link", name=re.compile(r"^Send an enquiry")).click()
    fill_enquiry(page, phone="12345")
    page.get_by_role("button", name="Send enquiry").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.get_by_label("Mobile number")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    page.get_by_label("Mobile number").fill("98765 43210")
    page.get_by_label(re.compile(r"^I agree that")).check()
    page.get_by_role("button", name="Send enquiry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, your enquiry has been sent")
    expect(page.locator("[data-reference]")).to_have_text(re.compile(r"\S{6,}"))


def test_package_comparison_without_javascript(page_without_js):
    page = page_without_js
    page.goto("/maternity-packages/bengaluru/")
    cards = page.locator("[data-package]")
    chosen = [card.get_attribute("data-package") for card in cards.all()[:3]]
    for card in cards.all()[:3]:
        card.get_by_label(re.compile(r"^Compare")).check()
    page.get_by_role("button", name="Compare selected").click()
    table = page.get_by_role("table", name="3 packages side by side")
    expect(table).to_be_visible()  # the compare page has loaded: .all() below does not wait for it
    assert [c.get_attribute("data-package") for c in table.locator("thead th[data-package]").all()] == chosen
    assert_accessible(page)


def test_calculator_without_javascript(page_without_js):
    page = page_without_js
    page.goto("/due-date-calculator/")
    # Every method's form is on the page; the method links are plain in-page links.
    for heading in (
        "From the first day of your last period",
        "From an IVF embryo transfer",
        "From an ultrasound scan",
    ):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    lmp = today_in_india() - datetime.timedelta(days=70)
    form = page.locator("#method-lmp")
    form.get_by_label("First day of your last period").fill(lmp.isoformat())
    form.get_by_role("button", name="Calculate from my period").click()
    expect(page.locator('[data-result="due-date"]')).to_have_attribute(
        "datetime", (lmp + datetime.timedelta(days=280)).isoformat()
    )
    ga = page.locator('[data-result="gestational-age"]')
    expect(ga).to_have_attribute("data-weeks", "10")
    expect(ga).to_have_attribute("data-days", "0")
    assert_accessible(page)

    # A bad date: the message sits next to its field, and the summary links to it.
    page.goto("/due-date-calculator/")
    form = page.locator("#method-lmp")
    form.get_by_label("Usual cycle length in days").fill("99")
    form.get_by_role("button", name="Calculate from my period").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    field = page.locator("#lmp-cycle_length")
    expect(field).to_have_attribute("aria-invalid", "true")
    messages = " ".join(
        page.locator(f"#{i}").inner_text() for i in field.get_attribute("aria-describedby").split()
    )
    assert "45" in messages, messages
    assert_accessible(page)
