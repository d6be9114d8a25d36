from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site's own AdminSite (portal.admin_site)."""

    default = False  # "portal" in INSTALLED_APPS means PortalConfig
    default_site = "portal.admin_site.PortalAdminSite"


class PortalConfig(AppConfig):
    default = True
    name = "portal"
    verbose_name = "Site"

    def ready(self):
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import post_save

        from directory.signals import content_changed
        from portal import checks  # noqa: F401 - registers the deploy check for demo accounts
        from portal.audit import log_admin_action
        from portal.pagecache import bump_content_version

        post_save.connect(log_admin_action, sender=LogEntry, dispatch_uid="portal-audit-log")
        # Whatever the apps report as changed public content invalidates the cached pages.
        content_changed.connect(bump_content_version, dispatch_uid="portal-pagecache")
