"""Give a centre's own staff member an admin account that sees only their centres' enquiries.

    python manage.py add_centre_staff USERNAME --centre SLUG [--email E]

Creates the account if it is new (staff, in the group "Centre staff", with no usable password until
someone sets one with `changepassword`), or updates it; attaches it to the centre. Run it again with
another --centre to add a second centre. Running it twice changes nothing.
"""

import difflib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from directory.models import Hospital

CENTRE_STAFF = "Centre staff"


class Command(BaseCommand):
    help = "Create or update a centre staff account and attach it to a centre (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--centre", required=True, help="The centre's slug, as in /hospitals/<slug>/.")
        parser.add_argument("--email", help="The person's work email address.")

    @transaction.atomic
    def handle(self, *args, username, centre, email=None, **options):
        hospital = self._centre(centre)
        User = get_user_model()
        self._check_username(User, username)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(f"--email: {email!r} is not an email address.") from None
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_unusable_password()
        user.is_staff = True
        if email:
            user.email = email
        user.save()
        user.groups.add(self._group())
        hospital.staff.add(user)
        centres = ", ".join(user.centres.order_by("name").values_list("name", flat=True))
        self.stdout.write(f"{'Created' if created else 'Updated'} {username}: centre staff for {centres}.")
        if created:
            self.stdout.write(f"Set a password with: python manage.py changepassword {username}")

    def _centre(self, slug: str) -> Hospital:
        hospital = Hospital.objects.filter(slug=slug).first()
        if hospital is None:
            slugs = list(Hospital.objects.values_list("slug", flat=True))
            close = difflib.get_close_matches(slug, slugs, n=3)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise CommandError(f"--centre: no centre has the slug {slug!r}.{hint}")
        if not hospital.is_active:
            self.stderr.write(f"Note: {hospital.name} is not active; its staff can still see its enquiries.")
        return hospital

    def _check_username(self, User, username: str) -> None:
        field = User._meta.get_field(User.USERNAME_FIELD)
        try:
            field.run_validators(username)
            if not username:
                raise ValidationError("The username is empty.")
        except ValidationError as exc:
            raise CommandError(f"USERNAME {username!r}: {' '.join(exc.messages)}") from None

    def _group(self) -> Group:
        if not Group.objects.filter(name=CENTRE_STAFF).exists():
            call_command("setup_roles", verbosity=0)
        return Group.objects.get(name=CENTRE_STAFF)
