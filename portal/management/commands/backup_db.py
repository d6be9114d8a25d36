"""Back up the database without stopping the site.

SQLite: the online backup API copies a consistent snapshot while the site keeps serving.
PostgreSQL: pg_dump in its custom format (restore with restore_db or pg_restore).
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


def sqlite_copy(source_path, target_path) -> None:
    """Copy a consistent snapshot of one SQLite database into another (the online backup API)."""
    source, target = sqlite3.connect(str(source_path)), sqlite3.connect(str(target_path))
    try:
        with target:
            source.backup(target)
    finally:
        source.close()
        target.close()


def pg_args(db: dict) -> tuple[list[str], dict]:
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {"PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else {}
    return args, env


class Command(BaseCommand):
    help = "Write a consistent backup of the database to var/backups/ (or --output)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="File to write (default: var/backups/<name>-<time>).")

    def handle(self, *args, **options):
        db = settings.DATABASES["default"]
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")  # the site's TIME_ZONE
        backups = Path(settings.BASE_DIR) / "var" / "backups"
        if connection.vendor == "sqlite":
            output = Path(options["output"] or backups / f"db-{stamp}.sqlite3")
            output.parent.mkdir(parents=True, exist_ok=True)
            sqlite_copy(db["NAME"], output)
        elif connection.vendor == "postgresql":
            executable = shutil.which("pg_dump")
            if not executable:
                raise CommandError("pg_dump is not installed (apt-get install postgresql-client)")
            output = Path(options["output"] or backups / f"db-{stamp}.pgdump")
            output.parent.mkdir(parents=True, exist_ok=True)
            args, env = pg_args(db)
            subprocess.run(  # noqa: S603 - fixed argv from settings, no shell
                [executable, *args, "--format=custom", "--no-owner", "--file", str(output), db["NAME"]],
                check=True,
                env={**os.environ, **env},
            )
        else:
            raise CommandError(f"backups of {connection.vendor} are not supported")
        self.stdout.write(f"backup written to {output}")
