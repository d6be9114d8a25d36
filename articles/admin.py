"""The editorial workflow in the admin.

Editors write and edit; only users with `articles.publish_article` (Medical reviewers) publish,
record a review date, and run "mark reviewed today". The form refuses a publish by anyone else with
a message, and `save_model` refuses it again in case a form is bypassed. Every save is a
django-reversion revision (the article with its sections, red flags and sources), restorable from
History.

Clinical safety: a published article needs a "When to see a doctor" callout with at least one red
flag, each with its urgency. The inline forms refuse a publish without them (the article's own
`clean()` checks the saved rows for every other way of publishing), and `save_related` checks the
saved result once more. The list shows articles whose sources `check_sources` found broken.
"""

import datetime

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from articles.admin_drafts import LiveArticleDraftsMixin
from articles.admin_translations import ArticleTranslationsMixin, TranslationFilter
from articles.models import (
    NO_CALLOUT_MESSAGE,
    NO_RED_FLAGS_MESSAGE,
    ONE_CALLOUT_MESSAGE,
    Article,
    ArticleDraft,
    ArticleSection,
    DraftStatus,
    LinkStatus,
    RedFlag,
    Source,
    Status,
    Topic,
    Urgency,
)
from directory.admin.history import GuardedHistoryMixin
from directory.admin.scoping import PlainRelatedTextMixin

PUBLISH_PERMISSION = "articles.publish_article"


class TextAsStored(forms.CharField):
    """A text box's value with its line breaks as the site stores them: browsers send every textarea's
    line breaks as CR LF, so each save of an article would otherwise turn every untouched section into
    a "change" (CR LF against the stored LF) in the draft and in the reviewer's comparison."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


# For each admin of article text: text fields read through TextAsStored.
TEXT_AS_STORED = {models.TextField: {"form_class": TextAsStored}}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "article_count"]
    list_editable = ["order"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


def _kept_forms(formset):
    """The inline forms that will be saved: valid, filled in (or already stored) and not deleted."""
    kept = []
    for form in formset.forms:
        if not form.is_valid() or form.cleaned_data.get("DELETE"):
            continue
        if form.has_changed() or form.instance.pk:
            kept.append(form)
    return kept


class PublishCheckFormSet(forms.BaseInlineFormSet):
    """Refuses publishing (the article form's status, already cleaned into `self.instance`) when
    `missing(kept forms)` says something the callout needs is missing."""

    message = ""

    def missing(self, kept) -> bool:
        raise NotImplementedError

    def clean(self):
        super().clean()
        if self.instance.status == Status.PUBLISHED and self.missing(_kept_forms(self)):
            raise forms.ValidationError(self.message, code="publish_check")


class SectionFormSet(PublishCheckFormSet):
    message = NO_CALLOUT_MESSAGE

    def missing(self, kept) -> bool:
        return not any(form.cleaned_data.get("is_doctor_callout") for form in kept)

    def clean(self):
        super().clean()
        if sum(bool(form.cleaned_data.get("is_doctor_callout")) for form in _kept_forms(self)) > 1:
            raise forms.ValidationError(ONE_CALLOUT_MESSAGE, code="one_callout")

    def save_existing_objects(self, commit=True):
        # Only one section may be the callout (a database constraint), even for a moment: when the mark
        # moves to another section, the section that loses it (or is deleted) is written first.
        if commit:
            losing = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk
                and (form in self.deleted_forms or not form.cleaned_data.get("is_doctor_callout"))
            ]
            self.model.objects.filter(pk__in=losing, is_doctor_callout=True).update(is_doctor_callout=False)
        return super().save_existing_objects(commit)


class RedFlagFormSet(PublishCheckFormSet):
    message = NO_RED_FLAGS_MESSAGE

    def missing(self, kept) -> bool:
        return not any(form.cleaned_data.get("urgency") and form.cleaned_data.get("text") for form in kept)


class SectionInline(admin.StackedInline):
    model = ArticleSection
    formset = SectionFormSet
    formfield_overrides = TEXT_AS_STORED
    fields = ["order", "heading", "answer", "is_doctor_callout"]
    extra = 0

    class Media:
        js = ["js/markdown-preview.js"]  # a live preview beside each answer (static file: CSP holds)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "answer":
            field.widget.attrs["data-markdown-preview"] = reverse("articles:markdown_preview")
        return field

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj else 4


class RedFlagForm(forms.ModelForm):
    class Meta:
        model = RedFlag
        fields = ["order", "urgency", "text"]
        error_messages = {
            "urgency": {
                "required": "Choose how soon the reader should act on this sign: "
                + "; ".join(label.lower() for label in Urgency.labels)
                + ".",
            },
            "text": {"required": "Describe the sign, or remove this red flag."},
        }


class RedFlagInline(admin.StackedInline):
    """The signs in the "When to see a doctor" callout, each with its urgency (stacked: every field
    keeps its own label)."""

    model = RedFlag
    form = RedFlagForm
    formset = RedFlagFormSet
    formfield_overrides = TEXT_AS_STORED
    fields = ["order", "urgency", "text"]
    verbose_name = "red flag for the “When to see a doctor” callout"
    verbose_name_plural = "red flags for the “When to see a doctor” callout (grouped by urgency on the page)"

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj and obj.red_flags.exists() else 3


class SourceInline(admin.StackedInline):  # stacked: every field has its own label (a table's do not)
    model = Source
    fields = ["order", "title", "publisher", "url", "date", "accessed", "link_report"]
    readonly_fields = ["link_report"]
    extra = 1
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}, **TEXT_AS_STORED}

    @admin.display(description="link check")
    def link_report(self, obj):
        if not obj.pk or not obj.link_checked:
            return "Not checked yet (python manage.py check_sources)"
        when = timezone.localtime(obj.link_checked).strftime("%d %B %Y, %H:%M")
        if obj.link_status == LinkStatus.OK:
            return f"Working on {when}"
        return f"{obj.get_link_status_display()} on {when}: {obj.link_problem}"


class SourceLinkFilter(admin.SimpleListFilter):
    title = "source links"
    parameter_name = "links"

    def lookups(self, request, model_admin):
        return [("broken", "A source link is broken"), ("unchecked", "A source link is not checked yet")]

    def queryset(self, request, queryset):
        if self.value() == "broken":
            return queryset.filter(has_broken_source=True)
        if self.value() == "unchecked":
            return queryset.filter(Exists(Source.objects.filter(article=OuterRef("pk"), link_checked=None)))
        return queryset


class CalloutFilter(admin.SimpleListFilter):
    title = "“When to see a doctor” callout"
    parameter_name = "callout"

    def lookups(self, request, model_admin):
        return [("no-red-flags", "No red flags yet")]

    def queryset(self, request, queryset):
        if self.value() == "no-red-flags":
            return queryset.exclude(Exists(RedFlag.objects.filter(article=OuterRef("pk"))))
        return queryset


def _changes_waiting():
    return Exists(ArticleDraft.objects.filter(article=OuterRef("pk"), status=DraftStatus.PENDING))


class ChangesWaitingFilter(admin.SimpleListFilter):
    """A live article an editor corrected keeps its status (the page stays as it is): reviewers find
    the corrections waiting for their sign-off here."""

    title = "changes"
    parameter_name = "changes"

    def lookups(self, request, model_admin):
        return [("waiting", "Changes waiting for review")]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(_changes_waiting())
        return queryset


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Review overdue"),
            ("soon", "Due within 90 days"),
            ("never", "Never reviewed"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.review_overdue(today)
        if self.value() == "soon":
            return queryset.filter(
                next_review_due__gte=today, next_review_due__lte=today + datetime.timedelta(days=90)
            )
        if self.value() == "never":
            return queryset.filter(last_reviewed__isnull=True)
        return queryset


class ArticleAdminForm(forms.ModelForm):
    """The admin builds the fields from ArticleAdmin.fieldsets; this adds the publish check."""

    can_publish = False  # set per request by ArticleAdmin.get_form
    reverting = False  # restoring an old version: a publish, not an edit of the live article
    typo_fix = forms.BooleanField(
        label="Publish at once as a typo fix",
        required=False,
        help_text="Only for a small correction that changes no medical meaning: it goes live without a "
        "second reviewer, and the review date stays as it is. Anything else is saved as a draft for "
        "another reviewer to publish.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The callout's sections and red flags are checked in their inline formsets (SectionFormSet,
        # RedFlagFormSet), which see what is being submitted rather than what is stored.
        self.instance.callout_checked_by_admin_forms = True

    def clean(self):
        cleaned = super().clean()
        live = self.instance.pk and self.instance.status == Status.PUBLISHED and not self.reverting
        if cleaned.get("status") == Status.PUBLISHED and not self.can_publish and not live:
            self.add_error(
                "status",
                "You cannot publish articles: only medical reviewers can. Set the status to “In review” "
                "and a reviewer will check and publish it.",
            )
        if live and not self.can_publish and cleaned.get("status") not in (None, Status.PUBLISHED):
            self.add_error(
                "status",
                "Only a medical reviewer can take a published article off the site. Keep the status "
                "“Published”: your changes are saved as a draft for a reviewer to publish.",
            )
        # (Editing a published article saves a draft of the changes: admin_drafts.)
        return cleaned

    def clean_last_reviewed(self):
        """Asked only of those who may record a review (the field is read-only for editors)."""
        value = self.cleaned_data.get("last_reviewed")
        if value and value > timezone.localdate():
            raise forms.ValidationError(
                "A review date cannot be in the future: enter the day the medical reviewer checked it."
            )
        return value

    def clean_publish_at(self):
        """The box shows minutes; the same minute as stored is the stored time, seconds and all, so an
        edit that leaves it alone neither moves it nor lists it among a draft's changes."""
        value = self.cleaned_data.get("publish_at")
        stored = self.instance.publish_at if self.instance.pk else None
        minute = {"second": 0, "microsecond": 0}
        if value and stored and value.replace(**minute) == stored.replace(**minute):
            return stored
        return value


def _stored_status(article) -> str | None:
    """The status as saved, not as a form being checked has set it on the instance (a refused publish
    re-shows the form with the instance's status already "published")."""
    if article is None or article.pk is None:
        return None
    return article.saved_value("status")


@admin.register(Article)
class ArticleAdmin(
    GuardedHistoryMixin, PlainRelatedTextMixin, ArticleTranslationsMixin, LiveArticleDraftsMixin, VersionAdmin
):
    form = ArticleAdminForm
    formfield_overrides = TEXT_AS_STORED
    inlines = [SectionInline, RedFlagInline, SourceInline]
    list_display = [
        "title",
        "status_display",
        "medical_reviewer",
        "last_reviewed",
        "review_due",
        "source_links",
        "translation_status",
        "publish_at",
        "updated",
    ]
    list_filter = [
        "status",
        ChangesWaitingFilter,
        "language",
        TranslationFilter,
        "topics",
        ReviewOverdueFilter,
        SourceLinkFilter,
        CalloutFilter,
        "is_featured",
    ]
    list_select_related = ["medical_reviewer", "translation_of"]
    search_fields = ["title", "slug", "standfirst", "medical_reviewer__name"]
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ["medical_reviewer"]
    date_hierarchy = "publish_at"
    actions = ["mark_reviewed_today"]
    readonly_fields = ["author", "created", "updated"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "topics", "status", "publish_at", "is_featured"]}),
        ("Hero image", {"fields": ["hero_image", "hero_alt"]}),
        (
            "Medical review",
            {
                "fields": ["medical_reviewer", "last_reviewed", "next_review_due"],
                "description": "Publishing needs a reviewer and a review date. Only medical reviewers "
                "can publish or change the review dates.",
            },
        ),
        ("Related articles", {"fields": ["related"]}),
        ("Record", {"fields": ["author", "created", "updated"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        broken = Source.objects.filter(article=OuterRef("pk"), link_status=LinkStatus.BROKEN)
        return (
            super()
            .get_queryset(request)
            .annotate(has_broken_source=Exists(broken), has_changes_waiting=_changes_waiting())
        )

    def view_on_site(self, obj):
        """ "View on site" opens the staff preview, which shows drafts and scheduled articles too."""
        return reverse("articles:article_preview", kwargs={"slug": obj.slug})

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH_PERMISSION)

    def may_restore(self, request, obj=None) -> bool:
        """Medical reviewers restore any version and recover deleted articles; editors restore versions
        of articles that are not live (a version put back on a live article would change, or take
        down, what readers see without a reviewer)."""
        if self.has_publish_permission(request):
            return True
        return obj is not None and obj.status != Status.PUBLISHED

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += ["last_reviewed", "next_review_due"]
        if _stored_status(obj) == Status.PUBLISHED:
            # A published article keeps its address: links to it in patients' messages, search engines
            # and our own pages stay good (and a draft of changes carries no new address).
            fields.append("slug")
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        if _stored_status(obj) == Status.PUBLISHED:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Plain, labelled controls instead of the admin's unlabelled autocomplete and split date-time
        boxes: topics as checkboxes, related articles as a multiple select, the publish time as one
        date-and-time box."""
        if db_field.name == "topics":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        if db_field.name == "publish_at":
            return forms.DateTimeField(
                label=db_field.verbose_name.capitalize(),
                required=not db_field.blank,
                help_text=db_field.help_text,
                input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.can_publish = self.has_publish_permission(request)
        form.reverting = getattr(request, "article_reverting", False)
        if not form.can_publish:
            form.base_fields.pop("typo_fix", None)
        return form

    def revision_view(self, request, object_id, version_id, extra_context=None):
        request.article_reverting = True
        return super().revision_view(request, object_id, version_id, extra_context)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.status == Status.PUBLISHED and self.has_publish_permission(request):
            first = fieldsets[0][1]
            fieldsets = [(None, {**first, "fields": [*first["fields"], "typo_fix"]}), *fieldsets[1:]]
        return fieldsets

    def save_model(self, request, obj, form, change):
        drafting = getattr(request, "saving_draft", False)
        if obj.status == Status.PUBLISHED and not self.has_publish_permission(request) and not drafting:
            raise PermissionDenied("Only medical reviewers can publish articles.")
        if form.cleaned_data.get("typo_fix") and change:
            stored = Article.objects.only("last_reviewed", "next_review_due").get(pk=obj.pk)
            obj.last_reviewed, obj.next_review_due = stored.last_reviewed, stored.next_review_due
            reversion.set_comment("Typo fix: published at once, review date unchanged.")
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if article.status == Status.PUBLISHED and article.publishing_problems():
            # Unreachable through the form (its inline formsets refuse this first); the transaction
            # of the admin view is rolled back.
            raise PermissionDenied("A published article needs a callout with red flags.")
        article.refresh_body_text()

    @admin.display(description="source links", ordering="has_broken_source")
    def source_links(self, obj):
        if obj.has_broken_source:
            return format_html('<strong class="review-overdue">{}</strong>', "⚠ broken source")
        return "-"

    @admin.display(description="status", ordering="status")
    def status_display(self, obj):
        status = "Scheduled" if obj.is_scheduled else obj.get_status_display()
        if getattr(obj, "has_changes_waiting", False):
            return format_html('{} <strong class="review-overdue">{}</strong>', status, "· changes waiting")
        return status

    @admin.display(description="next review due", ordering="next_review_due")
    def review_due(self, obj):
        if obj.next_review_due is None:
            return "-"
        if obj.review_overdue:
            return format_html(
                '<strong class="review-overdue">⚠ overdue since {}</strong>', obj.next_review_due
            )
        return obj.next_review_due

    @admin.action(description="Mark selected articles reviewed today", permissions=["publish"])
    def mark_reviewed_today(self, request, queryset):
        today = timezone.localdate()
        done, skipped = 0, []
        for article in queryset.select_related("medical_reviewer"):
            if article.medical_reviewer_id is None:
                skipped.append(article.title)
                continue
            with reversion.create_revision():
                article.mark_reviewed(today)
                article.save()
                reversion.set_user(request.user)
                reversion.set_comment("Marked reviewed today.")
            done += 1
        if done:
            self.message_user(
                request, f"Marked {done} article(s) reviewed on {today:%d %B %Y}.", messages.SUCCESS
            )
        if skipped:
            self.message_user(
                request,
                "Not marked (choose a medical reviewer first): " + "; ".join(skipped),
                messages.WARNING,
            )
