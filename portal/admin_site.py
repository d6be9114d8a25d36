"""The one admin site: the usual Django admin, whose index also shows each person what needs doing."""

from django.conf import settings
from django.contrib import admin

from portal.dashboard import dashboard_for


class PortalAdminSite(admin.AdminSite):
    site_header = f"{settings.SITE_NAME} administration"
    site_title = f"{settings.SITE_NAME} admin"
    index_title = "Editorial and directory administration"

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard": dashboard_for(request.user)}
        return super().index(request, extra_context)
