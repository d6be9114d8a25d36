"""Who sees and changes what in the directory admin.

Directory managers (permission `directory.manage_listings`) and superusers work on every listing.
Centre staff (permission `directory.act_for_own_centres`) work only on their own centres' rows
(`Hospital.staff`); others with a view permission (editors choosing a reviewer) see every listing
read-only. Each admin narrows its
queryset with one QuerySet method of its model, and that queryset is what every entry point reads
(list, search, filters, detail, history, export, actions, autocomplete). A row outside it, asked for
by URL, answers 404 and shows nothing of itself.
"""

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
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


class PlainRelatedTextMixin:
    """A read-only foreign key is shown as plain text to someone who may not view the object it names.

    Django 5.2 links every read-only foreign key to the related object's admin page whatever the
    user may see (Django ticket #33171), so centre staff reading a doctor's "City" got a link to a
    403. The swap is made on the form the page is about to show, after Django has decided what is
    read-only for this user.
    """

    _plain_fields: dict = {}

    def render_change_form(self, request, context, *args, **kwargs):
        adminform = context.get("adminform")
        if adminform is not None:
            swap = {
                name: self._plain(name)
                for name in adminform.readonly_fields
                if isinstance(name, str) and self._hidden_from(request, name)
            }
            if swap:
                adminform.readonly_fields = [swap.get(name, name) for name in adminform.readonly_fields]
                adminform.fieldsets = [
                    (title, {**options, "fields": [_swapped(line, swap) for line in options["fields"]]})
                    for title, options in adminform.fieldsets
                ]
        return super().render_change_form(request, context, *args, **kwargs)

    def _hidden_from(self, request, name: str) -> bool:
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if not field.many_to_one:
            return False
        related_admin = self.admin_site._registry.get(field.related_model)
        return related_admin is not None and not related_admin.has_view_permission(request)

    def _plain(self, name: str):
        """One display function per model and field, so that fieldsets and readonly_fields name the same
        object."""
        key = (self.model, name)
        if key not in PlainRelatedTextMixin._plain_fields:
            field = self.model._meta.get_field(name)

            def show(obj):
                return str(getattr(obj, name)) if getattr(obj, field.attname) is not None else "-"

            show.short_description = field.verbose_name.capitalize()
            PlainRelatedTextMixin._plain_fields[key] = show
        return PlainRelatedTextMixin._plain_fields[key]


def _swapped(line, swap):
    """A fieldset line is a field's name or a tuple of names shown side by side."""
    if isinstance(line, (list, tuple)):
        return type(line)(swap.get(name, name) for name in line)
    return swap.get(line, line)


class CentreListingAdminMixin(PlainRelatedTextMixin, ScopedAdminMixin):
    """Listings that centre staff keep current for their own centres: they may change only
    `centre_fields` (everything else is shown read-only), and add or delete nothing."""

    centre_fields: tuple[str, ...] = ()
    form_only_fields: tuple[str, ...] = ()  # confirmations that only those who may change all take

    def scope(self, queryset, user):
        return queryset.of_staff(user) if limited_to_own_centres(user) else queryset

    def get_fieldsets(self, request, obj=None):
        return self.without_form_only_fields(request, super().get_fieldsets(request, obj))

    def without_form_only_fields(self, request, fieldsets):
        """The fieldsets as this user sees them (for an admin that builds its own)."""
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
