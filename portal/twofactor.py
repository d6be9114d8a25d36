"""Two-factor staff sign-in: a password and a one-time code, in one form.

Every staff account signs in to the admin with its password and a code: the 6 digits its authenticator
app shows now (django-otp's TOTPDevice) or one of its backup codes (StaticDevice, each good once). An
account with no confirmed device yet signs in with its password alone and is sent to enrol an app
(PortalAdminSite.two_factor_setup); it reaches nothing else until it has.

What the form says never tells which factor was wrong. A code that cannot be a code at all (letters
where the app shows digits, 50 characters) is refused beside the field before the password is even
checked; a wrong code after a right password counts towards the django-axes lockout like a wrong
password does.
"""

import base64
import logging
import re

import segno
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.demo import DEMO_PASSWORD

logger = logging.getLogger(__name__)

APP_CODE = re.compile(r"[0-9]{6}")
BACKUP_CODE = re.compile(r"[a-z0-9]{8,16}")  # django-otp's own are 8 characters of a-z and 2-7
CODE_HELP = "The code is the 6 digits your authenticator app shows, or one of your backup codes."
INVALID_SIGN_IN = f"Please enter a correct username, password and code. {CODE_HELP}"
BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"


def normalise_code(raw: str) -> str:
    """A code as typed ("123 456", "ABCD EFGH") as it is stored: no spaces, lower case."""
    return "".join(raw.split()).lower()


def looks_like_a_code(code: str) -> bool:
    return bool(APP_CODE.fullmatch(code) or BACKUP_CODE.fullmatch(code))


def _could_accept(device, code: str) -> bool:
    if isinstance(device, TOTPDevice):
        return code.isdigit() and len(code) == device.digits
    if isinstance(device, StaticDevice):
        return bool(BACKUP_CODE.fullmatch(code))
    return True


def verify_code(user, code: str):
    """The confirmed device of `user` that accepts `code` (and uses it up), or None.

    Unlike django_otp.match_token, a code is offered only to the devices it could belong to (digits to
    the app, a backup code to the backup codes): a device that is offered a code counts a failure when
    it refuses it and then makes the next attempt wait, and an account's backup codes must not become
    slow to use because its app's codes were tried on them first."""
    with transaction.atomic():
        devices = sorted(devices_for_user(user, for_verify=True), key=lambda d: not isinstance(d, TOTPDevice))
        for device in devices:
            if _could_accept(device, code) and device.verify_token(code):
                return device
    return None


class TwoFactorAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form: username, password and otp_token, checked in that order."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": INVALID_SIGN_IN,
    }

    otp_token = forms.CharField(
        label="Code",
        required=False,
        help_text=(
            "The 6-digit code your authenticator app shows now, or one of your backup codes. "
            "Leave it empty only the first time you sign in, to set up the app."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def clean_otp_token(self):
        code = normalise_code(self.cleaned_data.get("otp_token", ""))
        if code and not looks_like_a_code(code):
            raise forms.ValidationError(CODE_HELP, code="not_a_code")
        return code

    def clean(self):
        if self.has_error("otp_token"):
            return self.cleaned_data  # not even a code: the password is not checked (nor hashed)
        cleaned_data = super().clean()  # the password (django-axes counts a wrong one)
        if self.user_cache is not None:
            self._refuse_the_demo_password()
            self._check_code(self.user_cache, cleaned_data.get("otp_token", ""))
        return cleaned_data

    def _failed(self):
        """A failed sign-in as django-axes counts them (by username and client address), and the one
        message that does not say which factor was wrong."""
        user_login_failed.send(
            sender=__name__, credentials={"username": self.cleaned_data.get("username")}, request=self.request
        )
        return self.get_invalid_login_error()

    def _refuse_the_demo_password(self):
        if not settings.DEBUG and self.cleaned_data.get("password") == DEMO_PASSWORD:
            logger.warning("sign-in with the demo password refused (debug is off)")
            raise self._failed()

    def _check_code(self, user, code: str):
        if not user_has_device(user):
            return  # no app yet: signed in by password, and sent to enrol one before anything else
        device = verify_code(user, code) if code else None
        if device is None:
            raise self._failed()
        user.otp_device = device  # django_otp.login() keeps it in the session when the view signs in


# ---- Enrolment: a new authenticator app, confirmed with one of its codes, then backup codes.


def pending_app_device(user) -> TOTPDevice:
    """The account's authenticator app being set up: the same key until it is confirmed, so a page
    reloaded after scanning still matches the app."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def key_for_typing(device: TOTPDevice) -> str:
    """The secret key as an authenticator app asks for it when typed in: base32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The app's setup link (otpauth://) as an inline SVG QR code, drawn here: no image host, no
    script, no style attribute (the strict CSP holds), black on white whatever the admin's theme."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", svgclass="otp-qr", lineclass=None
    )
    label = 'role="img" aria-label="QR code holding the key shown below, for your authenticator app"'
    return mark_safe(svg.replace("<svg ", f"<svg {label} ", 1))  # segno draws every character of it


def new_backup_codes(user) -> list[str]:
    """Replace the account's backup codes with BACKUP_CODE_COUNT new ones; the codes (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Backup codes")
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def confirm_app(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app being set up with a code it shows; on success the session is verified by it and
    the new backup codes are returned, else None."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(code):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
        codes = new_backup_codes(device.user)
    otp_login(request, device)
    request.session.cycle_key()  # a new session key for the newly verified session
    return codes


class EnrolmentForm(forms.Form):
    otp_token = forms.CharField(
        label="Code from the app",
        help_text="The 6 digits the app shows now for this site.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": "Enter the 6 digits your authenticator app shows now."},
    )

    def clean_otp_token(self):
        code = normalise_code(self.cleaned_data["otp_token"])
        if not APP_CODE.fullmatch(code):
            raise forms.ValidationError("Enter the 6 digits your authenticator app shows now.")
        return code
