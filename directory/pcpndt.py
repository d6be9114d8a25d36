"""No prenatal sex determination, anywhere: the one guard for everything editors and centres write.

The Pre-Conception and Pre-Natal Diagnostic Techniques Act 1994 (PCPNDT Act), section 22, forbids any
advertisement, in any form and on the internet too, of facilities for finding out the sex of an
unborn baby. Articles, sections, red flags, package names, inclusions, exclusions, centre descriptions,
doctors' bios and CSV imports all pass through `sex_determination_problem()` (or the field validator
`validate_no_sex_determination`), and a match is refused with a message that names the Act.

The rule, in words:

1. Phrases that OFFER or INVITE it ("gender scan", "know your baby's sex", "boy or girl test",
   "ling jaanch karayein", "पुत्र प्राप्ति") are refused wherever they appear.
2. Phrases that NAME it ("sex determination", "the baby's sex", "boy or girl", "ladka ya ladki",
   "भ्रूण लिंग जांच") are refused too, except in a sentence that states the prohibition: the same
   sentence says it is illegal, a crime, banned, punishable or not disclosed ("The baby's sex is not
   disclosed by law"), and has no contrast or wink ("but", "however", "ask", "call", "secret",
   "not illegal") that could turn the statement into a hint. Editors can state the law; nobody can
   advertise round it.
3. Everything else passes: "girl child welfare scheme", "sex ratio at birth", "gender equality",
   "boys and girls both need vaccines".

Matching ignores case, spacing, punctuation and simple obfuscation: text is normalised
(`normalise()`) by Unicode compatibility folding, removing zero-width characters and accents,
Devanagari nukta and chandrabindu variants, Cyrillic and Greek look-alike letters, digits and symbols
used as letters ("s3x", "g@nder"), letters spelt out one at a time ("s e x", "s.e.x") and repeated
letters ("seeex", "ladkaa"). Romanised Hindi spellings are covered by alternatives in the patterns.
A list like this cannot stop a determined advertiser (a wink in the next sentence, a new euphemism),
so the medical reviewers and directory managers still read what is published; it stops the obvious
cases, and every near miss found later belongs in `OFFERS`, `NAMES` or `WINKS`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Lazy: the message is in the language of the page that shows it (English in the admin and the CLI).
ACT = _("The PCPNDT Act 1994 (Pre-Conception and Pre-Natal Diagnostic Techniques Act)")
OFFER_MESSAGE = _(
    "“{phrase}” offers or hints at finding out the sex of an unborn baby. {act} forbids advertising "
    "prenatal sex determination in any form, online included, so this text cannot be saved, imported "
    "or published. Remove it."
)
NAME_MESSAGE = _(
    "“{phrase}” mentions finding out the sex of an unborn baby. {act} forbids advertising prenatal sex "
    "determination in any form, online included, so this text cannot be saved, imported or published. "
    "Remove it; to state the law, write a plain sentence such as “The law does not allow the baby’s "
    "sex to be disclosed.”"
)

# ---- normalisation ----------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u034f"), None)
_DEVANAGARI = str.maketrans({"\u093c": None, "\u0901": "\u0902"})  # nukta dropped; ँ as ं
_LOOKALIKES = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
        "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "ӏ": "l",
        # Greek
        "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
        "υ": "u", "χ": "x", "γ": "y",
    }
)  # fmt: skip
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_SENTENCE_END = re.compile(r"[.!?;।॥\n]+(?=\s|$)")


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


def _letters(token: str) -> int:
    return sum(1 for char in token if unicodedata.category(char)[0] != "M")


def _join_spelt_out(tokens: list[str]) -> list[str]:
    """'s e x determination' -> 'sex determination': runs of two or more one-letter tokens join up."""
    joined: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if token and _letters(token) == 1:
            run.append(token)
            continue
        joined += ["".join(run)] if len(run) > 1 else run
        run = []
        if token:
            joined.append(token)
    return joined


def _fold(text: str) -> str:
    """Case, compatibility forms, invisible characters, accents, Devanagari variants, look-alikes."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_INVISIBLE)
    text = unicodedata.normalize("NFD", text)
    text = "".join(char for char in text if not "\u0300" <= char <= "\u036f")  # Latin accents
    return unicodedata.normalize("NFC", text.translate(_DEVANAGARI)).translate(_LOOKALIKES)


def normalise(text: str, *, leet: bool = False) -> str:
    """Text reduced for matching: lower case, words of letters and digits separated by single spaces,
    spelt-out letters joined, repeated letters squeezed. With `leet`, digits and symbols inside words
    count as the letters they imitate ("s3x" -> "sex")."""
    text = _fold(text)
    if leet:
        text = " ".join(
            word.translate(_LEET) if any(c.isalpha() for c in word) else word for word in text.split()
        )
    text = "".join(char if _is_word_char(char) else " " for char in text)
    text = " ".join(_join_spelt_out(text.split()))
    return re.sub(r"(.)\1+", r"\1", text)


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text) if part.strip()]


# ---- the phrases ------------------------------------------------------------------------------
# Written in normalised form (lower case, no doubled letters, single spaces; "baby's" is "baby s").
# A space in a pattern also matches no space ("sexdetermination").

_SEX = r"(sex|gender|ling|लिंग)"
_BABY = r"(baby|babies|baby s|babys|fo?etus|fo?etus s|fetuses|unborn|unborn baby|unborn child|child s)"
_BOY_GIRL = r"(boy|girl|son|daughter)"
_VERB = (
    r"(know|knowing|find out|finding out|tel|tels|teling|reveal\S*|predict\S*|gues\S*|check|checking|"
    r"confirm\S*|learn|identify|detect)"
)
_HI_BOY_GIRL = r"(la[dr]k[ae]|la[dr]ki|bet[ae]|beti|लडका|लडकी|बेटा|बेटी)"

# Always refused: these offer the service or invite the question.
OFFERS = (
    r"(sex|gender) (test|tests|testing|scan|scans|scaning|check|checkup|check up|predict\S*|reveal\S*|"
    r"ultrasound|sonography|usg|report|confirm\S*|clinic|centre|center|kit|kits)",
    rf"{_BOY_GIRL} or (a )?{_BOY_GIRL} (scan|test|check|ultrasound|sonography|usg|report|predict\S*)",
    rf"{_VERB} (you |us )?(the |your |my |her )?(baby s|unborn baby s|baby|child s) {_SEX}",
    rf"{_VERB} (you |us )?(the )?{_SEX}",
    rf"(is it|wil it be|it s|its) (a )?{_BOY_GIRL} or (a )?{_BOY_GIRL}",
    r"(chinese|mayan|ramzan|ramadan) (gender|birth|baby|sex) (chart|calendar|predict\S*)",
    r"(fo?etal |fetal )?sexing( scan| ultrasound)?",
    r"(putra|beta|ladka|larka) prapti",
    r"पुत्र प्राप्ति",
    rf"(garbh|garbh ke|pet) (me|mein|men|main|mai|andar) {_HI_BOY_GIRL}",
    rf"(गर्भ|पेट) (में|मे|के अंदर) {_HI_BOY_GIRL}",
    rf"{_HI_BOY_GIRL} (hai |h |hoga |hogi |ho )?ya {_HI_BOY_GIRL} (pata|janch|jach|test|check|jane|janiye|"
    r"janein|bata\S*)",
    rf"{_HI_BOY_GIRL} (है |होगा |होगी |हो )?या {_HI_BOY_GIRL} (पता|जांच|जाच|टेस्ट|जानें|जाने|बता\S*)",
    r"(ling|लिंग) (pata|पता)",
    r"(boy|son|male child|male baby|beta) (guarante\S*|medicine\S*|tablet\S*|dawa|dava|powder|formula)",
)

# Refused unless the sentence states the prohibition (see the module docstring).
NAMES = (
    r"(sex|gender) (determin\S*|detect\S*|identif\S*|select\S*|disclos\S*|prediction)",
    r"(pre natal|prenatal|antenatal|fetal|foetal) (sex|gender)",
    r"(sex|gender) of (the |your |my |her |a |an |their )?(unborn )?(baby|babies|child|fo?etus|fetuses|unborn)",
    rf"{_BABY} (sex|gender)",
    r"determin\S* (the |of the |of |baby s |the baby s )?(sex|gender)",
    rf"{_BOY_GIRL} or (a )?{_BOY_GIRL}",
    rf"{_HI_BOY_GIRL} (hai |h |ho |hoga |hogi )?ya {_HI_BOY_GIRL}",
    rf"{_HI_BOY_GIRL} (है |हो |होगा |होगी )?या {_HI_BOY_GIRL}",
    r"bh?r[uo]n (ka |ke )?ling",
    r"ling (janch|jach|janc|pariksh\S*|parikch\S*|pariks\S*|nirdhar\S*|nidhar\S*|pehchan|pahchan|chayan)",
    r"भ्रूण (का |के )?लिंग",
    r"लिंग (जांच|जाच|परीक्षण|परिक्षण|परीक्षा|निर्धारण|निधारण|पहचान|चयन)",
)

# A sentence that names the practice may stand when it states the prohibition...
PROHIBITIONS = (
    r"ilegal|unlawful|crime|criminal|ofence|ofense|prohibit\S*|forbid\S*|baned|bans|punishable|"
    r"against the law|not alowed|does not alow|do not alow|not permited|not disclosed|not be disclosed|"
    r"never disclosed|not revealed|not be revealed|cannot be disclosed|cannot be revealed|not told|by law|"
    r"apradh|gair ?kan[uo]ni|avaidh|kan[uo]nan|dandniya|pratibandhit|"
    r"अपराध|गैर ?कानूनी|अवैध|कानूनन|दंडनीय|प्रतिबंधित|वर्जित|नहीं की जाती|नहीं किया जाता|नहीं बताया|नहीं बताई"
)
# ...and has none of these, which turn a statement of the law into a wink.
WINKS = (
    r"but|however|except|unles|secret\S*|discre\S*|confidential\S*|unoficial\S*|hint\S*|indirect\S*|"
    r"code|ask|asking|cal|contact|whatsap|available|posible|legal|lekin|magar|parantu|kintu|"
    r"लेकिन|मगर|परंतु|किंतु|संपर्क|"
    r"(not|no longer|isn t|is nt|aren t|never) (an? )?(ilegal|crime|ofence|ofense|baned|prohibited|punishable)"
)


def _compile(patterns: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(f"(?:{p.replace(' ', ' ?')})" for p in patterns)
    return re.compile(rf"(?<!\S)(?:{alternatives})(?!\S)")


_OFFER = _compile(OFFERS)
_NAME = _compile(NAMES)
_PROHIBITION = _compile([PROHIBITIONS])
_WINK = _compile([WINKS])


def _views(text: str) -> tuple[str, str]:
    return normalise(text), normalise(text, leet=True)


def _first(pattern: re.Pattern[str], views: Iterable[str]) -> str | None:
    for view in views:
        match = pattern.search(view)
        if match:
            return match.group(0)
    return None


def _states_the_law(sentence: str) -> bool:
    views = _views(sentence)
    return _first(_PROHIBITION, views) is not None and _first(_WINK, views) is None


def _unexcused_name(text: str) -> str | None:
    """The first naming phrase that no sentence stating the law accounts for. Sentences are judged
    one by one; the whole text is searched too, so a phrase hidden across a sentence break
    ("s. e. x determination") still counts, as an unexcused one."""
    excused: Counter[str] = Counter()
    for sentence in _sentences(text):
        found = [m.group(0) for view in _views(sentence)[:1] for m in _NAME.finditer(view)]
        if found and not _states_the_law(sentence):
            return found[0]
        excused.update(found)
    for view in _views(text):
        for phrase, count in Counter(m.group(0) for m in _NAME.finditer(view)).items():
            if count > excused[phrase]:
                return phrase
    return None


def sex_determination_problem(text: str) -> str | None:
    """Why `text` may not be published under the PCPNDT Act, or None when it may."""
    if not text or not text.strip():
        return None
    offer = _first(_OFFER, _views(text))
    if offer:
        return OFFER_MESSAGE.format(phrase=offer, act=ACT)
    name = _unexcused_name(text)
    if name:
        return NAME_MESSAGE.format(phrase=name, act=ACT)
    return None


def validate_no_sex_determination(value) -> None:
    """Field validator for text and for lists of texts (package inclusions and exclusions)."""
    items = value if isinstance(value, list | tuple) else [value]
    for item in items:
        problem = sex_determination_problem(str(item or ""))
        if problem:
            raise ValidationError(problem, code="pcpndt")
