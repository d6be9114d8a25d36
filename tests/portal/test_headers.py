"""Security headers on every kind of page, admin included."""

import pytest
from django.contrib.auth.models import User

# Every kind of page, with the status it must answer (the headers of a 404 page standing in for a
# missing page would prove nothing about that page).
PAGES = {
    "/": 200,
    "/no-such-page/": 404,
    "/admin/login/": 200,
    "/healthz": 200,
    "/gynecologists/": 200,
    "/maternity-packages/": 200,
    "/articles/": 200,
    "/due-date-calculator/": 200,
    "/search/?q=cramps": 200,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "status"), PAGES.items())
def test_every_page_carries_the_security_headers(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_hsts_is_preload_ready_under_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 63072000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_httponly_and_samesite(client, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    User.objects.create_user("asha", password="a-long-correct-password", is_staff=True)
    login_page = client.get("/admin/login/", secure=True)
    csrf = login_page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        "/admin/login/",
        {"username": "asha", "password": "a-long-correct-password", "csrfmiddlewaretoken": csrf.value},
        secure=True,
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_when_https_is_on(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/")
    assert response.status_code == 301
    assert response.headers["Location"] == "https://testserver/"
    assert client.get("/healthz").status_code == 200  # load balancers probe over plain HTTP
