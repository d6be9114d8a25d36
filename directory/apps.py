from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory"
    # What the public pages show; enquiries are private and never touch cached pages.
    public_models = ("City", "Language", "Hospital", "Gynecologist", "MaternityPackage")

    def ready(self):
        from directory import receivers  # noqa: F401 - connects the derived-data receivers
        from directory.signals import watch_public_models

        watch_public_models(self)
