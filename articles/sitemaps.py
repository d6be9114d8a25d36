"""Sitemaps of the published articles and their topics, each with `lastmod` (the project assembles
every app's sitemaps into /sitemap.xml)."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Prefetch

from articles.models import Article, Topic
from directory.sitemaps import BothLanguages


class ArticleSitemap(Sitemap):
    """Published articles in both languages, each at its own address, with its translation as an
    alternate (en-IN, hi-IN, and x-default for the English one)."""

    changefreq = "monthly"
    priority = 0.8

    def items(self):
        live = Article.objects.published()
        return (
            live.only("slug", "updated", "language", "translation_of_id")
            .prefetch_related(
                Prefetch("translations", queryset=live.only("slug", "language", "translation_of_id"))
            )
            .select_related("translation_of")
            .order_by("pk")
        )

    def location(self, item):
        return item.get_absolute_url()

    def lastmod(self, item):
        return item.updated

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            pair = _pair(url["item"])
            if len(pair) == 2:
                url["alternates"] = [
                    {
                        "lang_code": settings.LANGUAGE_TAGS[a.language],
                        "location": f"{protocol}://{domain}{self.location(a)}",
                    }
                    for a in pair
                ] + [{"lang_code": "x-default", "location": f"{protocol}://{domain}{self.location(pair[0])}"}]
        return urls

    def get_latest_lastmod(self):
        return self.items().order_by().aggregate(latest=Max("updated"))["latest"]


class TopicSitemap(BothLanguages, Sitemap):
    """A topic's page exists in both languages (each lists its own language's articles)."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Topic.objects.with_published_articles().only("slug").order_by("order", "pk")

    def lastmod(self, item):
        return item.last_article


SITEMAPS = {"articles": ArticleSitemap, "topics": TopicSitemap}


def _pair(article) -> list:
    """[English, Hindi] when the article and its translation are both published; else [article]."""
    if article.language == "hi":
        original = article.translation_of
        return [original, article] if original is not None and original.is_live else [article]
    translated = list(article.translations.all())
    return [article, translated[0]] if translated else [article]
