"""Restore a backup made by backup_db into the configured database (replacing its contents).

A backup may be up to ENQUIRY_RETENTION_DAYS old, and holds the personal data of every patient who
has since withdrawn or whose enquiry has since been erased. Erasure is for good (DPDP Act 2023): the
references erased in the database being replaced are read first and erased again in the restored one,
and enquiries past the retention period are erased as the daily purge would."""

import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from portal.management.commands.backup_db import pg_args, sqlite_copy


class Command(BaseCommand):
    help = "Replace the database's contents with a backup made by backup_db. Stop the app servers first."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup file.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, **options):
        backup = Path(options["backup"])
        if not backup.is_file():
            raise CommandError(f"no such backup: {backup}")
        db = settings.DATABASES["default"]
        if not options["yes"]:
            answer = input(f"Replace everything in {db['NAME']} with {backup}? Type 'yes': ")
            if answer.strip() != "yes":
                raise CommandError("cancelled")
        erased = self.erased_now()
        connection.close()
        if connection.vendor == "sqlite":
            sqlite_copy(backup, db["NAME"])
        elif connection.vendor == "postgresql":
            executable = shutil.which("pg_restore")
            if not executable:
                raise CommandError("pg_restore is not installed (apt-get install postgresql-client)")
            args, env = pg_args(db)
            subprocess.run(  # noqa: S603 - fixed argv from settings, no shell
                [
                    executable,
                    *args,
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--dbname",
                    db["NAME"],
                    str(backup),
                ],
                check=True,
                env={**os.environ, **env},
            )
        else:
            raise CommandError(f"restores of {connection.vendor} are not supported")
        self.stdout.write(f"restored {backup}")
        self.erase_again(erased)

    def erased_now(self) -> dict[bool, list[str]]:
        """The references of the enquiries erased in the database about to be replaced: withdrawn
        (True) and erased at the end of retention (False)."""
        from directory.models import Enquiry, EnquiryStatus

        try:
            rows = list(Enquiry.objects.filter(erased__isnull=False).values_list("reference", "status"))
        except DatabaseError as exc:
            self.stderr.write(
                f"could not read the erasures from the database being replaced ({exc}): any withdrawal made "
                "since the backup must be erased again by hand (the grievance officer keeps the references)"
            )
            return {True: [], False: []}
        erased = {True: [], False: []}
        for reference, status in rows:
            erased[status == EnquiryStatus.WITHDRAWN].append(reference)
        return erased

    def erase_again(self, erased: dict[bool, list[str]]) -> None:
        from directory.models import Enquiry, EnquiryStatus

        again = Enquiry.objects.filter(reference__in=erased[True]).erase_personal_data(
            status=EnquiryStatus.WITHDRAWN, consent=False
        )
        again += Enquiry.objects.filter(reference__in=erased[False]).erase_personal_data()
        self.stdout.write(f"erased again {again} enquiries erased since the backup was made")
        call_command("purge_enquiries", stdout=self.stdout)
