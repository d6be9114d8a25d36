"""Listings: directory managers edit every city, centre, doctor and package; centre staff keep their
own centres' packages and doctors' consultation details current (directory.admin.scoping).

The rules about derived data live on the models, so every write path keeps them: packages derive
their search columns in save(), doctors when their languages or centres change (directory.receivers),
renaming a city or a centre re-derives the rows that mention it, and deactivating a centre withdraws
its packages (HospitalQuerySet.set_active, Hospital.save).
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.files.storage import default_storage
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from directory.admin.history import GuardedHistoryMixin
from directory.admin.scoping import CentreListingAdminMixin, limited_to_own_centres, manages_all_listings
from directory.models import City, Gynecologist, Hospital, Language, MaternityPackage, SearchTerm
from directory.templatetags.directory_format import inr

CONTACT_PERMISSION = "directory.view_patient_contact"


class LinesField(forms.CharField):
    """A list of short texts edited as one item per line (stored as a JSON list)."""

    widget = forms.Textarea(attrs={"rows": 5, "cols": 60})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class MaternityPackageForm(forms.ModelForm):
    inclusions = LinesField(required=False, help_text="One item per line, e.g. “Delivery charges”.")
    exclusions = LinesField(required=False, help_text="One item per line, e.g. “NICU stay”.")

    def clean_valid_until(self):
        valid_until = self.cleaned_data.get("valid_until")
        if valid_until and "valid_until" in self.changed_data and valid_until < timezone.localdate():
            raise forms.ValidationError(
                "This date has passed: a price can only be valid until today or later. "
                "To stop offering the package, untick “Is active” instead."
            )
        return valid_until

    class Meta:
        model = MaternityPackage
        fields = [
            "hospital",
            "name",
            "slug",
            "is_active",
            "delivery_type",
            "room_type",
            "price",
            "nights",
            "valid_until",
            "inclusions",
            "exclusions",
        ]


@admin.display(description="Photo")
def thumbnail(obj):
    rendition = (obj.photo_renditions or {}).get("160")
    if not rendition:
        return "—"
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" class="directory-thumbnail" loading="lazy">',
        default_storage.url(rendition["jpg"]),
        round(rendition["width"] / 2),
        round(rendition["height"] / 2),
    )


class ActivationActions:
    """Bulk activate / deactivate, shared by hospitals, doctors and packages (for centre staff only
    where `is_active` is one of the fields they keep)."""

    actions = ["activate", "deactivate"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if limited_to_own_centres(request.user) and "is_active" not in self.centre_fields:
            actions.pop("activate", None)
            actions.pop("deactivate", None)
        return actions

    @admin.action(description="Activate the selected %(verbose_name_plural)s", permissions=["change"])
    def activate(self, request, queryset):
        count = self.set_active(request, queryset, True)
        self.message_user(request, f"{count} activated.", messages.SUCCESS)

    @admin.action(description="Deactivate the selected %(verbose_name_plural)s", permissions=["change"])
    def deactivate(self, request, queryset):
        count = self.set_active(request, queryset, False)
        self.message_user(request, f"{count} deactivated (hidden from patients).", messages.SUCCESS)

    def set_active(self, request, queryset, active: bool) -> int:
        """Activate or deactivate in one update, and record who did it as a save would: in each row's
        History (a version) and in the admin log, which portal.audit also writes to the log."""
        changed = list(queryset.exclude(is_active=active).values_list("pk", flat=True))
        count = queryset.set_active(active)
        comment = "Activated (bulk action)." if active else "Deactivated (bulk action)."
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(comment)
            # Each version holds the row's many-to-many links: read them in one query per kind.
            many = [field.name for field in self.model._meta.many_to_many]
            for obj in self.model._default_manager.filter(pk__in=changed).prefetch_related(*many):
                reversion.add_to_revision(obj)
                self.log_change(request, obj, comment)
        return count


class ListingHistoryMixin(GuardedHistoryMixin):
    """Directory managers and superusers restore saved versions; centre staff, who keep only some
    fields of their own rows, do not (a version would bring back all of them)."""

    def may_restore(self, request, obj=None) -> bool:
        return request.user.is_superuser or manages_all_listings(request.user)


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "slug"]
    list_filter = ["state"]
    search_fields = ["name", "state"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "bit"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_readonly_fields(self, request, obj=None):
        # The bit is baked into every doctor's language mask: fixed once the language exists.
        return ["bit"] if obj else []


@admin.register(SearchTerm)
class SearchTermAdmin(admin.ModelAdmin):
    """The words patients type and what the search reads them as (directory.understanding)."""

    list_display = ["phrase", "read_as", "group", "updated"]
    list_filter = ["group"]
    search_fields = ["phrase", "means"]
    fields = ["phrase", "means", "group"]
    list_per_page = 100

    @admin.display(description="read as", ordering="means")
    def read_as(self, term):
        return term.means or "(ignored)"


class PackageRowForm(MaternityPackageForm):
    """A package as a row of its centre's form: what it covers is edited on the package's own page.
    Without the two fields the row never shows, an untouched row counts as unchanged and is not saved
    again over the centre's own changes to it."""

    inclusions = None
    exclusions = None


class PackageInline(admin.TabularInline):
    model = MaternityPackage
    form = PackageRowForm
    fields = ["name", "slug", "delivery_type", "room_type", "price", "nights", "valid_until", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    extra = 0
    show_change_link = True


class HospitalForm(forms.ModelForm):
    restore_withdrawn_packages = forms.BooleanField(
        label="List again the packages withdrawn with this centre",
        required=False,
        help_text="When this centre was deactivated, its packages were withdrawn with it. Tick this "
        "to list them again as the centre is activated; check their prices first.",
    )

    class Meta:
        model = Hospital
        fields = [
            "name",
            "slug",
            "city",
            "locality",
            "address",
            "is_active",
            "phone",
            "email",
            "photo",
            "description",
            "staff",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        withdrawn = self.instance.pk and self.instance.packages.filter(withdrawn_with_centre=True).count()
        if not withdrawn and "restore_withdrawn_packages" in self.fields:
            del self.fields["restore_withdrawn_packages"]
        elif withdrawn and "restore_withdrawn_packages" in self.fields:  # not offered to centre staff
            self.fields[
                "restore_withdrawn_packages"
            ].label = f"List again the {withdrawn} package{'s' if withdrawn != 1 else ''} withdrawn with this centre"


@admin.register(Hospital)
class HospitalAdmin(ActivationActions, ListingHistoryMixin, CentreListingAdminMixin, VersionAdmin):
    form = HospitalForm
    list_display = [thumbnail, "name", "city", "locality", "phone", "package_count", "is_active"]
    list_display_links = ["name"]
    list_filter = ["is_active", "city"]
    list_select_related = ["city"]
    search_fields = ["name", "locality", "city__name"]
    autocomplete_fields = ["city", "staff"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name", "pk"]  # the package count groups rows, which drops Meta.ordering
    readonly_fields = [thumbnail]
    inlines = [PackageInline]
    actions = ["activate", "activate_with_packages", "deactivate"]
    form_only_fields = ("restore_withdrawn_packages",)

    def get_fieldsets(self, request, obj=None):
        first = ["name", "slug", "city", "locality", "address", "is_active"]
        if obj is not None and obj.packages.filter(withdrawn_with_centre=True).exists():
            first.append("restore_withdrawn_packages")
        fieldsets = [
            (None, {"fields": first}),
            ("Contact", {"fields": ["phone", "email"]}),
            ("Presentation", {"fields": ["photo", thumbnail, "description"]}),
            ("Centre staff", {"fields": ["staff"]}),
        ]
        return self.without_form_only_fields(request, fieldsets)

    def may_restore(self, request, obj=None) -> bool:
        # A centre's version holds its staff list: putting it back would attach whoever worked there
        # then, which only superusers decide.
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        # Who works for a centre decides whose patients' numbers an account sees: superusers attach
        # staff (here or with `add_centre_staff`); directory managers, who never see enquiries, do not.
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser and "staff" not in fields:
            fields.append("staff")
        return fields

    def get_inlines(self, request, obj):
        # Centre staff change their packages on the package pages, field by field.
        return [] if limited_to_own_centres(request.user) else self.inlines

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_package_count=Count("packages"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # the package rows first, then:
        obj = form.instance
        if not obj.is_active:
            # A row edited in this same save was read before the centre withdrew its packages.
            MaternityPackage.objects.filter(hospital=obj).withdraw_with_centre()
        if form.cleaned_data.get("restore_withdrawn_packages") and obj.is_active:
            count = Hospital.objects.filter(pk=obj.pk).restore_withdrawn_packages()
            self.message_user(request, f"{count} withdrawn package{'s' if count != 1 else ''} listed again.")

    @admin.action(description="Activate the selected %(verbose_name_plural)s", permissions=["change"])
    def activate(self, request, queryset):
        withdrawn = MaternityPackage.objects.filter(hospital__in=queryset, withdrawn_with_centre=True).count()
        super().activate(request, queryset)
        if withdrawn:
            self.message_user(
                request,
                f"{withdrawn} of their packages were withdrawn when they were deactivated and are still "
                "hidden: check their prices, then use “Activate … and list their withdrawn packages again”.",
                messages.WARNING,
            )

    @admin.action(
        description="Activate the selected %(verbose_name_plural)s and list their withdrawn packages again",
        permissions=["change"],
    )
    def activate_with_packages(self, request, queryset):
        count = self.set_active(request, queryset, True)
        restored = queryset.restore_withdrawn_packages()
        self.message_user(
            request, f"{count} activated; {restored} of their packages listed again.", messages.SUCCESS
        )

    @admin.display(description="Packages", ordering="_package_count")
    def package_count(self, obj):
        return obj._package_count

    @admin.action(description="Deactivate the selected %(verbose_name_plural)s", permissions=["change"])
    def deactivate(self, request, queryset):
        packages = MaternityPackage.objects.filter(hospital__in=queryset, is_active=True).count()
        super().deactivate(request, queryset)  # withdraws their packages too (HospitalQuerySet)
        if packages:
            self.message_user(request, f"{packages} of their packages were deactivated too.", messages.INFO)


class GynecologistForm(forms.ModelForm):
    confirm_centres_elsewhere = forms.BooleanField(
        label="Yes, she practises at these centres in other cities",
        required=False,
        help_text="Needed only when a centre is outside the doctor's city.",
    )

    class Meta:
        model = Gynecologist
        fields = [
            "name",
            "slug",
            "gender",
            "registration_number",
            "is_active",
            "city",
            "hospitals",
            "consultation_days",
            "consultation_hours",
            "qualifications",
            "experience_years",
            "consultation_fee",
            "languages",
            "photo",
            "bio",
        ]

    def clean(self):
        cleaned = super().clean()
        city, centres = cleaned.get("city"), cleaned.get("hospitals")
        if city is None or not centres or "hospitals" not in self.fields:
            return cleaned
        elsewhere = [centre for centre in centres if centre.city_id != city.pk]
        if elsewhere and not cleaned.get("confirm_centres_elsewhere"):
            names = "; ".join(f"{centre.name} ({centre.city.name})" for centre in elsewhere)
            self.add_error(
                "hospitals",
                f"{names} {'is' if len(elsewhere) == 1 else 'are'} not in {city.name}. Patients searching "
                f"{city.name} will be sent there: tick the confirmation below if that is right.",
            )
        return cleaned


@admin.register(Gynecologist)
class GynecologistAdmin(ActivationActions, ListingHistoryMixin, CentreListingAdminMixin, VersionAdmin):
    form = GynecologistForm
    centre_fields = ("consultation_days", "consultation_hours", "consultation_fee")
    form_only_fields = ("confirm_centres_elsewhere",)
    list_display = [
        thumbnail,
        "name",
        "city",
        "qualifications",
        "experience_years",
        "fee",
        "registration_number",
        "is_active",
    ]
    list_display_links = ["name"]
    list_filter = ["is_active", "city", "gender", "languages"]
    list_select_related = ["city"]
    search_fields = ["name", "registration_number", "qualifications", "city__name", "hospitals__name"]
    autocomplete_fields = ["city", "hospitals", "languages"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = [thumbnail]
    fieldsets = [
        (None, {"fields": ["name", "slug", "gender", "registration_number", "is_active"]}),
        (
            "Practice",
            {
                "fields": [
                    "city",
                    "hospitals",
                    "confirm_centres_elsewhere",
                    "consultation_days",
                    "consultation_hours",
                ]
            },
        ),
        (
            "Profile",
            {
                "fields": [
                    "qualifications",
                    "experience_years",
                    "consultation_fee",
                    "languages",
                    "photo",
                    thumbnail,
                    "bio",
                ]
            },
        ),
    ]

    @admin.display(description="Fee", ordering="consultation_fee")
    def fee(self, obj):
        return inr(obj.consultation_fee)


class PriceConfirmationFilter(admin.SimpleListFilter):
    title = "price confirmation"
    parameter_name = "price_confirmation"

    def lookups(self, request, model_admin):
        return [
            ("stale", "Possibly out of date (not confirmed for 180 days)"),
            ("expiring", "Ends within 30 days"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.price_unconfirmed()
        if self.value() == "expiring":
            return queryset.expiring()
        return queryset


@admin.register(MaternityPackage)
class MaternityPackageAdmin(ActivationActions, ListingHistoryMixin, CentreListingAdminMixin, VersionAdmin):
    form = MaternityPackageForm
    centre_fields = ("price", "nights", "room_type", "inclusions", "exclusions", "valid_until", "is_active")
    list_display = [
        "name",
        "hospital_name",
        "city",
        "delivery_type",
        "room_type",
        "price_inr",
        "nights",
        "valid_until",
        "confirmed",
        "is_active",
    ]
    list_filter = ["is_active", PriceConfirmationFilter, "city", "delivery_type", "room_type", "valid_until"]
    list_select_related = ["hospital", "city"]
    search_fields = ["name", "hospital__name", "hospital__locality", "city__name"]
    autocomplete_fields = ["hospital"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["hospital", "name", "slug", "is_active"]}),
        (
            "Offer",
            {"fields": ["delivery_type", "room_type", "price", "nights", "valid_until", "price_confirmed"]},
        ),
        ("What the price covers", {"fields": ["inclusions", "exclusions"]}),
    ]

    @admin.display(description="Hospital", ordering="hospital__name")
    def hospital_name(self, obj):
        return obj.hospital.name

    readonly_fields = ["price_confirmed"]

    @admin.display(description="Price", ordering="price")
    def price_inr(self, obj):
        return inr(obj.price)

    @admin.display(description="Price confirmed", ordering="price_confirmed")
    def confirmed(self, obj):
        when = obj.price_confirmed.strftime("%d %b %Y") if obj.price_confirmed else "never"
        return f"{when}: possibly out of date" if obj.price_may_be_out_of_date() else when

    def save_model(self, request, obj, form, change):
        """A save by the package's own centre confirms its price (shown on the package page)."""
        if obj.hospital_id and obj.hospital.staff.filter(pk=request.user.pk).exists():
            obj.price_confirmed = timezone.localdate()
        super().save_model(request, obj, form, change)
