"""The site shell: home, health endpoints, error pages, admin."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

from portal import urls as portal_urls
from tests.client import FormClient


@pytest.mark.django_db
def test_home_introduces_the_three_parts_of_the_site(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Pregnancy care you can trust" in html
    for href in ("/articles/", "/gynecologists/", "/maternity-packages/", "/due-date-calculator/"):
        assert f'href="{href}"' in html
    assert 'class="skip-link" href="#main"' in html
    assert "Medical disclaimer" in html
    assert 'action="/search/"' in html


@pytest.mark.django_db
def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_readyz_is_200_when_database_and_cache_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ready"


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection

    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"database unreachable"


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_loses_writes(client, monkeypatch):
    from django.core.cache import cache

    monkeypatch.setattr(cache, "get", lambda *a, **k: None)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"cache unreachable"


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page" in html
    assert 'href="/gynecologists/"' in html


HOSTILE_BODIES = {
    # Django refuses both before any view reads them (BadRequest, TooManyFieldsSent).
    "latin-1 form": ("a=b", "application/x-www-form-urlencoded; charset=latin-1"),
    "utf-16 form": ("a=b", "application/x-www-form-urlencoded; charset=utf-16"),
    "1,500 fields": ("&".join(f"a{n}=" for n in range(1500)), "application/x-www-form-urlencoded"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("body", HOSTILE_BODIES, ids=list(HOSTILE_BODIES))
@pytest.mark.parametrize(
    "path, status",
    [
        ("/privacy/grievance/", 400),
        ("/hi/privacy/grievance/", 400),
        ("/no-such-page/", 404),
        ("/hi/no-such-page/", 404),
        ("/admin/login/", 400),
    ],
)
def test_a_form_body_django_refuses_is_an_error_page_not_a_500(body, path, status):
    """With a CSRF cookie, as any browser that has opened a form has: the error page used to read the
    refused body again for its own CSRF check, and every such request was a 500."""
    client = FormClient(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "A" * 32
    data, content_type = HOSTILE_BODIES[body]
    response = client.post(path, data, content_type=content_type)
    assert response.status_code == status
    code = f"गड़बड़ी {status}" if path.startswith("/hi/") else f"Error {status}"
    assert code in response.content.decode()


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [*portal_urls.urlpatterns, path("boom/", _boom)]
handler500 = portal_urls.handler500


@pytest.mark.django_db
def test_server_error_page_needs_no_database(settings, django_assert_num_queries):
    settings.ROOT_URLCONF = __name__
    client = FormClient(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "Traceback" not in html and "boom" not in html


@pytest.mark.django_db
def test_admin_login_page_carries_the_site_name(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Nine Months administration" in response.content.decode()


@pytest.mark.django_db
def test_admin_index_redirects_anonymous_visitors_to_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")


def test_uploaded_images_are_served_only_when_asked(settings):
    import importlib

    from django.urls import clear_url_caches

    for serve_media, expected in ((False, 404), (True, 200)):
        settings.SERVE_MEDIA = serve_media
        (settings.MEDIA_ROOT / "doctors").mkdir(parents=True, exist_ok=True)
        (settings.MEDIA_ROOT / "doctors" / "a.jpg").write_bytes(b"\xff\xd8\xff")
        importlib.reload(portal_urls)
        clear_url_caches()
        settings.ROOT_URLCONF = "portal.urls"
        assert Client().get("/media/doctors/a.jpg").status_code == expected
    settings.SERVE_MEDIA = False
    importlib.reload(portal_urls)
    clear_url_caches()


@pytest.mark.django_db
def test_every_page_links_the_feed_in_its_head_and_the_footer_sitemap_is_for_people(client):
    from tests.factories import ArticleFactory, CityFactory, GynecologistFactory, HospitalFactory

    pune = CityFactory(name="Pune", slug="pune")
    GynecologistFactory(city=pune, hospitals=[HospitalFactory(city=pune)])
    article = ArticleFactory(title="Leg cramps in pregnancy")
    home = client.get("/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Nine Months: new articles" href="/feeds/articles/">'
        in home
    )
    assert '<a href="/sitemap/">Sitemap</a>' in home
    page = client.get("/sitemap/")
    html = page.content.decode()
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert f'<a href="{article.get_absolute_url()}">Leg cramps in pregnancy</a>' in html
    assert '<a href="/gynecologists/pune/">Gynecologists in Pune</a>' in html
    assert '<a href="/feeds/articles/">New articles as an RSS feed</a>' in html
    assert client.get("/sitemap.xml")["Content-Type"].startswith(
        "application/xml"
    )  # still for search engines
    assert "Follow new articles with the RSS feed" in client.get("/articles/").content.decode()


@pytest.mark.django_db
def test_admin_pages_name_the_sites_icon_so_browsers_do_not_ask_for_favicon_ico(client):
    """Newcomer check: the admin's sign-in page had no icon link, and the browser's request for
    /favicon.ico was a 404 in its console."""
    html = client.get("/admin/login/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
