"""The site's own entry pages in /sitemap.xml (the apps list their articles, doctors and packages):
the home page, the article list, both directory searches, the due-date calculator and the privacy
notice, each in English and in Hindi with the other as its alternate."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from directory.sitemaps import BothLanguages

ENTRY_PAGES = [
    ("home", 1.0),
    ("articles:article_list", 0.8),
    ("directory:doctor_search", 0.8),
    ("directory:package_search", 0.8),
    ("calculators:due_date", 0.8),
    ("directory:privacy", 0.3),
]


class EntryPageSitemap(BothLanguages, Sitemap):
    changefreq = "daily"

    def items(self):
        return [name for name, _ in ENTRY_PAGES]

    def location(self, item):
        return reverse(item)

    def priority(self, item):
        return dict(ENTRY_PAGES)[item]


SITEMAPS = {"pages": EntryPageSitemap}
