"""Amounts of rupees as people in India write them, read into whole rupees (pure Python, no Django).

`parse_rupees` accepts what a patient types into a fee or price box:

- plain digits, in any script's digits: "1000", "१०००";
- Indian or international grouping: "1,00,000", "100,000", "1,000";
- a currency sign or word before or after: "₹1000", "₹ 1,000", "Rs. 1000", "INR 1000", "1000 rupees",
  "1000 रुपये", "रु. 1000",
  "1000/-";
- a count of thousands, lakhs or crores: "50k", "50 thousand", "1 lakh", "1.5 lakh", "2 lacs",
  "1 crore", "1 cr", and in Hindi "50 हजार", "1.5 लाख", "1 करोड़" (with or without nukta).

It returns None for anything else: words it does not know, commas in the wrong places ("10,00"),
fractions of a rupee ("999.50"), signs other than a leading minus, several numbers.
"""

import re
import unicodedata

UNITS = {
    "k": 1_000,
    "thousand": 1_000,
    "thousands": 1_000,
    "hazar": 1_000,
    "hazaar": 1_000,
    "l": 100_000,
    "lakh": 100_000,
    "lakhs": 100_000,
    "lac": 100_000,
    "lacs": 100_000,
    "lk": 100_000,
    "cr": 10_000_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
    # Hindi, as `_unit()` spells them (no nukta): हजार/हज़ार, लाख, करोड़/करोड
    "हजार": 1_000,
    "लाख": 100_000,
    "करोड": 10_000_000,
}
MAX_DIGITS = 40  # far beyond any price, and well inside what int() converts
RUPEE_WORDS = r"₹|rs\.?|inr|rupees?|रुपये|रुपए|रुपया|रु\.?"
CURRENCY = re.compile(rf"^(?:{RUPEE_WORDS})\s*|\s*(?:{RUPEE_WORDS}|/-)$")
# Digits with commas in a valid place: Indian (1,00,000) or international (100,000) grouping.
GROUPED = re.compile(r"\d{1,3}(?:,\d{3})*|\d{1,2}(?:,\d{2})*,\d{3}")
NUMBER = re.compile(
    r"(?P<minus>-)?(?P<whole>[\d,]+)(?:\.(?P<fraction>\d+))?\s*(?P<unit>[a-z\u0900-\u097f]+)?"
)


def _ascii_digits(text: str) -> str:
    """Devanagari, Arabic-Indic, full-width... digits as 0-9 (as Python's int() accepts them)."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def _unit(unit: str | None) -> str | None:
    """A unit word as UNITS spells it: Hindi without a nukta (हज़ार -> हजार, करोड़ -> करोड)."""
    if unit is None:
        return None
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", unit).replace("\u093c", ""))


def _strip_currency(text: str) -> str:
    previous = None
    while previous != text:  # "Rs. 1,000/-" has a sign at both ends
        previous, text = text, CURRENCY.sub("", text).strip()
    return text


def parse_rupees(text: str) -> int | None:
    """Whole rupees written in `text`, or None when it is not an amount (see the module docstring)."""
    text = _strip_currency(" ".join(_ascii_digits(text or "").lower().split()))
    match = NUMBER.fullmatch(text)
    if not match:
        return None
    whole, fraction, unit = match["whole"], match["fraction"] or "", match["unit"]
    if len(whole) + len(fraction) > MAX_DIGITS:
        return None
    if "," in whole and not GROUPED.fullmatch(whole):
        return None
    unit = _unit(unit)
    if unit is not None and unit not in UNITS:
        return None
    multiplier = UNITS.get(unit, 1)
    # Exact arithmetic: 1.5 lakh is 150000, and 999.50 rupees is not a whole number of rupees.
    scale = 10 ** len(fraction)
    amount = int(whole.replace(",", "") + fraction) * multiplier
    if amount % scale:
        return None
    amount //= scale
    return -amount if match["minus"] else amount
