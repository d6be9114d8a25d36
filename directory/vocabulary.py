"""The spelling vocabulary (`SearchWord`): every word the site's listings and articles use, so that a
search with a mistake in it can be corrected to words that find something.

- Kept up to date: `SearchWord.objects.add_texts()` as rows are saved (doctors, packages, centres, cities, articles),
  `rebuild()` after bulk loads (the importer, the demo seed) and when a database has none
  (`ensure_vocabulary`, after `migrate`). Apps add their own texts through an AppConfig method
  `search_texts()` (articles does), so the directory never imports them.
- Looked up: `SearchWord.objects.known()` for exact words; `near()` for words spelled nearly alike, through the trigram
  index of migration 0011 (pg_trgm on PostgreSQL, an FTS5 trigram table on SQLite).
- `suggest(typed, lexicon)`: the query with each unknown word corrected (a typo, missing spaces, a
  name in Devanagari), or None when nothing could be corrected.
"""

from django.apps import apps
from django.db import connection, transaction

from directory.models import City, Gynecologist, Hospital, MaternityPackage, SearchWord
from directory.spelling import (
    MAX_LENGTH,
    MIN_LENGTH,
    allowed_edits,
    best_correction,
    splits,
    transliterate,
    vocabulary_words,
)
from directory.understanding import MAX_TYPED_WORDS, Lexicon, tokens

CANDIDATES = 40  # words spelled nearly alike that are compared letter by letter
BATCH = 2000


def _directory_texts():
    yield from City.objects.values_list("name", flat=True)
    yield from Hospital.objects.filter(is_active=True).values_list("name", flat=True)
    yield from Hospital.objects.filter(is_active=True).values_list("locality", flat=True)
    for model in (Gynecologist, MaternityPackage):
        yield from model.objects.filter(is_active=True).values_list("search_text", flat=True).iterator(BATCH)


def _all_texts():
    yield from _directory_texts()
    for config in apps.get_app_configs():
        texts = getattr(config, "search_texts", None)
        if texts is not None:
            yield from texts()


def rebuild() -> int:
    """Make the vocabulary the words the site uses now, with how many texts use each."""
    counts = vocabulary_words(_all_texts())
    with transaction.atomic():
        SearchWord.objects.all().delete()
        words = sorted(counts)
        for start in range(0, len(words), BATCH):
            SearchWord.objects.bulk_create(
                [SearchWord(word=word, uses=counts[word]) for word in words[start : start + BATCH]]
            )
    return len(counts)


def ensure_vocabulary(sender, using="default", **kwargs) -> None:
    """After `migrate`: build the vocabulary of a database that has listings but no vocabulary yet."""
    if SearchWord.objects.using(using).exists() or not Gynecologist.objects.using(using).exists():
        return
    rebuild()


# ---- Looking words up ----


def _trigrams(word: str) -> list[str]:
    return sorted({word[i : i + 3] for i in range(len(word) - 2)})


def near(word: str) -> list[tuple[str, int]]:
    """Up to CANDIDATES vocabulary words that share the most three-letter pieces with `word`."""
    if len(word) < MIN_LENGTH or len(word) > MAX_LENGTH:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT word, uses FROM directory_searchword WHERE word %% %s "
                "ORDER BY similarity(word, %s) DESC, uses DESC LIMIT %s",
                [word, word, CANDIDATES],
            )
        elif connection.vendor == "sqlite":
            # The trigram tokenizer reads each quoted three-letter piece as a substring to find.
            match = " OR ".join(f'"{piece}"' for piece in _trigrams(word))
            cursor.execute(
                "SELECT w.word, w.uses FROM directory_searchword_fts f "
                "JOIN directory_searchword w ON w.id = f.rowid "
                "WHERE directory_searchword_fts MATCH %s ORDER BY f.rank LIMIT %s",
                [match, CANDIDATES],
            )
        else:
            return []
        return cursor.fetchall()


# ---- Correcting a query ----


def _lexicon_words(lexicon: Lexicon) -> list[tuple[str, int]]:
    """The lexicon's own words (terms, cities, languages, concepts): known, though no listing may
    use them; a listing's word wins a tie."""
    return [(word, 0) for word in lexicon.words() if MIN_LENGTH <= len(word) <= MAX_LENGTH]


def _split(word: str, found: dict[str, int]) -> str | None:
    """`word` as two known words ("backpain" -> "back pain"), the most used pair if several."""
    pairs = [(left, right) for left, right in splits(word, MIN_LENGTH) if left in found and right in found]
    if not pairs:
        return None
    left, right = max(pairs, key=lambda pair: min(found[pair[0]], found[pair[1]]))
    return f"{left} {right}"


def _correct(word: str, found: dict[str, int], lexicon_words: list[tuple[str, int]]) -> str:
    """The word(s) to search instead of `word`: a Devanagari name in Latin letters, two words run
    together, the closest word one mistake away, then two; `word` itself when nothing is close, and
    always for a word with a digit in it: a fee or a number is meant as typed ("1500" is not "500")."""
    if any(char.isdigit() for char in word):
        return word
    latin = transliterate(word)
    if latin in found:
        return latin
    split = _split(latin, found)
    if split:
        return split
    candidates = [*near(latin), *lexicon_words]
    return (
        best_correction(latin, candidates, limit=min(1, allowed_edits(latin)))
        or best_correction(latin, candidates)
        or word
    )


def _pieces(words: list[str]):
    """Every word that correcting `words` may look up exactly: the words, their Latin spellings and
    the halves they could be split into."""
    for word in words:
        latin = transliterate(word)
        yield word
        yield latin
        for left, right in splits(latin, MIN_LENGTH):
            yield left
            yield right


def suggest(typed: str, lexicon: Lexicon) -> str | None:
    """`typed` with its unknown words corrected, or None when no word could be."""
    words = tokens(typed)[:MAX_TYPED_WORDS]
    lexicon_words = _lexicon_words(lexicon)
    found = {**SearchWord.objects.known(_pieces(words)), **dict(lexicon_words)}
    corrected = [word if word in found else _correct(word, found, lexicon_words) for word in words]
    return " ".join(corrected) if corrected != words else None
