"""Enquiries and their notifications, for centre staff (their own centres only) and superusers.

Enquiries carry patients' names and phone numbers: every view of them goes through
`Enquiry.objects.visible_to(user)`, and phone and email appear only with the contact permission.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import LogEntry
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html

from directory import notifications
from directory.admin.scoping import ScopedAdminMixin
from directory.exports import enquiries_csv
from directory.forms import normalise_mobile
from directory.models import (
    AccessAction,
    AccessRecord,
    Enquiry,
    EnquiryStatus,
    Grievance,
    GrievanceStatus,
    Notification,
)

CONTACT_PERMISSION = "directory.view_patient_contact"


def may_see_contact(request) -> bool:
    return request.user.has_perm(CONTACT_PERMISSION)


@admin.register(Enquiry)
class EnquiryAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["reference", "created", "patient_name", "about", "hospital", "status"]
    list_filter = ["status", ("hospital", admin.RelatedOnlyFieldListFilter), "created"]
    list_select_related = ["doctor", "package", "hospital"]
    search_fields = ["reference", "patient_name", "hospital__name", "doctor__name", "package__name"]
    date_hierarchy = "created"
    actions = ["mark_contacted", "export_csv", "send_new_link", "erase_on_request"]
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
        "language",
        "consent",
    ]

    def scope(self, queryset, user):
        return queryset.visible_to(user)

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if may_see_contact(request):
            columns.insert(3, "phone")
        return columns

    def get_search_fields(self, request):
        fields = list(super().get_search_fields(request))
        return [*fields, "email"] if may_see_contact(request) else fields

    def get_search_results(self, request, queryset, search_term):
        """A mobile number however it is typed ("98765 43210", "+91-98765-43210") finds the enquiry,
        for those who may see phone numbers."""
        mobile = normalise_mobile(search_term) if may_see_contact(request) else None
        if mobile:
            return queryset.filter(phone=mobile), False
        return super().get_search_results(request, queryset, search_term)

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
            "language",  # the language she wrote in: call her back in it
            "consent",
        ]
        if not may_see_contact(request):
            fields = [f for f in fields if f not in ("phone", "email")]
        return fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "staff_notes":
            # Shown to the patient word for word on her private page (my_enquiry.html): staff must know.
            field.help_text = (
                "The patient reads these notes on her private enquiry page. Write them for her; keep "
                "anything she should not read out of them."
            )
        return field

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
        return obj.subject.name

    @admin.action(description="Mark the selected enquiries as contacted", permissions=["change"])
    def mark_contacted(self, request, queryset):
        """New ones only: a closed enquiry stays closed, and one the patient withdrew (her data erased)
        is never reopened."""
        count = queryset.filter(status=EnquiryStatus.NEW).update(
            status=EnquiryStatus.CONTACTED, updated=timezone.now()
        )
        left = queryset.exclude(status__in=[EnquiryStatus.NEW, EnquiryStatus.CONTACTED]).count()
        note = f" {left} closed or withdrawn left as they were." if left else ""
        self.message_user(request, f"{count} marked as contacted.{note}", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        """Only what staff edit here (status, notes), and only while the enquiry still holds its data:
        a withdrawal, an erasure or a new private link since this request read the enquiry stands
        (saving that older copy whole would bring back the patient's erased details, or her old link)."""
        edited = {
            name: value for name, value in form.cleaned_data.items() if name in ("status", "staff_notes")
        }
        saved = (
            Enquiry.objects.filter(pk=obj.pk, erased__isnull=True)
            .exclude(status=EnquiryStatus.WITHDRAWN)
            .update(**edited, updated=timezone.now())
        )
        request.enquiry_not_saved = not saved

    def log_change(self, request, obj, message):
        if getattr(request, "enquiry_not_saved", False):
            return None  # nothing changed: no "Changed status" in its history
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if getattr(request, "enquiry_not_saved", False):
            self.message_user(
                request,
                f"Nothing was saved: the patient withdrew enquiry {obj.reference} (or its data was erased) "
                "while you were editing it.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def get_paginator(self, request, queryset, per_page, *args, **kwargs):
        """Also the paginator of an enquiry's History: there, for its centre's staff, without what
        superusers did to it (erasure, or a new private link, at the patient's request to the grievance
        officer, which the centre is not to learn of)."""
        if queryset.model is LogEntry and not request.user.is_superuser:
            queryset = queryset.exclude(user__is_superuser=True)
        return super().get_paginator(request, queryset, per_page, *args, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and (obj.status == EnquiryStatus.WITHDRAWN or obj.erased):
            # Withdrawn by the patient or past its retention, its data erased: it stays so, and nothing
            # personal (staff notes) can be written onto it again.
            readonly += [name for name in ("status", "staff_notes") if name not in readonly]
        return readonly

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            # Only the patient withdraws, from her private page: that also erases her data.
            kwargs["choices"] = [c for c in EnquiryStatus.choices if c[0] != EnquiryStatus.WITHDRAWN]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    @admin.action(
        description="Erase the personal data of the selected enquiries (a patient's request to the grievance "
        "officer)",
        permissions=["erase"],
    )
    def erase_on_request(self, request, queryset):
        """For a patient who asks the grievance officer, having lost her private link: what her own
        "withdraw" button does (the data erased everywhere at once, consent withdrawn, the centre told
        if it had heard of the enquiry), from the admin."""
        enquiries = list(queryset.filter(erased__isnull=True).select_related("hospital"))
        if request.POST.get("confirm") != "yes":
            return self._confirm(
                request,
                enquiries,
                action="erase_on_request",
                title="Erase the personal data of these enquiries?",
                step="Erase personal data",
                explanation=(
                    "This erases, at once and for good, the name, mobile number, email, preferred date, "
                    'message and staff notes of these enquiries, as the patient\'s own "withdraw" button '
                    "does. Their private links stop working; the reference, centre, dates and status are "
                    "kept. Do it only when the patient has asked the grievance officer for it."
                ),
                confirm_label="Yes, erase them",
            )
        for enquiry in enquiries:
            notifications.withdraw(enquiry)
            # Who erased it, in the admin log (and so in portal.audit): the reference only.
            self.log_change(request, enquiry, "Erased its personal data on the patient's request.")
        self.message_user(
            request, f"{len(enquiries)} erased; their private links no longer work.", messages.SUCCESS
        )

    def has_erase_permission(self, request):
        return request.user.is_superuser

    def _confirm(self, request, enquiries, **text):
        """The page that asks before an action on patients' enquiries (`text`: action, title, step,
        explanation, confirm_label, and needs_email to flag enquiries without an address)."""
        context = {
            **self.admin_site.each_context(request),
            **text,
            "opts": self.model._meta,
            "enquiries": enquiries,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/directory/enquiry/action_confirmation.html", context)

    @admin.action(
        description="Email the patient a new private link (she lost hers; the old one stops working)",
        permissions=["erase"],
    )
    def send_new_link(self, request, queryset):
        """For a patient who asks the grievance officer for her lost private link: a new one, sent only
        to the email address she gave with the enquiry, never shown here."""
        enquiries = list(queryset.filter(erased__isnull=True).select_related("hospital").order_by("pk"))
        if request.POST.get("confirm") != "yes":
            return self._confirm(
                request,
                enquiries,
                action="send_new_link",
                title="Email these patients a new private link?",
                step="New private link",
                explanation=(
                    "This emails each patient a new private link to her enquiry, in the language she wrote "
                    "in, at the email address she gave with it (never to you); her old link stops working "
                    "at once. Do it only when the patient has asked the grievance officer for it and shown "
                    "that the enquiry is hers."
                ),
                confirm_label="Yes, send them new links",
                needs_email=True,
            )
        sent, without = [], []
        for enquiry in enquiries:
            notification = notifications.send_new_link(enquiry)
            if notification is not None:
                sent.append(enquiry.reference)
                # In the history of the email, which only superusers see: the enquiry's own history is
                # open to its centre, which is not to learn that she went to the grievance officer.
                self.log_change(
                    request, notification, "Emailed the patient a new private link at her request."
                )
            else:
                without.append(enquiry.reference)
        if sent:
            self.message_user(
                request,
                f"A new private link is on its way to {len(sent)} patient(s) ({', '.join(sent)}); "
                "their old links no longer work.",
                messages.SUCCESS,
            )
        if without:
            self.message_user(
                request,
                f"No email address for {', '.join(without)}: no link sent. Her details can be read to her "
                "by phone once she has proved who she is, or erased at her request.",
                messages.WARNING,
            )

    @admin.action(description="Export the selected enquiries as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        AccessRecord.note(
            request.user, AccessAction.EXPORT, queryset.order_by("pk").values_list("reference", flat=True)
        )
        return enquiries_csv(queryset, with_contact=may_see_contact(request))

    # Every view of patients' details is recorded (AccessRecord): the list, each enquiry, each export.

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (
            getattr(response, "context_data", {}).get("cl") if hasattr(response, "context_data") else None
        )
        if changelist is not None:
            AccessRecord.note(request.user, AccessAction.LIST, [e.reference for e in changelist.result_list])
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        original = (getattr(response, "context_data", None) or {}).get("original")
        if original is not None:
            AccessRecord.note(request.user, AccessAction.VIEW, [original.reference])
        return response


@admin.register(Notification)
class NotificationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """What the job queue owes and has sent: read-only, so the record stays true."""

    list_display = [
        "enquiry",
        "kind",
        "status",
        "attempts",
        "created",
        "claimed",
        "next_attempt",
        "queued_again",
        "sent",
        "last_error",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["enquiry"]
    search_fields = ["enquiry__reference"]
    fields = list_display
    actions = ["send_again"]

    @admin.action(
        description="Send the selected failed emails again (after the mail server is fixed)",
        permissions=["send_again"],
    )
    def send_again(self, request, queryset):
        """After an outage longer than the day of retries, or a worker stopped while sending: each
        failed email queued for a new day of tries (directory.notifications.send_again)."""
        chosen = queryset.count()
        queued = notifications.send_again(queryset)
        left = chosen - queued
        if queued:
            emails = "1 email" if queued == 1 else f"{queued} emails"
            self.message_user(request, f"{emails} will be sent again by the worker.", messages.SUCCESS)
        if left:
            as_it_was = "1 left as it was" if left == 1 else f"{left} left as they were"
            self.message_user(
                request, f"{as_it_was} (sent, waiting, or cancelled by an erasure).", messages.WARNING
            )

    def has_send_again_permission(self, request):
        return request.user.is_superuser

    def scope(self, queryset, user):
        return queryset.visible_to(user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.has_perm("directory.view_enquiry")

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OverdueFilter(admin.SimpleListFilter):
    title = "answer"
    parameter_name = "answer"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue")]

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == "overdue" else queryset


class GrievanceForm(forms.ModelForm):
    def clean_status(self):
        status = self.cleaned_data["status"]
        grievance = self.instance
        if status != GrievanceStatus.CLOSED and not (grievance.email or grievance.phone):
            raise forms.ValidationError(
                "This request cannot be opened again: its contact details were erased a year after it "
                "was closed, so nobody could be answered. Ask the person to send a new request."
            )
        return status


@admin.register(Grievance)
class GrievanceAdmin(admin.ModelAdmin):
    """The grievance officer's queue: superusers and the group "Grievance officers"."""

    form = GrievanceForm
    list_display = ["reference", "kind", "name", "created", "due_by", "status"]
    list_filter = ["status", OverdueFilter, "kind"]
    search_fields = ["reference", "name", "enquiry_reference"]
    readonly_fields = [
        "reference",
        "kind",
        "name",
        "email",
        "phone",
        "enquiry_reference",
        "message",
        "created",
        "due",
    ]
    fields = [*readonly_fields[:8], "due", "status", "officer_notes"]
    date_hierarchy = "created"

    def has_add_permission(self, request):
        return False  # requests come from the public form

    @admin.display(description="Answer due by", ordering="due")
    def due_by(self, obj):
        when = obj.due.strftime("%d %b %Y")
        return format_html("<strong>{} (overdue)</strong>", when) if obj.is_overdue else when


@admin.register(AccessRecord)
class AccessRecordAdmin(admin.ModelAdmin):
    """Who saw or exported which enquiries: superusers read it; nobody changes or deletes it here."""

    list_display = ["at", "username", "action", "references"]
    list_filter = ["action"]
    search_fields = ["username", "references"]
    date_hierarchy = "at"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
