"""Back up the database without stopping the site.

SQLite: the online backup API copies a consistent snapshot while the site keeps serving.
PostgreSQL: pg_dump in its custom format (restore with restore_db or pg_restore).

A backup holds patients' names and mobile numbers, so it is written readable by its owner only (mode
0600, in a directory of mode 0700), and erased data must not live on in old backups: after each backup,
the backups in the same directory older than ENQUIRY_RETENTION_DAYS (by the time in their names,
`db-YYYYMMDD-HHMMSS.sqlite3` or `.pgdump`) are deleted. Files named otherwise are never touched.
"""

import datetime
import os
import re
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


BACKUP_NAME = re.compile(r"db-(\d{8}-\d{6})\.(?:sqlite3|pgdump)")
STAMP = "%Y%m%d-%H%M%S"


def private_file(path: Path) -> None:
    """Create (or empty) `path` readable and writable by its owner only, before a byte is written."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    os.chmod(path, 0o600)  # a file that was already there keeps its old mode through O_CREAT


def prune(directory: Path, days: int) -> list[Path]:
    """Delete the backups in `directory` made more than `days` ago; the deleted files."""
    cutoff = timezone.localtime() - datetime.timedelta(days=days)
    removed = []
    for path in sorted(directory.iterdir()):
        match = BACKUP_NAME.fullmatch(path.name)
        if not (match and path.is_file()):
            continue
        made = datetime.datetime.strptime(match.group(1), STAMP).replace(tzinfo=cutoff.tzinfo)
        if made < cutoff:
            path.unlink()
            removed.append(path)
    return removed


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
        stamp = timezone.localtime().strftime(STAMP)  # the site's TIME_ZONE
        backups = Path(settings.BASE_DIR) / "var" / "backups"
        if not options["output"]:
            backups.mkdir(parents=True, exist_ok=True)
            backups.chmod(0o700)
        if connection.vendor == "sqlite":
            output = Path(options["output"] or backups / f"db-{stamp}.sqlite3")
            private_file(output)
            sqlite_copy(db["NAME"], output)
        elif connection.vendor == "postgresql":
            executable = shutil.which("pg_dump")
            if not executable:
                raise CommandError("pg_dump is not installed (apt-get install postgresql-client)")
            output = Path(options["output"] or backups / f"db-{stamp}.pgdump")
            private_file(output)
            args, env = pg_args(db)
            subprocess.run(  # noqa: S603 - fixed argv from settings, no shell
                [executable, *args, "--format=custom", "--no-owner", "--file", str(output), db["NAME"]],
                check=True,
                env={**os.environ, **env},
            )
        else:
            raise CommandError(f"backups of {connection.vendor} are not supported")
        self.stdout.write(f"backup written to {output} (readable by its owner only)")
        days = settings.ENQUIRY_RETENTION_DAYS
        for old in prune(output.parent, days):
            self.stdout.write(f"removed {old.name}: older than {days} days (ENQUIRY_RETENTION_DAYS)")
