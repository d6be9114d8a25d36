from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory"
    # What the public pages show; enquiries are private and never touch cached pages.
    public_models = ("City", "Language", "Hospital", "Gynecologist", "MaternityPackage", "SearchTerm")

    def ready(self):
        from django.db.models.signals import post_migrate

        from directory import lexicon, receivers  # noqa: F401 - connects the derived-data receivers
        from directory.fulltext import ensure_triggers
        from directory.signals import content_changed, watch_public_models
        from directory.vocabulary import ensure_vocabulary

        watch_public_models(self)
        post_migrate.connect(ensure_triggers, sender=self, dispatch_uid="directory-fulltext-triggers")
        post_migrate.connect(ensure_vocabulary, sender=self, dispatch_uid="directory-vocabulary")
        # New terms, cities or languages change how queries are read.
        content_changed.connect(lexicon.forget, dispatch_uid="directory-lexicon")
