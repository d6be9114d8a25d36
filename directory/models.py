"""The directory: cities, centres (hospitals), gynecologists, maternity packages and enquiries.

A few columns are derived from others so that searches filter on one indexed row instead of joining:
`Gynecologist.city`, `Gynecologist.language_mask`, `Gynecologist.search_text`,
`MaternityPackage.city` and `MaternityPackage.search_text`. They are kept in step by the models'
`refresh_derived()` methods, which every write path (admin, import, seed) calls.
"""

import base64
import functools
import hashlib
import hmac
import logging
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models, transaction
from django.db.models import Case, ExpressionWrapper, F, Max, Min, OuterRef, Q, Subquery, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from directory.images import process_new_photo, validate_photo
from directory.pcpndt import validate_no_sex_determination
from directory.signals import announce
from directory.spelling import vocabulary_words
from directory.textsearch import TextQuery, ranked, text_search, tokens, word_rank

logger = logging.getLogger(__name__)

MAX_LANGUAGE_BIT = 62
MAX_EXPERIENCE_YEARS = 70
MAX_FEE = 100_000  # ₹1 lakh: no consultation costs more; a larger figure is a typing mistake
MAX_PRICE = 10_000_000  # ₹1 crore
MAX_NIGHTS = 60
PRICE_CONFIRMATION_DAYS = 180  # a price its centre has not confirmed for this long may be out of date


def _covering(*order: str, filters: list[str]) -> list[str]:
    """An index's columns: the sort order first, then every filtered column not already in it."""
    bare = {name.lstrip("-") for name in order}
    return [*order, *(name for name in filters if name not in bare)]


# Columns the doctor and package searches filter on, appended to their sort indexes (see Meta.indexes).
DOCTOR_FILTERS = ["consultation_fee", "experience_years", "language_mask", "gender"]
PACKAGE_FILTERS = ["price", "delivery_type", "room_type", "nights", "valid_until"]


def local(obj, field: str) -> str:
    """`obj`'s `field` in the active language: its `<field>_hi` on Hindi pages when it has one."""
    if get_language() == "hi":
        value = getattr(obj, f"{field}_hi", "")
        if value:
            return value
    return getattr(obj, field)


def listed_q(prefix: str = "", today=None) -> Q:
    """The rule for "this package is listed": active, and its price still valid on `today` (India
    time by default). `prefix` applies it across a relation ("packages__").

    `is_active IN (1)` rather than `is_active`: SQLite can then use the indexes that start with it."""
    today = today or timezone.localdate()
    valid = Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": today})
    return valid & Q(**{f"{prefix}is_active__in": [True]})


class TracksSavedValues:
    """Remembers some fields as loaded from the database, so save() can tell what an edit changed."""

    tracked_fields: tuple[str, ...] = ()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.remember_saved_values()
        return instance

    def remember_saved_values(self) -> None:
        self._saved_values = {f: self.__dict__[f] for f in self.tracked_fields if f in self.__dict__}

    def saved_value(self, name: str):
        """A tracked field as loaded from the database (its current value for a row not loaded)."""
        return getattr(self, "_saved_values", {}).get(name, getattr(self, name))

    def changed_fields(self) -> set[str]:
        """Tracked fields whose value differs from the row as loaded (empty for a new row)."""
        saved = getattr(self, "_saved_values", {})
        return {name for name, value in saved.items() if self.__dict__.get(name) != value}


class ListingQuerySet(models.QuerySet):
    """Bulk activation shared by centres, doctors and packages (a queryset update sends no signals,
    so these say themselves that public content changed)."""

    def set_active(self, active: bool) -> int:
        count = self.exclude(is_active=active).update(is_active=active, updated=timezone.now())
        if count:
            announce(self.model)
        return count


class CityQuerySet(models.QuerySet):
    def for_chooser(self):
        """The cities offered by the "find a doctor or package in your city" chooser."""
        return self.only("name", "name_hi", "slug").order_by("name")

    def with_active_doctors(self):
        """Cities with an active doctor, each with `last_change`: its doctors' latest update."""
        return (
            self.filter(doctors__is_active=True)
            .annotate(last_change=Max("doctors__updated"))
            .only("slug")
            .order_by("name")
        )

    def with_listed_packages(self, today=None):
        """Cities with a listed package, each with `last_change`: its packages' latest update."""
        return (
            self.filter(listed_q("packages__", today))
            .annotate(last_change=Max("packages__updated"))
            .only("slug")
            .order_by("name")
        )


class City(TracksSavedValues, models.Model):
    tracked_fields = ("name",)
    name = models.CharField(max_length=80)
    name_hi = models.CharField(
        "name in Hindi",
        max_length=80,
        blank=True,
        help_text="In Devanagari, e.g. बेंगलुरु; shown on Hindi pages.",
    )
    slug = models.SlugField(max_length=90, unique=True)
    state = models.CharField(max_length=80)

    objects = CityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "city"
        verbose_name_plural = "cities"
        constraints = [models.UniqueConstraint(fields=["name", "state"], name="city_unique_name_state")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        renamed = "name" in self.changed_fields()
        super().save(*args, **kwargs)
        SearchWord.objects.add_texts([self.name])
        self.remember_saved_values()
        if renamed:
            refresh_city(self)  # its doctors' and packages' search text mention the city

    def get_absolute_url(self):
        return reverse("directory:doctor_city", kwargs={"city": self.slug})

    @property
    def local_name(self) -> str:
        """The name in the page's language (Hindi when there is one, else the English name)."""
        return local(self, "name")


# The languages doctors consult in, as the directory lists them. Their names are rows in the database, so
# they are marked here for makemessages: Language.local_name gives the Hindi name on Hindi pages.
LANGUAGE_NAMES = (
    gettext_noop("Assamese"),
    gettext_noop("Bengali"),
    gettext_noop("English"),
    gettext_noop("Gujarati"),
    gettext_noop("Hindi"),
    gettext_noop("Kannada"),
    gettext_noop("Malayalam"),
    gettext_noop("Marathi"),
    gettext_noop("Odia"),
    gettext_noop("Punjabi"),
    gettext_noop("Tamil"),
    gettext_noop("Telugu"),
    gettext_noop("Urdu"),
)


class Language(TracksSavedValues, models.Model):
    """A language a doctor consults in. `bit` gives each language a place in a doctor's language mask."""

    name = models.CharField(max_length=40, unique=True)
    slug = models.SlugField(max_length=40, unique=True)
    bit = models.PositiveSmallIntegerField(
        unique=True,
        blank=True,
        help_text="Position in the doctors' language mask (0-62); leave empty to take the next free one.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "language"
        constraints = [models.CheckConstraint(condition=Q(bit__lte=62), name="language_bit_fits_in_mask")]

    def __str__(self):
        return self.name

    tracked_fields = ("bit",)

    def save(self, *args, **kwargs):
        if self.bit is None:
            self.bit = Language.next_free_bit()
        moved = "bit" in self.changed_fields()
        super().save(*args, **kwargs)
        self.remember_saved_values()
        if moved:  # the bit is its place in each speaker's language mask
            refresh_doctors(self.doctors.values_list("pk", flat=True))

    @property
    def local_name(self) -> str:
        """The language's name in the page's language (LANGUAGE_NAMES; a name not listed stays as it is)."""
        return gettext(self.name)

    @property
    def mask(self) -> int:
        return 1 << self.bit

    @staticmethod
    def next_free_bit(taken: Iterable[int] | None = None) -> int:
        """The lowest bit no language uses yet; ValueError when all 63 are taken."""
        used = set(Language.objects.values_list("bit", flat=True) if taken is None else taken)
        for bit in range(MAX_LANGUAGE_BIT + 1):
            if bit not in used:
                return bit
        raise ValueError("All 63 language slots are in use; merge or delete unused languages first.")


class TermGroup(models.TextChoices):
    SPELLING = "spelling", "Spelling or short form"
    SYNONYM = "synonym", "Everyday or Hinglish word"
    HINDI = "hindi", "Hindi"
    PLACE = "place", "Other name of a city"
    FILLER = "filler", "Filler word (ignored)"


class SearchTerm(models.Model):
    """A word or phrase patients type, and what the search reads it as (directory.understanding).

    Editors keep these in the admin: spellings ("gynaecologist"), synonyms ("acidity" -> heartburn),
    Hinglish ("ulti" -> vomiting), Hindi ("पैर" -> leg), old city names ("Bombay" -> Mumbai) and filler
    words ("near", "speaking") that mean nothing to the search."""

    phrase = models.CharField(
        max_length=80,
        unique=True,
        help_text="What people type, e.g. “acidity”, “c section”, “Bombay”, “पैर”. Capitals and "
        "punctuation do not matter: “C-Section” and “c section” are the same phrase.",
    )
    means = models.CharField(
        "read as",
        max_length=120,
        blank=True,
        help_text="The words the site itself uses for it: “heartburn”, “caesarean”, “Mumbai”, “leg”. "
        "Leave empty for a word the search should ignore (“near”, “in”).",
    )
    group = models.CharField(max_length=10, choices=TermGroup.choices, default=TermGroup.SYNONYM)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["phrase"]
        verbose_name = "search term"
        constraints = [
            models.CheckConstraint(condition=Q(group__in=TermGroup.values), name="term_group_valid")
        ]

    def __str__(self):
        return f"{self.phrase} → {self.means}" if self.means else f"{self.phrase} (ignored)"

    def save(self, *args, **kwargs):
        self.phrase, self.means = " ".join(tokens(self.phrase)), " ".join(tokens(self.means))
        super().save(*args, **kwargs)

    def clean(self):
        self.phrase, self.means = " ".join(tokens(self.phrase)), " ".join(tokens(self.means))
        if not self.phrase:
            raise ValidationError({"phrase": "Type the word or phrase, in letters or digits."})
        if self.means == self.phrase:
            raise ValidationError({"means": "A phrase read as itself changes nothing: give other words."})


class SearchWordQuerySet(models.QuerySet):
    def add_texts(self, texts: Iterable[str]) -> None:
        """Add the words of `texts` that the vocabulary does not have yet (one query per 2000)."""
        words = sorted(vocabulary_words(texts))
        for start in range(0, len(words), 2000):
            batch = [SearchWord(word=word) for word in words[start : start + 2000]]
            self.bulk_create(batch, ignore_conflicts=True)

    def known(self, words: Iterable[str]) -> dict[str, int]:
        """Which of `words` the vocabulary has, with how many texts use each."""
        words = sorted(set(words))
        return dict(self.filter(word__in=words).values_list("word", "uses")) if words else {}


class SearchWord(models.Model):
    """A word that the site's listings and articles use, or the search terms know: the spelling
    vocabulary that typo correction and "Did you mean" draw on (directory.vocabulary keeps it)."""

    word = models.CharField(max_length=40, unique=True)
    uses = models.PositiveIntegerField(default=1, help_text="In how many texts it appears (roughly).")

    objects = SearchWordQuerySet.as_manager()

    class Meta:
        ordering = ["word"]
        verbose_name = "search word"

    def __str__(self):
        return self.word


class HospitalQuerySet(ListingQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def ranked_search(self, q):
        """Site search: centres whose name, locality or city match `q`, best first."""
        return ranked(self, q, ["name"], ["locality", "city__name"], substring_first=True)

    def matching(self, reading):
        """Centres as a search `reading` (directory.understanding) asks for them: in its city, its
        words in their name, locality or city, the best match first (by name without words)."""
        centres = self.filter(city_id=reading.city.pk) if reading.city else self
        return centres.ranked_search(reading.text) if reading.text else centres.order_by("name", "pk")

    def of_staff(self, user):
        """The centres `user` belongs to as centre staff."""
        return self.filter(staff=user)

    def set_active(self, active: bool) -> int:
        """Deactivating centres withdraws their packages too: a centre that is not listed cannot
        sell them. They are marked as withdrawn with the centre, so that reactivating it can offer
        to bring them back (`restore_withdrawn_packages`)."""
        with transaction.atomic():
            pks = list(self.values_list("pk", flat=True))
            count = super().set_active(active)
            if not active:
                MaternityPackage.objects.filter(hospital__in=pks).withdraw_with_centre()
        return count

    def restore_withdrawn_packages(self) -> int:
        """List again the packages that these centres' deactivation withdrew (and only those)."""
        return MaternityPackage.objects.filter(hospital__in=self, withdrawn_with_centre=True).set_active(True)


class Hospital(TracksSavedValues, models.Model):
    tracked_fields = ("name", "locality", "city_id", "is_active")
    name = models.CharField(max_length=150, validators=[validate_no_sex_determination])
    slug = models.SlugField(max_length=170, unique=True)
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="hospitals")
    locality = models.CharField(max_length=100, blank=True)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True, help_text="Where new enquiries for this centre are announced.")
    photo = models.ImageField(upload_to="hospitals/", blank=True, validators=[validate_photo])
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    description = models.TextField(
        "short description", blank=True, validators=[validate_no_sex_determination]
    )
    is_active = models.BooleanField(default=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="centres",
        blank=True,
        help_text="The centre's own accounts (group “Centre staff”): they see only this centre's enquiries.",
    )
    updated = models.DateTimeField(auto_now=True)

    objects = HospitalQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "hospital"
        permissions = [
            ("manage_listings", "Can edit every centre's listings (not only their own centre's)"),
            ("act_for_own_centres", "Acts for their own centres only (centre staff)"),
        ]
        constraints = [models.UniqueConstraint(fields=["city", "name"], name="hospital_unique_name_in_city")]

    def __str__(self):
        return f"{self.name}, {self.city}"

    def save(self, *args, **kwargs):
        process_new_photo(self)
        changed = self.changed_fields()
        with transaction.atomic():
            super().save(*args, **kwargs)
            SearchWord.objects.add_texts([self.name, self.locality])
            self.remember_saved_values()
            if changed & {"name", "locality", "city_id"}:
                self.refresh_dependents()
            if "is_active" in changed and not self.is_active:
                MaternityPackage.objects.filter(hospital=self).withdraw_with_centre()

    def get_absolute_url(self):
        return reverse("directory:hospital_detail", kwargs={"slug": self.slug})

    def refresh_dependents(self):
        """Re-derive the search columns of this centre's packages and doctors (after a rename/move)."""
        refresh_packages(self.packages.all())
        refresh_doctors(self.doctors.values_list("pk", flat=True))


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class GynecologistQuerySet(ListingQuerySet):
    """Read logic for the doctor search. Filters touch only the doctor row (derived columns), no joins."""

    def active(self, *, scan=False):
        """Active doctors.

        By default as `is_active IN (1)`: on SQLite Django renders `is_active=True` as a bare
        `WHERE is_active`, which cannot use the indexes that start with is_active (a full scan and sort
        of every doctor instead of an index walk: 20 ms against 2 ms at 100,000 doctors). A text search
        reads every row anyway, and a plain table scan does that four times faster than walking the
        index, so `scan=True` keeps the bare form. On PostgreSQL both forms plan the same.
        """
        return self.filter(is_active=True) if scan else self.filter(is_active__in=[True])

    def in_city(self, city):
        return self.filter(city=city)

    def of_staff(self, user):
        """The doctors who practise at a centre `user` belongs to as centre staff."""
        at_their_centres = self.model.hospitals.through.objects.filter(hospital__staff=user)
        return self.filter(pk__in=at_their_centres.values("gynecologist_id"))

    def speaking_all(self, languages):
        """Doctors who consult in every one of `languages` (bits of the language mask all set; any
        object with a `mask` will do: a Language, or a search reading's Tongue)."""
        mask = 0
        for language in languages:
            mask |= language.mask
        if not mask:
            return self
        # The result is a bigint like the mask: left to Django, `bigint & int` is an IntegerField, and on
        # PostgreSQL a mask above 2**31 (the 32nd language on) is out of its range: an empty result.
        wanted = ExpressionWrapper(F("language_mask").bitand(mask), output_field=models.BigIntegerField())
        return self.alias(_languages_wanted=wanted).filter(_languages_wanted=mask)

    def search(self, q):
        """Doctors whose name, centres, localities or qualifications have every word of `q`."""
        return text_search(self, q)

    def by_relevance(self, q):
        """Best text match first: the whole query in the name, then every word in the name, then the
        rest; the most experienced first among equals."""
        if not TextQuery.of(q):
            return self.by_experience()
        return self.alias(_rank=word_rank("name", q)).order_by("_rank", "-experience_years", "name", "id")

    def ranked_search(self, q):
        """Site search: the best matches for `q` across everything a doctor's card shows."""
        return ranked(self, q, ["name"], ["search_text", "qualifications"], indexed_text=True)

    def matching(self, reading):
        """Doctors as a search `reading` (directory.understanding) asks for them: its city, gender
        and languages (all of them), its words in their text; the lowest fee first when it asked
        about cost, else the best text match (by_relevance)."""
        doctors = self.in_city(reading.city.pk) if reading.city else self
        if reading.gender:
            doctors = doctors.filter(gender=reading.gender)
        doctors = doctors.speaking_all(reading.tongues).search(reading.text)
        return doctors.by_fee() if reading.by_price else doctors.by_relevance(reading.text)

    def by_experience(self):
        return self.order_by("-experience_years", "name", "id")

    def by_fee(self):
        return self.order_by("consultation_fee", "name", "id")

    def by_name(self):
        return self.order_by("name", "id")

    def for_cards(self):
        """Only what a doctor card shows; directory.cards.doctor_cards() adds the active centres in one
        more query (as plain rows: prefetch_related() cost more than the rest of the page's queries
        together) and names the languages of the language mask."""
        return self.only(
            "id",
            "name",
            "slug",
            "photo",
            "photo_renditions",
            "gender",
            "qualifications",
            "experience_years",
            "consultation_fee",
            "language_mask",
            "city_id",
        )


class Gynecologist(models.Model):
    name = models.CharField(max_length=120, help_text="As displayed, e.g. “Dr Asha Kulkarni”.")
    slug = models.SlugField(max_length=140, unique=True)
    photo = models.ImageField(upload_to="doctors/", blank=True, validators=[validate_photo])
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    gender = models.CharField(max_length=6, choices=Gender.choices)
    qualifications = models.CharField(
        max_length=200,
        validators=[validate_no_sex_determination],
        help_text="e.g. MBBS, MS (Obstetrics & Gynaecology)",
    )
    registration_number = models.CharField("medical council registration number", max_length=40, unique=True)
    experience_years = models.PositiveSmallIntegerField(
        "years of experience", validators=[MaxValueValidator(MAX_EXPERIENCE_YEARS)]
    )
    consultation_fee = models.PositiveIntegerField(
        "consultation fee (INR)",
        validators=[MaxValueValidator(MAX_FEE)],
        help_text="Whole rupees, at most ₹1,00,000.",
    )
    languages = models.ManyToManyField(Language, related_name="doctors", blank=True)
    hospitals = models.ManyToManyField(Hospital, related_name="doctors", blank=True)
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="doctors",
        help_text="The city where the doctor practises.",
    )
    consultation_days = models.CharField(max_length=80, blank=True, help_text="e.g. Monday to Saturday")
    consultation_hours = models.CharField(max_length=80, blank=True, help_text="e.g. 10:00 to 14:00")
    bio = models.TextField("short bio", blank=True, validators=[validate_no_sex_determination])
    is_active = models.BooleanField(default=True)
    # Derived for fast search (see module docstring).
    language_mask = models.BigIntegerField(default=0, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    updated = models.DateTimeField(auto_now=True)

    objects = GynecologistQuerySet.as_manager()

    class Meta:
        ordering = ["-experience_years", "name"]
        verbose_name = "gynecologist"
        constraints = [
            models.CheckConstraint(condition=Q(gender__in=Gender.values), name="doctor_gender_valid"),
            models.CheckConstraint(
                condition=Q(experience_years__lte=MAX_EXPERIENCE_YEARS), name="doctor_experience_plausible"
            ),
            models.CheckConstraint(condition=Q(consultation_fee__lte=MAX_FEE), name="doctor_fee_plausible"),
        ]
        # One index per sort order, with and without a city, each ending in every column the search
        # filters on: the page's rows are read from the index in display order and the count is answered
        # from an index too, with no table lookups (see tests/directory/test_query_plans.py).
        indexes = [
            models.Index(
                fields=_covering(
                    "is_active", "city", "-experience_years", "name", "id", filters=DOCTOR_FILTERS
                ),
                name="doctor_city_experience",
            ),
            models.Index(
                fields=_covering(
                    "is_active", "city", "consultation_fee", "name", "id", filters=DOCTOR_FILTERS
                ),
                name="doctor_city_fee",
            ),
            models.Index(
                fields=_covering("is_active", "city", "name", "id", filters=DOCTOR_FILTERS),
                name="doctor_city_name",
            ),
            models.Index(
                fields=_covering("is_active", "-experience_years", "name", "id", filters=DOCTOR_FILTERS),
                name="doctor_experience",
            ),
            models.Index(
                fields=_covering("is_active", "consultation_fee", "name", "id", filters=DOCTOR_FILTERS),
                name="doctor_fee",
            ),
            models.Index(
                fields=_covering("is_active", "name", "id", filters=DOCTOR_FILTERS), name="doctor_name"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        process_new_photo(self)
        super().save(*args, **kwargs)
        # The search text holds the name, qualifications and city: derive it again from what is now
        # stored (which also mends a value that went stale in memory after a many-to-many change).
        self.refresh_derived()

    def get_absolute_url(self):
        return reverse("directory:doctor_detail", kwargs={"slug": self.slug})

    def refresh_derived(self):
        """Recompute language_mask and search_text from the saved languages and hospitals."""
        refresh_doctors([self.pk])
        self.refresh_from_db(fields=["language_mask", "search_text"])


class DeliveryType(models.TextChoices):
    NORMAL = "normal", _("Normal delivery")
    INSTRUMENTAL = "instrumental", _("Assisted (instrumental) delivery")
    CAESAREAN = "caesarean", _("Caesarean section")
    CAESAREAN_TUBECTOMY = "caesarean_tubectomy", _("Caesarean with tubectomy")


class RoomType(models.TextChoices):
    GENERAL = "general", _("General ward")
    TWIN_SHARING = "twin_sharing", _("Twin sharing")
    SINGLE = "single", _("Single room")
    DELUXE = "deluxe", _("Deluxe room")
    SUITE = "suite", _("Suite")


class MaternityPackageQuerySet(ListingQuerySet):
    def set_active(self, active: bool) -> int:
        """Activate or deactivate; either way they are no longer "withdrawn with the centre"."""
        count = super().set_active(active)
        self.filter(withdrawn_with_centre=True).update(withdrawn_with_centre=False)
        return count

    def withdraw_with_centre(self) -> int:
        """Deactivate the active ones, remembering that their centre's deactivation did it."""
        active = self.filter(is_active=True)
        count = active.update(is_active=False, withdrawn_with_centre=True, updated=timezone.now())
        if count:
            announce(MaternityPackage)
        return count

    def of_staff(self, user):
        """The packages of the centres `user` belongs to as centre staff."""
        return self.filter(hospital__staff=user)

    def price_unconfirmed(self, today=None):
        """Prices their centre has not confirmed for PRICE_CONFIRMATION_DAYS (or ever)."""
        today = today or timezone.localdate()
        stale = today - timedelta(days=PRICE_CONFIRMATION_DAYS)
        return self.filter(Q(price_confirmed__isnull=True) | Q(price_confirmed__lt=stale))

    def expiring(self, today=None, within_days=30):
        """Listed prices that end within `within_days`."""
        today = today or timezone.localdate()
        return self.filter(valid_until__gte=today, valid_until__lte=today + timedelta(days=within_days))

    """Read logic for the package search. Filters touch only the package row, no joins."""

    def listed(self, today=None):
        """Active packages whose price is still valid on `today` (India time by default)."""
        return self.filter(listed_q(today=today))

    def search(self, q):
        """Packages whose name, type, room, centre, locality or city have every word of `q`."""
        return text_search(self, q)

    def ranked_search(self, q):
        """Site search: the best matches for `q` (search_text holds the centre, locality and city)."""
        return ranked(self, q, ["name"], ["search_text"], indexed_text=True)

    def matching(self, reading):
        """Packages as a search `reading` (directory.understanding) asks for them: its city and
        delivery type, its words in their text (in the order the queryset had)."""
        packages = self.filter(city_id=reading.city.pk) if reading.city else self
        if reading.delivery_type:
            packages = packages.filter(delivery_type=reading.delivery_type)
        return packages.search(reading.text)

    def by_price(self):
        return self.order_by("price", "name", "id")

    def by_price_descending(self):
        return self.order_by("-price", "name", "id")

    def by_nights(self):
        return self.order_by("nights", "price", "name", "id")

    def with_caesarean_price(self, today=None):
        """Annotate `caesarean_price`: for a normal-delivery package, the price of the cheapest listed
        C-section package of the same centre and room type; None for other types or when there is none.
        One correlated subquery, so list pages keep a constant query count.
        """
        caesareans = (
            MaternityPackage.objects.listed(today)
            .filter(
                hospital_id=OuterRef("hospital_id"),
                room_type=OuterRef("room_type"),
                delivery_type=DeliveryType.CAESAREAN,
            )
            .order_by()
            .values("hospital_id")
            .annotate(lowest=Min("price"))
            .values("lowest")[:1]
        )
        return self.annotate(
            caesarean_price=Case(
                When(
                    delivery_type=DeliveryType.NORMAL, then=Subquery(caesareans)
                ),  # see has_caesarean_alternative
                default=None,
                output_field=models.PositiveIntegerField(),
            )
        )

    def for_cards(self):
        """Only what a package card shows, with its centre and city joined in the same query, and
        for a normal delivery the price of a caesarean in the same room (`with_caesarean_price`)."""
        return (
            self.with_caesarean_price()
            .select_related("hospital", "city")
            .only(
                "id",
                "name",
                "slug",
                "delivery_type",
                "room_type",
                "price",
                "nights",
                "inclusions",
                "valid_until",
                "hospital__id",
                "hospital__name",
                "hospital__slug",
                "hospital__locality",
                "city__id",
                "city__name",
                "city__name_hi",
                "city__slug",
            )
        )


class MaternityPackage(models.Model):
    hospital = models.ForeignKey(Hospital, on_delete=models.CASCADE, related_name="packages")
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="packages", editable=False)
    name = models.CharField(max_length=150, validators=[validate_no_sex_determination])
    slug = models.SlugField(max_length=200, unique=True)
    delivery_type = models.CharField(max_length=20, choices=DeliveryType.choices)
    room_type = models.CharField(max_length=20, choices=RoomType.choices)
    price = models.PositiveIntegerField(
        "price (INR)",
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PRICE)],
        help_text="Whole rupees, taxes included (₹1 to ₹1,00,00,000).",
    )
    nights = models.PositiveSmallIntegerField("nights of stay", validators=[MaxValueValidator(MAX_NIGHTS)])
    inclusions = models.JSONField(
        default=list, blank=True, validators=[validate_no_sex_determination], help_text="One item per entry."
    )
    exclusions = models.JSONField(
        default=list, blank=True, validators=[validate_no_sex_determination], help_text="One item per entry."
    )
    valid_until = models.DateField(
        null=True, blank=True, help_text="Leave empty if the price has no end date."
    )
    is_active = models.BooleanField(default=True)
    withdrawn_with_centre = models.BooleanField(
        default=False, editable=False, help_text="Deactivated because its centre was; restored with it."
    )
    price_confirmed = models.DateField(
        "price confirmed by the hospital on",
        null=True,
        blank=True,
        editable=False,
        help_text="Set when the centre's own staff save the package in the admin.",
    )
    search_text = models.TextField(blank=True, editable=False)
    updated = models.DateTimeField(auto_now=True)

    objects = MaternityPackageQuerySet.as_manager()

    class Meta:
        ordering = ["price", "name"]
        verbose_name = "maternity package"
        constraints = [
            models.UniqueConstraint(fields=["hospital", "name"], name="package_unique_name_in_hospital"),
            models.CheckConstraint(
                condition=Q(delivery_type__in=DeliveryType.values), name="package_delivery_valid"
            ),
            models.CheckConstraint(condition=Q(room_type__in=RoomType.values), name="package_room_valid"),
            models.CheckConstraint(condition=Q(nights__lte=MAX_NIGHTS), name="package_nights_plausible"),
            models.CheckConstraint(
                condition=Q(price__gte=1, price__lte=MAX_PRICE), name="package_price_plausible"
            ),
        ]
        # As for doctors: one covering index per sort order, with and without a city.
        indexes = [
            models.Index(
                fields=_covering("is_active", "city", "price", "name", "id", filters=PACKAGE_FILTERS),
                name="package_city_price",
            ),
            models.Index(
                fields=_covering("is_active", "city", "-price", "name", "id", filters=PACKAGE_FILTERS),
                name="package_city_price_desc",
            ),
            models.Index(
                fields=_covering(
                    "is_active", "city", "nights", "price", "name", "id", filters=PACKAGE_FILTERS
                ),
                name="package_city_nights",
            ),
            models.Index(
                fields=_covering("is_active", "price", "name", "id", filters=[*PACKAGE_FILTERS, "city"]),
                name="package_price",
            ),
            models.Index(
                fields=_covering("is_active", "-price", "name", "id", filters=[*PACKAGE_FILTERS, "city"]),
                name="package_price_desc",
            ),
            models.Index(
                fields=_covering(
                    "is_active", "nights", "price", "name", "id", filters=[*PACKAGE_FILTERS, "city"]
                ),
                name="package_nights",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.hospital.name})"

    def save(self, *args, **kwargs):
        self.refresh_derived()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:package_detail", kwargs={"slug": self.slug})

    def is_listed(self, today=None) -> bool:
        """The instance form of `MaternityPackage.objects.listed()`."""
        today = today or timezone.localdate()
        return self.is_active and (self.valid_until is None or self.valid_until >= today)

    def price_may_be_out_of_date(self, today=None) -> bool:
        """The instance form of `price_unconfirmed()`: not confirmed by the centre for 180 days."""
        today = today or timezone.localdate()
        return self.price_confirmed is None or self.price_confirmed < today - timedelta(
            days=PRICE_CONFIRMATION_DAYS
        )

    def refresh_derived(self):
        """Set city and search_text from the package and its hospital (no save)."""
        hospital = self.hospital
        self.city_id = hospital.city_id
        self.search_text = package_search_text(
            self.name, hospital.name, hospital.locality, hospital.city.name
        )

    @property
    def has_caesarean_alternative(self) -> bool:
        """Whether the price of a caesarean in the same room matters to this package's buyer: a planned
        normal delivery can end in a caesarean section (other types are already surgical or assisted)."""
        return self.delivery_type == DeliveryType.NORMAL

    @property
    def caesarean_difference(self) -> int | None:
        """How much more the annotated `caesarean_price` (with_caesarean_price()) costs, if known."""
        price = getattr(self, "caesarean_price", None)
        return None if price is None else price - self.price

    @property
    def caesarean_gap(self) -> int | None:
        """The size of `caesarean_difference`, whichever package costs more (a centre may price its
        normal delivery above its caesarean)."""
        difference = self.caesarean_difference
        return None if difference is None else abs(difference)

    def caesarean_counterpart(self):
        """For a normal delivery: the same centre's cheapest listed C-section in the same room type."""
        if not self.has_caesarean_alternative:
            return None
        return (
            MaternityPackage.objects.listed()
            .filter(
                hospital_id=self.hospital_id, room_type=self.room_type, delivery_type=DeliveryType.CAESAREAN
            )
            .order_by("price", "pk")
            .first()
        )


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_reference() -> str:
    """A short reference a patient can read out on the phone: no 0/O or 1/I to confuse."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "NM-" + "".join(secrets.choice(alphabet) for _ in range(7))


class EnquiryStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn by the patient")


class AgeBasis(models.TextChoices):
    """What the patient confirmed about her age (DPDP Act s. 9: a child's data needs a parent's consent)."""

    ADULT = "adult", _("I am 18 or older")
    GUARDIAN = "guardian", _("I am under 18, and my parent or guardian agrees to this enquiry")


# The personal data of an enquiry: what erasure empties (withdrawal, retention).
PERSONAL_FIELDS = {
    "patient_name": "",
    "phone": "",
    "email": "",
    "preferred_date": None,
    "message": "",
    "staff_notes": "",
    "client_key": "",
    "access_nonce": "",
    "access_hash": "",
}


def empty_write_ahead_log(alias: str = "default", wait_ms: int = 2000) -> bool:
    """On SQLite, copy the write-ahead log into the database file and truncate it: until then the log
    still holds the rows as they were before an erasure (secure_delete zeroes the database file's free
    space, not the log's old frames). Waits up to `wait_ms` for readers still on an older snapshot;
    if they outlast it, says so in the log and returns False (the daily purge_enquiries empties it
    again). Other databases keep no such copy."""
    connection = connections[alias]
    if connection.vendor != "sqlite":
        return True
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        if cursor.fetchone()[0] != "wal":
            return True  # an in-memory database (tests): no log on disk
        cursor.execute("PRAGMA busy_timeout")
        (usual,) = cursor.fetchone()
        cursor.execute(f"PRAGMA busy_timeout={int(wait_ms)}")
        try:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _, _ = cursor.fetchone()
        finally:
            cursor.execute(f"PRAGMA busy_timeout={int(usual)}")
    if busy:
        logger.warning(
            "write-ahead log not emptied after an erasure: readers were busy; purge_enquiries retries"
        )
    return not busy


class EnquiryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The enquiries `user` may see: all for superusers, their own centres' for centre staff, and
        none for anyone else. Every admin entry point (list, search, filters, detail, history,
        export, actions, autocomplete) goes through this one method."""
        if not (user.is_active and user.is_staff):
            return self.none()
        if user.is_superuser:
            return self
        if not user.has_perm("directory.view_enquiry"):
            return self.none()
        return self.filter(hospital__staff=user)

    def open(self):
        """Enquiries still to be followed up: not closed, withdrawn, or erased at the end of retention
        (nobody can call a patient whose number is gone)."""
        return self.exclude(status__in=[EnquiryStatus.CLOSED, EnquiryStatus.WITHDRAWN]).filter(
            erased__isnull=True
        )

    def with_access_token(self, token: str):
        """The enquiry whose private link carries `token` (none once its data is erased)."""
        return self.filter(access_hash=token_hash(token), erased__isnull=True) if token else self.none()

    def older_than(self, days: int, now=None):
        return self.filter(created__lt=(now or timezone.now()) - timedelta(days=days))

    def erase_personal_data(self, **also) -> int:
        """Empty every personal field (PERSONAL_FIELDS) of these enquiries, keeping the reference,
        centre, subject, dates and status; their private links stop working. Anything they still
        owe (queued emails) is cancelled, and any saved version history of them goes too. `also`:
        other fields to set in the same update (a withdrawal's status)."""
        from django.contrib.contenttypes.models import ContentType
        from reversion.models import Version

        pks = list(self.filter(erased__isnull=True).values_list("pk", flat=True))
        if not pks:
            return 0
        with transaction.atomic():
            # Not erased yet, asked again in the update: a second withdrawal racing this one on
            # PostgreSQL re-reads the row after this one commits, and then erases nothing.
            enquiries = Enquiry.objects.filter(pk__in=pks, erased__isnull=True)
            count = enquiries.update(**PERSONAL_FIELDS, erased=timezone.now(), updated=timezone.now(), **also)
            Notification.objects.filter(
                enquiry__in=pks, status__in=[NotificationStatus.PENDING, NotificationStatus.SENDING]
            ).update(status=NotificationStatus.FAILED, last_error=CANCELLED_BY_ERASURE)
            Version.objects.filter(
                content_type=ContentType.objects.get_for_model(Enquiry), object_id__in=[str(pk) for pk in pks]
            ).delete()
            transaction.on_commit(functools.partial(empty_write_ahead_log, self.db), using=self.db)
        return count

    def waiting(self, hours=24, now=None):
        """New enquiries nobody has acted on for more than `hours`."""
        since = (now or timezone.now()) - timedelta(hours=hours)
        return self.filter(status=EnquiryStatus.NEW, created__lt=since, erased__isnull=True)


class Enquiry(models.Model):
    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    doctor = models.ForeignKey(
        Gynecologist, on_delete=models.PROTECT, null=True, blank=True, related_name="enquiries"
    )
    package = models.ForeignKey(
        MaternityPackage, on_delete=models.PROTECT, null=True, blank=True, related_name="enquiries"
    )
    hospital = models.ForeignKey(
        Hospital,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enquiries",
        help_text="The centre that follows this enquiry up.",
    )
    patient_name = models.CharField(max_length=100)
    phone = models.CharField("mobile number", max_length=13)
    email = models.EmailField(blank=True)
    preferred_date = models.DateField(null=True, blank=True)
    message = models.TextField(blank=True, max_length=1000)
    consent = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=EnquiryStatus.choices, default=EnquiryStatus.NEW)
    staff_notes = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True)
    # A keyed hash of the sender's address, for the rate limit (directory/ratelimit.py); never the address.
    client_key = models.CharField(max_length=32, blank=True, editable=False)
    age_basis = models.CharField(
        "age confirmed", max_length=10, choices=AgeBasis.choices, default=AgeBasis.ADULT, editable=False
    )
    # The private link (/my-enquiry/<token>/): the token is never stored, only its hash; the nonce lets the
    # worker make it again for the confirmation email with the server's secret key (see access_token()).
    access_nonce = models.CharField(max_length=32, blank=True, editable=False)
    access_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The language the patient wrote in: her confirmation email is sent in it (centres' mail stays English).
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="en", editable=False)
    erased = models.DateTimeField(
        "personal data erased",
        null=True,
        blank=True,
        editable=False,
        help_text="Withdrawn, or past retention.",
    )

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = "enquiry"
        verbose_name_plural = "enquiries"
        permissions = [("view_patient_contact", "Can see patients' phone numbers and email addresses")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(doctor__isnull=False) & Q(package__isnull=True))
                | (Q(doctor__isnull=True) & Q(package__isnull=False)),
                name="enquiry_about_doctor_or_package",
            ),
            models.CheckConstraint(
                condition=Q(consent=True) | Q(erased__isnull=False), name="enquiry_has_consent"
            ),
            models.CheckConstraint(condition=Q(status__in=EnquiryStatus.values), name="enquiry_status_valid"),
        ]
        indexes = [
            models.Index(fields=["status", "-created"], name="enquiry_status_created"),
            models.Index(fields=["hospital", "status"], name="enquiry_hospital_status"),
            models.Index(fields=["created"], name="enquiry_created"),
            models.Index(fields=["client_key", "created"], name="enquiry_client_created"),
            models.Index(fields=["access_hash"], name="enquiry_access_hash"),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if self.hospital_id is None:
            self.hospital = self.centre_for_subject()
        super().save(*args, **kwargs)

    @property
    def subject(self):
        return self.doctor or self.package

    @property
    def erase_due(self):
        """When its personal data is due for erasure: ENQUIRY_RETENTION_DAYS after it was sent, whatever
        its status (the daily `purge_enquiries` erases it at its first run after this moment)."""
        return self.created + timedelta(days=settings.ENQUIRY_RETENTION_DAYS)

    def issue_access_token(self) -> str:
        """Give the enquiry a private link; returns its token (kept nowhere: only its hash is stored)."""
        self.access_nonce = secrets.token_hex(16)
        token = self.access_token()
        self.access_hash = token_hash(token)
        return token

    def access_token(self) -> str | None:
        """The private link's token: 256 bits derived from the reference, the stored nonce and the
        server's secret key, so the database alone does not hold it. None once erased."""
        if not self.access_nonce:
            return None
        message = f"my-enquiry:{self.reference}:{self.access_nonce}".encode()
        digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def get_private_url(self) -> str | None:
        token = self.access_token()
        return reverse("directory:my_enquiry", kwargs={"token": token}) if token else None

    def centre_for_subject(self):
        """The package's hospital, or the doctor's first centre by name (None if they have none)."""
        if self.package_id:
            return self.package.hospital
        if self.doctor_id:
            return self.doctor.hospitals.order_by("name", "pk").first()
        return None


class NotificationKind(models.TextChoices):
    NEW_ENQUIRY = "new_enquiry", "New enquiry (to the centre)"
    CONFIRMATION = "confirmation", "Confirmation (to the patient)"
    WITHDRAWAL = "withdrawal", "Withdrawn enquiry (to the centre)"
    NEW_LINK = "new_link", "New private link (to the patient)"


# The last error of a notification an erasure cancelled: it is never sent, not even on request.
CANCELLED_BY_ERASURE = "cancelled: the personal data was erased"


class NotificationStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


# A send that has not finished this long after a worker claimed it never will: the worker stopped.
# (Each step of talking to the mail server times out after EMAIL_TIMEOUT, ten seconds.)
SENDING_STALLS_AFTER = timedelta(minutes=5)


class NotificationQuerySet(models.QuerySet):
    def failed(self):
        return self.filter(status=NotificationStatus.FAILED)

    def stalled(self, now=None):
        """Being sent by a worker that stopped (killed, or its machine lost) before it could record the
        outcome: whether the email went out is unknown. (No claim time: claimed before it was kept.)"""
        since = (now or timezone.now()) - SENDING_STALLS_AFTER
        return self.filter(Q(claimed__lt=since) | Q(claimed__isnull=True), status=NotificationStatus.SENDING)

    def not_sent(self, now=None):
        """What needs a person: failed for good, or stalled while being sent."""
        return self.failed() | self.stalled(now)

    def may_be_sent_again(self):
        """Never one an erasure cancelled, nor one about an erased enquiry, but the centre's notice that
        the patient withdrew it (its enquiry is always erased, and the centre must still be told)."""
        return self.exclude(last_error=CANCELLED_BY_ERASURE).filter(
            Q(enquiry__erased__isnull=True) | Q(kind=NotificationKind.WITHDRAWAL)
        )

    def visible_to(self, user):
        """The notifications `user` may see: those of the enquiries they may see, except, for all but
        superusers, new private links (which would tell a centre that the patient went to the grievance
        officer)."""
        if not (user.is_active and user.is_staff):
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(enquiry__in=Enquiry.objects.visible_to(user)).exclude(
            kind=NotificationKind.NEW_LINK
        )

    def of_staff(self, user):
        return self.filter(enquiry__hospital__staff=user)


class Notification(models.Model):
    """One email the site owes someone about an enquiry, sent by the job queue (directory.notifications).

    Created in the same transaction as the change that causes it. It holds no personal data: the
    address is read from the enquiry or the centre when it is sent."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    status = models.CharField(
        max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Tries since it was (last) queued.")
    next_attempt = models.DateTimeField(null=True, blank=True)
    claimed = models.DateTimeField(null=True, blank=True, help_text="When a worker last began to send it.")
    queued_again = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a superuser last queued it again: its day of retries runs from then, not from its creation.",
    )
    last_error = models.CharField(
        max_length=200, blank=True, help_text="The kind of failure, never its details."
    )
    created = models.DateTimeField(default=timezone.now, editable=False)
    sent = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = "notification"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values), name="notification_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=NotificationStatus.values), name="notification_status_valid"
            ),
            # One of each kind per enquiry, except new private links: she may lose a link twice.
            models.UniqueConstraint(
                fields=["enquiry", "kind"],
                condition=~Q(kind=NotificationKind.NEW_LINK),
                name="notification_once_per_kind",
            ),
        ]
        indexes = [models.Index(fields=["status", "created"], name="notification_status_created")]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.enquiry.reference}"


class AccessAction(models.TextChoices):
    LIST = "list", "Listed"
    VIEW = "view", "Opened"
    EXPORT = "export", "Exported"


class AccessRecord(models.Model):
    """Who saw or exported patients' enquiries, when, and which ones (by reference only). Written by the
    enquiry admin; read by superusers; nobody can change or delete it in the admin."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    username = models.CharField(max_length=150, help_text="Kept if the account is deleted.")
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    references = models.TextField(help_text="The enquiries' references, separated by spaces.")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "access record"
        constraints = [
            models.CheckConstraint(condition=Q(action__in=AccessAction.values), name="access_action_valid")
        ]

    def __str__(self):
        return f"{self.username} {self.get_action_display().lower()} {self.references[:60]}"

    @classmethod
    def note(cls, user, action: str, references) -> "AccessRecord | None":
        references = " ".join(references)
        if not references:
            return None
        return cls.objects.create(
            user=user, username=user.get_username(), action=action, references=references
        )


def new_grievance_reference() -> str:
    return "GR-" + new_reference().removeprefix("NM-")


class GrievanceKind(models.TextChoices):
    ACCESS = "access", _("I want to know what you hold about me")
    CORRECTION = "correction", _("Please correct my details")
    ERASURE = "erasure", _("Please erase my details")
    WITHDRAWAL = "withdrawal", _("I withdraw my consent")
    NOMINEE = "nominee", _("I want to name a nominee")
    COMPLAINT = "complaint", _("A complaint about how my data was handled")
    OTHER = "other", _("Something else")


class GrievanceStatus(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"


class GrievanceQuerySet(models.QuerySet):
    def overdue(self, today=None):
        return self.exclude(status=GrievanceStatus.CLOSED).filter(due__lt=today or timezone.localdate())


class Grievance(models.Model):
    """A request or complaint about personal data (DPDP Act ss. 11-14), answered by the grievance
    officer within GRIEVANCE_RESPONSE_DAYS."""

    reference = models.CharField(max_length=12, unique=True, default=new_grievance_reference, editable=False)
    kind = models.CharField("what it is about", max_length=12, choices=GrievanceKind.choices)
    name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    phone = models.CharField("mobile number", max_length=13, blank=True)
    enquiry_reference = models.CharField(max_length=12, blank=True)
    message = models.TextField(max_length=2000)
    status = models.CharField(max_length=10, choices=GrievanceStatus.choices, default=GrievanceStatus.OPEN)
    officer_notes = models.TextField(blank=True)
    client_key = models.CharField(max_length=32, blank=True, editable=False)
    created = models.DateTimeField(default=timezone.now, editable=False)
    due = models.DateField("answer due by", editable=False)
    updated = models.DateTimeField(auto_now=True)

    objects = GrievanceQuerySet.as_manager()

    class Meta:
        ordering = ["due", "created"]
        verbose_name = "grievance"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=GrievanceKind.values), name="grievance_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=GrievanceStatus.values), name="grievance_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(email="", phone="", status=GrievanceStatus.OPEN), name="grievance_has_a_contact"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due"], name="grievance_status_due"),
            models.Index(fields=["client_key", "created"], name="grievance_client_created"),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if self.due is None:
            self.due = timezone.localdate(self.created) + timedelta(days=settings.GRIEVANCE_RESPONSE_DAYS)
        super().save(*args, **kwargs)

    @property
    def is_overdue(self) -> bool:
        return self.status != GrievanceStatus.CLOSED and self.due < timezone.localdate()


# ---- Derived data -------------------------------------------------------------------------------
# Pure builders (used by the bulk importer and the demo seed, which know every value already) and
# bulk refreshers (used by the admin after it saves, and by anything that edits related rows).


def normalise_text(*parts: str) -> str:
    """Lowercased, single-spaced text for the `search_text` columns."""
    return " ".join(" ".join(part.split()) for part in parts if part).lower()


def doctor_search_text(
    name: str, qualifications: str, hospitals: Iterable[tuple[str, str]], city_name: str
) -> str:
    """`hospitals` is (name, locality) pairs."""
    parts = [name, qualifications]
    for hospital_name, locality in hospitals:
        parts += [hospital_name, locality]
    parts.append(city_name)
    return normalise_text(*parts)


def package_search_text(name: str, hospital_name: str, locality: str, city_name: str) -> str:
    return normalise_text(name, hospital_name, locality, city_name)


def mask_of(bits: Iterable[int]) -> int:
    mask = 0
    for bit in bits:
        mask |= 1 << bit
    return mask


def refresh_doctors(pks: Iterable[int], batch_size: int = 2000) -> int:
    """Recompute language_mask and search_text for these doctors, a few queries per batch."""
    pks = list(pks)
    through_languages = Gynecologist.languages.through
    through_hospitals = Gynecologist.hospitals.through
    updated = 0
    for start in range(0, len(pks), batch_size):
        chunk = pks[start : start + batch_size]
        bits: dict[int, list[int]] = {pk: [] for pk in chunk}
        for doctor_id, bit in through_languages.objects.filter(gynecologist_id__in=chunk).values_list(
            "gynecologist_id", "language__bit"
        ):
            bits[doctor_id].append(bit)
        places: dict[int, list[tuple[str, str]]] = {pk: [] for pk in chunk}
        for doctor_id, name, locality in (
            through_hospitals.objects.filter(gynecologist_id__in=chunk)
            .order_by("hospital__name", "hospital_id")
            .values_list("gynecologist_id", "hospital__name", "hospital__locality")
        ):
            places[doctor_id].append((name, locality))
        changed = []
        for doctor in (
            Gynecologist.objects.filter(pk__in=chunk)
            .select_related("city")
            .only("pk", "name", "qualifications", "city__name", "language_mask", "search_text")
        ):
            mask = mask_of(bits[doctor.pk])
            text = doctor_search_text(doctor.name, doctor.qualifications, places[doctor.pk], doctor.city.name)
            if (mask, text) != (doctor.language_mask, doctor.search_text):
                doctor.language_mask, doctor.search_text = mask, text
                changed.append(doctor)
        Gynecologist.objects.bulk_update(changed, ["language_mask", "search_text"], batch_size=500)
        SearchWord.objects.add_texts(doctor.search_text for doctor in changed)
        updated += len(changed)
    return updated


def refresh_packages(queryset) -> int:
    """Recompute city and search_text for the packages in `queryset`."""
    changed = []
    for package in queryset.select_related("hospital__city").iterator(chunk_size=2000):
        before = (package.city_id, package.search_text)
        package.refresh_derived()
        if (package.city_id, package.search_text) != before:
            changed.append(package)
    with transaction.atomic():
        MaternityPackage.objects.bulk_update(changed, ["city", "search_text"], batch_size=500)
        SearchWord.objects.add_texts(package.search_text for package in changed)
    return len(changed)


def refresh_city(city) -> None:
    """After a city is renamed: its doctors' and packages' search text mention the city."""
    refresh_packages(MaternityPackage.objects.filter(hospital__city=city))
    refresh_doctors(Gynecologist.objects.filter(city=city).values_list("pk", flat=True))
