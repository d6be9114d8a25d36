"""Emails about enquiries, sent by the job queue and never lost.

Storing an enquiry and queuing what it owes people happen in one transaction (`store_enquiry`): a
`Notification` row and its job (Django's Tasks API, stored in the same database by django-tasks-db),
so there is no enquiry without its notification and no notification without its enquiry. The web
request never talks to the mail server; the worker (`manage.py db_worker`) does:

- A send is claimed first (pending -> sending in one UPDATE), so two workers can never both send it,
  and a notification marked sent is never sent again.
- A failed send is tried again after NOTIFY_RETRY_SECONDS, then after twice that, and so on, for at
  least NOTIFY_RETRY_HOURS (24); after that it is marked failed and shown to the centre and to
  superusers in the admin, where a superuser can queue it again for a new day of tries (`send_again`).
- Job arguments are ids. Mail to a centre names the reference and the admin link, never the patient's
  details; the patient's own confirmation goes to the address they gave, read when it is sent, in the
  language she wrote the enquiry in (`Enquiry.language`: subject, body and the private link's /hi/
  address). Mail to centres is for staff and stays English.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from directory import ratelimit
from directory.models import (
    AccessRecord,
    Enquiry,
    EnquiryStatus,
    Notification,
    NotificationKind,
    NotificationStatus,
)

logger = logging.getLogger(__name__)


def store_enquiry(enquiry: Enquiry, *, client_key: str = "") -> str | None:
    """Save `enquiry`, with its private link and its notifications, in one transaction. Returns the
    reference, or None when the client has reached the enquiry rate limit (nothing is stored then)."""
    with transaction.atomic():
        if client_key:
            ratelimit.lock_client(client_key)
            if ratelimit.over_limit(Enquiry.objects.all(), client_key):
                logger.info("enquiry rate limit reached", extra={"limit": settings.ENQUIRY_RATE_LIMIT})
                return None
            enquiry.client_key = client_key
        enquiry.issue_access_token()
        enquiry.save()
        queue(enquiry, NotificationKind.NEW_ENQUIRY)
        if enquiry.email:
            queue(enquiry, NotificationKind.CONFIRMATION)
    logger.info("enquiry stored", extra={"reference": enquiry.reference})
    return enquiry.reference


def withdraw(enquiry: Enquiry) -> None:
    """The patient withdraws her consent: her personal data is erased at once from every place it
    lives (directory.models.EnquiryQuerySet.erase_personal_data) and the centre is told, in one
    transaction. Told only if it may know of the enquiry (`centre_knows`): a withdrawal before anyone
    there could have seen it cancels the first email, and the centre hears of neither. A second
    withdrawal (two tabs, a retried request) finds nothing left to erase and owes nothing."""
    with transaction.atomic():
        told = centre_knows(enquiry)
        erased = Enquiry.objects.filter(pk=enquiry.pk).erase_personal_data(
            status=EnquiryStatus.WITHDRAWN, consent=False
        )
        if erased and told:
            queue(enquiry, NotificationKind.WITHDRAWAL)
    logger.info("enquiry withdrawn and erased", extra={"reference": enquiry.reference})


def send_new_link(enquiry: Enquiry) -> Notification | None:
    """For a patient who lost her private link and asked the grievance officer: a new link, emailed to
    the address she gave (the old one stops working), in one transaction; the email it owes. None, and
    nothing changed, when there is no address to send it to or her data was erased."""
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
        if not enquiry.email or enquiry.erased:
            return None
        enquiry.issue_access_token()
        enquiry.save(update_fields=["access_nonce", "access_hash"])
        notification = queue(enquiry, NotificationKind.NEW_LINK)
    logger.info("new private link issued", extra={"reference": enquiry.reference})
    return notification


def centre_knows(enquiry: Enquiry) -> bool:
    """Whether the centre may know of `enquiry`: its email went out (or is going, or failed for good,
    when superusers are asked to phone the centre), its staff acted on it, or its staff saw it in the
    admin (an access record names it)."""
    emailed = Notification.objects.filter(
        enquiry=enquiry.pk,
        kind=NotificationKind.NEW_ENQUIRY,
        status__in=[NotificationStatus.SENT, NotificationStatus.SENDING, NotificationStatus.FAILED],
    )
    acted = Enquiry.objects.filter(pk=enquiry.pk).exclude(status=EnquiryStatus.NEW)
    # Only its own staff, besides superusers, can see an enquiry.
    seen = AccessRecord.objects.filter(references__contains=enquiry.reference, user__is_superuser=False)
    return emailed.exists() or acted.exists() or seen.exists()


def queue(enquiry: Enquiry, kind: str) -> Notification:
    """Owe an email about `enquiry` and queue its job. Call inside the transaction that causes it."""
    notification = Notification.objects.create(enquiry=enquiry, kind=kind)
    send_notification.enqueue(notification.pk)
    return notification


# Email backends that deliver nothing: they print, write to files or drop each email. `make run` (debug
# on) prints its emails with the console backend, the default. With debug off no notification is "sent"
# through one: the console would print patients' private links into the server's log, and no centre
# would hear of an enquiry. The try fails instead, as with a mail server that is down, and is retried
# (NOTIFY_RETRY_HOURS), so nothing is lost once DJANGO_EMAIL_BACKEND names a real server. The in-memory
# backend the tests use keeps working.
UNDELIVERED = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


class NoDeliveringEmailBackend(Exception):
    """Debug is off and DJANGO_EMAIL_BACKEND is one of UNDELIVERED."""


@task()
def send_notification(notification_id: int) -> str:
    """The job: send one notification if it is still owed. Returns what happened (kept by the queue)."""
    claimed = Notification.objects.filter(pk=notification_id, status=NotificationStatus.PENDING).update(
        status=NotificationStatus.SENDING, attempts=F("attempts") + 1, claimed=timezone.now()
    )
    if not claimed:
        return "not owed"  # sent already, failed for good, or claimed by another worker
    notification = Notification.objects.select_related(
        "enquiry__hospital", "enquiry__doctor", "enquiry__package"
    ).get(pk=notification_id)
    message = build_message(notification)
    if message is None:
        _finish(notification, NotificationStatus.FAILED, "no address to send to")
        return "failed: no address"
    try:
        if not settings.DEBUG and settings.EMAIL_BACKEND in UNDELIVERED:
            raise NoDeliveringEmailBackend
        message.send()
    except Exception as exc:  # noqa: BLE001 - any mail failure is retried, never lost
        return _retry_or_fail(notification, exc)
    _finish(notification, NotificationStatus.SENT)
    return "sent"


def send_again(notifications) -> int:
    """Queue again, in one transaction, those of `notifications` that failed for good and those a
    stopped worker left being sent (`stalled`: whether that email went out is unknown, so it may arrive
    twice). Never one an erasure cancelled, nor one about an erased enquiry but the centre's notice of
    its withdrawal. Each starts a new round of tries, as a new notification would: at once, then after
    NOTIFY_RETRY_SECONDS, twice that and so on, for NOTIFY_RETRY_HOURS from now (a mail server that is
    still down, or down again for a moment, does not fail it for good on the first try). Returns how
    many were queued."""
    with transaction.atomic():
        again = list(
            notifications.not_sent().may_be_sent_again().select_for_update().values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=again).update(
            status=NotificationStatus.PENDING,
            attempts=0,
            next_attempt=None,
            last_error="",
            queued_again=timezone.now(),
        )
        for pk in again:
            send_notification.enqueue(pk)
    logger.info("notifications queued again", extra={"count": len(again)})
    return len(again)


def _finish(notification: Notification, status: str, error: str = "") -> None:
    now = timezone.now()
    rows = Notification.objects.filter(pk=notification.pk)
    if status != NotificationStatus.SENT:
        # Unless an erasure cancelled it meanwhile: that stands (a sent email is recorded as sent).
        rows = rows.filter(status=NotificationStatus.SENDING)
    rows.update(
        status=status,
        sent=now if status == NotificationStatus.SENT else None,
        last_error=error,
        next_attempt=None,
    )
    level = logging.INFO if status == NotificationStatus.SENT else logging.ERROR
    logger.log(
        level,
        "notification %s",
        status,
        extra={"reference": notification.enquiry.reference, "kind": notification.kind, "error": error},
    )


def retry_delay(attempts: int) -> timedelta:
    """The wait before the next try, after `attempts` failed ones: the first wait, then doubling."""
    return timedelta(seconds=settings.NOTIFY_RETRY_SECONDS * 2 ** (attempts - 1))


def _retry_or_fail(notification: Notification, exc: Exception) -> str:
    error = exc.__class__.__name__  # never the message: it can hold an address
    now = timezone.now()
    round_began = notification.queued_again or notification.created
    if now - round_began >= timedelta(hours=settings.NOTIFY_RETRY_HOURS):
        _finish(notification, NotificationStatus.FAILED, error)
        return f"failed: {error}"
    when = now + retry_delay(notification.attempts)
    with transaction.atomic():
        # Still ours to retry: an erasure while it was being sent cancelled it for good.
        retrying = Notification.objects.filter(pk=notification.pk, status=NotificationStatus.SENDING).update(
            status=NotificationStatus.PENDING, next_attempt=when, last_error=error
        )
        if not retrying:
            return f"cancelled while sending: {error}"
        send_notification.using(run_after=when).enqueue(notification.pk)
    logger.warning(
        "notification failed, will retry",
        extra={"reference": notification.enquiry.reference, "error": error, "retry_at": when.isoformat()},
    )
    return f"retry at {when.isoformat()}: {error}"


# ---- the messages ----


def _admin_link(notification: Notification) -> str:
    path = reverse("admin:directory_enquiry_change", args=[notification.enquiry_id])
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def build_message(notification: Notification) -> EmailMessage | None:
    """The email for `notification`, or None when there is nobody to send it to."""
    builders = {
        NotificationKind.NEW_ENQUIRY: _new_enquiry,
        NotificationKind.CONFIRMATION: _confirmation,
        NotificationKind.WITHDRAWAL: _withdrawal,
        NotificationKind.NEW_LINK: _new_link,
    }
    return builders[notification.kind](notification)


def _centre_address(enquiry: Enquiry) -> str:
    return enquiry.hospital.email if enquiry.hospital_id else ""


def _new_enquiry(notification: Notification) -> EmailMessage | None:
    enquiry = notification.enquiry
    address = _centre_address(enquiry)
    if not address:
        return None
    lines = [
        f"A patient has sent an enquiry through {settings.SITE_NAME}.",
        "",
        f"Reference: {enquiry.reference}",
        f"About: {enquiry.subject.name}",
    ]
    if enquiry.preferred_date:
        lines.append(f"Preferred date: {enquiry.preferred_date:%d %B %Y}")
    lines += [
        "",
        "The patient's name and mobile number are in the admin (your centre's staff only):",
        _admin_link(notification),
        "",
        "Please call them back and mark the enquiry as contacted.",
    ]
    subject = f"New enquiry {enquiry.reference} about {enquiry.subject.name}"
    return EmailMessage(subject, "\n".join(lines), to=[address])


def _to_patient(notification: Notification, build) -> EmailMessage | None:
    """`build(enquiry)` in the language she wrote the enquiry in; None if she gave no email address."""
    enquiry = notification.enquiry
    if not enquiry.email:
        return None
    language = enquiry.language if enquiry.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        return build(enquiry)


def _confirmation(notification: Notification) -> EmailMessage | None:
    return _to_patient(notification, _confirmation_in_language)


def _new_link(notification: Notification) -> EmailMessage | None:
    return _to_patient(notification, _new_link_in_language)


def _new_link_in_language(enquiry: Enquiry) -> EmailMessage | None:
    """The new private link a superuser issued at her request (`send_new_link`); the link is read when
    the email is sent, so an erasure meanwhile leaves nothing to send."""
    link = enquiry.get_private_url()
    if not link:
        return None
    reference = {"reference": enquiry.reference}
    lines = [
        gettext("As you asked, here is a new private link to your enquiry %(reference)s.") % reference,
        gettext("The link we sent you before no longer works."),
        "",
        gettext("See what we hold, correct it, or withdraw your consent (which erases it):"),
        f"{settings.SITE_URL.rstrip('/')}{link}",
        gettext("Keep this link to yourself: anyone who has it can see your enquiry."),
        "",
        gettext("If you did not ask for this, write to our grievance officer at %(email)s.")
        % {"email": settings.GRIEVANCE_OFFICER_EMAIL},
        gettext("This address is not watched. In an emergency go to the nearest hospital or call 108."),
    ]
    subject = gettext("A new private link to your enquiry %(reference)s") % reference
    return EmailMessage(subject, "\n".join(lines), to=[enquiry.email])


def _confirmation_in_language(enquiry: Enquiry) -> EmailMessage:
    """The patient's confirmation in the active language (the private link under its prefix, /hi/...)."""
    centre = enquiry.hospital
    reference = {"reference": enquiry.reference}
    lines = [
        gettext("Thank you for your enquiry."),
        "",
        gettext("Your reference is %(reference)s. Please keep it: quote it if you call the centre.")
        % reference,
        gettext("About: %(subject)s") % {"subject": enquiry.subject.name},
    ]
    if centre:
        lines.append(gettext("Centre: %(centre)s") % {"centre": centre.name})
        if centre.phone:
            lines.append(gettext("Centre's phone: %(phone)s") % {"phone": centre.phone})
    lines += ["", gettext("The centre will call you on the mobile number you gave.")]
    link = enquiry.get_private_url()
    if link:
        lines += [
            "",
            gettext(
                "Your private link: see what we hold, correct it, or withdraw your consent (which erases it):"
            ),
            f"{settings.SITE_URL.rstrip('/')}{link}",
            gettext("Keep this link to yourself: anyone who has it can see your enquiry."),
        ]
    lines += [
        "",
        gettext("This address is not watched. In an emergency go to the nearest hospital or call 108."),
    ]
    subject = gettext("Your enquiry %(reference)s") % reference
    return EmailMessage(subject, "\n".join(lines), to=[enquiry.email])


def _withdrawal(notification: Notification) -> EmailMessage | None:
    enquiry = notification.enquiry
    address = _centre_address(enquiry)
    if not address:
        return None
    lines = [
        f"The patient has withdrawn enquiry {enquiry.reference} and their consent.",
        "",
        "Their personal details have been erased from our records. Please delete any copy you made",
        "(notes, call lists, spreadsheets) and do not contact them about this enquiry.",
    ]
    return EmailMessage(f"Enquiry {enquiry.reference} withdrawn", "\n".join(lines), to=[address])
