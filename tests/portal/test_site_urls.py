"""The header's and footer's links ({% site_url %}, {% nav_link %}) are the addresses reverse() gives,
whatever the language, the prefix the site is served under or the URL configuration, although each is
worked out once and remembered (portal/templatetags/portal_nav.py)."""

import re

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import clear_script_prefix, path, reverse, set_script_prefix
from django.utils import translation

from portal.templatetags.portal_nav import fixed_url

pytestmark = pytest.mark.django_db

FOOTER_NAMES = [
    "articles:article_list",
    "directory:doctor_search",
    "directory:package_search",
    "calculators:due_date",
    "directory:privacy",
    "site_map",
    "article_feed",
]


def _footer_links(html: str) -> list[str]:
    footer = html.split('<footer class="site-footer">', 1)[1]
    return re.findall(r'<a href="([^"]+)"', footer)


@pytest.mark.parametrize("language, prefix", [("en", ""), ("hi", "/hi")])
def test_footer_links_are_the_pages_in_the_language_of_the_page(client, language, prefix):
    html = client.get(f"{prefix}/due-date-calculator/").content.decode()
    assert _footer_links(html) == [
        f"{prefix}/articles/",
        f"{prefix}/gynecologists/",
        f"{prefix}/maternity-packages/",
        f"{prefix}/due-date-calculator/",
        f"{prefix}/privacy/",
        f"{prefix}/sitemap/",
        f"{prefix}/feeds/articles/",
    ]
    with translation.override(language):
        assert _footer_links(html) == [reverse(name) for name in FOOTER_NAMES]


def test_the_main_navigation_marks_the_section_in_each_language(client):
    english = client.get("/due-date-calculator/").content.decode()
    hindi = client.get("/hi/due-date-calculator/").content.decode()
    assert '<a href="/due-date-calculator/" aria-current="page">' in english
    assert '<a href="/hi/due-date-calculator/" aria-current="page">' in hindi
    assert '<a href="/hi/articles/">' in hindi and 'href="/articles/"' not in hindi.split("<main")[0]


def test_a_remembered_address_follows_the_script_prefix():
    render = Template("{% load portal_nav %}{% site_url 'articles:article_list' %}").render
    assert render(Context()) == "/articles/"
    set_script_prefix("/care/")
    try:
        assert render(Context()) == "/care/articles/"
        with translation.override("hi"):
            assert render(Context()) == "/care/hi/articles/"
    finally:
        clear_script_prefix()
    assert render(Context()) == "/articles/"


def _elsewhere(request):  # pragma: no cover - never served, only reversed
    raise AssertionError


urlpatterns = [path("somewhere-else/", _elsewhere, name="home")]


def test_a_remembered_address_is_forgotten_when_the_url_configuration_changes():
    assert fixed_url("home") == "/"
    with override_settings(ROOT_URLCONF=__name__):
        assert fixed_url("home") == "/somewhere-else/"
    assert fixed_url("home") == "/"
