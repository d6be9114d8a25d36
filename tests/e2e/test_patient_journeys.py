"""Patients' journeys in a real browser, at a phone and a desktop viewport, with axe on every page."""

import datetime
import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, fill_enquiry, today_in_india


def _fee(card) -> int:
    text = card.locator("dt:text-is('Consultation fee') + dd").inner_text()
    return int(re.sub(r"[^\d]", "", text))


def _result_count(page) -> int:
    return int(page.locator("[data-result-count]").get_attribute("data-result-count"))


def test_patient_finds_a_marathi_speaking_female_gynecologist_in_pune_and_sends_an_enquiry(page):
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Gynecologists").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gynecologists")
    assert_accessible(page)

    form = page.get_by_role("form", name="Filter results")
    form.get_by_label("City").select_option(label="Pune")
    form.get_by_label("Marathi").check()
    form.get_by_label("Doctor’s gender").select_option(label="Female")
    form.get_by_label("Maximum consultation fee (₹)").fill("1000")
    form.get_by_role("button", name="Show results").click()

    page.wait_for_url(re.compile(r"max_fee=1000"))
    assert "city=pune" in page.url and "language=marathi" in page.url and "gender=female" in page.url
    count = _result_count(page)
    cards = page.locator("[data-doctor]")
    assert 0 < count == cards.count(), "the demo data has Marathi-speaking women in Pune under ₹1,000"
    expect(page.locator("[data-result-count]")).to_have_text(f"{count} gynecologists found")
    for card in cards.all():
        assert "Marathi" in card.locator("p", has_text="Speaks").inner_text()
        assert _fee(card) <= 1000
    assert_accessible(page)

    first = cards.first
    name = first.get_by_role("heading", level=3).inner_text()
    first.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_text("Pune").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=f"Send an enquiry to {name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Send an enquiry about {name}")
    assert_accessible(page)

    # A mistyped number: the error summary takes focus and the field points at its message.
    fill_enquiry(page, phone="12345")
    page.get_by_role("button", name="Send enquiry").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    phone = page.get_by_label("Mobile number")
    expect(phone).to_have_attribute("aria-invalid", "true")
    described = phone.get_attribute("aria-describedby").split()
    errors = " ".join(page.locator(f"#{ident}").inner_text() for ident in described)
    assert "mobile number" in errors.lower()
    assert_accessible(page)

    phone.fill("98765 43210")
    page.get_by_role("button", name="Send enquiry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, your enquiry has been sent")
    reference = page.locator("[data-reference]")
    expect(reference).to_have_text(re.compile(r"^[A-Z0-9-]{6,12}$"))
    assert reference.inner_text() == reference.get_attribute("data-reference")
    assert_accessible(page)


def test_patient_compares_three_caesarean_packages_in_bengaluru_under_a_price(page):
    page.goto("/maternity-packages/")
    assert_accessible(page)
    form = page.get_by_role("form", name="Filter results")
    form.get_by_label("City").select_option(label="Bengaluru")
    form.get_by_label("Delivery").select_option(value="caesarean")
    form.get_by_label("Maximum price (₹)").fill("150000")
    form.get_by_role("button", name="Show results").click()
    page.wait_for_url(re.compile(r"max_price=150000"))

    cards = page.locator("[data-package]")
    assert cards.count() >= 3
    prices = []
    for card in cards.all():
        assert "Bengaluru" in card.inner_text()
        expect(card.locator(".tags")).to_contain_text("Caesarean section")
        prices.append(int(re.sub(r"[^\d]", "", card.locator(".price").inner_text())))
    assert prices == sorted(prices) and max(prices) <= 150000, prices
    assert_accessible(page)

    chosen = {}
    for card in cards.all()[:3]:
        slug = card.get_attribute("data-package")
        card.get_by_label(re.compile(r"^Compare")).check()
        chosen[slug] = card.locator(".price").inner_text()
    page.get_by_role("button", name="Compare selected").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Compare maternity packages")
    table = page.get_by_role("table", name="3 packages side by side")
    expect(table).to_be_visible()
    columns = table.locator("thead th[data-package]")
    assert [c.get_attribute("data-package") for c in columns.all()] == list(chosen)
    price_row = table.locator("tbody tr", has=page.get_by_role("rowheader", name="Price", exact=True))
    assert price_row.locator("td").all_inner_texts() == list(chosen.values())
    delivery_row = table.locator("tbody tr", has=page.get_by_role("rowheader", name="Delivery", exact=True))
    assert set(delivery_row.locator("td").all_inner_texts()) == {"Caesarean section"}
    assert_accessible(page)


def test_patient_dates_a_pregnancy_by_ivf_and_by_ultrasound_and_downloads_the_calendar(page, tmp_path):
    today = today_in_india()
    page.goto("/due-date-calculator/")
    assert_accessible(page)

    transfer = today - datetime.timedelta(days=30)
    page.get_by_role("link", name="IVF transfer").click()
    ivf = page.locator("#method-ivf")
    expect(ivf.get_by_label("Embryo transfer date")).to_be_focused()
    ivf.get_by_label("Embryo transfer date").fill(transfer.isoformat())
    ivf.get_by_label("Embryo age at transfer").select_option(label="Day 5 (blastocyst)")
    ivf.get_by_role("button", name="Calculate from the transfer").click()

    due = transfer + datetime.timedelta(days=261)
    expect(page.locator('[data-result="due-date"]')).to_have_attribute("datetime", due.isoformat())
    expect(page.locator('[data-result="dating-basis"]')).to_have_attribute("data-basis", "ivf")
    ga = page.locator('[data-result="gestational-age"]')
    # A day-5 transfer is 2w5d (19 days); 30 days later is day 49: 7w0d.
    expect(ga).to_have_attribute("data-weeks", "7")
    expect(ga).to_have_attribute("data-days", "0")
    # India's antenatal schedule: anti-D at 28w0d (12 weeks before the due date), and the PMSMA 9ths
    # from the second trimester (14w0d, 26 weeks before the due date) to the due date.
    anti_d = due - datetime.timedelta(weeks=12)
    expect(page.locator('[data-care="anti-d"] time')).to_have_attribute("datetime", anti_d.isoformat())
    second_trimester = due - datetime.timedelta(weeks=26)
    ninths, month = [], second_trimester.replace(day=1)
    while month <= due:
        if second_trimester <= month.replace(day=9) <= due:
            ninths.append(month.replace(day=9))
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    expect(page.locator("[data-pmsma]")).to_have_count(len(ninths))
    expect(page.locator("[data-pmsma]").first).to_have_attribute("datetime", ninths[0].isoformat())
    assert_accessible(page)

    # Again from a scan, with a period date that disagrees by more than the 7 days allowed at 10 weeks.
    scan = today - datetime.timedelta(days=14)
    lmp = scan - datetime.timedelta(days=80)
    page.get_by_role("link", name="Ultrasound scan").click()
    us = page.locator("#method-ultrasound")
    us.get_by_label("Date of the scan").fill(scan.isoformat())
    us.get_by_label("Weeks").fill("10")
    us.get_by_label("Days", exact=True).fill("0")
    us.get_by_label("First day of your last period (optional)").fill(lmp.isoformat())
    us.get_by_role("button", name="Calculate from the scan").click()

    due = scan + datetime.timedelta(days=210)
    expect(page.locator('[data-result="due-date"]')).to_have_attribute("datetime", due.isoformat())
    expect(page.locator('[data-result="dating-basis"]')).to_have_attribute("data-basis", "ultrasound")
    expect(page.locator('[data-result="full-term-start"]')).to_have_attribute(
        "datetime", (due - datetime.timedelta(days=7)).isoformat()
    )
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile(r"Add these dates to your calendar")).click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    calendar = path.read_text()
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}" in calendar


def test_reader_goes_from_the_home_page_to_a_symptom_article_and_on_to_doctors_in_her_city(page):
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name=re.compile(r"^Morning sickness")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Morning sickness"))
    expect(page.locator(".article-header .tags")).to_contain_text("Symptoms")
    assert_accessible(page)

    toc = page.get_by_role("navigation", name="On this page")
    entries = toc.get_by_role("link")
    assert entries.count() >= 4
    toc.get_by_role("link", name="When to see a doctor").click()
    page.wait_for_url(re.compile(r"#when-to-see-a-doctor"))
    heading = page.get_by_role("heading", name="When to see a doctor", level=2)
    expect(heading).to_be_in_viewport()

    cta = page.locator(".cta-city")
    cta.get_by_label("Choose your city").select_option(label="Pune")
    cta.get_by_role("button", name="Find gynecologists").click()
    page.wait_for_url(re.compile(r"/gynecologists/pune/$"))
    assert page.locator("[data-doctor]").count() > 0
    expect(page.get_by_role("heading", level=1)).to_have_text("Gynecologists in Pune")
    assert_accessible(page)


# What each compared package shows, row by row, as the page's table has it.
COMPARE_ROWS = ["Hospital", "Price", "Delivery", "Room", "Nights", "Caesarean in the same room"]


def test_on_a_phone_every_compared_package_can_be_read_beside_the_row_names(phone_page):
    page = phone_page
    page.goto("/maternity-packages/bengaluru/")
    slugs = [card.get_attribute("data-package") for card in page.locator("[data-package]").all()[:4]]
    assert len(slugs) == 4
    for slug in slugs:
        page.locator(f'[data-package="{slug}"]').get_by_label(re.compile(r"^Compare")).check()
    page.get_by_role("button", name="Compare selected").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare maternity packages")
    table = page.get_by_role("table", name="4 packages side by side")
    expect(page.get_by_text("Swipe the table sideways to see all 4 packages")).to_be_visible()
    assert [h.get_attribute("data-package") for h in table.locator("thead th[data-package]").all()] == slugs

    page.wait_for_load_state("load")  # the stylesheet applied (a busy machine can show the DOM first)
    width = page.viewport_size["width"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width  # only the table scrolls
    labels = {name: table.get_by_role("rowheader", name=name, exact=True) for name in COMPARE_ROWS}
    for column, slug in enumerate(slugs):
        header = table.locator(f'thead th[data-package="{slug}"]')
        header.scroll_into_view_if_needed()
        box = header.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (slug, box)
        for name, label in labels.items():
            cell = label.locator("xpath=..").locator("td").nth(column)
            cell.scroll_into_view_if_needed()
            label_box, cell_box = label.bounding_box(), cell.bounding_box()
            # The row name is on screen, left of the package's value and not covering it.
            assert label_box["x"] >= -1, (name, slug, label_box)
            assert label_box["x"] + label_box["width"] <= cell_box["x"] + 1, (name, slug)
            assert cell_box["x"] + cell_box["width"] <= width + 1, (name, slug, cell_box)
            x, y = cell_box["x"] + cell_box["width"] / 2, cell_box["y"] + min(cell_box["height"], 40) / 2
            hit = page.evaluate(
                "([x, y]) => { const c = document.elementFromPoint(x, y)?.closest('td, th');"
                " return c ? c.cellIndex : null; }",
                [x, y],
            )
            assert hit == column + 1, f"{name} of {slug}: the value is hidden under another cell"
        link = header.get_by_role("link")
        link.click(trial=True)  # the package's own page is one tap away
    assert_accessible(page)


def _search_from_the_header(page, words):
    header = page.get_by_role("search", name="Site")
    header.get_by_label("Search the site").fill(words)
    header.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search/\?q="))


def test_patient_searches_as_she_speaks_and_lands_on_the_right_list(page):
    page.goto("/")
    _search_from_the_header(page, "marathi speaking lady doctor in pune")
    lead = page.locator("[data-group]").first
    expect(lead.get_by_role("heading", level=2)).to_have_text(
        "Female gynecologists in Pune who speak Marathi"
    )
    assert lead.locator("[data-doctor]").count() > 0
    assert_accessible(page)

    lead.get_by_role("link", name="All female gynecologists in Pune who speak Marathi").click()
    page.wait_for_url(re.compile(r"/gynecologists/pune/\?language=marathi&gender=female$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gynecologists in Pune")
    form = page.get_by_role("form", name="Filter results")
    expect(form.get_by_label("Marathi")).to_be_checked()
    expect(form.get_by_label("Doctor’s gender")).to_have_value("female")
    for card in page.locator("[data-doctor]").all()[:5]:
        assert "Marathi" in card.locator("p", has_text="Speaks").inner_text()

    # A typo, then Hindi: each still finds the leg cramps article first.
    for words in ("cramsp", "पैर में ऐंठन"):
        _search_from_the_header(page, words)
        first = page.locator("[data-group='articles'] [data-article]").first
        expect(first).to_have_attribute("data-article", "leg-cramps-in-pregnancy")
    expect(page.get_by_label("Search articles, gynecologists, hospitals and packages")).to_have_value(
        "पैर में ऐंठन"
    )
    assert_accessible(page)

    _search_from_the_header(page, "c section cost hyderabad")
    lead = page.locator("[data-group]").first
    expect(lead.get_by_role("heading", level=2)).to_have_text(
        "Caesarean section packages in Hyderabad, cheapest first"
    )
    _search_from_the_header(page, "cramsp")
    expect(
        page.get_by_text("Nothing matched “cramsp”, so here are the results for “cramps”.")
    ).to_be_visible()
    assert_accessible(page)


def test_the_home_page_chooser_asks_for_a_city_before_it_goes_anywhere(page):
    page.goto("/")
    chooser = page.locator(".home-city")
    expect(chooser.get_by_label("Choose your city")).to_have_value("")
    chooser.get_by_role("button", name="See maternity packages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose your city")
    expect(page.locator("[data-error-summary]")).to_contain_text("Choose your city from the list")
    select = page.get_by_label("Choose your city")
    expect(select).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    select.select_option(label="Kochi")
    page.get_by_role("button", name="See maternity packages").click()
    page.wait_for_url(re.compile(r"/maternity-packages/kochi/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Maternity packages in Kochi")


def test_reader_follows_the_danger_signs_from_the_home_page_and_can_call_108_or_102_at_once(page):
    page.goto("/")
    block = page.locator("[data-danger-signs]")
    expect(block).to_be_in_viewport()  # on the first screen of the home page, phone or desktop
    block.get_by_role("link", name="Know the danger signs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Danger signs in pregnancy"))
    assert_accessible(page)

    page.get_by_role("navigation", name="On this page").get_by_role(
        "link", name="When to see a doctor"
    ).click()
    callout = page.locator("[data-red-flags]")
    expect(callout.get_by_role("heading", name="When to see a doctor", level=2)).to_be_in_viewport()
    for number in ("108", "102"):
        link = callout.locator(f'a[href="tel:{number}"]')
        expect(link).to_be_in_viewport()
        # The number sits within the first screen of the callout, whatever is scrolled above it.
        assert (
            link.bounding_box()["y"] + link.bounding_box()["height"] - callout.bounding_box()["y"]
            < (page.viewport_size["height"])
        )
    groups = callout.locator("[data-urgency]")
    # Most urgent first; light painless spotting before 12 weeks and a sore breast or wound without fever
    # after the birth are the article's only signs that can wait a day.
    assert [g.get_attribute("data-urgency") for g in groups.all()] == [
        "call_108",
        "hospital_now",
        "within_24_hours",
    ]
    expect(groups.first.get_by_role("heading", level=3)).to_have_text("Call 108 now")
    expect(groups.nth(1)).to_contain_text("Your baby moving less than usual, or not at all.")
    assert_accessible(page)
