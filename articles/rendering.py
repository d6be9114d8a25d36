"""Markdown for article answers: CommonMark (markdown-it-py), a small set of constructs, rendered once
on save and sanitised with nh3.

Editors write paragraphs, bulleted and numbered lists (also straight under a line of text), **bold**,
*emphasis*, links, `###` subheadings inside an answer and simple tables (a dose table, say).
`markdown_problems()` tells an editor, before anything is saved, about what the page would not show as
they meant: a link without https://, a link to another kind of address (javascript:, data:, ...), a
heading other than ###, images, quotes, code blocks or raw HTML. nh3 (the Rust `ammonia` sanitiser)
then keeps only the tags below, whatever reaches it: scripts, styles, event handlers and dangerous links
never reach a page. Phone links (`[108](tel:108)`, `[14416](tel:14416)`) are allowed, so emergency
numbers and helplines can be tapped on a phone.
"""

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {"p", "ul", "ol", "li", "strong", "em", "a", "h3", "table", "thead", "tbody", "tr", "th", "td"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
LINK_REL = "noopener nofollow"

# One parser sees everything an editor typed (raw HTML, every link): the checker reports it before a
# save, and nh3 removes whatever is not allowed from the rendered HTML, as a second line of defence.
_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")
_PARSER.validateLink = lambda url: True

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_LOOKS_LIKE_A_HOST = re.compile(r"^(www\.)?[\w-]+(\.[\w-]+)+(/|$)")
_UNSUPPORTED = {
    "image": "Images are not shown inside answers; use the article's hero image instead.",
    "blockquote_open": "Quotes (lines starting with >) are not shown; write the text as a paragraph.",
    "fence": "Code blocks are not shown; write the text as a paragraph.",
    "code_block": "Indented code blocks are not shown; remove the indentation at the start of the lines.",
    "hr": "Horizontal lines (---) are not shown; start a new question instead.",
    "html_block": "HTML is not allowed in answers; use the Markdown shown under the field.",
    "html_inline": "HTML is not allowed in answers; use the Markdown shown under the field.",
}


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        clean_content_tags={"script", "style"},
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Render an answer to sanitised HTML (safe to mark as safe in a template)."""
    return sanitise_html(_PARSER.render(text or "")).strip()


def link_problem(href: str) -> str | None:
    """What is wrong with a link an editor typed, or None. Site paths (/articles/...) are fine."""
    href = href.strip()
    if href.startswith(("/", "#")):
        return None
    scheme = _SCHEME.match(href)
    if scheme is None:
        if _LOOKS_LIKE_A_HOST.match(href):
            return f"The link “{href}” has no https:// at the start: write https://{href}"
        return f"The link “{href}” is not a full address: start it with https://"
    if scheme.group(1).lower() not in ALLOWED_URL_SCHEMES:
        return (
            f"The link “{href}” is not a web address: only https://, http://, mailto: and tel: links are "
            "allowed."
        )
    return None


def _token_problems(token) -> list[str]:
    if token.type == "heading_open" and token.tag != "h3":
        level = int(token.tag[1])
        return [
            f"A {'#' * level} heading would break the page's outline: use ### for a subheading in an answer."
        ]
    if token.type == "link_open":
        problem = link_problem(token.attrs.get("href", ""))
        return [problem] if problem else []
    message = _UNSUPPORTED.get(token.type)
    return [message] if message else []


def markdown_problems(text: str) -> list[str]:
    """Everything in `text` that would not appear on the page as the editor meant, in plain words."""
    problems: list[str] = []
    for token in _PARSER.parse(text or ""):
        for item in [token, *(token.children or [])]:
            for problem in _token_problems(item):
                if problem not in problems:
                    problems.append(problem)
    return problems
