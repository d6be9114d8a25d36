"""Restoring a version from History, and recovering a deleted row, only where the user may.

django-reversion's pages find a version by its own id and the object's id alone, and restore the whole
saved revision before the change form checks anything. So a version of another kind of object that
happened to share the id (a section of a live article, under a doctor's History), or a version of a
row outside the user's centres, was restored, and fields the user may not edit came back with it.
Here the version must belong to this model (and to this object), and the user must be one who may
restore (`may_restore`: superusers unless an admin says more) every record the revision would put back:
a revision can hold several (a bulk action saves every selected row in one), and restoring it restores
them all.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from reversion.models import Version


class GuardedHistoryMixin:
    def may_restore(self, request, obj=None) -> bool:
        """Whether this user may put back a saved version of `obj` (None: recover a deleted row)."""
        return request.user.is_superuser

    def may_restore_revision(self, request, revision) -> bool:
        """Whether this user may put back every record of `revision` that a guarded admin manages (the
        rows of inlines, an article's sections, come and go with their record)."""
        for version in revision.version_set.select_related("content_type"):
            model_admin = self.admin_site._registry.get(version.content_type.model_class())
            if not isinstance(model_admin, GuardedHistoryMixin):
                continue
            obj = model_admin.get_queryset(request).filter(pk=version.object_id).first()
            if obj is None:
                # Deleted since (restoring recovers it), or outside the user's own rows.
                exists = version.content_type.model_class()._default_manager.filter(pk=version.object_id)
                if exists.exists() or not model_admin.may_restore(request):
                    return False
            elif not (
                model_admin.has_change_permission(request, obj) and model_admin.may_restore(request, obj)
            ):
                return False
        return True

    def revision_view(self, request, object_id, version_id, extra_context=None):
        object_id = unquote(object_id)
        version = (
            Version.objects.get_for_model(self.model)
            .select_related("revision")
            .filter(pk=version_id, object_id=object_id)
            .first()
        )
        if version is None:
            raise Http404("No such version of this record.")
        obj = self.get_object(request, object_id)  # a row outside the user's own is a 404 here
        if obj is None:
            raise Http404("No such record.")
        if not (self.has_change_permission(request, obj) and self.may_restore(request, obj)):
            raise PermissionDenied
        if not self.may_restore_revision(request, version.revision):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = (
            Version.objects.get_deleted(self.model).select_related("revision").filter(pk=version_id).first()
        )
        if version is None:
            raise Http404("No such deleted record.")
        if not (self.may_restore(request) and self.may_restore_revision(request, version.revision)):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.may_restore(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)
