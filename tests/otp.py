"""Staff sign-in in tests: authenticator-app devices, their current codes, and verified sessions."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.middleware import StaffSessionRefreshMiddleware


def app_device(user, key: str | None = None) -> TOTPDevice:
    """The account's confirmed authenticator app (made if it has none; `key` in hex if given)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        extra = {"key": key} if key else {}
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True, **extra)
    return device


def code_for(key: bytes, at: float | None = None, digits: int = 6) -> str:
    """The code an authenticator app holding `key` shows at time `at` (now by default)."""
    totp = TOTP(key, digits=digits)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{digits}d}"


def current_code(device: TOTPDevice) -> str:
    return code_for(device.bin_key, digits=device.digits)


def verify_session(client, user) -> TOTPDevice:
    """Mark the client's signed-in session as verified by the account's app, as a sign-in with a code
    does (django_otp.login keeps the device's id in the session; the sign-in's response has just
    refreshed the session's expiry, see portal.middleware.StaffSessionRefreshMiddleware)."""
    device = app_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[StaffSessionRefreshMiddleware.REFRESHED] = int(time.time())
    session.save()
    return device
