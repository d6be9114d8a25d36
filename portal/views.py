"""Site-wide views: home, health endpoints and error pages."""

import logging
import re
import uuid

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from articles.models import Article, Topic
from directory.models import City
from portal.pagecache import current_version, page_cache_params
from portal.search import SiteSearchForm, site_search

logger = logging.getLogger(__name__)


@require_GET
def home(request):
    """Latest and featured articles, a city chooser for doctors and packages, the calculator."""
    cards = (
        Article.objects.published()
        .in_language()
        .only("title", "slug", "language", "standfirst", "publish_at")
    )
    context = {"featured": list(cards.filter(is_featured=True)[:3]), "latest": list(cards[:6])}
    return render(request, "home.html", context)


@page_cache_params("q")
@require_safe
def search(request):
    """/search/?q=: articles, doctors, hospitals and packages, grouped and ranked."""
    form = SiteSearchForm(request.GET, auto_id="search-%s")
    results = site_search(form.cleaned_data["q"]) if form.is_valid() and form.cleaned_data["q"] else None
    status = 400 if form.errors else 200
    return render(request, "search/results.html", {"form": form, "results": results}, status=status)


@require_safe
def site_map(request):
    """/sitemap/: the site's sections for people (search engines read /sitemap.xml)."""
    topics = Topic.objects.with_published_articles().only("name", "name_hi", "slug").order_by("order", "name")
    articles = Article.objects.published().in_language().only("title", "slug", "language").order_by("title")
    context = {
        "topics": list(topics),
        "articles": list(articles),
        "doctor_cities": list(City.objects.with_active_doctors().only("name", "name_hi", "slug")),
        "package_cities": list(City.objects.with_listed_packages().only("name", "name_hi", "slug")),
        "breadcrumbs": [(gettext("Sitemap"), None)],
    }
    return render(request, "sitemap.html", context)


SITEMAP_PAGE = re.compile(r"[1-9][0-9]{0,4}")


def _stored_sitemap(request, key: str, build) -> HttpResponse:
    """A sitemap response from the copy made once per content version (`build()` makes it): building
    one reads every listed doctor (seconds, at 100,000), so no query parameter may make the site build
    it again."""
    key = f"{key}:{request.scheme}:{request.get_host()}:{current_version()}"  # its addresses are absolute
    stored = cache.get(key)
    if stored is None:
        response = build()
        response.render()  # an unknown section or page raises Http404 first
        stored = (response.content, dict(response.headers))
        cache.set(key, stored, timeout=settings.PAGE_CACHE_SECONDS)
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    return response


@require_safe
def sitemap_index(request, sitemaps):
    """/sitemap.xml, from its stored copy whatever the query string (counting the pages of 100,000
    doctors in two languages takes seconds)."""
    return _stored_sitemap(request, "sitemap-index", lambda: sitemap_views.index(request, sitemaps=sitemaps))


@page_cache_params("p")
@require_safe
def sitemap_section(request, sitemaps, section):
    """One sitemap page (up to 10,000 URLs, about 1.5 MB) from its stored copy. The page number is
    read as written in the sitemap index ("2"), nothing else: int() also takes "02", " 2" or "२", and
    each spelling was built and stored again."""
    page = request.GET.get("p", "1")
    if section not in sitemaps or not SITEMAP_PAGE.fullmatch(page):
        raise Http404("No such sitemap page.")  # before the cache is asked for a key built from them
    return _stored_sitemap(
        request,
        f"sitemap:{section}:{int(page)}",
        lambda: sitemap_views.sitemap(request, sitemaps=sitemaps, section=section),
    )


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap_index"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /hi/search/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def session_untouched(view):
    """Marks a view that never reads or extends a session (StaffSessionRefreshMiddleware leaves it be):
    the health probes, so that a prober sending a signed-in cookie still touches nothing."""
    view.session_untouched = True
    return view


@session_untouched
@never_cache
@require_GET
def healthz(request):
    """Liveness: the process answers. Touches neither the database nor the cache."""
    return HttpResponse("ok", content_type="text/plain")


def _database_problem() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("readyz: database unreachable: %s", exc.__class__.__name__)
        return "database unreachable"
    return None


def _cache_problem() -> str | None:
    if isinstance(caches["default"], DummyCache):  # caching turned off on purpose
        return None
    key, token = "readyz-probe", uuid.uuid4().hex
    try:
        cache.set(key, token, timeout=10)
        if cache.get(key) != token:
            return "cache unreachable"
    except Exception as exc:  # noqa: BLE001 - any backend failure means "not ready"
        logger.warning("readyz: cache error: %s", exc.__class__.__name__)
        return "cache unreachable"
    return None


@session_untouched
@never_cache
@require_GET
def readyz(request):
    """Readiness: 200 when the database and the cache both answer, 503 with the reason otherwise."""
    problems = [p for p in (_database_problem(), _cache_problem()) if p]
    if problems:
        return HttpResponse("; ".join(problems), status=503, content_type="text/plain")
    return HttpResponse("ready", content_type="text/plain")


# The 400, 403 and 404 pages. Django's own views for them are wrapped in requires_csrf_token, which checks
# a POST's form token again and so reads its body again: a body Django had just refused (a form declared
# in latin-1, more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields) raised a second time inside the error view,
# and anyone with a CSRF cookie got a 500 from any URL. These pages hold no form that is sent by POST, so
# they need no token, and never read the body.


def bad_request(request, exception):
    return render(request, "400.html", status=400)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    """The 500 page, rendered without the database or request context processors."""
    html = loader.get_template("500.html").render({"SITE_NAME": settings.SITE_NAME})
    return HttpResponseServerError(html)


def csrf_failure(request, reason=""):
    """A form sent without its security token (a page left open for hours, cookies blocked): the site's
    own 403 page in the page's language, saying what to do, instead of Django's technical English one.
    The reason stays in the log, never on the page."""
    logger.warning("CSRF check failed: %s", reason)
    return render(request, "403_csrf.html", status=403)
