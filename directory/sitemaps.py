"""Sitemaps of the directory's public pages, each with `lastmod`. The project assembles every app's
sitemaps into /sitemap.xml; the directory (up to 100,000 doctors) is split into pages of at most
`limit` URLs as the protocol requires."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from directory.models import City, Gynecologist, Hospital, MaternityPackage


class BothLanguages:
    """Each page in English and in Hindi (/hi/...), each listing the other as its alternate."""

    i18n = True
    alternates = True
    x_default = True

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            for alternate in url.get("alternates", ()):
                code = alternate["lang_code"]
                alternate["lang_code"] = settings.LANGUAGE_TAGS.get(code, code)
        return urls


class DirectorySitemap(BothLanguages, Sitemap):
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
        return Gynecologist.objects.active().only("slug", "updated").order_by("pk")


class HospitalSitemap(DirectorySitemap):
    priority = 0.5

    def items(self):
        return Hospital.objects.active().only("slug", "updated").order_by("pk")


class PackageSitemap(DirectorySitemap):
    priority = 0.6

    def items(self):
        return MaternityPackage.objects.listed().only("slug", "updated").order_by("pk")


class DoctorCitySitemap(BothLanguages, Sitemap):
    """/gynecologists/<city>/ for every city with an active doctor; lastmod is its newest change."""

    changefreq = "daily"
    priority = 0.7

    def items(self):
        return City.objects.with_active_doctors()

    def lastmod(self, item):
        return item.last_change


class PackageCitySitemap(BothLanguages, Sitemap):
    """/maternity-packages/<city>/ for every city with a listed package."""

    changefreq = "daily"
    priority = 0.7

    def items(self):
        return City.objects.with_listed_packages()

    def location(self, item):
        return reverse("directory:package_city", kwargs={"city": item.slug})

    def lastmod(self, item):
        return item.last_change


SITEMAPS = {
    "doctors": DoctorSitemap,
    "doctor-cities": DoctorCitySitemap,
    "hospitals": HospitalSitemap,
    "packages": PackageSitemap,
    "package-cities": PackageCitySitemap,
}
