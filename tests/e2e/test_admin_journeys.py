"""Editors, medical reviewers and centre staff in the Django admin, with axe on every page."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import (
    admin_login,
    assert_accessible,
    fill_enquiry,
    today_in_india,
)

FIRST_ANSWER = "Gentle swimming is safe for most women right through pregnancy."
SECOND_ANSWER = "Keep to a pace at which you can still talk, and get out if you feel dizzy."
REVISED_ANSWER = "Swim at an easy pace; stop at once if you feel dizzy, short of breath or have pain."
RED_FLAG = "Bleeding, or fluid leaking from the vagina, after a swim."


def _log_out(page):
    # Let the answers' live previews (fetched as the change form loads) finish first: signed out, they
    # would be refused with a 403 in the console.
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()


def _save(page, button="Save and continue editing"):
    page.get_by_role("button", name=button).click()


def test_editor_writes_an_article_a_reviewer_publishes_it_and_later_restores_a_version(page, viewport):
    title = f"Swimming in pregnancy ({viewport} test)"
    token = f"aquanatal{viewport}"  # a word only this article uses, to find it in site search

    admin_login(page, "editor")
    assert_accessible(page)
    page.locator("tr.model-article").get_by_role("link", name="Add").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add article")
    assert_accessible(page)
    page.locator("#id_title").fill(title)  # the sources below have titles too
    page.get_by_label("Slug:").fill(f"swimming-in-pregnancy-{viewport}")
    page.get_by_label("Standfirst:").fill(f"Swimming and {token} classes: what is safe, and when to stop.")
    sections = [
        ("Is swimming safe in pregnancy?", FIRST_ANSWER),
        ("How hard should I swim?", SECOND_ANSWER),
        ("When should I stop?", "Stop and see your doctor if you have bleeding, leaking fluid or pain."),
    ]
    for index, (heading, answer) in enumerate(sections):
        page.locator(f"#id_sections-{index}-order").fill(str(index + 1))
        page.locator(f"#id_sections-{index}-heading").fill(heading)
        page.locator(f"#id_sections-{index}-answer").fill(answer)
    page.locator("#id_sections-2-is_doctor_callout").check()  # "When should I stop?" is the callout
    _save(page)
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    change_url = page.url
    assert_accessible(page)

    # Preview: the draft is visible to its editor on the site, marked as a preview.
    page.get_by_role("link", name="View on site").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    for heading, _ in sections:
        expect(page.get_by_role("heading", name=heading, level=2)).to_be_visible()
    expect(page.get_by_text(FIRST_ANSWER)).to_be_visible()
    expect(page.get_by_text(re.compile(r"preview", re.I)).first).to_be_visible()
    assert_accessible(page)

    # The editor revises a section and sends the article for review; publishing is not open to editors.
    page.goto(change_url)
    page.locator("#id_sections-1-answer").fill(REVISED_ANSWER)
    page.get_by_label("Status:").select_option(label="Published")
    _save(page)
    expect(page.locator("#id_status_error")).to_contain_text("only medical reviewers can")
    assert_accessible(page)
    page.get_by_label("Status:").select_option(label="In review")
    _save(page)
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # The medical reviewer names the reviewing doctor (from the lookup window), dates the review, publishes.
    _log_out(page)
    admin_login(page, "reviewer")
    page.goto(change_url)
    assert_accessible(page)
    with page.expect_popup() as popup_info:
        page.locator("#lookup_id_medical_reviewer").click()
    popup = popup_info.value
    # The admin's lookup script binds its click handler when the page has loaded; a click before then
    # would follow the link inside the popup instead of handing the choice back to the form.
    popup.wait_for_load_state("load")
    popup.locator("#result_list tbody tr th a").first.click()
    expect(page.get_by_label("Medical reviewer:")).not_to_have_value("")
    assert popup.is_closed()
    page.get_by_label("Last reviewed:").fill(today_in_india().isoformat())
    page.get_by_label("Status:").select_option(label="Published")
    _save(page)
    # The callout has no red flag yet: publishing is refused and says why.
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".errorlist.nonform")).to_contain_text("Publishing needs at least one red flag")
    assert_accessible(page)
    # A sign without its urgency is refused next to the field.
    page.locator("#id_red_flags-0-order").fill("1")
    page.locator("#id_red_flags-0-text").fill(RED_FLAG)
    _save(page)
    expect(page.locator(".field-urgency .errorlist")).to_contain_text("Choose how soon the reader should act")
    page.locator("#id_red_flags-0-urgency").select_option(label="Go to hospital now")
    _save(page)
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # Live on the site: the article list, the article itself and site search.
    _log_out(page)
    page.goto("/articles/")
    page.get_by_role("main").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text(REVISED_ANSWER)).to_be_visible()
    expect(page.get_by_text("Medically reviewed by")).to_be_visible()
    callout = page.locator("[data-red-flags]")
    expect(callout.locator('[data-urgency="hospital_now"]')).to_contain_text(RED_FLAG)
    expect(callout.locator('a[href="tel:108"]')).to_be_visible()
    assert_accessible(page)
    page.goto(f"/search/?q={token}")
    expect(page.get_by_role("main").get_by_role("link", name=title)).to_be_visible()
    assert_accessible(page)

    # The reviewer restores the first draft from the history; it leaves the site until reviewed again.
    # (Editors restore versions only of articles that are not live: tests/articles/test_history_guard.py.)
    admin_login(page, "reviewer")
    page.goto(change_url)
    page.get_by_role("link", name="History").click()
    assert_accessible(page)
    history = page.locator("#change-history tbody tr")
    expect(history).to_have_count(3)
    history.filter(has_text="Added").get_by_role("link").first.click()
    expect(page.locator("#id_sections-1-answer")).to_have_value(SECOND_ANSWER)
    assert_accessible(page)
    _save(page, "Save")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(change_url)
    expect(page.locator("#id_sections-1-answer")).to_have_value(SECOND_ANSWER)
    expect(page.get_by_label("Status:")).to_have_value("draft")

    _log_out(page)
    page.goto("/articles/")
    expect(page.get_by_role("main").get_by_role("link", name=title)).to_have_count(0)


def test_staff_member_marks_a_patients_enquiry_contacted(page):
    # A patient asks about a package.
    page.goto("/maternity-packages/mumbai/")
    package = page.locator("[data-package]").first
    package_name = package.get_by_role("heading", level=3).inner_text()
    package.get_by_role("heading", level=3).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(package_name)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Send an enquiry")).click()
    fill_enquiry(page, name="Anjali Mehta")
    page.get_by_role("button", name="Send enquiry").click()
    reference = page.locator("[data-reference]").get_attribute("data-reference")
    assert reference

    # Centre staff find it in the admin and mark it contacted.
    _log_out(page)
    admin_login(page, "staff")
    assert_accessible(page)
    page.get_by_role("link", name="Enquiries", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Select enquiry to change")
    assert_accessible(page)
    page.locator("#searchbar").fill(reference)
    page.locator("#searchbar").press("Enter")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Anjali Mehta")
    expect(rows.first).to_contain_text("New")
    rows.first.locator("input.action-select").check()
    page.get_by_label("Action:").select_option(label="Mark the selected enquiries as contacted")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 marked as contacted.")
    expect(rows.first).to_contain_text("Contacted")
    assert_accessible(page)

    rows.first.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change enquiry")
    expect(page.get_by_label("Status:")).to_have_value("contacted")
    assert_accessible(page)
