"""Admin for directory managers (listings) and centre staff (enquiries).

Every save path keeps the derived search columns in step: packages derive theirs in save(),
doctors after their languages and centres are saved (save_related), and renaming a city or a
centre re-derives the rows that mention it.
"""

import csv

from django import forms
from django.contrib import admin, messages
from django.core.files.storage import default_storage
from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import format_html

from directory.models import (
    City,
    Enquiry,
    EnquiryStatus,
    Gynecologist,
    Hospital,
    Language,
    MaternityPackage,
    refresh_city,
)
from directory.templatetags.directory_format import inr
from portal.pagecache import bump_content_version

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
        count = queryset.update(is_active=True, updated=timezone.now())
        bump_content_version()  # queryset.update sends no signals
        self.message_user(request, f"{count} activated.", messages.SUCCESS)

    @admin.action(description="Deactivate the selected %(verbose_name_plural)s", permissions=["change"])
    def deactivate(self, request, queryset):
        count = queryset.update(is_active=False, updated=timezone.now())
        bump_content_version()  # queryset.update sends no signals
        self.message_user(request, f"{count} deactivated (hidden from patients).", messages.SUCCESS)


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "slug"]
    list_filter = ["state"]
    search_fields = ["name", "state"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            refresh_city(obj)


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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"name", "locality", "city"} & set(form.changed_data):
            obj.refresh_dependents()
        if change and "is_active" in form.changed_data and not obj.is_active:
            self._withdraw_packages(request, Hospital.objects.filter(pk=obj.pk))

    @admin.action(description="Deactivate the selected %(verbose_name_plural)s", permissions=["change"])
    def deactivate(self, request, queryset):
        super().deactivate(request, queryset)
        self._withdraw_packages(request, queryset)

    def _withdraw_packages(self, request, hospitals):
        """A centre that is not listed cannot sell packages: they are deactivated with it (and stay so
        until a manager reactivates them, since prices may have changed meanwhile)."""
        count = MaternityPackage.objects.filter(hospital__in=hospitals, is_active=True).update(
            is_active=False, updated=timezone.now()
        )
        if count:
            bump_content_version()
            self.message_user(request, f"{count} of their packages were deactivated too.", messages.INFO)


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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_derived()


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


def csv_safe(value) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ (or a tab/CR) gets a quote."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


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
        with_contact = self._may_see_contact(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="enquiries-{stamp}.csv"'
        response.write("\ufeff")  # so spreadsheet programs read UTF-8 names correctly
        writer = csv.writer(response)
        header = ["reference", "created", "status", "centre", "about", "patient_name"]
        if with_contact:
            header += ["phone", "email"]
        header += ["preferred_date", "message", "staff_notes"]
        writer.writerow(header)
        rows = queryset.select_related("doctor", "package", "hospital").order_by("-created", "pk")
        for enquiry in rows:
            row = [
                enquiry.reference,
                timezone.localtime(enquiry.created).strftime("%Y-%m-%d %H:%M"),
                enquiry.get_status_display(),
                enquiry.hospital.name if enquiry.hospital_id else "",
                self.about(enquiry),
                enquiry.patient_name,
            ]
            if with_contact:
                row += [enquiry.phone, enquiry.email]
            row += [
                enquiry.preferred_date.isoformat() if enquiry.preferred_date else "",
                enquiry.message,
                enquiry.staff_notes,
            ]
            writer.writerow([csv_safe(cell) for cell in row])
        return response
