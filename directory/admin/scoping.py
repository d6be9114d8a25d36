"""Who sees and changes what in the directory admin.

Directory managers (permission `directory.manage_listings`) and superusers work on every listing.
Centre staff (permission `directory.act_for_own_centres`) work only on their own centres' rows
(`Hospital.staff`); others with a view permission (editors choosing a reviewer) see every listing
read-only. Each admin narrows its
queryset with one QuerySet method of its model, and that queryset is what every entry point reads
(list, search, filters, detail, history, export, actions, autocomplete). A row outside it, asked for
by URL, answers 404 and shows nothing of itself.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

LISTINGS_PERMISSION = "directory.manage_listings"
OWN_CENTRES_PERMISSION = "directory.act_for_own_centres"


def manages_all_listings(user) -> bool:
    return user.is_active and user.has_perm(LISTINGS_PERMISSION)


def limited_to_own_centres(user) -> bool:
    return not manages_all_listings(user) and user.has_perm(OWN_CENTRES_PERMISSION)


class ScopedAdminMixin:
    """`get_queryset` narrowed by `scope(queryset, user)`; any other row is a 404, never a redirect."""

    def scope(self, queryset, user):
        raise NotImplementedError

    def get_queryset(self, request):
        return self.scope(super().get_queryset(request), request.user)

    def get_object(self, request, object_id, from_field=None):
        """A well-formed id outside the queryset (another centre's, or none at all: the two look the
        same) is a 404; a malformed one keeps Django's redirect to the index."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            if not self.has_view_or_change_permission(request):
                raise PermissionDenied
            field = self.model._meta.get_field(from_field) if from_field else self.model._meta.pk
            try:
                field.to_python(object_id)
            except ValidationError:
                return None
            raise Http404("No such record among yours.")
        return obj


class CentreListingAdminMixin(ScopedAdminMixin):
    """Listings that centre staff keep current for their own centres: they may change only
    `centre_fields` (everything else is shown read-only), and add or delete nothing."""

    centre_fields: tuple[str, ...] = ()
    form_only_fields: tuple[str, ...] = ()  # confirmations that only those who may change all take

    def scope(self, queryset, user):
        return queryset.of_staff(user) if limited_to_own_centres(user) else queryset

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not limited_to_own_centres(request.user):
            return fieldsets
        return [
            (title, {**options, "fields": [f for f in options["fields"] if f not in self.form_only_fields]})
            for title, options in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if limited_to_own_centres(request.user):
            for name in self.form_only_fields:
                form.base_fields.pop(name, None)
        return form

    def get_prepopulated_fields(self, request, obj=None):
        return {} if limited_to_own_centres(request.user) else super().get_prepopulated_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not limited_to_own_centres(request.user):
            return readonly
        names = [name for _, options in self.get_fieldsets(request, obj) for name in options["fields"]]
        return readonly + [name for name in names if name not in self.centre_fields and name not in readonly]

    def has_add_permission(self, request, *args):
        return not limited_to_own_centres(request.user) and super().has_add_permission(request, *args)

    def has_delete_permission(self, request, obj=None):
        return not limited_to_own_centres(request.user) and super().has_delete_permission(request, obj)
