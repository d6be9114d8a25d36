"""CommonMark for answers: what editors type renders as they expect, and links are checked on save."""

import pytest
from django.core.exceptions import ValidationError

from articles.rendering import link_problem, markdown_problems, render_markdown
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_list_straight_under_a_line_is_a_list():
    assert (
        render_markdown("Try these:\n- rest\n- water")
        == "<p>Try these:</p>\n<ul>\n<li>rest</li>\n<li>water</li>\n</ul>"
    )


def test_a_numbered_list_after_a_bulleted_one_keeps_its_numbers():
    html = render_markdown("- one\n- two\n\n1. first\n2. second")
    assert html == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>"


def test_a_numbered_list_starting_later_keeps_its_start():
    assert render_markdown("3. third\n4. fourth").startswith('<ol start="3">')


def test_subheadings_inside_an_answer_are_h3():
    assert (
        render_markdown("### At night\nLie on your left side.")
        == "<h3>At night</h3>\n<p>Lie on your left side.</p>"
    )


def test_a_dose_table_is_a_table():
    html = render_markdown("| Medicine | Dose |\n|---|---|\n| Iron-folic acid | 1 tablet a day |")
    assert "<table>\n<thead>\n<tr>\n<th>Medicine</th>\n<th>Dose</th>" in html
    assert "<td>Iron-folic acid</td>\n<td>1 tablet a day</td>" in html


def test_links_render_with_rel_and_bold_and_emphasis_still_work():
    html = render_markdown("See **the NHS** *page*: [NHS](https://www.nhs.uk/pregnancy/).")
    assert '<a href="https://www.nhs.uk/pregnancy/" rel="noopener nofollow">NHS</a>' in html
    assert "<strong>the NHS</strong> <em>page</em>" in html


@pytest.mark.parametrize(
    ("href", "problem"),
    [
        ("www.mayoclinic.org", "has no https:// at the start: write https://www.mayoclinic.org"),
        ("mayoclinic.org/x", "has no https:// at the start: write https://mayoclinic.org/x"),
        ("javascript:alert(1)", "is not a web address"),
        ("JaVaScRiPt:alert(1)", "is not a web address"),
        ("data:text/html,hi", "is not a web address"),
        ("ftp://files.example.in/a", "is not a web address"),
        ("leaflet", "is not a full address"),
    ],
)
def test_bad_links_are_named_with_what_to_do(href, problem):
    assert problem in link_problem(href)


@pytest.mark.parametrize(
    "href", ["https://www.nhs.uk/", "http://example.in", "mailto:a@b.in", "/articles/x/", "#a"]
)
def test_good_links_pass(href):
    assert link_problem(href) is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[Mayo Clinic](www.mayoclinic.org)", "write https://www.mayoclinic.org"),
        ("[click](javascript:alert(1))", "is not a web address"),
        ("## Not here", "A ## heading would break the page's outline"),
        ("# Nor here", "A # heading"),
        ("#### Too deep", "A #### heading"),
        ("![scan](https://x.in/s.png)", "Images are not shown"),
        ("> a quote", "Quotes"),
        ("```\ncode\n```", "Code blocks"),
        ("---", "Horizontal lines"),
        ("<b>bold</b>", "HTML is not allowed"),
    ],
)
def test_what_would_not_show_as_meant_is_refused_when_saving(text, problem):
    assert any(problem in p for p in markdown_problems(text))
    section = ArticleFactory().sections.create(order=1, heading="Q?", answer=text)
    with pytest.raises(ValidationError) as raised:
        section.full_clean()
    assert any(problem in message for message in raised.value.message_dict["answer"])


def test_a_clean_answer_has_no_problems():
    text = "Try these:\n- rest\n\n### Doses\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n[NHS](https://www.nhs.uk/)"
    assert markdown_problems(text) == []


def test_the_live_preview_renders_as_the_page_will_for_staff_only(client, django_user_model):
    from django.contrib.auth.models import Permission

    url = "/articles/markdown-preview/"
    assert client.post(url, {"text": "x"}).status_code == 403
    editor = django_user_model.objects.create_user("ed", password="x" * 16, is_staff=True)
    client.force_login(editor)
    assert client.post(url, {"text": "x"}).status_code == 403  # staff without the preview permission
    editor.user_permissions.add(Permission.objects.get(codename="preview_article"))
    client.logout()
    client.force_login(editor, verified=False)  # a password alone: no one-time code yet
    assert client.post(url, {"text": "x"}).status_code == 403
    client.force_login(editor)
    response = client.post(url, {"text": "Try:\n- rest\n\n[Mayo](www.mayoclinic.org) <script>x</script>"})
    assert response.status_code == 200
    data = response.json()
    assert data["html"].startswith("<p>Try:</p>\n<ul>\n<li>rest</li>") and "<script" not in data["html"]
    assert any("https://www.mayoclinic.org" in p for p in data["problems"])
    assert any("HTML is not allowed" in p for p in data["problems"])
    assert client.get(url).status_code == 405
