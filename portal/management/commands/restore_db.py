"""Restore a backup made by backup_db into the configured database (replacing its contents)."""

import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

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
