"""Storing an enquiry and telling its centre about it.

The enquiry is committed first, in its own transaction; the email goes out only after the commit.
If the mail server fails, the enquiry is still there (staff see it as "new" in the admin) and the
failure is logged with the reference only: no phone number, name or email ever reaches the logs.
The email itself carries no patient details either, only the reference and a link to the admin,
where only Centre staff can read them.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from directory import ratelimit

logger = logging.getLogger(__name__)


def save_and_notify(enquiry, site_url="", client_key="") -> str | None:
    """Save `enquiry` and, once that has committed, email its centre. Returns the reference, or None
    when the client has reached the enquiry rate limit (nothing is stored then).

    `site_url` (e.g. "https://example.in") makes the admin link in the email absolute.
    """
    from directory.models import Enquiry

    with transaction.atomic():
        if client_key:
            ratelimit.lock_client(client_key)
            if ratelimit.over_limit(Enquiry.objects.all(), client_key):
                logger.info("enquiry rate limit reached", extra={"limit": settings.ENQUIRY_RATE_LIMIT})
                return None
            enquiry.client_key = client_key
        enquiry.save()
        transaction.on_commit(lambda: notify_centre(enquiry.pk, site_url))
    logger.info("enquiry stored", extra={"reference": enquiry.reference})
    return enquiry.reference


def _admin_link(enquiry, site_url) -> str:
    try:
        path = reverse("admin:directory_enquiry_change", args=[enquiry.pk])
    except NoReverseMatch:
        path = reverse("admin:index")
    return f"{site_url.rstrip('/')}{path}"


def notify_centre(enquiry_id, site_url="") -> bool:
    """Email the centre about a stored enquiry. Never raises; returns whether a mail was sent."""
    from directory.models import Enquiry

    enquiry = Enquiry.objects.select_related("hospital", "doctor", "package").filter(pk=enquiry_id).first()
    if enquiry is None:
        return False
    if enquiry.hospital is None or not enquiry.hospital.email:
        logger.warning(
            "enquiry not emailed: the centre has no email address", extra={"reference": enquiry.reference}
        )
        return False
    about = enquiry.subject
    lines = [
        f"A patient has sent an enquiry through {settings.SITE_NAME}.",
        "",
        f"Reference: {enquiry.reference}",
        f"About: {about.name}",
    ]
    if enquiry.preferred_date:
        lines.append(f"Preferred date: {enquiry.preferred_date:%d %B %Y}")
    lines += [
        "",
        "The patient's name and mobile number are in the admin (Centre staff only):",
        _admin_link(enquiry, site_url),
        "",
        "Please call them back and mark the enquiry as contacted.",
    ]
    try:
        send_mail(
            subject=f"New enquiry {enquiry.reference} about {about.name}",
            message="\n".join(lines),
            from_email=None,
            recipient_list=[enquiry.hospital.email],
        )
    except Exception as exc:  # noqa: BLE001 - the enquiry is stored; a mail failure must not lose it
        logger.error(
            "enquiry email failed",
            extra={"reference": enquiry.reference, "error": exc.__class__.__name__},
        )
        return False
    return True
