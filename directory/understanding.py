"""Reading what patients type into a search box (pure Python, no database).

`read(typed, lexicon)` turns "marathi speaking lady doctor in pune" into a `Reading`: doctors, women,
who speak Marathi, in Pune, and no words left to search as text. It works in three steps:

1. Words: `tokens()` splits the query in any script (Devanagari vowel signs stay in their word).
2. Terms: the longest phrases found in the lexicon's terms, which editors keep in the admin
   (`SearchTerm`), are replaced by what they mean: spellings and synonyms ("gynaecologist",
   "c section", "acidity"), Hinglish ("ulti") and Hindi ("पैर में ऐंठन"), old city names
   ("Bombay"). A term that means nothing ("in", "near", "speaking", "में") is a filler word and is
   dropped. A replaced phrase is still searched as typed too: "acidity" finds "acidity" or "heartburn".
3. Intent: among the meanings, the longest phrases that name a city or a language (from the
   directory's own tables) or one of the CONCEPTS below (a kind of listing, a delivery type, a
   gender, a question of cost) become filters; what is left is searched as text.

The concepts are the few ideas the search itself acts on, in their canonical English words; every
other way of saying them is a term that editors can add.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

MAX_WORDS = 8  # words searched as text: longer queries add nothing but work
MAX_TYPED_WORDS = 16  # words read from a query (filler words and filters do not count above)

Alternative = tuple[str, ...]
Part = tuple[Alternative, ...]

DOCTORS, HOSPITALS, PACKAGES = "doctors", "hospitals", "packages"

# The ideas the search acts on, in canonical words (plurals in "s" are understood as well).
CONCEPTS: dict[tuple[str, ...], tuple[str, str]] = {
    ("gynecologist",): ("kind", DOCTORS),
    ("doctor",): ("kind", DOCTORS),
    ("obstetrician",): ("kind", DOCTORS),
    ("hospital",): ("kind", HOSPITALS),
    ("nursing", "home"): ("kind", HOSPITALS),
    ("maternity", "home"): ("kind", HOSPITALS),
    ("maternity", "hospital"): ("kind", HOSPITALS),
    ("clinic",): ("kind", HOSPITALS),
    ("centre",): ("kind", HOSPITALS),
    ("package",): ("kind", PACKAGES),
    ("maternity", "package"): ("kind", PACKAGES),
    ("delivery", "package"): ("kind", PACKAGES),
    ("delivery",): ("kind", PACKAGES),
    ("normal", "delivery"): ("delivery", "normal"),
    ("caesarean",): ("delivery", "caesarean"),
    ("caesarean", "section"): ("delivery", "caesarean"),
    ("caesarean", "delivery"): ("delivery", "caesarean"),
    ("instrumental", "delivery"): ("delivery", "instrumental"),
    ("assisted", "delivery"): ("delivery", "instrumental"),
    ("tubectomy",): ("delivery", "caesarean_tubectomy"),
    ("caesarean", "tubectomy"): ("delivery", "caesarean_tubectomy"),
    ("female",): ("gender", "female"),
    ("male",): ("gender", "male"),
    ("cost",): ("price", "low"),
    ("price",): ("price", "low"),
    ("charges",): ("price", "low"),
    ("fee",): ("price", "low"),
    ("fees",): ("price", "low"),
    ("rate",): ("price", "low"),
    ("cheap",): ("price", "low"),
    ("cheapest",): ("price", "low"),
    ("affordable",): ("price", "low"),
    ("budget",): ("price", "low"),
}
# What an article may be about among the concepts: "caesarean" is a topic, "Pune" or "doctor" not.
TOPICAL = {"delivery"}
DELIVERY_WORDS = {
    "normal": ("normal", "delivery"),
    "caesarean": ("caesarean",),
    "instrumental": ("instrumental", "delivery"),
    "caesarean_tubectomy": ("caesarean", "tubectomy"),
}


def tokens(text: str | None) -> list[str]:
    """The words of `text`, case-folded: runs of letters, combining marks and digits in any script.

    Marks count as letters, so a Devanagari word keeps its vowel signs ("में" is one word, not "म");
    zero-width joiners inside Indic words are dropped; anything else separates words.
    """
    words, current = [], []
    for char in unicodedata.normalize("NFKC", text or "").casefold():
        category = unicodedata.category(char)
        if category[0] in "LMN":
            current.append(char)
        elif category != "Cf":
            if current:
                words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def is_devanagari(word: str) -> bool:
    return any("\u0900" <= char <= "\u097f" for char in word)


@dataclass(frozen=True)
class TextQuery:
    """What a text search looks for: every part must match; a part matches when one of its
    alternatives does; an alternative is one or more words, all of which must match."""

    parts: tuple[Part, ...] = ()

    @classmethod
    def of(cls, q: "str | TextQuery | None") -> "TextQuery":
        """`q` itself, or a string read word by word (one part each, no alternatives)."""
        if isinstance(q, TextQuery):
            return q
        return cls(tuple(((word,),) for word in tokens(q)[:MAX_WORDS]))

    def __bool__(self) -> bool:
        return bool(self.parts)

    @property
    def words(self) -> list[str]:
        """The words as typed (each part's first alternative)."""
        return [word for part in self.parts for word in part[0]]

    def __str__(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Place:
    pk: int
    slug: str
    name: str
    name_hi: str = field(default="", compare=False)  # for Hindi headings; "" when not entered
    state: str = field(default="", compare=False)


@dataclass(frozen=True)
class Tongue:
    bit: int
    slug: str
    name: str
    pk: int = field(default=0, compare=False)  # the Language row, for the search filters' rows

    @property
    def mask(self) -> int:
        return 1 << self.bit


def _singular(key: tuple[str, ...]) -> tuple[str, ...]:
    """The phrase with its last word in the singular, as far as a trailing "s" goes."""
    last = key[-1]
    return (*key[:-1], last[:-1]) if len(last) > 3 and last.endswith("s") else key


def _phrase_keys(*texts: str) -> list[tuple[str, ...]]:
    return [key for key in (tuple(tokens(text)) for text in texts) if key]


@dataclass(frozen=True)
class Lexicon:
    """What `read` knows: terms (phrase -> meaning, () for a filler word), the directory's cities
    and languages, each keyed by the words of its name and of its slug."""

    terms: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    places: dict[tuple[str, ...], Place] = field(default_factory=dict)
    tongues: dict[tuple[str, ...], Tongue] = field(default_factory=dict)
    # Every city and language once, in the order they were given (by name, as the database sorts them).
    cities: tuple[Place, ...] = ()
    languages: tuple[Tongue, ...] = ()

    @classmethod
    def build(
        cls,
        terms: Iterable[tuple[str, str]] = (),
        places: Iterable[Place] = (),
        tongues: Iterable[Tongue] = (),
    ) -> "Lexicon":
        places, tongues = tuple(places), tuple(tongues)
        lexicon = cls(cities=places, languages=tongues)
        for phrase, meaning in terms:
            for key in _phrase_keys(phrase):
                lexicon.terms[key] = tuple(tokens(meaning))
        for place in places:
            for key in _phrase_keys(place.name, place.slug.replace("-", " ")):
                lexicon.places.setdefault(key, place)
        for tongue in tongues:
            for key in _phrase_keys(tongue.name, tongue.slug.replace("-", " ")):
                lexicon.tongues.setdefault(key, tongue)
        return lexicon

    @property
    def longest(self) -> int:
        return max((len(key) for key in (*self.terms, *self.places, *self.tongues, *CONCEPTS)), default=1)

    def words(self) -> set[str]:
        """Every word the lexicon knows, for the spelling vocabulary."""
        keys = [*self.terms, *self.terms.values(), *self.places, *self.tongues, *CONCEPTS]
        return {word for key in keys for word in key}

    def meaning_at(self, words: list[str], start: int) -> tuple[int, str, object] | None:
        """The longest city, language or concept that starts at `words[start]`: (length, what, value)."""
        for length in range(min(self.longest, len(words) - start), 0, -1):
            key = tuple(words[start : start + length])
            if key in self.places:
                return length, "city", self.places[key]
            if key in self.tongues:
                return length, "language", self.tongues[key]
            concept = CONCEPTS.get(key) or CONCEPTS.get(_singular(key))
            if concept is not None:
                return length, *concept
        return None


@dataclass(frozen=True)
class Reading:
    """A search box entry as the search understands it (see the module docstring)."""

    typed: str
    kind: str | None = None
    city: Place | None = None
    tongues: tuple[Tongue, ...] = ()
    gender: str | None = None
    delivery_type: str | None = None
    by_price: bool = False
    text: TextQuery = TextQuery()
    topic: TextQuery = TextQuery()
    words: TextQuery = TextQuery()  # every word but the fillers, filters included: for articles alone
    hindi: bool = False

    @property
    def listing(self) -> str | None:
        """The kind of listing asked for, said or implied: a gender or a language means doctors, a
        delivery type or a price means packages (unless doctors were named: "gynecologist fees")."""
        if self.kind:
            return self.kind
        if self.gender or self.tongues:
            return DOCTORS
        if self.delivery_type or self.by_price:
            return PACKAGES
        return None

    @property
    def filters(self) -> bool:
        """Whether anything was read as a filter rather than as text."""
        return bool(self.listing or self.city)

    @property
    def empty(self) -> bool:
        """Nothing to search for: no words at all, or only filler words."""
        return not (self.filters or self.text)

    def article_query(self) -> TextQuery:
        """What articles are searched for: the words and topics; a city when it is all there is
        ("pune": an article may be about it; "gynecologist pune" asks for doctors only)."""
        if self.topic or not self.city or self.listing:
            return self.topic
        return TextQuery(tuple(((word,),) for word in tokens(self.city.name)))


@dataclass
class _Slot:
    typed: tuple[str, ...]
    means: tuple[str, ...] | None = None  # None: no term; (): a filler word

    @property
    def words(self) -> tuple[str, ...]:
        return self.typed if self.means is None else self.means


def _slots(words: list[str], lexicon: Lexicon) -> list[_Slot]:
    """The words grouped into the longest phrases the lexicon has terms for."""
    longest = max((len(key) for key in lexicon.terms), default=1)
    slots, start = [], 0
    while start < len(words):
        for length in range(min(longest, len(words) - start), 0, -1):
            key = tuple(words[start : start + length])
            meaning = lexicon.terms.get(key, lexicon.terms.get(_singular(key)))
            if meaning is not None:
                slots.append(_Slot(key, meaning))
                start += length
                break
        else:
            slots.append(_Slot((words[start],)))
            start += 1
    return [slot for slot in slots if slot.means != ()]


def _noise(word: str) -> bool:
    """A single Latin letter left from punctuation ("women's" -> "women", "s"): matches everything."""
    return len(word) == 1 and word.isascii() and word.isalpha()


def _part(*alternatives: tuple[str, ...]) -> Part:
    """A part from its alternatives, without duplicates or stray single letters."""
    clean = []
    for words in alternatives:
        kept = tuple(w for w in words if not _noise(w))
        if kept and kept == words and kept not in clean:
            clean.append(kept)
    if not clean:  # every alternative had a stray letter: keep the words without them
        clean = [kept for kept in (tuple(w for w in a if not _noise(w)) for a in alternatives) if kept][:1]
    return tuple(clean)


@dataclass
class _Found:
    """What step 3 takes out of the words: filters, and which words they used."""

    values: dict = field(default_factory=dict)
    tongues: list = field(default_factory=list)
    used: dict[int, str] = field(default_factory=dict)  # index of a word -> what it was read as

    def take(self, what: str, value, positions: range) -> bool:
        if what == "language":
            if value in self.tongues:
                return False
            self.tongues.append(value)
        elif what in self.values:
            return False  # a second city or kind stays as words to search
        else:
            self.values[what] = value
        self.used.update(dict.fromkeys(positions, what))
        return True


def _find_intent(flat: list[tuple[int, str]], lexicon: Lexicon) -> _Found:
    words = [word for _, word in flat]
    found, start = _Found(), 0
    while start < len(words):
        match = lexicon.meaning_at(words, start)
        if match and found.take(match[1], match[2], range(start, start + match[0])):
            start += match[0]
        else:
            start += 1
    return found


def _text_parts(slots: list[_Slot], flat: list[tuple[int, str]], found: _Found) -> tuple[list, list]:
    """(text parts, topic parts): the words no filter used, each slot one part."""
    text, topic = [], []
    for index, slot in enumerate(slots):
        positions = [p for p, (s, _) in enumerate(flat) if s == index]
        left = tuple(flat[p][1] for p in positions if p not in found.used)
        untouched = len(left) == len(positions)
        part = _part(slot.typed, slot.words) if untouched else _part(left)
        if part:
            text.append(part)
            topic.append(part)
        elif any(found.used.get(p) in TOPICAL for p in positions):
            delivery = DELIVERY_WORDS[found.values["delivery"]]
            topic.append(_part(slot.typed, delivery))
    return text[:MAX_WORDS], topic[:MAX_WORDS]


def read(typed: str, lexicon: Lexicon) -> Reading:
    """`typed` as the search understands it (see the module docstring)."""
    words = tokens(typed)[:MAX_TYPED_WORDS]
    slots = _slots(words, lexicon)
    flat = [(index, word) for index, slot in enumerate(slots) for word in slot.words]
    found = _find_intent(flat, lexicon)
    text, topic = _text_parts(slots, flat, found)
    values = found.values
    return Reading(
        typed=" ".join(typed.split()),
        kind=values.get("kind"),
        city=values.get("city"),
        tongues=tuple(found.tongues),
        gender=values.get("gender"),
        delivery_type=values.get("delivery"),
        by_price="price" in values,
        text=TextQuery(tuple(text)),
        topic=TextQuery(tuple(topic)),
        words=TextQuery(tuple(part for slot in slots if (part := _part(slot.typed, slot.words)))[:MAX_WORDS]),
        hindi=any(is_devanagari(word) for word in words),
    )
