from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Site"

    def ready(self):
        from django.apps import apps
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from portal.audit import log_admin_action
        from portal.pagecache import bump_content_version

        post_save.connect(log_admin_action, sender=LogEntry, dispatch_uid="portal-audit-log")

        # Any change to what public pages show invalidates the cached pages. Enquiries are private.
        for app_label in ("directory", "articles"):
            for model in apps.get_app_config(app_label).get_models():
                if model.__name__ == "Enquiry":
                    continue
                uid = f"pagecache-{model._meta.label}"
                post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + "-save")
                post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + "-delete")
                for field in model._meta.local_many_to_many:
                    m2m_changed.connect(
                        bump_content_version,
                        sender=field.remote_field.through,
                        dispatch_uid=f"{uid}-{field.name}",
                    )
