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
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_save

        from directory.signals import content_changed
        from portal import (
            checks,  # noqa: F401 - registers the deploy check for demo accounts
            pagecache,
        )
        from portal.audit import log_admin_action

        post_save.connect(log_admin_action, sender=LogEntry, dispatch_uid="portal-audit-log")
        # Whatever the apps report as changed public content invalidates the cached pages.
        content_changed.connect(pagecache.bump_content_version, dispatch_uid="portal-pagecache")
        # The content version is read once per request (portal/pagecache.py).
        request_started.connect(pagecache.request_started, dispatch_uid="portal-pagecache-request")
        request_finished.connect(pagecache.request_finished, dispatch_uid="portal-pagecache-request")
