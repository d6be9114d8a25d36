"""What the search knows about words, read from the database: the lexicon `read()` uses
(directory.understanding) and the spelling vocabulary that corrects mistakes (directory.vocabulary).

The lexicon (search terms, cities, languages) is read in one query and kept in each process's memory
until the site's content changes: the project says how to tell through the setting
`SEARCH_CONTENT_VERSION` (the dotted path of a function returning the current content version; the
page cache's). Without it, a save in this process and a ten-minute age limit renew it.
"""

import importlib
import threading
import time

from django.conf import settings
from django.db.models import F, IntegerField, Value
from django.db.models.functions import Cast
from django.utils.module_loading import import_string

from directory.models import City, Language, SearchTerm
from directory.understanding import Lexicon, Place, Reading, Tongue, read

MAX_AGE = 600  # seconds: the longest a process keeps a lexicon without checking the content version

_memo: dict = {}
_lock = threading.Lock()


def _content_version() -> str:
    path = getattr(settings, "SEARCH_CONTENT_VERSION", "")
    return import_string(path)() if path else ""


def load_lexicon() -> Lexicon:
    """The lexicon as the database has it now: one query for terms, cities (with their Hindi names, for
    headings) and languages, the cities and languages each in name order as the database sorts them
    (the order of the search filters' lists and of a doctor card's languages)."""
    terms = SearchTerm.objects.annotate(
        kind=Value("term"), number=Value(0), name_hi=Value(""), row=Value(0), state=Value("")
    ).values_list("phrase", "means", "kind", "number", "name_hi", "row", "state")
    cities = City.objects.annotate(
        kind=Value("city"), number=Cast("pk", IntegerField()), row=Cast("pk", IntegerField())
    ).values_list("name", "slug", "kind", "number", "name_hi", "row", "state")
    languages = Language.objects.annotate(
        kind=Value("language"),
        number=F("bit"),
        name_hi=Value(""),
        row=Cast("pk", IntegerField()),
        state=Value(""),
    ).values_list("name", "slug", "kind", "number", "name_hi", "row", "state")
    rows = list(
        terms.order_by()
        .union(cities.order_by(), languages.order_by(), all=True)
        .order_by("kind", "phrase", "row")
    )
    return Lexicon.build(
        terms=[(name, meaning) for name, meaning, what, *_ in rows if what == "term"],
        places=[
            Place(number, slug, name, name_hi or "", state)
            for name, slug, what, number, name_hi, _, state in rows
            if what == "city"
        ],
        tongues=[
            Tongue(number, slug, name, pk)
            for name, slug, what, number, _, pk, _ in rows
            if what == "language"
        ],
    )


def lexicon() -> Lexicon:
    """The current lexicon, from this process's memory while the content has not changed."""
    version = _content_version()
    now = time.monotonic()
    memo = _memo.get("lexicon")
    if memo and memo[0] == version and now - memo[1] < MAX_AGE:
        return memo[2]
    with _lock:
        fresh = load_lexicon()
        _memo["lexicon"] = (version, now, fresh)
    return fresh


def _reference_row(model, values: dict):
    """A model instance loaded with these fields' values, as from a query (fields not given are deferred)."""
    fields = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(None, fields, [values[name] for name in fields])


def _city(place: Place) -> City:
    return _reference_row(
        City,
        {
            "id": place.pk,
            "name": place.name,
            "name_hi": place.name_hi,
            "slug": place.slug,
            "state": place.state,
        },
    )


def city_rows() -> list[City]:
    """Every city, in name order, as fresh instances from the lexicon: the search filters' rows, with
    no query of their own."""
    return [_city(place) for place in lexicon().cities]


def city_row(slug: str) -> City | None:
    """The city with this slug (compared exactly, as the database does), from the lexicon."""
    place = next((place for place in lexicon().cities if place.slug == slug), None)
    return _city(place) if place else None


def language_rows() -> list[Language]:
    """Every language, in name order, as fresh instances from the lexicon."""
    return [
        _reference_row(Language, {"id": t.pk, "name": t.name, "slug": t.slug, "bit": t.bit})
        for t in lexicon().languages
    ]


def forget(**kwargs) -> None:
    """Drop the remembered lexicon (a receiver of directory.signals.content_changed, and for tests)."""
    _memo.clear()


def install_starter_terms() -> int:
    """Add the starter search terms (migration 0012) that the database lacks, as the migration did:
    for a database whose tables were emptied (`flush`, tests). Returns how many were added."""
    starter = importlib.import_module("directory.migrations.0012_starter_search_terms")
    present = set(SearchTerm.objects.values_list("phrase", flat=True))
    missing = [(phrase, means, group) for phrase, means, group in starter.TERMS if phrase not in present]
    SearchTerm.objects.bulk_create([SearchTerm(phrase=p, means=m, group=g) for p, m, g in missing])
    return len(missing)


def read_query(typed: str) -> Reading:
    """`typed` read with the current lexicon."""
    return read(typed or "", lexicon())
