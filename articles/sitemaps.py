"""Sitemaps of the published articles and their topics, each with `lastmod` (the project assembles
every app's sitemaps into /sitemap.xml)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from articles.models import Article, Topic


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
        return Topic.objects.with_published_articles().only("slug").order_by("order", "pk")

    def lastmod(self, item):
        return item.last_article


SITEMAPS = {"articles": ArticleSitemap, "topics": TopicSitemap}
