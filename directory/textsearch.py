"""Text search and relevance, one implementation for every search of the site.

- `tokens(text)`: the words of a text as search sees them (any script; punctuation separates words).
- `TextQuery` (directory.understanding): what a search looks for. Every part must match; a part matches when one of its
  alternatives does; an alternative is one or more words, all of which must match. A plain string is
  one part per word ("leg cramps"); directory.lexicon reads what patients type into richer queries
  ("acidity" -> acidity or heartburn; "swelling feet" -> swelling feet or swollen feet).
- `text_search(queryset, q)`: rows whose derived `search_text` column matches; on SQLite through the
  FTS5 index (directory migration 0006) as word prefixes, elsewhere (PostgreSQL, with its trigram
  index) as substrings.
- `word_rank(field, q)`: 0 when the whole query is in `field`, 1 when every part is, 2 otherwise.
- `ranked(queryset, q, primary, secondary)`: the best match first. On PostgreSQL full-text search
  (English stemming, `primary` fields weighted above `secondary`); elsewhere every part must be in one
  of the fields and `word_rank` on each primary field in turn, then on the first secondary one, orders
  them.
"""

from django.db import connection, models
from django.db.models import Case, Q, Value, When
from django.db.models.expressions import RawSQL

from directory.understanding import MAX_WORDS, Part, TextQuery, tokens

__all__ = ["MAX_WORDS", "TextQuery", "ranked", "search_words", "text_search", "tokens", "word_rank"]


def search_words(q: str | None) -> list[str]:
    return tokens(q)[:MAX_WORDS]


def _fts_match(query: TextQuery) -> str:
    """An FTS5 MATCH expression: each word a quoted prefix, so nothing typed is FTS5 syntax."""

    def alternative(words):
        return "(" + " AND ".join(f'"{word}"*' for word in words) + ")"

    return " AND ".join("(" + " OR ".join(alternative(a) for a in part) + ")" for part in query.parts)


def _any_alternative(part: Part, lookup) -> Q:
    """Q: one of the part's alternatives matches, each of its words through `lookup(word)`."""
    found = Q()
    for words in part:
        every = Q()
        for word in words:
            every &= lookup(word)
        found |= every
    return found


def text_search(queryset, q):
    """Rows whose `search_text` matches `q` (a TextQuery, or a string: every word). An empty query
    matches every row; a string with no letters or digits in it ("%%%") matches none."""
    query = TextQuery.of(q)
    if not query:
        return queryset.none() if isinstance(q, str) and q.strip() else queryset
    if connection.vendor != "sqlite":
        return queryset.filter(
            *[_any_alternative(part, lambda w: Q(search_text__icontains=w)) for part in query.parts]
        )
    table = queryset.model._meta.db_table
    return queryset.filter(
        # The table name comes from the model; the words travel as a bound parameter.
        id__in=RawSQL(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s", [_fts_match(query)])  # noqa: S608, S611
    )


def word_rank(field: str, q):
    """An expression ranking rows by how well `field` matches `q` (lower is better)."""
    query = TextQuery.of(q)
    return Case(
        When(Q(**{f"{field}__icontains": str(query)}), then=Value(0)),
        When(
            Q(*[_any_alternative(part, lambda w: Q(**{f"{field}__icontains": w})) for part in query.parts]),
            then=Value(1),
        ),
        default=Value(2),
        output_field=models.IntegerField(),
    )


def _search_query(query: TextQuery):
    """The PostgreSQL tsquery of `query`: parts AND-ed, alternatives OR-ed."""
    from django.contrib.postgres.search import SearchQuery

    combined = None
    for part in query.parts:
        either = None
        for words in part:
            one = SearchQuery(" ".join(words), search_type="plain", config="english")
            either = one if either is None else either | one
        combined = either if combined is None else combined & either
    return combined


def _fulltext(
    queryset,
    query: TextQuery,
    primary: list[str],
    secondary: list[str],
    then: tuple[str, ...],
    document: str | None = None,
):
    from django.contrib.postgres.search import SearchRank, SearchVector, SearchVectorField

    if document:
        # The column the database keeps (a generated column, holding the same vector as below).
        table = queryset.model._meta.db_table
        vector = RawSQL(f'"{table}"."{document}"', [], output_field=SearchVectorField())  # noqa: S611
    else:
        vector = SearchVector(*primary, weight="A", config="english") + SearchVector(
            *secondary, weight="B", config="english"
        )
    tsquery = _search_query(query)
    return (
        # The vector only matched on (alias), not sent back with each row.
        queryset.alias(search=vector)
        .annotate(rank=SearchRank(vector, tsquery))
        .filter(search=tsquery)
        .order_by("-rank", *then, "pk")
    )


def _in_any_field(queryset, query: TextQuery, fields: list[str]):
    """Rows where each part of `query` has an alternative whose words are all in one of `fields`."""

    def in_a_field(word):
        return Q.create([(f"{name}__icontains", word) for name in fields], Q.OR)

    for part in query.parts:
        queryset = queryset.filter(_any_alternative(part, in_a_field))
    return queryset


def ranked(
    queryset,
    q,
    primary: list[str],
    secondary: list[str],
    *,
    then=(),
    indexed_text=False,
    substring_first=False,
    document=None,
):
    """`queryset` filtered to `q` (a TextQuery or a string) and ordered best match first (see the
    module docstring), equal matches by `then` (default: the first primary field), then by id.

    `indexed_text`: the model has a `search_text` column holding every field, so on databases without
    full-text search its index (`text_search`) finds the rows instead of scanning each field.
    `substring_first`: on PostgreSQL too, keep first the rows whose fields hold the words (a cheap
    test), so the full-text match builds the vector of those rows only: for a table with no full-text
    index (the centres: 10 ms at 1,700 rows without it, 3 ms with it).
    `document`: on PostgreSQL, a column that stores the weighted vector of `primary` and `secondary`
    (kept by the database), read instead of building it from the fields at each search."""
    query = TextQuery.of(q)
    then = tuple(then) or (primary[0],)
    fields = [*primary, *secondary]
    if connection.vendor == "postgresql":
        narrowed = _in_any_field(queryset, query, fields) if substring_first else queryset
        return _fulltext(narrowed, query, primary, secondary, then, document)
    queryset = text_search(queryset, query) if indexed_text else _in_any_field(queryset, query, fields)
    # Each primary field decides in turn, then the first secondary one (an article's title, its topics'
    # names, then its standfirst), as the weights do on PostgreSQL.
    ranks = {f"_rank_{n}": word_rank(field, query) for n, field in enumerate(primary)}
    if secondary:
        ranks["_rank_secondary"] = word_rank(secondary[0], query)
    return queryset.alias(**ranks).order_by(*ranks, *then, "pk")
