import logging
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class StaffSessionRefreshMiddleware:
    """A signed-in session lives SESSION_COOKIE_AGE (eight hours) after its last request.

    Django sets a session's expiry when it saves it; this saves a signed-in session again on its
    requests (at most once every STAFF_SESSION_REFRESH_SECONDS, to spare the database a write per
    request), which moves the expiry and the cookie's Max-Age on. So staff stay signed in while they
    work, and eight hours without a request end the session. Only staff can sign in; other sessions (a
    patient's) are left alone and end eight hours after they last changed.
    """

    REFRESHED = "_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return response  # no session to keep (and untouched, it adds no "Vary: Cookie")
        session = request.session
        if session.get(SESSION_KEY):
            now = int(time.time())
            if now - session.get(self.REFRESHED, 0) >= settings.STAFF_SESSION_REFRESH_SECONDS:
                session[self.REFRESHED] = now  # modified: SessionMiddleware saves it and resends the cookie
        return response


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, answer with the friendly 503 page instead of a 500.

    The page is rendered without the database; `Retry-After` tells browsers and crawlers to come
    back, and nothing caches it. Other database errors are bugs and stay 500s.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("database unavailable: %s", exception.__class__.__name__, extra={"path": request.path})
        html = loader.get_template("503.html").render({"SITE_NAME": settings.SITE_NAME})
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "30"
        add_never_cache_headers(response)
        return response
