"""The hostile-input corpus and the checks every response to it must pass (shared by the security tests)."""

import re
from urllib.parse import parse_qsl, quote

from django.conf import settings

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'

# (label, value as it goes on the wire, already percent-encoded). Raw escapes carry bytes a browser
# would never send: NUL, broken UTF-8, a lone "%".
_PLAIN = [
    ("sql-or", "' OR '1'='1"),
    ("sql-drop", "1; DROP TABLE directory_gynecologist;--"),
    ("sql-union", "1' UNION SELECT username, password FROM auth_user--"),
    ("sql-like-wildcards", "%_%"),
    ("template-var", "{{ settings.SECRET_KEY }}"),
    ("template-tag", "{% debug %}"),
    ("template-expr", "${7*7}{{7*7}}"),
    ("script", SCRIPT),
    ("img-onerror", IMG),
    ("attr-single-quote", "' autofocus onfocus='alert(1)"),
    ("textarea-break", "</textarea></title>" + SCRIPT),
    ("javascript-url", "javascript:alert(1)"),
    ("crlf", "x\r\nSet-Cookie: owned=1"),
    ("path-traversal", "../../../../etc/passwd"),
    ("long-text", "A" * 10_000),
    ("long-digits", "9" * 10_000),
    ("huge-number", "9" * 400),
    ("huge-negative", "-" + "9" * 400),
    ("negative", "-5"),
    ("minus-one", "-1"),
    ("zero", "0"),
    ("float", "1.5"),
    ("exp-overflow", "1e309"),
    ("nan", "NaN"),
    ("inf", "inf"),
    ("neg-inf", "-Infinity"),
    ("hex", "0x10"),
    ("arabic-digits", "١٢٣"),
    ("devanagari-digits", "१२३"),
    ("fullwidth-digits", "１２３"),
    ("superscript-two", "²"),
    ("spaces", "   "),
    ("empty", ""),
    ("rtl-override", "\u202eevil"),
    ("zero-width", "\u200b"),
    ("emoji", "🤰🏽"),
    # Search syntax of the databases' full-text engines (SQLite FTS5, PostgreSQL tsquery).
    ("fts-quote", '"'),
    ("fts-quotes", '""leg"" "cramps'),
    ("fts-star", "*"),
    ("fts-prefix", "cra*"),
    ("fts-near", "NEAR(leg cramps, 2)"),
    ("fts-boolean", "leg AND cramps OR NOT pain"),
    ("fts-column", "search_text:pune"),
    ("fts-caret", "^pune"),
    ("fts-plus", "leg + cramps"),
    ("tsquery", "leg & !cramps | pain:* <-> x"),
    ("punctuation-only", "!@#$%^&*()_+-=[]{};':,./<>?"),
    ("mixed-scripts", "पैर пуне cramps 🙂 ١٢٣"),
    ("devanagari", "पैर में ऐंठन"),
    ("devanagari-marks-only", "ंा्"),
    ("zero-width-joiners", "न‍हीं‌"),
    ("many-words", " ".join(["cramps"] * 80)),
    ("long-word", "gynaecologist" * 40),
]
_RAW = [
    ("nul", "%00"),
    ("nul-inside", "abc%00def"),
    ("utf8-ff-fe", "%ff%fe"),
    ("utf8-c3-28", "%c3%28"),
    ("utf8-lone-continuation", "%80abc"),
    ("utf8-truncated", "%e2%82"),
    ("lone-percent", "%"),
    ("bad-escape", "%zz"),
]
CORPUS = [(label, quote(value, safe="")) for label, value in _PLAIN] + _RAW


def decoded(raw_query: str, name: str) -> list[str]:
    """The values of `name` as Django's QueryDict decodes them (bad UTF-8 becomes U+FFFD)."""
    return [v for k, v in parse_qsl(raw_query, keep_blank_values=True, errors="replace") if k == name]


def whole_number(value: str) -> int | None:
    """The int Django's IntegerField makes of `value`, or None when it refuses it."""
    try:
        return int(re.sub(r"\.0*\s*$", "", value))
    except ValueError:
        return None


def assert_safe(response, context: str) -> str:
    """No crash, nothing reflected unescaped, no template evaluated: returns the body as text."""
    body = response.content.decode("utf-8", "replace")
    assert response.status_code < 500, f"{context}: status {response.status_code}"
    assert SCRIPT not in body, f"{context}: <script> reflected unescaped"
    assert "<img src=x onerror" not in body, f"{context}: <img onerror> reflected unescaped"
    assert "autofocus onfocus='alert" not in body, f"{context}: attribute broken out of"
    assert settings.SECRET_KEY not in body, f"{context}: SECRET_KEY in the page"
    assert "module &#x27;sys&#x27;" not in body and "<module 'sys'" not in body, (
        f"{context}: {{% debug %}} ran"
    )
    assert "Traceback" not in body, f"{context}: traceback in the page"
    assert "owned=1" not in response.get("Set-Cookie", ""), f"{context}: header injected"
    return body
