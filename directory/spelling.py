"""Forgiving mistakes in search words (pure Python, no database).

- `vocabulary_words(texts)`: the words of a text that the spelling vocabulary keeps.
- `edit_distance(a, b)`: letters inserted, deleted, changed or swapped with a neighbour ("cramsp" is
  one edit from "cramps").
- `allowed_edits(word)`: how many mistakes a word of that length may carry and still be corrected:
  none below four letters (too many short words are one letter apart), one up to five, two above.
- `best_correction(word, candidates)`: the closest known word within the allowance, the most used
  one among equals.
- `splits(word)`: the ways to cut a word in two ("backpain" -> "back pain").
- `transliterate(word)`: a Devanagari word in Latin letters as Indian English spells names
  ("कुलकर्णी" -> "kulkarni", "पुणे" -> "pune"), for names that have no Hindi term.
"""

from collections import Counter
from collections.abc import Iterable

from directory.understanding import tokens

MIN_LENGTH, MAX_LENGTH = 3, 40  # shorter words are not corrected; longer ones are not words


def vocabulary_words(texts: Iterable[str]) -> Counter:
    """The words of `texts` worth a place in the spelling vocabulary, with how many texts use each."""
    counts: Counter = Counter()
    for text in texts:
        counts.update({word for word in tokens(text) if MIN_LENGTH <= len(word) <= MAX_LENGTH})
    return counts


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance between `a` and `b`, or `limit + 1` once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def allowed_edits(word: str) -> int:
    if len(word) < 4:
        return 0
    return 1 if len(word) <= 5 else 2


def best_correction(word: str, candidates: Iterable[tuple[str, int]], limit: int | None = None) -> str | None:
    """The candidate (word, uses) closest to `word` within `limit` edits (default: allowed_edits);
    among equally close ones the one of the same length, then the most used, then the first
    alphabetically; None if none is close."""
    limit = allowed_edits(word) if limit is None else limit
    if limit == 0:
        return None
    best: tuple | None = None
    for candidate, uses in candidates:
        if candidate == word:
            continue
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            # Equally close: the one as long as what was typed (a swapped or wrong letter is a more
            # common slip than a missing one), then the most used.
            key = (distance, abs(len(candidate) - len(word)), -uses, candidate)
            best = min(best, key) if best else key
    return best[-1] if best else None


def splits(word: str, shortest: int = 2) -> list[tuple[str, str]]:
    """Every way to cut `word` into two pieces of at least `shortest` letters."""
    return [(word[:cut], word[cut:]) for cut in range(shortest, len(word) - shortest + 1)]


# ---- Devanagari to Latin ----

# Each Devanagari letter and its Latin spelling, in order.
_CONSONANTS = (
    "कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसहळ",
    "k kh g gh n ch chh j jh n t th d dh n t th d dh n p ph b bh m y r l v sh sh s h l",
)
# Long and short vowels are written alike, as Indian English spells names (Patil, not Paateel).
_VOWELS = ("अआइईउऊऋएऐओऔऑ", "a a i i u u ri e ai o au o")
_SIGNS = ("ािीुूृेैोौॉॅ", "a i i u u ri e ai o au o e")
CONSONANTS, VOWELS, SIGNS = (
    dict(zip(letters, latin.split(), strict=True)) for letters, latin in (_CONSONANTS, _VOWELS, _SIGNS)
)
NUKTA_FORMS = {"क": "q", "ख": "kh", "ग": "g", "ज": "z", "ड": "r", "ढ": "rh", "फ": "f", "य": "y"}
VIRAMA, NUKTA, ANUSVARA, CANDRABINDU, VISARGA = "्", "़", "ं", "ँ", "ः"
LABIALS = {"p", "ph", "b", "bh", "m"}


def _syllables(word: str) -> list[list]:
    """[consonant, vowel, inherent?, nasal] for each syllable of a Devanagari word."""
    units: list[list] = []
    for index, char in enumerate(word):
        if char in CONSONANTS:
            dotted = word[index + 1 : index + 2] == NUKTA  # ज़ is "z", फ़ is "f"
            units.append(
                [NUKTA_FORMS.get(char, CONSONANTS[char]) if dotted else CONSONANTS[char], "a", True, ""]
            )
        elif char in VOWELS:
            units.append(["", VOWELS[char], False, ""])
        elif units and char in SIGNS:
            units[-1][1:3] = [SIGNS[char], False]
        elif units and char == VIRAMA:
            units[-1][1:3] = ["", False]
        elif units and char in (ANUSVARA, CANDRABINDU):
            units[-1][3] = "n"
        elif units and char == VISARGA:
            units[-1][3] = "h"
        elif char.isascii() and char.isalnum():
            units.append([char, "", False, ""])
    return units


def _drop_schwas(units: list[list]) -> None:
    """Hindi does not say the inherent "a" at the end of a word, nor between a vowel and a consonant
    that has its own vowel: कमला is "kamla", जयपुर "jaypur". Decided from the right, as it is said."""
    for index in range(len(units) - 1, -1, -1):
        consonant, _, inherent, _ = units[index]
        if not (inherent and consonant):
            continue
        if index == len(units) - 1:
            units[index][1] = ""
            continue
        following = units[index + 1]
        preceded = index > 0 and units[index - 1][1]
        if preceded and following[0] and following[1]:
            units[index][1] = ""


def transliterate(word: str) -> str:
    """`word` in Latin letters if it is written in Devanagari (anything else is left as it is)."""
    if not any("\u0900" <= char <= "\u097f" for char in word):
        return word
    units = _syllables(word)
    _drop_schwas(units)
    out = []
    for index, (consonant, vowel, _, nasal) in enumerate(units):
        if nasal == "n" and index + 1 < len(units) and units[index + 1][0] in LABIALS:
            nasal = "m"
        out.append(consonant + vowel + nasal)
    return "".join(out)
