"""django-otp's `addstatictoken USERNAME [-t CODE]`, refusing a code the sign-in form would not take.

A backup code is 8 to 16 letters or digits (kept in lower case; the form ignores case and spaces), so it
can never be mistaken for the 6 digits of an authenticator app. Without -t, django-otp makes a random
8-character code, as before.
"""

from django.core.management.base import CommandError
from django_otp.plugins.otp_static.management.commands import addstatictoken

from portal.twofactor import BACKUP_CODE, normalise_code


class Command(addstatictoken.Command):
    help = addstatictoken.Command.help + " A code given with -t must be 8 to 16 letters or digits."

    def handle(self, *args, **options):
        if options.get("token") is not None:
            code = normalise_code(options["token"])
            if not BACKUP_CODE.fullmatch(code):
                raise CommandError(
                    "A backup code is 8 to 16 letters or digits (a-z, 0-9), so that it cannot be "
                    "mistaken for the 6 digits of an authenticator app."
                )
            options["token"] = code
        return super().handle(*args, **options)
