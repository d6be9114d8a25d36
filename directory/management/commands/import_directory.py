"""Import doctors and maternity packages from CSV (formats in the README and the contract).

    python manage.py import_directory --doctors doctors.csv --packages packages.csv [--dry-run]

Every row of every file is checked first (directory.importing); each problem is printed to stderr as
`file:line: column: message` (line 1 is the header) and the command exits with status 1 without
writing anything. A clean file is upserted in one transaction (directory.bulk): doctors by
registration number, packages by hospital + name within the city; cities, centres and languages are
created as needed.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from directory.bulk import Upserter
from directory.importing import Problem, check_language_room, parse_doctors, parse_packages


class DryRun(Exception):
    """Raised to roll the transaction back after a dry run."""


class Command(BaseCommand):
    help = (
        "Upsert doctors and maternity packages from CSV files; all-or-nothing, errors as file:line: column."
    )

    def add_arguments(self, parser):
        parser.add_argument("--doctors", type=Path, help="doctors.csv")
        parser.add_argument("--packages", type=Path, help="packages.csv")
        parser.add_argument("--dry-run", action="store_true", help="Check and report changes; write nothing.")

    def handle(self, *args, **options):
        if not options["doctors"] and not options["packages"]:
            raise CommandError("Give --doctors FILE and/or --packages FILE.")
        progress = options["verbosity"] > 0 and sys.stderr.isatty()
        problems: list[Problem] = []
        doctors, packages = [], []
        if options["doctors"]:
            doctors = parse_doctors(options["doctors"], str(options["doctors"]), problems, progress)
        if options["packages"]:
            packages = parse_packages(options["packages"], str(options["packages"]), problems, progress)
        if not problems:
            check_language_room(doctors, options["doctors"], problems)
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(problems)} problem(s) found; nothing was written.", returncode=1)
        stats = self._write(doctors, packages, progress, dry_run=options["dry_run"])
        verb = "Would change (dry run, nothing written)" if options["dry_run"] else "Imported"
        summary = ", ".join(f"{stats[k]} {k}" for k in sorted(stats) if stats[k]) or "no changes"
        self.stdout.write(f"{verb}: {len(doctors)} doctor rows, {len(packages)} package rows: {summary}.")

    def _write(self, doctors, packages, progress, *, dry_run):
        upserter = Upserter(progress=progress)
        try:
            with transaction.atomic():
                upserter.run(doctors, packages)
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return upserter.stats
