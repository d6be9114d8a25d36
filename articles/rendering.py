"""Markdown for article answers: a small safe subset, rendered once and sanitised with nh3.

Editors write paragraphs, lists, bold, emphasis and links. Markdown turns that into HTML and nh3 (a
binding of the Rust `ammonia` sanitiser) keeps only the tags below, whatever an editor types: raw
HTML, scripts, styles, event handler attributes and `javascript:` links never reach a page. Phone
links (`[108](tel:108)`) are allowed, so helplines can be tapped on a phone.
"""

import markdown
import nh3

ALLOWED_TAGS = frozenset({"p", "ul", "ol", "li", "strong", "em", "a"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
LINK_REL = "noopener nofollow"


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
    html = markdown.markdown(text or "", output_format="html")
    return sanitise_html(html).strip()
