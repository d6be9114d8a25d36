"""Make the demo accounts unusable before a database made with `make run` serves with debug off."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django_otp import devices_for_user

from portal.checks import demo_accounts


class Command(BaseCommand):
    help = (
        "Deactivate every account that still has the demo password or a demo backup code (see "
        "portal/checks.py): no usable password, no authenticator app, no backup codes. Idempotent."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        found = demo_accounts()
        for user in get_user_model().objects.filter(username__in=found):
            user.set_unusable_password()
            user.is_active = False
            user.save(update_fields=["password", "is_active"])
            for device in devices_for_user(user, confirmed=None):
                device.delete()
        if found:
            self.stdout.write(f"Retired {len(found)} demo account(s): {', '.join(found)}.")
        else:
            self.stdout.write("No demo accounts left.")
