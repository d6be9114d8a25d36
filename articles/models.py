"""The editorial library: topics, articles made of question-and-answer sections, and their sources.

An article is visible to the public only when it is published and its publish time has come
(`Article.objects.published()`); a future publish time schedules it. Publishing needs a medical
reviewer and a review date, which the database enforces too. Answers are Markdown, rendered and
sanitised once on save (`ArticleSection.answer_html`), so a page view does no Markdown work.
"""

import datetime
import hashlib
from dataclasses import dataclass

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from articles.rendering import markdown_problems, render_markdown
from directory.images import is_new_upload, store_clean_copy, validate_photo
from directory.models import SearchWord, TracksSavedValues, local
from directory.pcpndt import sex_determination_problem, validate_no_sex_determination
from directory.textsearch import TextQuery, ranked

REVIEW_INTERVAL_YEARS = 3
# The article the home page links as "Danger signs in pregnancy" (its slug must stay this).
DANGER_SIGNS_SLUG = "danger-signs-in-pregnancy"
MAX_HERO_BYTES = 5 * 1024 * 1024


def review_due_after(reviewed: datetime.date) -> datetime.date:
    """The default next review: three years after the last one (29 February becomes 28 February)."""
    try:
        return reviewed.replace(year=reviewed.year + REVIEW_INTERVAL_YEARS)
    except ValueError:
        return reviewed.replace(year=reviewed.year + REVIEW_INTERVAL_YEARS, day=28)


def validate_hero_size(image):  # kept for migration 0001; the field now uses validate_photo
    if image and image.size > MAX_HERO_BYTES:
        raise ValidationError("The image is larger than 5 MB; please upload a smaller one.")


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    HINDI = "hi", "हिन्दी"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"


class Urgency(models.TextChoices):
    """How soon a red flag needs help, in the words NHS and NICE leaflets use; most urgent first."""

    CALL_108 = "call_108", _("Call 108 now")
    HOSPITAL_NOW = "hospital_now", _("Go to hospital now")
    WITHIN_24_HOURS = "within_24_hours", _("See a doctor within 24 hours")
    NEXT_VISIT = "next_visit", _("Mention it at your next check-up")


# What to do, shown under each urgency's heading in the callout.
URGENCY_ADVICE = {
    Urgency.CALL_108: _("Call 108 for an emergency ambulance. Do not wait to see if it settles."),
    Urgency.HOSPITAL_NOW: _(
        "Go to your maternity unit or the nearest hospital straight away, day or night. "
        "Call 102 for free transport to a government hospital, or 108 if you cannot travel safely."
    ),
    Urgency.WITHIN_24_HOURS: _(
        "See your doctor, or go to your maternity unit, within 24 hours: do not wait for your next check-up."
    ),
    Urgency.NEXT_VISIT: _("Not urgent: tell your doctor at your next antenatal check-up."),
}

ONE_CALLOUT_MESSAGE = "An article has only one “When to see a doctor” callout."
NO_CALLOUT_MESSAGE = (
    "Publishing needs a “When to see a doctor” callout: tick “When to see a doctor” callout on the "
    "section that says when to get help."
)
NO_RED_FLAGS_MESSAGE = (
    "Publishing needs at least one red flag in the “When to see a doctor” callout, each with its urgency "
    "(call 108 now, go to hospital now, see a doctor within 24 hours, or mention it at the next "
    "check-up), so readers know how soon to act."
)


def current_language() -> str:
    return Language.HINDI if get_language() == "hi" else Language.ENGLISH


def published_q(prefix: str = "", now=None) -> Q:
    """The rule for "this article is public": published, and its publish time has come. `prefix`
    applies it across a relation ("articles__")."""
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}publish_at__lte": now or timezone.now()})


class TopicQuerySet(models.QuerySet):
    def trimesters(self, trimester: int | None = None):
        """The topics about one trimester (all three when `trimester` is None), in order."""
        topics = (
            self.filter(trimester__isnull=False) if trimester is None else self.filter(trimester=trimester)
        )
        return topics.only("name", "slug", "trimester").order_by("trimester")

    def with_published_articles(self, now=None):
        """Topics with a public article, each with `last_article`: its articles' latest update."""
        return self.filter(published_q("articles__", now)).annotate(last_article=Max("articles__updated"))


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True, validators=[validate_no_sex_determination])
    name_hi = models.CharField(
        "name in Hindi", max_length=80, blank=True, validators=[validate_no_sex_determination]
    )
    slug = models.SlugField(max_length=90, unique=True)
    description = models.TextField(
        blank=True,
        validators=[validate_no_sex_determination],
        help_text="One or two sentences shown on the topic page.",
    )
    description_hi = models.TextField(
        "description in Hindi", blank=True, validators=[validate_no_sex_determination]
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    trimester = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        unique=True,
        choices=[(1, "First trimester"), (2, "Second trimester"), (3, "Third trimester")],
        help_text="If this topic is about one trimester: the due-date calculator links to it.",
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "topic"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic_detail", kwargs={"slug": self.slug})

    @property
    def local_name(self) -> str:
        return local(self, "name")

    @property
    def local_description(self) -> str:
        return local(self, "description")


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Published articles whose publish time has come."""
        return self.filter(published_q(now=now))

    def in_language(self, language=None):
        """Articles in `language` (the active language by default): /hi/ pages list Hindi articles."""
        return self.filter(language=language or current_language())

    def review_overdue(self, today=None):
        return self.filter(next_review_due__lt=today or timezone.localdate())

    def out_of_date_translations(self):
        """Translations whose original changed after the translation was last reviewed."""
        return self.filter(translation_of__isnull=False).exclude(
            original_fingerprint=models.F("translation_of__content_fingerprint")
        )

    def for_list(self):
        """What an article card needs: no body text, topics prefetched."""
        return self.only(
            "title",
            "slug",
            "language",
            "standfirst",
            "publish_at",
            "updated",
            "hero_image",
            "hero_width",
            "hero_height",
            "hero_alt",
        ).prefetch_related(models.Prefetch("topics", queryset=Topic.objects.only("name", "slug")))

    def search(self, query: str):
        """Articles matching `query`, best first (directory.textsearch: the title, then the names of its
        topics, weighted above the standfirst and body; the newest first among equals). On PostgreSQL
        the vector of those fields is stored in `search_document`, a generated column (migration 0011:
        change its expression with these fields)."""
        if not TextQuery.of(query):
            return self.none()
        return ranked(
            self,
            query,
            ["title", "topic_text"],
            ["standfirst", "body_text"],
            then=["-publish_at"],
            document="search_document",
        )


@reversion.register(follow=("sections", "sources", "red_flags"))
class Article(TracksSavedValues, models.Model):
    title = models.CharField(max_length=150, validators=[validate_no_sex_determination])
    slug = models.SlugField(max_length=160, unique=True)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.ENGLISH)
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        limit_choices_to={"language": Language.ENGLISH},
        help_text="For a Hindi article: the English article it is the translation of.",
    )
    # The English original's text when this translation was last reviewed (see is_out_of_date).
    original_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    # fingerprint() of the article as saved: a translation is out of date when its original's differs
    # from the original_fingerprint it recorded at its review (a query can compare the two).
    content_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    tracked_fields = ("status", "last_reviewed")
    standfirst = models.CharField(
        max_length=300,
        validators=[validate_no_sex_determination],
        help_text="One or two sentences under the title; also the description search engines show.",
    )
    topics = models.ManyToManyField(Topic, related_name="articles", blank=True)
    hero_image = models.ImageField(
        upload_to="articles/",
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"]), validate_photo],
        help_text="JPEG, PNG or WebP, at most 5 MB; about 1200 × 630 pixels works best.",
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=200,
        blank=True,
        validators=[validate_no_sex_determination],
        help_text="Describe the image for people who cannot see it. Required with an image.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="A future time schedules the article. Empty when published means now.",
    )
    is_featured = models.BooleanField("featured on the home page", default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    medical_reviewer = models.ForeignKey(
        "directory.Gynecologist",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_articles",
    )
    last_reviewed = models.DateField("last reviewed", null=True, blank=True)
    next_review_due = models.DateField(
        "next review due", null=True, blank=True, help_text="Empty means three years after the last review."
    )
    related = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="+", verbose_name="related articles"
    )
    # Plain text of the standfirst and every section, for search (see refresh_body_text).
    body_text = models.TextField(blank=True, editable=False)
    # The names of its topics, in English and Hindi, for search: kept by articles.receivers whenever
    # its topics or their names change ("nutrition" finds what is filed under Nutrition).
    topic_text = models.TextField(blank=True, default="", editable=False)
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    # The admin checks the callout in its inline forms, which are not saved yet when the article is
    # cleaned; it sets this so that clean() does not judge the rows still in the database.
    callout_checked_by_admin_forms = False

    class Meta:
        ordering = ["-publish_at", "-created"]
        verbose_name = "article"
        permissions = [
            ("publish_article", "Can publish articles and mark them reviewed"),
            ("preview_article", "Can preview unpublished articles on the site"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="article_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED)
                | Q(
                    medical_reviewer__isnull=False,
                    last_reviewed__isnull=False,
                    publish_at__isnull=False,
                ),
                name="article_published_is_reviewed",
                violation_error_message=(
                    "A published article needs a medical reviewer, a review date and a publish time."
                ),
            ),
            models.CheckConstraint(
                condition=Q(next_review_due__isnull=True)
                | Q(last_reviewed__isnull=True)
                | Q(next_review_due__gt=models.F("last_reviewed")),
                name="article_review_due_after_review",
                violation_error_message="The next review must be after the last review.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="article_status_publish"),
            models.Index(fields=["language", "status", "-publish_at"], name="article_language_publish"),
            models.Index(fields=["next_review_due"], name="article_review_due"),
            models.Index(fields=["is_featured", "status", "-publish_at"], name="article_featured"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if is_new_upload(self.hero_image):
            # Stored as an upright copy with no metadata (no EXIF, no GPS), as doctors' photos are.
            store_clean_copy(self.hero_image, self.slug or "hero")
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = review_due_after(self.last_reviewed)
        if self.status == Status.PUBLISHED and not self.publish_at:
            self.publish_at = timezone.now()
        self.content_fingerprint = self.fingerprint()
        if self.status == Status.PUBLISHED and (self._state.adding or self.changed_fields()):
            # Published or given a new review date: its reviewer read it against the original as it
            # reads now (a typo fix keeps the review date, and so what was recorded).
            self.record_original_reviewed()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "content_fingerprint",
                "original_fingerprint",
            }
        super().save(*args, **kwargs)
        self.remember_saved_values()
        SearchWord.objects.add_texts([self.title, self.standfirst])  # the spelling vocabulary

    def get_absolute_url(self):
        # Always the address in the article's own language (/hi/articles/... for a Hindi article).
        with override(self.language):
            return reverse("articles:article_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.hero_image and not self.hero_alt.strip():
            errors["hero_alt"] = "Describe the image for people who cannot see it."
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = review_due_after(self.last_reviewed)
        if self.status == Status.PUBLISHED:
            if not self.medical_reviewer_id:
                errors["medical_reviewer"] = "Choose the doctor who reviewed the article before publishing."
            if not self.last_reviewed:
                errors["last_reviewed"] = "Enter the date of the medical review before publishing."
            if not self.publish_at:
                self.publish_at = timezone.now()
            if not self.callout_checked_by_admin_forms:
                errors.update(self.publishing_problems())
        if errors:
            raise ValidationError(errors)

    def publishing_problems(self) -> dict[str, list[str]]:
        """What stops the saved article (its sections and red flags as stored) from being published:
        a "When to see a doctor" callout with at least one red flag, and no text that offers or hints
        at prenatal sex determination (directory.pcpndt)."""
        sections = list(self.sections.all()) if self.pk else []
        red_flags = list(self.red_flags.all()) if self.pk else []
        problems = []
        if not any(section.is_doctor_callout for section in sections):
            problems.append(NO_CALLOUT_MESSAGE)
        if not red_flags:
            problems.append(NO_RED_FLAGS_MESSAGE)
        texts = [t for s in sections for t in (s.heading, s.answer)] + [f.text for f in red_flags]
        problems += [p for p in map(sex_determination_problem, texts) if p][:1]
        return {"status": problems} if problems else {}

    def red_flag_groups(self) -> list["RedFlagGroup"]:
        """The callout's red flags grouped by urgency, most urgent first, each group in editor order
        (uses the prefetched `red_flags`)."""
        flags = list(self.red_flags.all())
        return [
            RedFlagGroup(urgency, [flag for flag in flags if flag.urgency == urgency])
            for urgency in Urgency
            if any(flag.urgency == urgency for flag in flags)
        ]

    def refresh_body_text(self, *, save=True):
        """Recompute the searchable text from the standfirst and the sections (after they change)."""
        parts = [self.standfirst]
        for heading, answer in self.sections.values_list("heading", "answer"):
            parts += [heading, answer]
        parts += self.red_flags.values_list("text", flat=True)
        self.body_text = "\n".join(p for p in parts if p)
        self.content_fingerprint = self.fingerprint()
        if save:
            type(self).objects.filter(pk=self.pk).update(
                body_text=self.body_text, content_fingerprint=self.content_fingerprint
            )
        SearchWord.objects.add_texts([self.title, self.body_text])

    def fingerprint(self) -> str:
        """A digest of what a reader reads (title, standfirst, sections, red flags): translations record
        their original's when they are reviewed, so a later change shows them as out of date."""
        text = "\n".join([self.title, self.standfirst, self.body_text])
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def is_out_of_date(self) -> bool:
        """A translation whose original changed after the translation was last reviewed."""
        original = self.translation_of
        return original is not None and self.original_fingerprint != original.content_fingerprint

    def mark_reviewed(self, today: datetime.date) -> None:
        """A medical reviewer has just reviewed it (no save): the review dates move to today, and a
        translation records the original as it reads now, even on a day it was already reviewed."""
        self.last_reviewed, self.next_review_due = today, review_due_after(today)
        self.record_original_reviewed()

    def record_original_reviewed(self):
        """A reviewer signed off this translation against its original as it now reads."""
        if self.translation_of_id is not None:
            self.original_fingerprint = self.translation_of.content_fingerprint

    def counterpart(self):
        """The same article in the other language, if it is published: for the language switcher."""
        if self.language == Language.HINDI:
            original = self.translation_of
            return original if original is not None and original.is_live else None
        return next((t for t in self.translations.all() if t.is_live), None)

    @property
    def is_live(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def review_overdue(self) -> bool:
        return self.next_review_due is not None and self.next_review_due < timezone.localdate()


@reversion.register()
class ArticleSection(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(default=0)
    heading = models.CharField(
        "question",
        max_length=200,
        validators=[validate_no_sex_determination],
        help_text="A question a reader would ask.",
    )
    answer = models.TextField(
        validators=[validate_no_sex_determination],
        help_text=(
            "Paragraphs, lists (- item or 1. item), **bold**, *emphasis*, [links](https://…), ### subheadings "
            "and simple tables (| Medicine | Dose |, then |---|---|, then one line per row)."
        ),
    )
    answer_html = models.TextField(blank=True, editable=False)
    is_doctor_callout = models.BooleanField(
        "“When to see a doctor” callout",
        default=False,
        help_text="Shown highlighted, with the red flags below and the numbers 108 and 102; one per article.",
    )

    class Meta:
        ordering = ["article", "order", "pk"]
        verbose_name = "section"
        constraints = [
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(is_doctor_callout=True),
                name="section_one_callout_per_article",
                violation_error_message=ONE_CALLOUT_MESSAGE,
            )
        ]

    def __str__(self):
        return self.heading

    def save(self, *args, **kwargs):
        self.answer_html = render_markdown(self.answer)
        super().save(*args, **kwargs)

    def clean(self):
        problems = markdown_problems(self.answer)
        if problems:
            raise ValidationError({"answer": problems})

    @property
    def anchor(self) -> str:
        """The id the table of contents links to: the question as a slug, unique by its position."""
        return f"{slugify(self.heading)[:60] or 'section'}-{self.order}"


@dataclass(frozen=True)
class RedFlagGroup:
    """One urgency's red flags, for the callout (see Article.red_flag_groups)."""

    urgency: Urgency
    flags: list["RedFlag"]

    @property
    def label(self) -> str:
        return self.urgency.label

    @property
    def advice(self) -> str:
        return URGENCY_ADVICE[self.urgency]

    @property
    def is_emergency(self) -> bool:
        return self.urgency in (Urgency.CALL_108, Urgency.HOSPITAL_NOW)


@reversion.register()
class RedFlag(models.Model):
    """A sign in the "When to see a doctor" callout, with how soon to act on it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="red_flags")
    order = models.PositiveSmallIntegerField(default=0)
    urgency = models.CharField(
        max_length=20,
        choices=Urgency.choices,
        help_text="How soon to get help. The callout groups the signs by urgency, most urgent first.",
    )
    text = models.CharField(
        "sign",
        max_length=300,
        validators=[validate_no_sex_determination],
        help_text="What the reader notices, in plain words, e.g. “a severe headache that does not go away”.",
    )

    class Meta:
        ordering = ["article", "order", "pk"]
        verbose_name = "red flag"
        constraints = [
            models.CheckConstraint(condition=Q(urgency__in=Urgency.values), name="red_flag_urgency_valid")
        ]

    def __str__(self):
        return f"{self.get_urgency_display()}: {self.text}"


class DraftStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Sent back"


class ArticleDraft(models.Model):
    """Changes to a published article, waiting for a medical reviewer (articles.drafts). The live page
    keeps the published text until a reviewer publishes them; one pending draft per article, which
    later edits update."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="drafts")
    content = models.JSONField(help_text="The article as the draft would make it (articles.drafts.snapshot).")
    status = models.CharField(max_length=10, choices=DraftStatus.choices, default=DraftStatus.PENDING)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="drafted by",
    )
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="+",
        blank=True,
        help_text="Everyone who saved changes into this draft: none of them may publish it.",
    )
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided = models.DateTimeField(null=True, blank=True)
    comment = models.TextField("reviewer's comment", blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = "draft of changes"
        verbose_name_plural = "drafts of changes"
        constraints = [
            models.UniqueConstraint(
                fields=["article"], condition=Q(status="pending"), name="article_one_pending_draft"
            ),
            models.CheckConstraint(
                condition=Q(status__in=DraftStatus.values), name="article_draft_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_status_display()}: changes to {self.article}"

    def drafted_by(self) -> str:
        """Who worked on it, "editor, reviewer" (the first author first); "someone" if they are gone."""
        names = [user.get_username() for user in self.contributors.all() if user.pk != self.author_id]
        first = [self.author.get_username()] if self.author else []
        return ", ".join(first + sorted(names)) or "someone"

    def drafted_with(self, user) -> bool:
        return user.pk == self.author_id or self.contributors.filter(pk=user.pk).exists()


class LinkStatus(models.TextChoices):
    OK = "ok", "Working"
    BROKEN = "broken", "Broken"
    BLOCKED = "blocked", "Refused the check"


@reversion.register()
class Source(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=250, validators=[validate_no_sex_determination])
    publisher = models.CharField(
        max_length=120, help_text="e.g. MoHFW, NHM, ICMR-NIN, FOGSI, NHS, ACOG, WHO, NICE"
    )
    url = models.URLField("address", max_length=500)
    date = models.DateField(
        null=True, blank=True, help_text="When the source was published or last reviewed, if it says."
    )
    accessed = models.DateField(
        "accessed on",
        null=True,
        blank=True,
        help_text="When an editor last opened the page and checked that it supports the article.",
    )
    # Written by `manage.py check_sources`: whether the address answered, and when it was tried.
    link_status = models.CharField(
        "link", max_length=10, choices=LinkStatus.choices, blank=True, editable=False
    )
    link_problem = models.CharField("link problem", max_length=200, blank=True, editable=False)
    link_checked = models.DateTimeField("link checked", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["article", "order", "pk"]
        verbose_name = "source"
        constraints = [
            models.CheckConstraint(
                condition=Q(link_status__in=["", *LinkStatus.values]), name="source_link_status_valid"
            )
        ]

    def __str__(self):
        return f"{self.publisher}: {self.title}"


def refresh_topic_text(article_ids) -> dict[int, str]:
    """Store in each of these articles' `topic_text` the names of its topics, English and Hindi; returns
    what was stored, by article id."""
    ids = set(article_ids)
    if not ids:
        return {}
    names = {pk: [] for pk in ids}
    rows = (
        Article.topics.through.objects.filter(article_id__in=ids)
        .order_by("topic__name", "topic_id")
        .values_list("article_id", "topic__name", "topic__name_hi")
    )
    for article_id, name, name_hi in rows:
        names[article_id] += [name, name_hi]
    texts = {pk: " ".join(filter(None, words)) for pk, words in names.items()}
    Article.objects.bulk_update(
        [Article(pk=pk, topic_text=text) for pk, text in texts.items()], ["topic_text"]
    )
    return texts
