"""The sitemap: articles, topics and the directory's public pages, each with `lastmod`.

/sitemap.xml is an index of one sitemap per section, so the directory (up to 100,000 doctors) is
split into pages of at most `limit` URLs as the protocol requires.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Topic
from directory.models import City, Gynecologist, Hospital, MaternityPackage


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "updated").order_by("pk")

    def lastmod(self, item):
        return item.updated

    def get_latest_lastmod(self):
        return self.items().order_by().aggregate(latest=Max("updated"))["latest"]


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        now = timezone.now()
        return (
            Topic.objects.filter(articles__status="published", articles__publish_at__lte=now)
            .annotate(last_article=Max("articles__updated"))
            .only("slug")
            .order_by("order", "pk")
        )

    def lastmod(self, item):
        return item.last_article


class DirectorySitemap(Sitemap):
    changefreq = "weekly"
    limit = 10000

    def lastmod(self, item):
        return item.updated

    def get_latest_lastmod(self):
        # One aggregate instead of Sitemap's default of loading every item.
        return self.items().order_by().aggregate(latest=Max("updated"))["latest"]


class DoctorSitemap(DirectorySitemap):
    priority = 0.6

    def items(self):
        return Gynecologist.objects.filter(is_active=True).only("slug", "updated").order_by("pk")


class HospitalSitemap(DirectorySitemap):
    priority = 0.5

    def items(self):
        return Hospital.objects.filter(is_active=True).only("slug", "updated").order_by("pk")


def listed_packages(today=None):
    today = today or timezone.localdate()
    return MaternityPackage.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today), is_active=True
    )


class PackageSitemap(DirectorySitemap):
    priority = 0.6

    def items(self):
        return listed_packages().only("slug", "updated").order_by("pk")


class DoctorCitySitemap(Sitemap):
    """/gynecologists/<city>/ for every city with an active doctor; lastmod is its newest change."""

    changefreq = "daily"
    priority = 0.7

    def items(self):
        return (
            City.objects.filter(doctors__is_active=True)
            .annotate(last_change=Max("doctors__updated"))
            .only("slug")
            .order_by("name")
        )

    def lastmod(self, item):
        return item.last_change


class PackageCitySitemap(Sitemap):
    """/maternity-packages/<city>/ for every city with a listed package."""

    changefreq = "daily"
    priority = 0.7

    def items(self):
        today = timezone.localdate()
        return (
            City.objects.filter(
                Q(packages__valid_until__isnull=True) | Q(packages__valid_until__gte=today),
                packages__is_active=True,
            )
            .annotate(last_change=Max("packages__updated"))
            .only("slug")
            .order_by("name")
        )

    def location(self, item):
        return reverse("directory:package_city", kwargs={"city": item.slug})

    def lastmod(self, item):
        return item.last_change


SITEMAPS = {
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "doctors": DoctorSitemap,
    "doctor-cities": DoctorCitySitemap,
    "hospitals": HospitalSitemap,
    "packages": PackageSitemap,
    "package-cities": PackageCitySitemap,
}
