from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"
    public_models = ("Topic", "Article", "ArticleSection", "Source")

    def search_texts(self):
        """What published articles say, for the directory's spelling vocabulary (directory.vocabulary)."""
        from articles.models import Article

        rows = Article.objects.published().values_list("title", "standfirst", "body_text")
        for row in rows.iterator(500):
            yield from row

    def ready(self):
        from articles import receivers  # noqa: F401 - connects the receivers
        from directory.signals import watch_public_models

        watch_public_models(self)
