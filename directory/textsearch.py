"""Text search and relevance, one implementation for every search of the site.

- `search_words(q)`: the words of a search box entry (lower-cased, at most MAX_WORDS).
- `text_search(queryset, q)`: rows whose derived `search_text` column holds every word; on SQLite
  through the FTS5 index (directory migration 0006) as word prefixes, elsewhere (PostgreSQL, with
  its trigram index) as substrings.
- `word_rank(field, q)`: 0 when the whole query is in `field`, 1 when every word is, 2 otherwise.
- `ranked(queryset, q, primary, secondary)`: the best match first. On PostgreSQL full-text search
  (`websearch` syntax, English stemming, `primary` fields weighted above `secondary`); elsewhere every
  word must be in one of the fields and `word_rank` on the first primary field orders them.
"""

import re

from django.db import connection, models
from django.db.models import Case, Q, Value, When
from django.db.models.expressions import RawSQL

MAX_WORDS = 8  # longer queries add nothing but work


def search_words(q: str | None) -> list[str]:
    return (q or "").lower().split()[:MAX_WORDS]


def text_search(queryset, q):
    """Rows whose `search_text` has every word of `q`. A query with no letters or digits matches
    nothing on SQLite, as it matches no word."""
    words = search_words(q)
    if not words:
        return queryset
    if connection.vendor != "sqlite":
        return queryset.filter(*[Q(search_text__icontains=word) for word in words])
    tokens = [token for word in words for token in re.findall(r"\w+", word)]
    if not tokens:
        return queryset.none()
    match = " ".join(f'"{token}"*' for token in tokens[:MAX_WORDS])
    table = queryset.model._meta.db_table
    return queryset.filter(
        # The table name comes from the model; the words travel as a bound parameter.
        id__in=RawSQL(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s", [match])  # noqa: S608, S611
    )


def word_rank(field: str, q: str):
    """An expression ranking rows by how well `field` matches `q` (lower is better)."""
    words = search_words(q)
    return Case(
        When(Q(**{f"{field}__icontains": " ".join(words)}), then=Value(0)),
        When(Q(*[Q(**{f"{field}__icontains": word}) for word in words]), then=Value(1)),
        default=Value(2),
        output_field=models.IntegerField(),
    )


def _fulltext(queryset, q: str, primary: list[str], secondary: list[str], then: tuple[str, ...]):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = SearchVector(*primary, weight="A", config="english") + SearchVector(
        *secondary, weight="B", config="english"
    )
    query = SearchQuery(" ".join(search_words(q)), search_type="websearch", config="english")
    return (
        queryset.annotate(search=vector, rank=SearchRank(vector, query))
        .filter(search=query)
        .order_by("-rank", *then, "pk")
    )


def ranked(queryset, q: str, primary: list[str], secondary: list[str], *, then=(), indexed_text=False):
    """`queryset` filtered to `q` and ordered best match first (see the module docstring), equal
    matches by `then` (default: the first primary field), then by id.

    `indexed_text`: the model has a `search_text` column holding every field, so on databases without
    full-text search its index (`text_search`) finds the rows instead of scanning each field."""
    then = tuple(then) or (primary[0],)
    if connection.vendor == "postgresql":
        return _fulltext(queryset, q, primary, secondary, then)
    if indexed_text:
        queryset = text_search(queryset, q)
    else:
        for word in search_words(q):
            any_field = Q()
            for name in (*primary, *secondary):
                any_field |= Q(**{f"{name}__icontains": word})
            queryset = queryset.filter(any_field)
    return queryset.alias(_rank=word_rank(primary[0], q)).order_by("_rank", *then, "pk")
