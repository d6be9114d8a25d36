import logging

from django.conf import settings
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
