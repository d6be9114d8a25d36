"""A patient's data rights, end to end in Chromium: she enquires, opens her private link, corrects her
number, withdraws her consent, and the centre's notices (the enquiry, then its withdrawal) arrive on a
real SMTP server on 127.0.0.1."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import SERVER, assert_accessible, fill_enquiry
from tests.e2e.server import _manage
from tests.mailserver import free_port, smtp_server


def run_worker_against(port):
    """The job worker, as production runs it, sending through the SMTP server on `port`."""
    env = {
        **SERVER["server"].env,
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(port),
        "DJANGO_EMAIL_USE_TLS": "0",
    }
    _manage(env, "db_worker", "--batch", "--no-startup-delay")


def test_enquire_see_correct_withdraw_and_the_centre_is_told(page):
    page.goto("/maternity-packages/pune/")
    page.locator("[data-package]").first.get_by_role("heading", level=3).get_by_role("link").click()
    page.get_by_role("link", name=re.compile(r"^Send an enquiry")).click()
    expect(page.locator("[data-privacy-notice]")).to_contain_text("What happens to your details")
    fill_enquiry(page, name="Rekha Patil", phone="98220 11223")
    page.get_by_role("button", name="Send enquiry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, your enquiry has been sent")
    reference = page.locator("[data-reference]").get_attribute("data-reference")
    centre = page.locator("dt:text-is('Sent to') + dd").inner_text()
    assert_accessible(page)
    # The worker tells the centre of it, through a real mail server (a withdrawal before then would
    # cancel that email, and the centre would hear of neither).
    port = free_port()
    with smtp_server(port) as inbox:
        run_worker_against(port)
        new = [m for _, m in inbox.messages if m["Subject"].startswith(f"New enquiry {reference} ")]
    assert len(new) == 1

    # The private link: everything stored is there.
    page.locator("[data-private-link] a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Your enquiry {reference}")
    stored = page.locator("dl.stored")
    expect(stored).to_contain_text("Rekha Patil")
    expect(stored).to_contain_text("+91 98220 11223")
    assert_accessible(page)

    # She corrects her mobile number.
    page.get_by_label("Mobile number").fill("98220 44556")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.locator("[data-saved]")).to_be_visible()
    expect(stored).to_contain_text("+91 98220 44556")
    private_url = page.url

    # She withdraws: erased at once, and the link is used up.
    # The browser asks once more: cancelled, nothing happens; accepted, she withdraws.
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Withdraw and erase my details").click()
    assert questions == ["Erase your details and withdraw this enquiry? This cannot be undone."]
    expect(page).to_have_url(private_url)
    expect(page.get_by_role("button", name="Withdraw and erase my details")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Withdraw and erase my details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your consent is withdrawn and your details are erased"
    )
    assert_accessible(page)
    assert page.goto(private_url).status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We could not find that page")
    # The browser reports the expected 404 in its console; nothing else may be there.
    page.console_problems[:] = [p for p in page.console_problems if not p.startswith(private_url)]

    # The worker tells the centre of the withdrawal.
    port = free_port()
    with smtp_server(port) as inbox:
        run_worker_against(port)
        notices = [m for _, m in inbox.messages if m["Subject"] == f"Enquiry {reference} withdrawn"]
    assert len(notices) == 1
    assert "erased" in notices[0].get_payload() and "Rekha" not in notices[0].get_payload()
    assert centre  # the thank-you page named the centre that was told
