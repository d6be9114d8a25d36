"""Load demo data. Idempotent: running it twice leaves the same data as running it once."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal import roles
from portal.demo import DEMO_BACKUP_CODES, DEMO_PASSWORD, DEMO_STAFF_CITY, DEMO_USERS


class Command(BaseCommand):
    help = "Load idempotent demo data (and, with DEBUG on, demo admin accounts)."

    def add_arguments(self, parser):
        parser.add_argument("--doctors", type=int, help="How many gynecologists (default: 300).")
        parser.add_argument("--packages", type=int, help="How many maternity packages (default: 200).")
        parser.add_argument(
            "--articles",
            action="store_true",
            help="Load only the demo articles (and the doctors who review them).",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the directory already has data."
        )

    def handle(self, *args, **options):
        from articles import demo as articles_demo
        from directory import demo as directory_demo
        from directory import vocabulary
        from directory.lexicon import install_starter_terms
        from directory.models import City

        if options["if_empty"] and City.objects.exists():
            self.stdout.write("Database already has data; leaving it as it is.")
            return
        call_command("setup_roles", stdout=self.stdout)
        if not options["articles"]:
            directory_demo.seed(stdout=self.stdout, doctors=options["doctors"], packages=options["packages"])
        articles_demo.seed(stdout=self.stdout)
        added = install_starter_terms()
        words = vocabulary.rebuild()  # with the articles' words, and how often each is used
        self.stdout.write(f"Search: {added} starter terms added; {words} words in the spelling vocabulary.")
        if settings.DEBUG:
            self._demo_users(get_user_model())
        else:
            self.stdout.write("DEBUG is off: no demo accounts created (create one with createsuperuser).")

    def _demo_users(self, User):
        from directory.models import Hospital

        for username, group_name, superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "is_superuser": superuser, "email": f"{username}@example.com"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            if group_name == roles.CENTRE_STAFF:
                # The demo centre staff account works for every centre in Mumbai.
                user.centres.set(Hospital.objects.filter(city__slug=DEMO_STAFF_CITY))
            _top_up_backup_codes(user)
        self.stdout.write(
            f"Demo accounts (debug only): {', '.join(u for u, _, _ in DEMO_USERS)}; password {DEMO_PASSWORD}; "
            f"backup codes {DEMO_BACKUP_CODES[0]} to {DEMO_BACKUP_CODES[-1]} (each once per account)"
        )


def _top_up_backup_codes(user) -> None:
    """Give a demo account every demo backup code again (a used code is deleted when it signs in)."""
    from django_otp.plugins.otp_static.models import StaticDevice

    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name="Backup codes")
    device.throttle_reset()  # a fresh start: no wait left over from a mistyped code
    have = set(device.token_set.values_list("token", flat=True))
    device.token_set.bulk_create(
        [device.token_set.model(device=device, token=code) for code in DEMO_BACKUP_CODES if code not in have]
    )
