import logging
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext

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
        match = getattr(request, "resolver_match", None)
        if match is not None and getattr(match.func, "session_untouched", False):
            return response  # a health probe: it reads no session, whatever cookie the prober sends
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


class RequestBodyLimitMiddleware:
    """Refuse, before reading a byte of it, any request body the site has no use for.

    Public pages take small forms: a body over PUBLIC_MAX_BODY_BYTES is a 413. Only the admin takes
    uploads (photos up to 5 MB), up to ADMIN_MAX_BODY_BYTES. A view that declares `form_body_only`
    (the calculator: CSRF-exempt, so anyone can post to it) takes nothing but a urlencoded form: anything
    else is a 415. A body without a length (chunked) is a 411. So no one can make a worker read and
    parse a 300 MB upload.
    """

    BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
    FORM = "application/x-www-form-urlencoded"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.BODY_METHODS:
            # This runs before PathLanguageMiddleware: the refusal is said in the language of the URL.
            with translation.override(_path_language(request.path_info)):
                refusal = self.refusal(request)
                if refusal is not None:
                    status, message = refusal
                    html = loader.get_template("request_refused.html").render(
                        {"SITE_NAME": settings.SITE_NAME, "status": status, "message": message}
                    )
                    response = HttpResponse(html, status=status)
                    response.headers["Content-Language"] = translation.get_language()
                    return response
        return self.get_response(request)

    def refusal(self, request) -> tuple[int, str] | None:
        admin = request.path_info.startswith("/admin/")
        raw_length = request.META.get("CONTENT_LENGTH") or ""
        if not raw_length.isdigit():
            if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
                return 411, gettext("Please send the form again: its length was missing.")
            raw_length = "0"
        length = int(raw_length)
        limit = settings.ADMIN_MAX_BODY_BYTES if admin else settings.PUBLIC_MAX_BODY_BYTES
        if length > limit:
            return 413, gettext("What was sent is far larger than any of our forms needs.")
        content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if length and content_type != self.FORM and _form_body_only(request.path_info):
            return 415, gettext("This form is sent as plain form fields; this request was sent another way.")
        return None


class MethodNotAllowedPageMiddleware:
    """Django's 405 (require_GET, require_POST...) has no body: a visitor who posts to a page that only
    shows, or re-requests a download another way, would see a blank page. Give it the site's error page,
    in the page's language, keeping the Allow header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.streaming or response.content:
            return response
        with translation.override(_path_language(request.path_info)):
            message = gettext(
                "This address does not take that kind of request: open it from a link, or send its form "
                "from the page."
            )
            html = loader.get_template("request_refused.html").render(
                {"SITE_NAME": settings.SITE_NAME, "status": 405, "message": message}
            )
            page = HttpResponse(html, status=405)
            page.headers["Content-Language"] = translation.get_language()
        if "Allow" in response.headers:
            page.headers["Allow"] = response.headers["Allow"]
        return page


def _path_language(path_info: str) -> str:
    """The language of the page at `path_info`: Hindi under /hi/, else English."""
    return translation.get_language_from_path(path_info) or settings.LANGUAGE_CODE


def _form_body_only(path_info: str) -> bool:
    try:
        return bool(getattr(resolve(path_info).func, "form_body_only", False))
    except Resolver404:
        return False


class PathLanguageMiddleware:
    """The page's language comes from its URL alone: /hi/... is Hindi, every other URL English.

    Django's LocaleMiddleware would also read Accept-Language and a cookie for unprefixed URLs and mark
    every English page `Vary: Accept-Language`, splitting caches; here an English URL is English for
    everyone, so caches and search engines see one page per URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = _path_language(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
