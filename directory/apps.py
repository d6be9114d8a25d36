from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory"
    # What the public pages show; enquiries are private and never touch cached pages.
    public_models = ("City", "Language", "Hospital", "Gynecologist", "MaternityPackage")

    def ready(self):
        from django.db.models.signals import post_migrate

        from directory import receivers  # noqa: F401 - connects the derived-data receivers
        from directory.fulltext import ensure_triggers
        from directory.signals import watch_public_models

        watch_public_models(self)
        post_migrate.connect(ensure_triggers, sender=self, dispatch_uid="directory-fulltext-triggers")
