"""Two-factor sign-in in the browser: a new member of staff sets up an authenticator app (reads the key
the page shows, as the app does when it scans the QR code), confirms a code, keeps the backup codes
and reaches the admin; axe on every page; the sign-in and set-up pages pass the Nu HTML checker."""

import base64
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, assert_accessible
from tests.e2e.server import totp_code
from tests.e2e.test_html_validity import CANARY, CANARY_ERROR, JAR, JAVA, run_checker

CODE_HELP = "The code is the 6 digits your authenticator app shows, or one of your backup codes."


def key_hex(typed_key: str) -> str:
    """The key an app reads from the QR code, from the same key typed out in groups of four."""
    return base64.b32decode(typed_key.replace(" ", "")).hex()


def test_a_new_member_of_staff_sets_up_the_app_and_reaches_the_admin(page, viewport):
    username = f"newcomer-{viewport}"
    page.goto("/admin/login/")
    assert_accessible(page)
    page.get_by_label("Username:").fill(username)
    page.get_by_label("Password:").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()  # no code: this account has no app yet
    page.wait_for_url("**/admin/two-factor/setup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    assert_accessible(page)

    # Nothing else opens before the app is set up.
    page.goto("/admin/articles/article/")
    page.wait_for_url("**/admin/two-factor/setup/")

    typed_key = page.locator("[data-totp-key]").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{4}){7}", typed_key)
    page.get_by_label("Code from the app:").fill("abcdef")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator(".errorlist")).to_contain_text("Enter the 6 digits your authenticator app shows now.")
    assert_accessible(page)
    assert page.locator("[data-totp-key]").inner_text() == typed_key  # the same key as the app has

    page.get_by_label("Code from the app:").fill(totp_code(username, key_hex(typed_key)))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your backup codes")
    codes = page.locator("[data-backup-codes] code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    expect(page.get_by_text("They are shown only now.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Continue to the admin").click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Editorial and directory administration")
    expect(page.locator("tr.model-article")).to_be_visible()

    # Next time: the password and a backup code (the phone is at home).
    page.context.clear_cookies()
    page.goto("/admin/login/")
    page.get_by_label("Username:").fill(username)
    page.get_by_label("Password:").fill(DEMO_PASSWORD)
    page.get_by_label("Code:").fill("letters")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".errorlist")).to_contain_text(CODE_HELP)
    assert_accessible(page)
    page.get_by_label("Password:").fill(DEMO_PASSWORD)
    page.get_by_label("Code:").fill(codes[0])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


@pytest.mark.skipif(
    not (JAR and JAVA),
    reason="needs java and vnu.jar (apt-get install default-jre-headless; set VNU_JAR, or run .ci/run once)",
)
def test_the_sign_in_and_set_up_pages_are_valid_html(live_url, tmp_path):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def fetch(path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(live_url + path, data=body, headers={"Referer": live_url + path})  # noqa: S310
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    pages = {}
    _, pages["sign-in"] = fetch("/admin/login/")
    sign_in = {
        "username": "newcomer-html",
        "password": DEMO_PASSWORD,
        "csrfmiddlewaretoken": token(pages["sign-in"]),
    }
    _, pages["sign-in-errors"] = fetch("/admin/login/", {**sign_in, "otp_token": "x" * 50})
    assert CODE_HELP in pages["sign-in-errors"]
    status, pages["set-up"] = fetch(
        "/admin/login/", {**sign_in, "otp_token": ""}
    )  # followed to the set-up page
    assert status == 200 and "data-two-factor-setup" in pages["set-up"]
    setup = {"csrfmiddlewaretoken": token(pages["set-up"])}
    _, pages["set-up-errors"] = fetch("/admin/two-factor/setup/", {**setup, "otp_token": "abc"})
    assert "Enter the 6 digits" in pages["set-up-errors"]
    typed_key = re.search(r"data-totp-key>([A-Z2-7 ]+)<", pages["set-up"]).group(1)
    code = totp_code("newcomer-html", key_hex(typed_key))
    _, pages["backup-codes"] = fetch("/admin/two-factor/setup/", {**setup, "otp_token": code})
    assert "data-backup-codes" in pages["backup-codes"]

    files = []
    for name, html in pages.items():
        files.append(tmp_path / f"{name}.html")
        files[-1].write_text(html)
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY)
    errors = [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in run_checker([*files, canary])
        if m["type"] in ("error", "non-document-error")
    ]
    assert f"canary.html:1: {CANARY_ERROR}" in errors, (
        f"the checker did not report the canary's error: {errors}"
    )
    errors.remove(f"canary.html:1: {CANARY_ERROR}")
    assert errors == [], "the Nu HTML checker found:\n" + "\n".join(errors)
