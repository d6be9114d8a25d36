"""Staff actions in the admin, written to the structured log as well as Django's admin history."""

import logging

from django.contrib.admin.models import LogEntry

logger = logging.getLogger("portal.audit")

_ACTIONS = {1: "add", 2: "change", 3: "delete"}


def log_admin_action(sender, instance: LogEntry, created: bool, **kwargs) -> None:
    if not created:
        return
    logger.info(
        "admin %s %s",
        _ACTIONS.get(instance.action_flag, "action"),
        instance.content_type.model if instance.content_type_id else "object",
        extra={
            "user_id": instance.user_id,
            "action": _ACTIONS.get(instance.action_flag, "action"),
            "content_type": f"{instance.content_type.app_label}.{instance.content_type.model}"
            if instance.content_type_id
            else "",
            "object_id": instance.object_id or "",
        },
    )
