from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"
    public_models = ("Topic", "Article", "ArticleSection", "Source")

    def ready(self):
        from directory.signals import watch_public_models

        watch_public_models(self)
