from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import get_language, gettext

from articles.models import Article


class LatestArticlesFeed(Feed):
    """RSS 2.0: the twenty most recently published articles in the page's language (/feeds/articles/
    in English, /hi/feeds/articles/ in Hindi)."""

    description_template = None

    def link(self):
        return reverse("articles:article_list")

    def title(self):
        return gettext("%(site)s: pregnancy articles") % {"site": settings.SITE_NAME}

    def description(self):
        return gettext("New and updated pregnancy articles, each reviewed by a gynecologist.")

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = get_language()
        return feed

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
        return [topic.local_name for topic in item.topics.all()]
