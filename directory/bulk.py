"""Bulk upsert of directory data by natural key, shared by `import_directory` and the demo seed.

Callers hand over already-validated records; this module matches them against the database
(cities by name within state, hospitals by name within city, languages by name, doctors by
registration number, packages by hospital + name), then writes only what changed with
bulk_create / bulk_update in batches, and keeps every derived column in step. A second run with
the same records changes nothing. Call inside a transaction (the callers do).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection
from django.utils import timezone
from django.utils.text import slugify
from tqdm import tqdm

from directory import vocabulary
from directory.models import (
    City,
    Gynecologist,
    Hospital,
    Language,
    MaternityPackage,
    doctor_search_text,
    mask_of,
    package_search_text,
    refresh_doctors,
    refresh_packages,
)
from directory.signals import announce

BATCH = 2000
DOCTOR_FIELDS = [
    "name",
    "gender",
    "city_id",
    "qualifications",
    "experience_years",
    "consultation_fee",
    "bio",
    "consultation_days",
    "consultation_hours",
    "is_active",
    "language_mask",
    "search_text",
]
PACKAGE_FIELDS = [
    "delivery_type",
    "room_type",
    "price",
    "nights",
    "inclusions",
    "exclusions",
    "valid_until",
    "is_active",
    "city_id",
    "search_text",
]


@dataclass
class DoctorRecord:
    registration_number: str
    name: str
    gender: str
    city: str
    state: str
    qualifications: str
    experience_years: int
    consultation_fee: int
    hospitals: list[tuple[str, str]] = field(default_factory=list)  # (name, locality)
    languages: list[str] = field(default_factory=list)
    bio: str | None = None  # None: leave as it is
    consultation_days: str | None = None
    consultation_hours: str | None = None
    is_active: bool | None = None  # None: new rows active, existing rows keep theirs


@dataclass
class PackageRecord:
    hospital: str
    city: str
    state: str
    locality: str
    name: str
    delivery_type: str
    room_type: str
    price: int
    nights: int
    inclusions: list[str]
    exclusions: list[str]
    valid_until: date | None
    is_active: bool | None = None


def key(text: str) -> str:
    return " ".join(text.split()).casefold()


def short_hash(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()[:6]


def unique_slug(candidates: list[str], taken: set[str], max_length: int) -> str:
    """The first free candidate (each slugified and cut to length); the last one is assumed unique."""
    for candidate in candidates:
        slug = slugify(candidate)[:max_length].strip("-") or "item"
        if slug not in taken:
            taken.add(slug)
            return slug
    raise AssertionError("the last slug candidate must be unique")  # pragma: no cover


def fast_update(model, objects: list, fields: list[str], batch_size: int = 5000) -> None:
    """UPDATE ... WHERE id = ? for each object, sent with executemany.

    Django's bulk_update builds one CASE WHEN per column per batch, which SQLite runs in minutes for
    100,000 rows; one prepared statement executed many times takes seconds on SQLite and PostgreSQL.
    """
    if not objects:
        return
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    qn = connection.ops.quote_name
    assignments = ", ".join(f"{qn(column.column)} = %s" for column in columns)
    # Only quoted identifiers from the model are interpolated; every value is a parameter.
    sql = f"UPDATE {qn(meta.db_table)} SET {assignments} WHERE {qn(meta.pk.column)} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(objects), batch_size):
            cursor.executemany(
                sql,
                [
                    [column.get_db_prep_save(getattr(obj, column.attname), connection) for column in columns]
                    + [obj.pk]
                    for obj in objects[start : start + batch_size]
                ],
            )


class Upserter:
    def __init__(self, *, progress: bool = False):
        self.progress = progress
        self.stats: Counter = Counter()
        self.cities: dict[tuple[str, str], City] = {}
        self.hospitals: dict[tuple[int, str], Hospital] = {}
        self.languages: dict[str, Language] = {}
        self.touched_hospitals: set[int] = set()  # renamed / moved locality: dependents re-derived

    def _bar(self, iterable, desc, total=None):
        return tqdm(iterable, desc=desc, total=total, unit="row", disable=not self.progress, leave=False)

    # ---- reference data ----

    def ensure_cities(self, pairs: set[tuple[str, str]]) -> None:
        existing = {(key(c.name), key(c.state)): c for c in City.objects.all()}
        taken = set(City.objects.values_list("slug", flat=True))
        new = []
        for name, state in sorted(pairs):
            k = (key(name), key(state))
            if k in existing:
                continue
            slug = unique_slug([name, f"{name} {state}", f"{name} {short_hash(name, state)}"], taken, 90)
            existing[k] = City(name=name, state=state, slug=slug)
            new.append(existing[k])
        City.objects.bulk_create(new)
        self.stats["cities created"] += len(new)
        self.cities = {(key(c.name), key(c.state)): c for c in City.objects.all()}

    def city(self, name: str, state: str) -> City:
        return self.cities[(key(name), key(state))]

    def ensure_languages(self, names: set[str]) -> None:
        existing = {key(lang.name): lang for lang in Language.objects.all()}
        taken_slugs = {lang.slug for lang in existing.values()}
        bits = {lang.bit for lang in existing.values()}
        new = []
        for name in sorted(names, key=key):
            if key(name) in existing:
                continue
            bit = Language.next_free_bit(bits)
            bits.add(bit)
            slug = unique_slug([name, f"{name} {short_hash(name)}"], taken_slugs, 40)
            language = Language(name=name, slug=slug, bit=bit)
            existing[key(name)] = language
            new.append(language)
        Language.objects.bulk_create(new)
        self.stats["languages created"] += len(new)
        self.languages = {key(lang.name): lang for lang in Language.objects.all()}

    def ensure_hospitals(self, wanted: dict[tuple[str, str, str], str]) -> None:
        """`wanted` maps (city, state, hospital name) to a locality ('' leaves an existing one)."""
        self.hospitals = {(h.city_id, key(h.name)): h for h in Hospital.objects.all()}
        taken = set(Hospital.objects.values_list("slug", flat=True))
        new, changed = [], []
        for (city_name, state, name), locality in wanted.items():
            city = self.city(city_name, state)
            hospital = self.hospitals.get((city.pk, key(name)))
            if hospital is None:
                slug = unique_slug(
                    [name, f"{name} {city.name}", f"{name} {city.name} {short_hash(name, city.slug)}"],
                    taken,
                    170,
                )
                hospital = Hospital(name=name, slug=slug, city=city, locality=locality)
                self.hospitals[(city.pk, key(name))] = hospital
                new.append(hospital)
            elif locality and hospital.locality != locality:
                hospital.locality = locality
                changed.append(hospital)
                self.touched_hospitals.add(hospital.pk)
        Hospital.objects.bulk_create(new, batch_size=BATCH)
        now = timezone.now()
        for hospital in changed:
            hospital.updated = now
        Hospital.objects.bulk_update(changed, ["locality", "updated"], batch_size=500)
        self.stats["hospitals created"] += len(new)
        self.stats["hospitals updated"] += len(changed)
        if new and new[0].pk is None:  # databases that cannot return ids from a bulk insert
            self.hospitals = {(h.city_id, key(h.name)): h for h in Hospital.objects.all()}

    def _prepare_reference_data(self, doctors, packages) -> None:
        pairs = {(d.city, d.state) for d in doctors} | {(p.city, p.state) for p in packages}
        self.ensure_cities(pairs)
        wanted: dict[tuple[str, str, str], str] = {}
        for d in doctors:
            for name, locality in d.hospitals:
                k = (d.city, d.state, name)
                if not wanted.get(_norm_key(k)):
                    wanted[_norm_key(k)] = locality
        for p in packages:
            k = (p.city, p.state, p.hospital)
            if not wanted.get(_norm_key(k)):
                wanted[_norm_key(k)] = p.locality
        # keep the first spelling seen for new rows
        spelled: dict[tuple[str, str, str], tuple[str, str, str]] = {}
        for d in doctors:
            for name, _ in d.hospitals:
                spelled.setdefault(_norm_key((d.city, d.state, name)), (d.city, d.state, name))
        for p in packages:
            spelled.setdefault(_norm_key((p.city, p.state, p.hospital)), (p.city, p.state, p.hospital))
        self.ensure_hospitals({spelled[k]: locality for k, locality in wanted.items()})
        self.ensure_languages({name for d in doctors for name in d.languages})

    # ---- doctors ----

    def upsert_doctors(self, records: list[DoctorRecord]) -> None:
        existing = {
            row["registration_number"].casefold(): row
            for row in Gynecologist.objects.values("id", "registration_number", "slug", *DOCTOR_FIELDS)
        }
        plan = _DoctorPlan(
            languages=_current_links(Gynecologist.languages.through, "language_id"),
            hospitals=_current_links(Gynecologist.hospitals.through, "hospital_id"),
            taken_slugs=set(Gynecologist.objects.values_list("slug", flat=True)),
        )
        for record in self._bar(records, "doctors"):
            values, language_ids, hospital_ids = self._doctor_values(record)
            row = existing.get(record.registration_number.casefold())
            if row is None:
                plan.create(record, values, language_ids, hospital_ids)
            else:
                self.stats[plan.update(row, values, language_ids, hospital_ids)] += 1
        self._save_new_doctors(plan)
        fast_update(Gynecologist, plan.to_update, [*DOCTOR_FIELDS, "updated"])
        relinks = plan.relinks
        self._relink(Gynecologist.languages.through, "language_id", {pk: v[0] for pk, v in relinks.items()})
        self._relink(Gynecologist.hospitals.through, "hospital_id", {pk: v[1] for pk, v in relinks.items()})

    def _doctor_values(self, record: DoctorRecord) -> tuple[dict, set[int], set[int]]:
        """The doctor row's column values for `record`, its language ids and its centre ids."""
        city = self.city(record.city, record.state)
        hospitals = sorted(
            {self.hospitals[(city.pk, key(name))] for name, _ in record.hospitals},
            key=lambda h: (h.name, h.pk or 0),
        )
        languages = {self.languages[key(name)] for name in record.languages}
        values = {
            "name": record.name,
            "gender": record.gender,
            "city_id": city.pk,
            "qualifications": record.qualifications,
            "experience_years": record.experience_years,
            "consultation_fee": record.consultation_fee,
            "language_mask": mask_of(lang.bit for lang in languages),
            "search_text": doctor_search_text(
                record.name, record.qualifications, [(h.name, h.locality) for h in hospitals], city.name
            ),
        }
        for optional in ("bio", "consultation_days", "consultation_hours", "is_active"):
            if getattr(record, optional) is not None:
                values[optional] = getattr(record, optional)
        return values, {lang.pk for lang in languages}, {h.pk for h in hospitals}

    def _save_new_doctors(self, plan: _DoctorPlan) -> None:
        created = [doctor for doctor, _, _ in plan.to_create]
        batches = range(0, len(created), BATCH)
        for start in self._bar(batches, "saving new doctors", total=len(batches)):
            Gynecologist.objects.bulk_create(created[start : start + BATCH])
        if created and created[0].pk is None:  # databases that cannot return ids from a bulk insert
            ids = dict(Gynecologist.objects.values_list("registration_number", "id"))
            for doctor in created:
                doctor.pk = ids[doctor.registration_number]
        for doctor, language_ids, hospital_ids in plan.to_create:
            plan.relinks[doctor.pk] = (language_ids, hospital_ids)
        self.stats["doctors created"] += len(created)

    def _relink(self, through, column: str, links: dict[int, set[int] | None]) -> None:
        """Replace the links of each doctor in `links` (None: leave that doctor's links alone)."""
        links = {pk: targets for pk, targets in links.items() if targets is not None}
        pks = list(links)
        for start in range(0, len(pks), BATCH):
            chunk = pks[start : start + BATCH]
            through.objects.filter(gynecologist_id__in=chunk).delete()
            through.objects.bulk_create(
                [through(gynecologist_id=pk, **{column: target}) for pk in chunk for target in links[pk]],
                batch_size=5000,
            )

    # ---- packages ----

    def upsert_packages(self, records: list[PackageRecord]) -> None:
        existing = {
            (row["hospital_id"], key(row["name"])): row
            for row in MaternityPackage.objects.values("id", "hospital_id", "name", *PACKAGE_FIELDS)
        }
        taken = set(MaternityPackage.objects.values_list("slug", flat=True))
        to_create, to_update = [], []
        now = timezone.now()
        for record in self._bar(records, "packages"):
            city, hospital, values = self._package_values(record)
            row = existing.get((hospital.pk, key(record.name)))
            if row is None:
                slug = _package_slug(hospital, city, record, taken)
                to_create.append(MaternityPackage(hospital=hospital, name=record.name, slug=slug, **values))
            elif changed := {f for f, v in values.items() if row[f] != v}:
                package = MaternityPackage(
                    id=row["id"], hospital_id=hospital.pk, name=row["name"], updated=now
                )
                for f in PACKAGE_FIELDS:
                    setattr(package, f, values[f] if f in changed else row[f])
                to_update.append(package)
                self.stats["packages updated"] += 1
            else:
                self.stats["packages unchanged"] += 1
        for start in self._bar(range(0, len(to_create), BATCH), "saving new packages"):
            MaternityPackage.objects.bulk_create(to_create[start : start + BATCH])
        fast_update(MaternityPackage, to_update, [*PACKAGE_FIELDS, "updated"])
        self.stats["packages created"] += len(to_create)

    def _package_values(self, record: PackageRecord) -> tuple[City, Hospital, dict]:
        city = self.city(record.city, record.state)
        hospital = self.hospitals[(city.pk, key(record.hospital))]
        values = {
            "delivery_type": record.delivery_type,
            "room_type": record.room_type,
            "price": record.price,
            "nights": record.nights,
            "inclusions": record.inclusions,
            "exclusions": record.exclusions,
            "valid_until": record.valid_until,
            "city_id": city.pk,
            "search_text": package_search_text(record.name, hospital.name, hospital.locality, city.name),
        }
        if record.is_active is not None:
            values["is_active"] = record.is_active
        return city, hospital, values

    def run(self, doctors: list[DoctorRecord], packages: list[PackageRecord]) -> Counter:
        self._prepare_reference_data(doctors, packages)
        if doctors:
            self.upsert_doctors(doctors)
        if packages:
            self.upsert_packages(packages)
        if self.touched_hospitals:
            # A centre's locality changed: rows not in these files also mention it.
            refresh_packages(MaternityPackage.objects.filter(hospital_id__in=self.touched_hospitals))
            refresh_doctors(
                Gynecologist.hospitals.through.objects.filter(hospital_id__in=self.touched_hospitals)
                .values_list("gynecologist_id", flat=True)
                .distinct()
            )
        vocabulary.rebuild()  # the spelling vocabulary learns the new names, centres and places
        # Bulk writes send no model signals: say that public content changed.
        announce(Gynecologist)
        return self.stats


def _norm_key(k: tuple[str, str, str]) -> tuple[str, str, str]:
    return (key(k[0]), key(k[1]), key(k[2]))


def _current_links(through, column: str) -> dict[int, set[int]]:
    """Every doctor's linked ids in a many-to-many table (languages or centres)."""
    links: dict[int, set[int]] = defaultdict(set)
    for doctor_id, target in through.objects.values_list("gynecologist_id", column).iterator(
        chunk_size=10000
    ):
        links[doctor_id].add(target)
    return links


@dataclass
class _DoctorPlan:
    """What an import will write: new doctors, changed rows, and links to replace."""

    languages: dict[int, set[int]]  # current links, by doctor id
    hospitals: dict[int, set[int]]
    taken_slugs: set[str]
    to_create: list[tuple[Gynecologist, set[int], set[int]]] = field(default_factory=list)
    to_update: list[Gynecologist] = field(default_factory=list)
    relinks: dict[int, tuple[set[int] | None, set[int] | None]] = field(default_factory=dict)
    now: datetime = field(default_factory=timezone.now)

    def create(self, record: DoctorRecord, values: dict, language_ids: set[int], hospital_ids: set[int]):
        slug = unique_slug(
            [record.name, f"{record.name} {short_hash(record.registration_number)}"], self.taken_slugs, 140
        )
        doctor = Gynecologist(registration_number=record.registration_number, slug=slug, **values)
        self.to_create.append((doctor, language_ids, hospital_ids))

    def update(self, row: dict, values: dict, language_ids: set[int], hospital_ids: set[int]) -> str:
        """Plan the changes to an existing doctor; returns the stats key ("doctors updated"/"unchanged")."""
        changed = {f for f, v in values.items() if row[f] != v}
        new_languages = language_ids if language_ids != self.languages[row["id"]] else None
        new_hospitals = hospital_ids if hospital_ids != self.hospitals[row["id"]] else None
        if changed:
            doctor = Gynecologist(id=row["id"], updated=self.now, **{f: row[f] for f in DOCTOR_FIELDS})
            for f in changed:
                setattr(doctor, f, values[f])
            self.to_update.append(doctor)
        if new_languages is not None or new_hospitals is not None:
            self.relinks[row["id"]] = (new_languages, new_hospitals)
        if changed or row["id"] in self.relinks:
            return "doctors updated"
        return "doctors unchanged"


def _package_slug(hospital: Hospital, city: City, record: PackageRecord, taken: set[str]) -> str:
    return unique_slug(
        [
            f"{hospital.name} {record.name}",
            f"{hospital.name} {city.name} {record.name}",
            f"{hospital.name} {record.name} {short_hash(city.slug, hospital.name, record.name)}",
        ],
        taken,
        200,
    )
