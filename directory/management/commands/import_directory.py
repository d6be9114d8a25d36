"""Import doctors and maternity packages from CSV (formats in the README and the contract).

    python manage.py import_directory --doctors doctors.csv --packages packages.csv [--dry-run]

Every row of every file is checked first; each problem is printed to stderr as
`file:line: column: message` (line 1 is the header) and the command exits with status 1 without
writing anything. A clean file is upserted in one transaction: doctors by registration number,
packages by hospital + name within the city; cities, centres and languages are created as needed.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from tqdm import tqdm

from directory.bulk import DoctorRecord, PackageRecord, Upserter, key
from directory.models import MAX_LANGUAGE_BIT, DeliveryType, Gender, Language, RoomType

DOCTOR_COLUMNS = [
    "registration_number",
    "name",
    "gender",
    "city",
    "state",
    "hospital",
    "locality",
    "qualifications",
    "experience_years",
    "consultation_fee_inr",
    "languages",
    "bio",
]
DOCTOR_REQUIRED = {
    "registration_number",
    "name",
    "gender",
    "city",
    "state",
    "qualifications",
    "experience_years",
    "consultation_fee_inr",
}
PACKAGE_COLUMNS = [
    "hospital",
    "city",
    "state",
    "locality",
    "name",
    "delivery_type",
    "room_type",
    "price_inr",
    "nights",
    "inclusions",
    "exclusions",
    "valid_until",
]
PACKAGE_REQUIRED = {"hospital", "city", "state", "name", "delivery_type", "room_type", "price_inr", "nights"}

# States and union territories, so a typo cannot create a second "Pune, Maharastra".
STATES = [
    "Andhra Pradesh", "Arunachal Pradesh", "Assam", "Bihar", "Chhattisgarh", "Goa", "Gujarat",
    "Haryana", "Himachal Pradesh", "Jharkhand", "Karnataka", "Kerala", "Madhya Pradesh",
    "Maharashtra", "Manipur", "Meghalaya", "Mizoram", "Nagaland", "Odisha", "Punjab", "Rajasthan",
    "Sikkim", "Tamil Nadu", "Telangana", "Tripura", "Uttar Pradesh", "Uttarakhand", "West Bengal",
    "Andaman and Nicobar Islands", "Chandigarh", "Dadra and Nagar Haveli and Daman and Diu", "Delhi",
    "Jammu and Kashmir", "Ladakh", "Lakshadweep", "Puducherry",
]  # fmt: skip
STATE_BY_KEY = {key(s): s for s in STATES} | {key("NCT of Delhi"): "Delhi", key("Pondicherry"): "Puducherry"}

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

MAX_LENGTHS = {
    "registration_number": 40,
    "name": 120,
    "qualifications": 200,
    "hospital": 150,
    "locality": 100,
    "city": 80,
}


@dataclass
class Problem:
    file: str
    line: int
    column: str
    message: str

    def __str__(self):
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


class RowChecker:
    """Parses one row's cells, collecting problems instead of stopping at the first."""

    def __init__(self, file: str, line: int, row: dict[str, str], problems: list[Problem]):
        self.file, self.line, self.row, self.problems = file, line, row, problems

    def error(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.line, column, message))

    def text(self, column: str, required: bool = False, max_length: int | None = None) -> str:
        value = " ".join((self.row.get(column) or "").split())
        if required and not value:
            self.error(column, "is required and is empty")
        max_length = max_length or MAX_LENGTHS.get(column)
        if max_length and len(value) > max_length:
            self.error(column, f"is {len(value)} characters long; at most {max_length} allowed")
        return value

    def whole_number(
        self, column: str, minimum: int, maximum: int, what: str, required: bool = True
    ) -> int | None:
        raw = (self.row.get(column) or "").strip().replace(",", "").replace("₹", "")
        if not raw:
            if required:
                self.error(column, "is required and is empty")
            return None
        try:
            value = int(raw)
        except ValueError:
            self.error(column, f"{self.row.get(column)!r} is not a whole number of {what}")
            return None
        if value < 0:
            self.error(column, f"must not be negative (got {value})")
        elif not minimum <= value <= maximum:
            self.error(column, f"{value} is out of range ({minimum} to {maximum} {what})")
        return value

    def choice(self, column: str, choices: list[str]) -> str:
        value = (self.row.get(column) or "").strip().lower()
        if not value:
            self.error(column, "is required and is empty")
        elif value not in choices:
            self.error(column, f"unknown value {value!r}; use one of: {', '.join(choices)}")
        return value

    def state(self) -> str:
        value = self.text("state", required=True)
        if value and key(value) not in STATE_BY_KEY:
            self.error("state", f"unknown Indian state or union territory {value!r}")
            return value
        return STATE_BY_KEY.get(key(value), value)

    def date(self, column: str) -> date | None:
        raw = (self.row.get(column) or "").strip()
        if not raw:
            return None
        try:
            if not ISO_DATE.fullmatch(raw):
                raise ValueError(raw)
            return date.fromisoformat(raw)
        except ValueError:
            self.error(column, f"{raw!r} is not a date in the form YYYY-MM-DD")
            return None


def read_rows(path: Path, label: str, columns: list[str], required: set[str], problems: list[Problem]):
    """Yield (line, row) for each record; header problems are reported and stop the file."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        problems.append(Problem(label, 0, "-", f"cannot open the file: {exc.strerror}"))
        return
    with handle:
        try:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                problems.append(Problem(label, 1, "-", "the file is empty; a header row is required"))
                return
            header = [h.strip().lower() for h in header]
            header_ok = True
            for column in columns:
                if column in required and column not in header:
                    problems.append(Problem(label, 1, column, "required column is missing from the header"))
                    header_ok = False
            for column in header:
                if column not in columns:
                    problems.append(
                        Problem(label, 1, column or "-", f"unknown column; expected {','.join(columns)}")
                    )
                    header_ok = False
            duplicates = {c for c in header if header.count(c) > 1}
            for column in sorted(duplicates):
                problems.append(Problem(label, 1, column, "column appears more than once"))
                header_ok = False
            if not header_ok:
                return
            previous_end = reader.line_num
            for cells in reader:
                line = previous_end + 1
                previous_end = reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue  # blank line
                if len(cells) != len(header):
                    problems.append(
                        Problem(
                            label, line, "-", f"row has {len(cells)} fields; the header has {len(header)}"
                        )
                    )
                    continue
                yield line, dict(zip(header, cells, strict=True))
        except UnicodeDecodeError:
            problems.append(Problem(label, 0, "-", "the file is not UTF-8 text; save it as CSV UTF-8"))
        except csv.Error as exc:
            problems.append(Problem(label, reader.line_num, "-", f"malformed CSV: {exc}"))


def parse_doctors(path: Path, label: str, problems: list[Problem], progress: bool) -> list[DoctorRecord]:
    records, seen = [], {}
    genders = list(Gender.values)
    rows = read_rows(path, label, DOCTOR_COLUMNS, DOCTOR_REQUIRED, problems)
    for line, row in tqdm(rows, desc=f"checking {label}", unit="row", disable=not progress, leave=False):
        before = len(problems)
        check = RowChecker(label, line, row, problems)
        registration = check.text("registration_number", required=True)
        name = check.text("name", required=True)
        gender = check.choice("gender", genders)
        city = check.text("city", required=True)
        state = check.state()
        hospitals = split_list(row.get("hospital") or "")
        localities = split_list(row.get("locality") or "")
        for hospital in hospitals:
            if len(hospital) > MAX_LENGTHS["hospital"]:
                check.error(
                    "hospital", f"{hospital[:30]!r}… is longer than {MAX_LENGTHS['hospital']} characters"
                )
        if localities and not hospitals:
            check.error("locality", "is given but hospital is empty")
        elif len(localities) > 1 and len(localities) != len(hospitals):
            check.error("locality", f"lists {len(localities)} localities for {len(hospitals)} hospitals")
        for locality in localities:
            if len(locality) > MAX_LENGTHS["locality"]:
                check.error(
                    "locality", f"{locality[:30]!r}… is longer than {MAX_LENGTHS['locality']} characters"
                )
        qualifications = ", ".join(split_list(check.text("qualifications", required=True)))
        if len(qualifications) > MAX_LENGTHS["qualifications"]:
            check.error("qualifications", f"is longer than {MAX_LENGTHS['qualifications']} characters")
        experience = check.whole_number("experience_years", 0, 70, "years")
        fee = check.whole_number("consultation_fee_inr", 0, 100_000, "rupees")
        languages = split_list(row.get("languages") or "")
        for language in languages:
            if len(language) > 40:
                check.error("languages", f"{language[:30]!r}… is longer than 40 characters")
        bio = (row.get("bio") or "").strip()
        if registration:
            first = seen.setdefault(registration.casefold(), line)
            if first != line:
                check.error("registration_number", f"{registration!r} is already on line {first}")
        if len(problems) > before:
            continue
        if len(localities) <= 1:
            localities = (localities or [""]) * len(hospitals)
        records.append(
            DoctorRecord(
                registration_number=registration,
                name=name,
                gender=gender,
                city=city,
                state=state,
                qualifications=qualifications,
                experience_years=experience,
                consultation_fee=fee,
                hospitals=list(zip(hospitals, localities, strict=True)),
                languages=languages,
                bio=bio if "bio" in row else None,
            )
        )
    return records


def parse_packages(path: Path, label: str, problems: list[Problem], progress: bool) -> list[PackageRecord]:
    records, seen = [], {}
    rows = read_rows(path, label, PACKAGE_COLUMNS, PACKAGE_REQUIRED, problems)
    for line, row in tqdm(rows, desc=f"checking {label}", unit="row", disable=not progress, leave=False):
        before = len(problems)
        check = RowChecker(label, line, row, problems)
        hospital = check.text("hospital", required=True)
        city = check.text("city", required=True)
        state = check.state()
        locality = check.text("locality")
        name = check.text("name", required=True, max_length=150)
        delivery_type = check.choice("delivery_type", list(DeliveryType.values))
        room_type = check.choice("room_type", list(RoomType.values))
        price = check.whole_number("price_inr", 0, 10_000_000, "rupees")
        nights = check.whole_number("nights", 0, 60, "nights")
        inclusions = split_list(row.get("inclusions") or "")
        exclusions = split_list(row.get("exclusions") or "")
        valid_until = check.date("valid_until")
        if hospital and name and city:
            natural_key = (key(city), key(state), key(hospital), key(name))
            first = seen.setdefault(natural_key, line)
            if first != line:
                check.error("name", f"{hospital} already has a package named {name!r} on line {first}")
        if len(problems) > before:
            continue
        records.append(
            PackageRecord(
                hospital=hospital,
                city=city,
                state=state,
                locality=locality,
                name=name,
                delivery_type=delivery_type,
                room_type=room_type,
                price=price,
                nights=nights,
                inclusions=inclusions,
                exclusions=exclusions,
                valid_until=valid_until,
            )
        )
    return records


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
            self._check_language_room(doctors, options["doctors"], problems)
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(problems)} problem(s) found; nothing was written.", returncode=1)

        upserter = Upserter(progress=progress)
        try:
            with transaction.atomic():
                upserter.run(doctors, packages)
                if options["dry_run"]:
                    raise DryRun
        except DryRun:
            pass
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        stats = upserter.stats
        verb = "Would change (dry run, nothing written)" if options["dry_run"] else "Imported"
        summary = ", ".join(f"{stats[k]} {k}" for k in sorted(stats) if stats[k]) or "no changes"
        self.stdout.write(f"{verb}: {len(doctors)} doctor rows, {len(packages)} package rows: {summary}.")

    def _check_language_room(self, doctors, path, problems) -> None:
        """At most 63 languages fit the doctors' language mask."""
        known = {key(name) for name in Language.objects.values_list("name", flat=True)}
        new = sorted({key(name) for d in doctors for name in d.languages} - known)
        room = MAX_LANGUAGE_BIT + 1 - len(known)
        if len(new) > room:
            problems.append(
                Problem(str(path), 1, "languages", f"{len(new)} new languages but room for only {room} more")
            )
