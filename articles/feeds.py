from django.conf import settings
from django.contrib.syndication.views import Feed

from articles.models import Article


class LatestArticlesFeed(Feed):
    """RSS 2.0: the twenty most recently published articles."""

    link = "/articles/"
    description_template = None

    def title(self):
        return f"{settings.SITE_NAME}: pregnancy articles"

    def description(self):
        return "New and updated pregnancy articles, each reviewed by a gynecologist."

    def items(self):
        return Article.objects.published().in_language().prefetch_related("topics")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]
