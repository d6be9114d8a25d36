"""Answers are Markdown in a small safe subset; nothing executable survives, whatever is typed."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.rendering import render_markdown


def test_renders_paragraphs_lists_bold_and_links():
    html = render_markdown("First **bold** and *soft*.\n\n- one\n- two\n\n[NHS](https://www.nhs.uk/)")
    assert "<p>First <strong>bold</strong> and <em>soft</em>.</p>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert '<a href="https://www.nhs.uk/" rel="noopener nofollow">NHS</a>' in html


@pytest.mark.parametrize(
    "evil",
    [
        "<script>alert(1)</script>",
        "<style>body{display:none}</style>",
        '<img src="x" onerror="alert(1)">',
        '<a href="https://x.test" onclick="alert(1)">x</a>',
        '<p style="color:red" onmouseover="alert(1)">x</p>',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[data](data:text/html;base64,PHNjcmlwdD4=)",
        '<iframe src="https://evil.test"></iframe>',
        "<svg onload=alert(1)>",
    ],
)
def test_strips_scripts_styles_event_handlers_and_dangerous_links(evil):
    html = render_markdown(f"Before {evil} after").lower()
    assert "<script" not in html and "alert(1)</" not in html
    assert "<style" not in html and "display:none" not in html
    assert " on" not in html.replace(" only", "")  # no onerror=, onclick=, onload=...
    assert "javascript:" not in html and "data:" not in html
    assert "style=" not in html and "<iframe" not in html and "<img" not in html and "<svg" not in html


@given(st.text(alphabet=st.sampled_from(list("<>\"'=/ ajvscriptonerolad:()[]*-#\n")), max_size=120))
def test_no_input_produces_markup_outside_the_allowlist(text):
    import re

    html = render_markdown(text)
    tags = set(re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)", html))
    assert tags <= {"p", "ul", "ol", "li", "strong", "em", "a"}
    assert not re.search(r"<[^>]*\son\w+\s*=", html)
