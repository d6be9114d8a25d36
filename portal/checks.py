"""No demo account may reach a site with debug off, and no production site may keep its emails to itself.

`make run` (debug on) makes the demo accounts of portal/demo.py, whose password and backup codes the
README publishes. A database copied from such a machine into production would bring them along, so:

- `python manage.py check --deploy` reports an error (portal.E001) while any active account named like
  a demo account, or any active staff account, still has the demo password, or any account holds a demo
  backup code. Checking a password means hashing it (about 0.2 s each with Django's PBKDF2), so the check
  looks only where the demo password can be: the five demo usernames and the staff accounts (the only
  ones that can sign in), never every user.
- The production entry point (portal/wsgi.py, debug off) refuses to start while a demo account is left:
  it checks the demo usernames and the demo backup codes, which costs at most five hashes per worker.
- With debug off the sign-in form refuses the demo password whatever the account (portal/twofactor.py).

`python manage.py retire_demo_accounts` makes every account found here unusable.

An email backend that delivers nothing (the console backend of `make run`, the default) is not a deploy
check: CONTRACT.md wants `check --deploy` clean with HTTPS and a real key. With debug off the worker never
sends a notification through one (directory/notifications.py): each try fails and is retried until a real
backend is set, and the failures show in the log and on the admin's dashboard.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection
from django.db.models import Q

from portal.demo import DEMO_BACKUP_CODES, DEMO_PASSWORD, DEMO_USERNAMES

logger = logging.getLogger(__name__)


def demo_accounts(*, staff: bool = True) -> list[str]:
    """The usernames of active accounts with the demo password or a demo backup code, sorted.

    `staff`: look at every active staff account's password too (else only the demo usernames')."""
    from django_otp.plugins.otp_static.models import StaticToken

    User = get_user_model()
    if User._meta.db_table not in connection.introspection.table_names():
        return []  # a database not migrated yet has no accounts at all
    where = Q(username__in=DEMO_USERNAMES) | (Q(is_staff=True) if staff else Q(pk__in=[]))
    candidates = User.objects.filter(where, is_active=True).values_list("username", "password")
    found = {username for username, encoded in candidates if check_password(DEMO_PASSWORD, encoded)}
    found.update(
        StaticToken.objects.filter(token__in=DEMO_BACKUP_CODES, device__user__is_active=True).values_list(
            "device__user__username", flat=True
        )
    )
    return sorted(found)


HINT = (
    "Run `python manage.py retire_demo_accounts` (it makes them unusable), or give each account a new "
    "password with `python manage.py changepassword USERNAME` and delete its demo backup codes."
)


@checks.register(checks.Tags.security, deploy=True)
def check_no_demo_accounts(app_configs=None, **kwargs):
    try:
        found = demo_accounts()
    except DatabaseError as exc:
        return [
            checks.Warning(
                f"Could not look for demo accounts: the database did not answer ({exc.__class__.__name__}).",
                id="portal.W001",
            )
        ]
    if not found:
        return []
    return [
        checks.Error(
            f"Demo accounts with the published demo password or backup codes are still here: {', '.join(found)}.",
            hint=HINT,
            id="portal.E001",
        )
    ]


def refuse_to_start_with_demo_accounts() -> None:
    """For the production entry point: raise ImproperlyConfigured while a demo account is left. If the
    database cannot be reached the site starts (it answers 503 until the database is back) and the
    sign-in form still refuses the demo password."""
    try:
        found = demo_accounts(staff=False)
    except DatabaseError as exc:
        logger.warning("could not look for demo accounts at start-up: %s", exc.__class__.__name__)
        return
    finally:
        connection.close()  # nothing opened here is carried into the first request (or a fork)
    if found:
        raise ImproperlyConfigured(
            f"Refusing to start with debug off: the demo accounts {', '.join(found)} still have the "
            f"published demo password or backup codes. {HINT}"
        )
