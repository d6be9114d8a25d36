"""`content_changed`: something the public pages show may have changed.

Apps say which of their models are public (`public_models` on their AppConfig) and call
`watch_public_models()` in `ready()`; a save, delete or many-to-many change of such a row then sends
`content_changed` once it is made. Bulk writers that bypass model signals (`QuerySet.update()`,
`bulk_create()`, the importer, the demo seed) send it themselves. Whoever caches public pages (the
project's page cache) listens to this one signal, so the apps never need to know about it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

content_changed = Signal()


def announce(sender, **kwargs) -> None:
    """Send `content_changed` on behalf of `sender` (a model class)."""
    content_changed.send(sender=sender)


def _relay(sender, **kwargs) -> None:
    content_changed.send(sender=sender)


def watch_public_models(app_config) -> None:
    """Relay every write to the app's `public_models` (model names) as `content_changed`."""
    for name in app_config.public_models:
        model = app_config.get_model(name)
        uid = f"content-changed-{model._meta.label}"
        post_save.connect(_relay, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_relay, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_relay, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}")
