"""A Hindi-reading patient's journeys under /hi/ in a real browser at phone width, with axe on every page:
find a doctor and send an enquiry, date a pregnancy, read a Hindi article and switch language. The
Devanagari is drawn with a real Devanagari font (no empty boxes), as Chromium reports per text node, and
each journey leaves a screenshot per page in its temporary folder for a person to look at."""

import datetime
import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, today_in_india

DEVANAGARI = re.compile("[\u0900-\u097f]")


def _fonts_drawing(page, selector: str) -> dict[str, int]:
    """The fonts Chromium drew the element's text with (family -> glyphs), from the DevTools protocol."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def _in_hindi(page, shots, name: str) -> None:
    """The page is Hindi, passes axe, its heading's Devanagari is drawn with a Devanagari font, and a
    full-page screenshot is kept."""
    expect(page.locator("html")).to_have_attribute("lang", "hi")
    heading = page.get_by_role("heading", level=1)
    assert DEVANAGARI.search(heading.inner_text()), heading.inner_text()
    fonts = _fonts_drawing(page, "h1")
    assert any("Devanagari" in family for family in fonts), fonts
    assert not any("LastResort" in family for family in fonts), fonts
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert_accessible(page)


def test_hindi_patient_finds_a_marathi_speaking_doctor_in_pune_and_sends_an_enquiry(phone_page, tmp_path):
    page = phone_page
    page.goto("/hi/")
    _in_hindi(page, tmp_path, "home")
    page.locator(".site-nav").get_by_role("link", name="स्त्री रोग विशेषज्ञ", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("स्त्री रोग विशेषज्ञ")
    assert page.url.endswith("/hi/gynecologists/")

    form = page.get_by_role("form", name="नतीजे फिल्टर करें")
    form.get_by_label("शहर").select_option(value="pune")
    form.get_by_label("मराठी").check()
    form.get_by_label("डॉक्टर महिला हों या पुरुष").select_option(value="female")
    form.get_by_label("ज्यादा से ज्यादा परामर्श फीस (₹)").fill("1000")
    form.get_by_role("button", name="नतीजे दिखाएं").click()
    page.wait_for_url(re.compile(r"max_fee=1000"))
    assert "/hi/gynecologists/" in page.url
    assert "city=pune" in page.url and "language=marathi" in page.url and "gender=female" in page.url
    count = int(page.locator("[data-result-count]").get_attribute("data-result-count"))
    cards = page.locator("[data-doctor]")
    assert 0 < count == cards.count()
    expect(page.locator("[data-result-count]")).to_have_text(f"{count} स्त्री रोग विशेषज्ञ मिले")
    for card in cards.all():
        fee = card.locator("dt:text-is('परामर्श फीस') + dd").inner_text()
        assert int(re.sub(r"[^\d]", "", fee)) <= 1000
    _in_hindi(page, tmp_path, "results")

    name = cards.first.get_by_role("heading", level=3).inner_text()
    cards.first.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert "/hi/doctors/" in page.url
    page.get_by_role("link", name=re.compile("पूछताछ भेजें")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("पूछताछ")

    # Sent without the consent box: the Hindi message sits next to the box, and nothing is stored.
    page.get_by_label("आपका नाम").fill("प्रिया देशमुख")
    page.get_by_label("मोबाइल नंबर").fill("98765 43210")
    page.get_by_label("संदेश (जरूरी नहीं)").fill("मैं 10 हफ्ते की गर्भवती हूं, पहली जांच के लिए समय चाहिए।")
    choice = page.get_by_role("group", name="कौन सा सेंटर आपको वापस फोन करे?")
    if choice.count():
        choice.get_by_role("radio").first.check()
    page.get_by_label("मेरी उम्र 18 साल या उससे ज्यादा है").check()
    page.get_by_role("button", name="पूछताछ भेजें").click()
    consent = page.get_by_label(re.compile("^मैं सहमत हूं कि"))
    expect(consent).to_have_attribute("aria-invalid", "true")
    message = " ".join(
        page.locator(f"#{ident}").inner_text() for ident in consent.get_attribute("aria-describedby").split()
    )
    assert DEVANAGARI.search(message) and not re.search("[A-Za-z]{3,}", message), message
    _in_hindi(page, tmp_path, "enquiry-error")

    consent.check()
    page.get_by_role("button", name="पूछताछ भेजें").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("धन्यवाद, आपकी पूछताछ भेज दी गई है")
    reference = page.locator("[data-reference]")
    expect(reference).to_have_text(re.compile(r"^[A-Z0-9-]{6,12}$"))
    _in_hindi(page, tmp_path, "thanks")


def test_hindi_patient_dates_her_pregnancy_from_her_last_period(phone_page, tmp_path):
    page = phone_page
    today = today_in_india()
    period = today - datetime.timedelta(days=70)  # 10 weeks 0 days today
    page.goto("/hi/due-date-calculator/")
    _in_hindi(page, tmp_path, "calculator")
    section = page.locator("[data-method='lmp']")
    section.get_by_label("आखिरी माहवारी (पीरियड) का पहला दिन").fill(period.isoformat())
    section.get_by_role("button", name="पीरियड की तारीख से निकालें").click()

    due = period + datetime.timedelta(days=280)
    due_date = page.locator("time[data-result='due-date']")
    expect(due_date).to_have_attribute("datetime", due.isoformat())
    assert str(due.day) in due_date.inner_text() and str(due.year) in due_date.inner_text()
    assert DEVANAGARI.search(due_date.inner_text()), due_date.inner_text()  # the month in Hindi
    age = page.locator("[data-result='gestational-age']")
    expect(age).to_have_attribute("data-weeks", "10")
    expect(age).to_have_attribute("data-days", "0")
    assert period.isoformat() not in page.url  # health data never goes into the address
    _in_hindi(page, tmp_path, "calculator-result")


def test_hindi_reader_reads_a_hindi_article_and_switches_to_its_english_original(phone_page, tmp_path):
    page = phone_page
    page.goto("/hi/articles/")
    _in_hindi(page, tmp_path, "articles")
    first = page.locator(".article-card h3 a").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert "/hi/articles/" in page.url
    callout = page.locator("[data-red-flags]").first
    expect(callout.locator("a[href='tel:108']").first).to_be_visible()
    _in_hindi(page, tmp_path, "article")

    hindi = page.url
    english = page.locator("link[rel=alternate][hreflang='en-IN']").get_attribute("href")
    page.locator("[data-language-switch]").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url == english
    # Reciprocal: the English original names the Hindi page as its Hindi alternate.
    assert page.locator("link[rel=alternate][hreflang='hi-IN']").get_attribute("href") == hindi
    back = page.locator("[data-language-switch]").get_by_role("link", name="हिन्दी")
    back.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert page.url == hindi
