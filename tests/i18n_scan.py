"""Find words in a template that a reader would see but no `{% translate %}` covers.

The template is split with Django's own lexer. Text inside `{% translate %}`, `{% blocktranslate %}`
and comments is translated or invisible; variables are values, not words. What is left is parsed as
HTML, and these count as words a reader sees:

- text between tags (outside <script> and <style>),
- the attributes people read or hear: alt, title, placeholder, aria-label, aria-description, label,
  a <meta name="description"> or og: title/description's content, and a button input's value,
- quoted literals passed to a tag or a filter (`{% nav_link "x:y" "Articles" %}`,
  `{{ value|default:"None" }}`) that look like prose; write `_("Articles")` to translate those.

Letters from another script (Devanagari in the language switcher) are fine: only Latin letters count.

Run it on files while you translate them: `python -m tests.i18n_scan templates/directory/*.html`.
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

SPOKEN_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description", "label"}
TRANSLATING_TAGS = {"translate", "trans"}
TRANSLATING_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
# Tags whose quoted arguments are names, paths, URLs or formats, never words a reader sees.
TAGS_WITH_NAMES = {"url", "static", "include", "extends", "load", "block", "now", "cycle", "csrf_token"}
FORMAT_FILTERS = {"date", "time"}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
PROSE = re.compile(r"^[A-Z][a-z]+|[A-Za-z]+\s+[A-Za-z]+")
QUOTED = re.compile(r"""(_\()?("[^"]*"|'[^']*')""")
FILTER_ARGUMENT = re.compile(r"""\|(\w+):(_\()?("[^"]*"|'[^']*')""")
PLACEHOLDER = "\ue000"  # stands for a variable's value in the text that is checked


def _literals_that_read_as_prose(token) -> list[str]:
    words = token.split_contents()
    found = []
    if token.token_type == TokenType.BLOCK:
        if words[0] in TAGS_WITH_NAMES:
            return []
        for translated, literal in QUOTED.findall(token.contents):
            if not translated and PROSE.search(literal[1:-1]) and "/" not in literal:
                found.append(literal[1:-1])
        return found
    for name, translated, literal in FILTER_ARGUMENT.findall(token.contents):
        if not translated and name not in FORMAT_FILTERS and PROSE.search(literal[1:-1]):
            found.append(literal[1:-1])
    return found


def _visible_source(source: str) -> tuple[str, list[str]]:
    """The template's text with translated parts dropped and variables replaced by a placeholder,
    and the prose literals found in tags and filters."""
    kept, literals, closing = [], [], None
    for token in Lexer(source).tokenize():
        if closing is not None:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == closing:
                closing = None
            continue
        if token.token_type == TokenType.TEXT:
            kept.append(token.contents)
            continue
        if token.token_type == TokenType.COMMENT:
            continue
        name = token.contents.split()[0] if token.contents.split() else ""
        if token.token_type == TokenType.BLOCK and name in TRANSLATING_BLOCKS:
            closing = TRANSLATING_BLOCKS[name]
        elif not (token.token_type == TokenType.BLOCK and name in TRANSLATING_TAGS):
            literals.extend(_literals_that_read_as_prose(token))
        kept.append(PLACEHOLDER)
    return "".join(kept), literals


class _ReadableText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._hidden_depth += 1
        attributes = dict(attrs)
        for name, value in attrs:
            if value and (name in SPOKEN_ATTRIBUTES or self._is_readable_content(tag, name, attributes)):
                self._note(value)
            if tag == "input" and name == "value" and attributes.get("type") in {"submit", "button", "reset"}:
                self._note(value or "")

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data):
        if not self._hidden_depth:
            self._note(data)

    @staticmethod
    def _is_readable_content(tag, name, attributes) -> bool:
        described = attributes.get("name") == "description" or attributes.get("property", "").startswith(
            ("og:title", "og:description")
        )
        return tag == "meta" and name == "content" and described

    def _note(self, text: str):
        text = " ".join(text.replace(PLACEHOLDER, " ").split())
        if LATIN_WORD.search(text):
            self.found.append(text)


def untranslated(path: Path) -> list[str]:
    """Every piece of text in the template at `path` a reader would see untranslated."""
    visible, literals = _visible_source(path.read_text(encoding="utf-8"))
    parser = _ReadableText()
    parser.feed(visible)
    parser.close()
    return parser.found + literals


if __name__ == "__main__":
    status = 0
    for name in sys.argv[1:]:
        for text in untranslated(Path(name)):
            print(f"{name}: {text}")
            status = 1
    sys.exit(status)
