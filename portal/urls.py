from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_safe
from django.views.static import serve

from articles import sitemaps as article_sitemaps
from articles.feeds import LatestArticlesFeed
from directory import sitemaps as directory_sitemaps
from portal import sitemaps as portal_sitemaps
from portal import views

SITEMAPS = {**portal_sitemaps.SITEMAPS, **article_sitemaps.SITEMAPS, **directory_sitemaps.SITEMAPS}

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

# The same in every language (machines and staff).
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Cached like every public page by portal.pagecache, so an edit shows in the sitemap at once. One
    # sitemap lists both languages, each page with its alternates.
    path("sitemap.xml", views.sitemap_index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        views.sitemap_section,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

# Pages for people: English at these paths, Hindi at /hi/ + the same path.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("sitemap/", views.site_map, name="site_map"),
    path("feeds/articles/", require_safe(LatestArticlesFeed()), name="article_feed"),
    path("", include("directory.urls")),
    path("", include("articles.urls")),
    path("", include("calculators.urls")),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    # Uploaded images, when no web server in front serves MEDIA_ROOT (see SERVE_MEDIA in settings).
    urlpatterns += [path("media/<path:path>", require_safe(serve), {"document_root": settings.MEDIA_ROOT})]
