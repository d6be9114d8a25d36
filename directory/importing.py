"""Reading directory CSV files (formats in the README and the contract) into checked records.

Every row of every file is checked; each problem is collected as `file:line: column: message` (line 1
is the header) instead of stopping at the first. Limits (lengths, ranges, choices) are read from the
models, so the importer can never accept what the database or the admin would refuse; every free-text
cell passes the same PCPNDT guard as the admin (directory.pcpndt). Writing the
records is directory.bulk's job; the `import_directory` command joins the two.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.validators import MaxValueValidator, MinValueValidator
from tqdm import tqdm

from directory.bulk import DoctorRecord, PackageRecord, key
from directory.models import (
    MAX_LANGUAGE_BIT,
    City,
    DeliveryType,
    Gender,
    Gynecologist,
    Hospital,
    Language,
    MaternityPackage,
    RoomType,
)
from directory.pcpndt import sex_determination_problem

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
# Every column of the contract's header but `bio` (a file without it keeps each doctor's bio): an
# absent column would otherwise read as empty cells and erase what is stored (a doctor's centres and
# languages, a package's lists and end date) without a word.
DOCTOR_REQUIRED = set(DOCTOR_COLUMNS) - {"bio"}
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
PACKAGE_REQUIRED = set(PACKAGE_COLUMNS)

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


def _max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def _range(model, field: str) -> tuple[int, int]:
    """The bounds of a whole-number field, from its validators."""
    validators = model._meta.get_field(field).validators
    low = max([0, *(v.limit_value for v in validators if isinstance(v, MinValueValidator))])
    high = min(v.limit_value for v in validators if isinstance(v, MaxValueValidator))
    return low, high


# Column -> the longest value the model's field takes.
MAX_LENGTHS = {
    "registration_number": _max_length(Gynecologist, "registration_number"),
    "name": _max_length(Gynecologist, "name"),
    "qualifications": _max_length(Gynecologist, "qualifications"),
    "hospital": _max_length(Hospital, "name"),
    "locality": _max_length(Hospital, "locality"),
    "city": _max_length(City, "name"),
    "languages": _max_length(Language, "name"),
    "package_name": _max_length(MaternityPackage, "name"),
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
        for column, value in row.items():
            if value and "\x00" in value:
                # Python's csv reader accepts it; PostgreSQL refuses it, and so does the admin's form.
                self.error(column, "contains a NUL character (0x00)")

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

    def lawful(self, *columns: str) -> None:
        """Refuse any cell (or `;`-separated item) that offers or hints at prenatal sex determination."""
        for column in columns:
            for item in [self.row.get(column) or "", *split_list(self.row.get(column) or "")]:
                problem = sex_determination_problem(item)
                if problem:
                    self.error(column, problem)
                    break

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


def _header_problems(label: str, header: list[str], columns: list[str], required: set[str]) -> list[Problem]:
    problems = [
        Problem(label, 1, column, "required column is missing from the header")
        for column in columns
        if column in required and column not in header
    ]
    problems += [
        Problem(label, 1, column or "-", f"unknown column; expected {','.join(columns)}")
        for column in header
        if column not in columns
    ]
    problems += [
        Problem(label, 1, column, "column appears more than once")
        for column in sorted({c for c in header if header.count(c) > 1})
    ]
    return problems


def _records(reader, label: str, header: list[str], problems: list[Problem]):
    """(line, row) for each non-blank record after the header; wrong-width rows are problems."""
    previous_end = reader.line_num
    for cells in reader:
        line = previous_end + 1
        previous_end = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # blank line
        if len(cells) != len(header):
            problems.append(
                Problem(label, line, "-", f"row has {len(cells)} fields; the header has {len(header)}")
            )
            continue
        yield line, dict(zip(header, cells, strict=True))


def _first_line_not_utf8(path: Path) -> int:
    """The number of the first line that is not UTF-8 (the reader decodes in blocks, so its own count
    stops short of it)."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return len(re.split(rb"\r\n|\r|\n", data[: exc.start]))  # any line ending, as the csv reader
    return 1


def read_rows(path: Path, label: str, columns: list[str], required: set[str], problems: list[Problem]):
    """Yield (line, row) for each record; header problems are reported and stop the file."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        problems.append(Problem(label, 0, "-", f"cannot open the file: {exc.strerror}"))
        return
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None:
                problems.append(Problem(label, 1, "-", "the file is empty; a header row is required"))
                return
            header = [h.strip().lower() for h in header]
            header_problems = _header_problems(label, header, columns, required)
            problems += header_problems
            if not header_problems:
                yield from _records(reader, label, header, problems)
        except UnicodeDecodeError:
            line = _first_line_not_utf8(path)
            problems.append(Problem(label, line, "-", "the file is not UTF-8 text; save it as CSV UTF-8"))
        except csv.Error as exc:
            problems.append(Problem(label, reader.line_num, "-", f"malformed CSV: {exc}"))


def _checked_list(check: RowChecker, column: str, limit: int) -> list[str]:
    """A `;`-separated cell, each item within `limit` characters."""
    items = split_list(check.row.get(column) or "")
    for item in items:
        if len(item) > limit:
            check.error(column, f"{item[:30]!r}… is longer than {limit} characters")
    return items


def _doctor_places(check: RowChecker) -> list[tuple[str, str]]:
    """(centre, locality) pairs: one locality for each centre, or one for all of them."""
    hospitals = _checked_list(check, "hospital", MAX_LENGTHS["hospital"])
    localities = split_list(check.row.get("locality") or "")
    if localities and not hospitals:
        check.error("locality", "is given but hospital is empty")
    elif len(localities) > 1 and len(localities) != len(hospitals):
        check.error("locality", f"lists {len(localities)} localities for {len(hospitals)} hospitals")
    _checked_list(check, "locality", MAX_LENGTHS["locality"])
    if len(localities) <= 1:
        localities = (localities or [""]) * len(hospitals)
    return list(zip(hospitals, localities, strict=False))


def _doctor_record(check: RowChecker) -> DoctorRecord:
    """The row's values as a record (meaningful only if the checker found no problem); the cells
    are checked in the order of the file's columns."""
    registration = check.text("registration_number", required=True)
    name = check.text("name", required=True)
    gender = check.choice("gender", list(Gender.values))
    city = check.text("city", required=True)
    state = check.state()
    places = _doctor_places(check)
    qualifications = ", ".join(split_list(check.text("qualifications", required=True)))
    if len(qualifications) > MAX_LENGTHS["qualifications"]:
        check.error("qualifications", f"is longer than {MAX_LENGTHS['qualifications']} characters")
    experience = check.whole_number("experience_years", *_range(Gynecologist, "experience_years"), "years")
    fee = check.whole_number("consultation_fee_inr", *_range(Gynecologist, "consultation_fee"), "rupees")
    check.lawful("name", "hospital", "qualifications", "bio")
    return DoctorRecord(
        registration_number=registration,
        name=name,
        gender=gender,
        city=city,
        state=state,
        qualifications=qualifications,
        experience_years=experience,
        consultation_fee=fee,
        hospitals=places,
        languages=_checked_list(check, "languages", MAX_LENGTHS["languages"]),
        bio=(check.row.get("bio") or "").strip() if "bio" in check.row else None,
    )


def parse_doctors(path: Path, label: str, problems: list[Problem], progress: bool) -> list[DoctorRecord]:
    records, seen = [], {}
    rows = read_rows(path, label, DOCTOR_COLUMNS, DOCTOR_REQUIRED, problems)
    for line, row in tqdm(rows, desc=f"checking {label}", unit="row", disable=not progress, leave=False):
        before = len(problems)
        check = RowChecker(label, line, row, problems)
        record = _doctor_record(check)
        if record.registration_number:
            first = seen.setdefault(record.registration_number.casefold(), line)
            if first != line:
                check.error(
                    "registration_number", f"{record.registration_number!r} is already on line {first}"
                )
        if len(problems) == before:
            records.append(record)
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
        name = check.text("name", required=True, max_length=MAX_LENGTHS["package_name"])
        delivery_type = check.choice("delivery_type", list(DeliveryType.values))
        room_type = check.choice("room_type", list(RoomType.values))
        price = check.whole_number("price_inr", *_range(MaternityPackage, "price"), "rupees")
        nights = check.whole_number("nights", *_range(MaternityPackage, "nights"), "nights")
        inclusions = split_list(row.get("inclusions") or "")
        exclusions = split_list(row.get("exclusions") or "")
        valid_until = check.date("valid_until")
        check.lawful("hospital", "name", "inclusions", "exclusions")
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


def check_language_room(doctors: list[DoctorRecord], path, problems: list[Problem]) -> None:
    """At most 63 languages fit the doctors' language mask."""
    known = {key(name) for name in Language.objects.values_list("name", flat=True)}
    new = sorted({key(name) for d in doctors for name in d.languages} - known)
    room = MAX_LANGUAGE_BIT + 1 - len(known)
    if len(new) > room:
        problems.append(
            Problem(str(path), 1, "languages", f"{len(new)} new languages but room for only {room} more")
        )
