"""Two-factor staff sign-in: one form with username, password and a one-time code.

A code is the 6 digits an authenticator app shows (TOTP) or a backup code. What the form says never
tells which factor was wrong; bad input gets a clear message and never a 500; an account without an
app is led to set one up and reaches nothing else first.
"""

import re
import time
from base64 import b32decode

import pytest
import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.demo import DEMO_BACKUP_CODES, DEMO_PASSWORD
from tests.otp import app_device, code_for, current_code

PASSWORD = "a-long-correct-password"
INVALID = "Please enter a correct username, password and code."
CODE_HELP = "The code is the 6 digits your authenticator app shows, or one of your backup codes."
SETUP = "/admin/two-factor/setup/"


@pytest.fixture
def asha(db):
    user = User.objects.create_user("asha", password=PASSWORD, is_staff=True, is_superuser=True)
    app_device(user)
    return user


@pytest.fixture
def newcomer(db):
    """A staff account that has never signed in: no authenticator app yet."""
    return User.objects.create_user("meera", password=PASSWORD, is_staff=True, is_superuser=True)


@pytest.fixture
def hashes(monkeypatch):
    """How many passwords were hashed (checked, or hashed to time an unknown username alike)."""
    count = {"n": 0}
    verify, encode = MD5PasswordHasher.verify, MD5PasswordHasher.encode

    def counting(method):
        def wrapper(self, *args, **kwargs):
            count["n"] += 1
            return method(self, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(MD5PasswordHasher, "verify", counting(verify))
    monkeypatch.setattr(MD5PasswordHasher, "encode", counting(encode))
    return count


def sign_in(client, username="asha", password=PASSWORD, code=None, next_url="/admin/"):
    if code is None:
        code = current_code(TOTPDevice.objects.get(user__username=username, confirmed=True))
    return client.post(
        f"/admin/login/?next={next_url}", {"username": username, "password": password, "otp_token": code}
    )


def page(response) -> str:
    return response.content.decode()


def field_errors(response, field) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


# ---- Signing in


def test_the_sign_in_form_asks_for_username_password_and_code(client, db):
    html = page(client.get("/admin/login/"))
    for name in ("username", "password", "otp_token"):
        assert f'name="{name}"' in html
    assert 'autocomplete="one-time-code"' in html
    assert "The 6-digit code your authenticator app shows now, or one of your backup codes." in html


def test_password_and_the_apps_current_code_open_the_admin(client, asha):
    response = sign_in(client)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    index = client.get("/admin/")
    assert index.status_code == 200
    assert "Site administration" in page(index) or "Editorial and directory administration" in page(index)


def test_a_code_typed_with_a_space_is_read_as_the_same_code(client, asha):
    code = current_code(asha.totpdevice_set.get())
    assert sign_in(client, code=f" {code[:3]} {code[3:]} ")["Location"] == "/admin/"


def test_a_backup_code_works_once(client, asha):
    call_command("addstatictoken", "asha", "-t", "spare2026code", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sign_in(client, code="SPARE2026CODE")["Location"] == "/admin/"  # case and spaces do not matter
    client.logout()
    again = sign_in(client, code="spare2026code")
    assert again.status_code == 200 and INVALID in page(again)


def test_a_wrong_password_and_a_wrong_code_get_the_same_message(client, asha):
    wrong_password = sign_in(client, password="not-the-password")
    wrong_code = sign_in(
        client, code="000000" if current_code(asha.totpdevice_set.get()) != "000000" else "111111"
    )
    no_code = sign_in(client, code="")
    unknown_user = sign_in(client, username="nobody", code="123456")
    for response in (wrong_password, wrong_code, no_code, unknown_user):
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [f"{INVALID} {CODE_HELP}"]
        assert '<p class="errornote" data-sign-in-error>' in page(response)
    assert client.get("/admin/").status_code == 302  # still signed out


@pytest.mark.parametrize(
    "code",
    ["abcdef", "letters", "x" * 50, "1234567", "12345", "12 34 5!", "١٢٣٤٥٦", "a" * 10_000],
    ids=[
        "six-letters",
        "a-word",
        "50-chars",
        "7-digits",
        "5-digits",
        "punctuation",
        "arabic-digits",
        "10000",
    ],
)
def test_what_cannot_be_a_code_is_refused_beside_the_field_without_checking_the_password(
    client, asha, hashes, code
):
    response = sign_in(client, code=code)
    assert response.status_code == 200
    assert field_errors(response, "otp_token") == [CODE_HELP]
    assert CODE_HELP in page(response)
    assert hashes["n"] == 0  # not even hashed: refused before the password is looked at


def test_a_nul_byte_in_the_code_is_refused_cleanly(client, asha, hashes):
    response = sign_in(client, code="123\x00456")
    assert response.status_code == 200
    assert field_errors(response, "otp_token") == ["Null characters are not allowed."]
    assert hashes["n"] == 0


def test_a_code_cannot_be_used_twice(client, asha):
    code = current_code(asha.totpdevice_set.get())
    assert sign_in(client, code=code)["Location"] == "/admin/"
    client.logout()
    replayed = sign_in(client, code=code)
    assert replayed.status_code == 200 and INVALID in page(replayed)


def test_a_code_of_another_accounts_app_does_not_sign_in(client, asha):
    other = User.objects.create_user("ravi", password="another-long-password", is_staff=True)
    response = sign_in(client, code=current_code(app_device(other)))
    assert response.status_code == 200 and INVALID in page(response)


def test_an_app_code_does_not_slow_down_the_backup_codes(client, asha):
    """Codes are offered only to the devices they could belong to: signing in with the app's codes
    never counts as a failed backup code (which would make the backup codes wait)."""
    call_command("addstatictoken", "asha", "-t", "spare2026code", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sign_in(client)
    assert StaticDevice.objects.get(user=asha).throttling_failure_count == 0


@pytest.mark.parametrize("debug, signs_in", [(True, True), (False, False)])
def test_the_demo_password_never_signs_in_with_debug_off(client, db, settings, debug, signs_in):
    settings.DEBUG = debug
    user = User.objects.create_user("editor", password=DEMO_PASSWORD, is_staff=True)
    call_command("addstatictoken", "editor", "-t", DEMO_BACKUP_CODES[0], stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = sign_in(client, username=user.username, password=DEMO_PASSWORD, code=DEMO_BACKUP_CODES[0])
    assert (response.status_code == 302) is signs_in
    if not signs_in:
        assert INVALID in page(response)


# ---- First sign-in: setting up the authenticator app


def key_on(html: str) -> bytes:
    typed = re.search(r"<code class=\"otp-key\" data-totp-key>([A-Z2-7 ]+)</code>", html).group(1)
    return b32decode(typed.replace(" ", ""))


def test_an_account_without_an_app_signs_in_with_its_password_and_must_set_one_up(client, newcomer):
    response = sign_in(client, username="meera", code="")
    assert response.status_code == 302 and response["Location"] == SETUP
    # Nothing else opens first: every admin page leads back to the setup page.
    for url in ("/admin/", "/admin/auth/user/", "/admin/password_change/"):
        first = client.get(url)
        assert first.status_code == 302 and first["Location"].startswith("/admin/login/")
        assert client.get(first["Location"])["Location"] == SETUP


def test_setting_up_the_app_shows_a_qr_code_and_the_key_then_backup_codes_once(client, newcomer):
    sign_in(client, username="meera", code="")
    setup = client.get(SETUP)
    html = page(setup)
    assert setup.status_code == 200
    assert setup["Cache-Control"].startswith("max-age=0") or "no-cache" in setup["Cache-Control"]
    svg = re.search(r"<svg [^>]*>.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "aria-label=" in svg
    assert "style" not in svg and "<script" not in svg and "href" not in svg  # nothing the CSP refuses
    key = key_on(html)
    device = TOTPDevice.objects.get(user=newcomer)
    assert key == device.bin_key and not device.confirmed
    assert key_on(page(client.get(SETUP))) == key  # reloading keeps the key the app has scanned

    wrong = client.post(SETUP, {"otp_token": code_for(key, at=time.time() - 600)})
    assert wrong.status_code == 200
    assert "That is not the code the app shows now for this key." in page(wrong)
    assert client.get("/admin/").status_code == 302

    with time_machine.travel(time.time() + 2, tick=False):  # after a wrong code the app waits a second
        done = client.post(SETUP, {"otp_token": code_for(key)})
    assert done.status_code == 200 and "no-store" in done["Cache-Control"]
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page(done))
    assert len(codes) == len(set(codes)) == 10
    assert "They are shown only now." in page(done)
    assert client.get("/admin/").status_code == 200  # verified by the app just confirmed
    assert client.get(SETUP)["Location"] == "/admin/"  # and no second app through this page

    client.logout()
    assert sign_in(client, username="meera", code=codes[3])["Location"] == "/admin/"
    client.logout()
    password_only = sign_in(client, username="meera", code="")  # an app now: a code is needed
    assert password_only.status_code == 200 and INVALID in page(password_only)


def test_the_setup_page_refuses_what_is_not_six_digits(client, newcomer):
    sign_in(client, username="meera", code="")
    for bad in ("", "abcdef", "1" * 50, "12\x0034"):
        response = client.post(SETUP, {"otp_token": bad})
        assert response.status_code == 200
        assert response.context["form"].errors["otp_token"]
    assert not TOTPDevice.objects.get(user=newcomer).confirmed


def test_an_account_with_an_app_cannot_add_another_with_its_password_alone(client, asha):
    """Someone who knows only the password cannot set up their own app on the account."""
    client.force_login(asha, verified=False)
    assert client.get(SETUP)["Location"] == "/admin/login/"
    assert client.post(SETUP, {"otp_token": "123456"})["Location"] == "/admin/login/"
    assert TOTPDevice.objects.filter(user=asha).count() == 1


def test_the_setup_page_is_for_signed_in_staff_only(client, db):
    assert client.get(SETUP)["Location"].startswith("/admin/login/")
    patient = User.objects.create_user("patient", password=PASSWORD)
    client.force_login(patient)
    assert client.get(SETUP)["Location"].startswith("/admin/login/")


def test_signing_out_from_the_setup_page(client, newcomer):
    sign_in(client, username="meera", code="")
    assert client.get("/admin/two-factor/sign-out/").status_code == 405
    response = client.post("/admin/two-factor/sign-out/")
    assert response["Location"] == "/admin/login/"
    assert client.get(SETUP)["Location"].startswith("/admin/login/")


# ---- Backup codes from the command line


def test_addstatictoken_adds_a_backup_code_and_refuses_one_the_form_would_not_take(client, asha, capsys):
    call_command("addstatictoken", "asha", "-t", "Rescue 2026 A")
    assert capsys.readouterr().out.strip() == "rescue2026a"
    for bad in ("123456", "short", "with-dash-code", "x" * 17):
        with pytest.raises(CommandError, match="8 to 16 letters or digits"):
            call_command("addstatictoken", "asha", "-t", bad)
    call_command("addstatictoken", "asha")  # a random one, django-otp's default
    random_code = capsys.readouterr().out.strip()
    assert re.fullmatch(r"[a-z2-7]{8}", random_code)
    assert sign_in(client, code=random_code)["Location"] == "/admin/"
