"""Admin for directory managers (listings) and centre staff (enquiries).

The rules about derived data live on the models, so every write path keeps them: packages derive
their search columns in save(), doctors when their languages or centres change (directory.receivers),
renaming a city or a centre re-derives the rows that mention it, and deactivating a centre withdraws
its packages (HospitalQuerySet.set_active, Hospital.save).
"""

from django import forms
from django.contrib import admin, messages
from django.core.files.storage import default_storage
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html

from directory.exports import enquiries_csv
from directory.models import City, Enquiry, EnquiryStatus, Gynecologist, Hospital, Language, MaternityPackage
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
    """Bulk activate / deactivate, shared by hospitals, doctors and packages."""

    actions = ["activate", "deactivate"]

    @admin.action(description="Activate the selected %(verbose_name_plural)s", permissions=["change"])
    def activate(self, request, queryset):
        count = queryset.set_active(True)
        self.message_user(request, f"{count} activated.", messages.SUCCESS)

    @admin.action(description="Deactivate the selected %(verbose_name_plural)s", permissions=["change"])
    def deactivate(self, request, queryset):
        count = queryset.set_active(False)
        self.message_user(request, f"{count} deactivated (hidden from patients).", messages.SUCCESS)


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


class PackageInline(admin.TabularInline):
    model = MaternityPackage
    form = MaternityPackageForm
    fields = ["name", "slug", "delivery_type", "room_type", "price", "nights", "valid_until", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    extra = 0
    show_change_link = True


@admin.register(Hospital)
class HospitalAdmin(ActivationActions, admin.ModelAdmin):
    list_display = [thumbnail, "name", "city", "locality", "phone", "package_count", "is_active"]
    list_display_links = ["name"]
    list_filter = ["is_active", "city"]
    list_select_related = ["city"]
    search_fields = ["name", "locality", "city__name"]
    autocomplete_fields = ["city"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name", "pk"]  # the package count groups rows, which drops Meta.ordering
    readonly_fields = [thumbnail]
    fieldsets = [
        (None, {"fields": ["name", "slug", "city", "locality", "address", "is_active"]}),
        ("Contact", {"fields": ["phone", "email"]}),
        ("Presentation", {"fields": ["photo", thumbnail, "description"]}),
    ]
    inlines = [PackageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_package_count=Count("packages"))

    @admin.display(description="Packages", ordering="_package_count")
    def package_count(self, obj):
        return obj._package_count

    @admin.action(description="Deactivate the selected %(verbose_name_plural)s", permissions=["change"])
    def deactivate(self, request, queryset):
        packages = MaternityPackage.objects.filter(hospital__in=queryset, is_active=True).count()
        super().deactivate(request, queryset)  # withdraws their packages too (HospitalQuerySet)
        if packages:
            self.message_user(request, f"{packages} of their packages were deactivated too.", messages.INFO)


@admin.register(Gynecologist)
class GynecologistAdmin(ActivationActions, admin.ModelAdmin):
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
        ("Practice", {"fields": ["city", "hospitals", "consultation_days", "consultation_hours"]}),
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


@admin.register(MaternityPackage)
class MaternityPackageAdmin(ActivationActions, admin.ModelAdmin):
    form = MaternityPackageForm
    list_display = [
        "name",
        "hospital_name",
        "city",
        "delivery_type",
        "room_type",
        "price_inr",
        "nights",
        "valid_until",
        "is_active",
    ]
    list_filter = ["is_active", "city", "delivery_type", "room_type", "valid_until"]
    list_select_related = ["hospital", "city"]
    search_fields = ["name", "hospital__name", "hospital__locality", "city__name"]
    autocomplete_fields = ["hospital"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["hospital", "name", "slug", "is_active"]}),
        ("Offer", {"fields": ["delivery_type", "room_type", "price", "nights", "valid_until"]}),
        ("What the price covers", {"fields": ["inclusions", "exclusions"]}),
    ]

    @admin.display(description="Hospital", ordering="hospital__name")
    def hospital_name(self, obj):
        return obj.hospital.name

    @admin.display(description="Price", ordering="price")
    def price_inr(self, obj):
        return inr(obj.price)


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    """Only Centre staff and superusers: enquiries carry patients' contact details."""

    list_display = ["reference", "created", "patient_name", "about", "hospital", "status"]
    list_filter = ["status", ("hospital", admin.RelatedOnlyFieldListFilter), "created"]
    list_select_related = ["doctor", "package", "hospital"]
    search_fields = ["reference", "patient_name", "hospital__name", "doctor__name", "package__name"]
    date_hierarchy = "created"
    actions = ["mark_contacted", "export_csv"]
    readonly_fields = [
        "reference",
        "created",
        "doctor",
        "package",
        "hospital",
        "patient_name",
        "phone",
        "email",
        "preferred_date",
        "message",
        "consent",
    ]

    def _may_see_contact(self, request) -> bool:
        return request.user.has_perm(CONTACT_PERMISSION)

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if self._may_see_contact(request):
            columns.insert(3, "phone")
        return columns

    def get_fields(self, request, obj=None):
        fields = [
            "reference",
            "created",
            "status",
            "staff_notes",
            "doctor",
            "package",
            "hospital",
            "patient_name",
            "phone",
            "email",
            "preferred_date",
            "message",
            "consent",
        ]
        if not self._may_see_contact(request):
            fields = [f for f in fields if f not in ("phone", "email")]
        return fields

    def has_module_permission(self, request):
        return request.user.is_active and request.user.has_perm("directory.view_enquiry")

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.has_perm("directory.view_enquiry")

    def has_add_permission(self, request):
        return False  # enquiries come from patients through the public form

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description="About")
    def about(self, obj):
        return obj.doctor.name if obj.doctor_id else obj.package.name

    @admin.action(description="Mark the selected enquiries as contacted", permissions=["change"])
    def mark_contacted(self, request, queryset):
        count = queryset.exclude(status=EnquiryStatus.CONTACTED).update(
            status=EnquiryStatus.CONTACTED, updated=timezone.now()
        )
        self.message_user(request, f"{count} marked as contacted.", messages.SUCCESS)

    @admin.action(description="Export the selected enquiries as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        return enquiries_csv(queryset, with_contact=self._may_see_contact(request))
