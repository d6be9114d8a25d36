from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.roles import ROLES


class Command(BaseCommand):
    help = "Create or update the permission groups: Editors, Medical reviewers, Directory managers, Centre staff, Grievance officers."

    @transaction.atomic
    def handle(self, *args, **options):
        for name, codes in ROLES.items():
            permissions = []
            for code in codes:
                app_label, codename = code.split(".", 1)
                try:
                    permissions.append(
                        Permission.objects.get(content_type__app_label=app_label, codename=codename)
                    )
                except Permission.DoesNotExist:
                    raise CommandError(f"{name}: unknown permission {code}; run migrate first") from None
            group, created = Group.objects.get_or_create(name=name)
            group.permissions.set(permissions)
            verb = "created" if created else "updated"
            self.stdout.write(f"{verb} group {name} with {len(permissions)} permissions")
