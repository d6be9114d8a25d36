"""axe over one page of every kind (tests/e2e/server.py `page_types`), at a phone and a desktop width,
with JavaScript on and off: the journeys visit many of them, this makes sure none is left out."""

from tests.e2e.conftest import assert_accessible

NOT_FOUND = "Failed to load resource: the server responded with a status of 404 (Not Found)"


def _check_every_page_kind(page, site_pages, live_url):
    found = []
    for name, path in site_pages.items():
        response = page.goto(path)
        assert response.status == (404 if name == "not-found" else 200), f"{name}: {response.status}"
        if name == "not-found":
            # The browser reports the page's own 404, which is what this page is for; nothing else.
            own = f"{live_url}{path}: {NOT_FOUND} {live_url}{path}"
            assert own in page.console_problems, page.console_problems
            page.console_problems.remove(own)
        try:
            assert_accessible(page)
        except AssertionError as failure:
            found.append(f"{name}: {failure}")
    assert found == [], "\n".join(found)


def test_every_page_kind_passes_axe(page, site_pages, live_url):
    _check_every_page_kind(page, site_pages, live_url)


def test_every_page_kind_passes_axe_without_javascript(page_without_js, site_pages, live_url):
    _check_every_page_kind(page_without_js, site_pages, live_url)
