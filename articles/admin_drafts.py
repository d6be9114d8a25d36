"""The admin side of drafts of live articles (articles.drafts): saving an edit of a published article
as a draft, showing the draft in the form and the preview, and the reviewer's page that publishes or
sends it back. Mixed into ArticleAdmin."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from articles import drafts
from articles.models import (
    ArticleDraft,
    ArticleSection,
    DraftStatus,
    RedFlag,
    Source,
    Status,
)

RELATIONS = {ArticleSection: "sections", RedFlag: "red_flags", Source: "sources"}


def pending_draft(article) -> ArticleDraft | None:
    return article.drafts.filter(status=DraftStatus.PENDING).first() if article and article.pk else None


class LiveArticleDraftsMixin:
    """Editing a published article makes (or updates) its pending draft instead of changing the page."""

    object_history_template = "admin/articles/article/object_history.html"  # reversion's, plus the drafts

    # ---- saving ----

    def saves_as_draft(self, request, article) -> bool:
        """A change to the content of a published article, other than a reviewer's typo fix (which
        publishes at once) or a reviewer taking the article off the site (a status change)."""
        if (
            article is None
            or article.status != Status.PUBLISHED
            or request.POST.get("status") != Status.PUBLISHED
        ):
            return False
        if getattr(request, "article_reverting", False):
            return False  # restoring a version from History (reviewers only) takes effect at once
        typo_fix = self.has_publish_permission(request) and request.POST.get("typo_fix")
        # With changes waiting for review the form shows them: a "typo fix" saved from it would publish
        # them unreviewed, so it joins the draft instead.
        return not typo_fix or pending_draft(article) is not None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id)) if object_id else None
        draft = pending_draft(article)
        extra_context = {
            **(extra_context or {}),
            "pending_draft": draft,
            "last_sent_back": self._sent_back(article),
        }
        if request.method == "POST" and self.saves_as_draft(request, article):
            return self._save_as_draft(request, article, draft, object_id, form_url, extra_context)
        if request.method == "GET" and draft is not None and not getattr(request, "article_reverting", False):
            # The form shows the pending draft; but restoring a version from History shows that version.
            return self._form_with_draft(request, article, draft, object_id, form_url, extra_context)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _sent_back(self, article):
        if article is None or article.pk is None:
            return None
        latest = article.drafts.order_by("-created").first()
        return latest if latest and latest.status == DraftStatus.REJECTED else None

    def _form_with_draft(self, request, article, draft, object_id, form_url, extra_context):
        """The change form filled with the draft (applied in a transaction that is rolled back)."""

        def render():
            return (
                super(LiveArticleDraftsMixin, self)
                .changeform_view(request, object_id, form_url, extra_context)
                .render()
            )

        response, renumbered = drafts.shown(article, draft.content, render)
        if renumbered:
            draft.save(update_fields=["content", "updated"])
        return response

    def _save_as_draft(self, request, article, draft, object_id, form_url, extra_context):
        """The usual save, on top of the pending draft, inside a transaction that is rolled back: what
        it would have made becomes the pending draft, and the live article is untouched."""
        request.saving_draft = True

        def render():
            # Without VersionAdmin's django-reversion revision: the live article does not change.
            response = admin.ModelAdmin.changeform_view(self, request, object_id, form_url, extra_context)
            return response.render() if hasattr(response, "render") else response

        response, _ = drafts.shown(article, draft.content if draft else None, render)
        content = getattr(request, "draft_snapshot", None)
        if content is not None:  # the form was valid: keep what it would have made
            kept, created = ArticleDraft.objects.get_or_create(
                article=article,
                status=DraftStatus.PENDING,
                defaults={"content": content, "author": request.user},
            )
            if not created:
                kept.content = content
                kept.save(update_fields=["content", "updated"])
            kept.contributors.add(request.user)  # none of whom may publish it
            self.log_change(
                request, article, "Saved changes as a draft for review (the published article is unchanged)."
            )
        return response

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(request, "saving_draft", False):
            request.draft_snapshot = drafts.snapshot(form.instance)

    def log_change(self, request, obj, message):
        if getattr(request, "saving_draft", False) and not isinstance(message, str):
            return None  # the draft is logged once it is kept (above), not the rolled-back save
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if not getattr(request, "saving_draft", False):
            return super().response_change(request, obj)
        self.message_user(
            request,
            "Your changes are saved as a draft. The published article stays as it is until a medical "
            "reviewer publishes them.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.path)

    # ---- the reviewer's page ----

    def get_urls(self):
        view = self.admin_site.admin_view(self.review_changes_view)
        return [path("<path:object_id>/changes/", view, name="articles_article_changes"), *super().get_urls()]

    def review_changes_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_permission(request, article):
            raise PermissionDenied
        draft = get_object_or_404(ArticleDraft, article=article, status=DraftStatus.PENDING)
        error = None
        if request.method == "POST":
            error = self._decide(request, article, draft)
            if error is None:
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Changes to “{article.title}”",
            "article": article,
            "draft": draft,
            "changes": drafts.changes(drafts.snapshot(article), draft.content),
            "may_publish": self.has_publish_permission(request) and not draft.drafted_with(request.user),
            "own_draft": draft.drafted_with(request.user),
            "error": error,
        }
        return TemplateResponse(request, "admin/articles/article/review_changes.html", context)

    def _decide(self, request, article, draft) -> str | None:
        if not self.has_publish_permission(request):
            raise PermissionDenied
        if draft.drafted_with(request.user):
            return "You worked on these changes: another medical reviewer must publish them (or mark your own small fix as a typo fix)."
        action = request.POST.get("action")
        comment = request.POST.get("comment", "").strip()[:2000]
        if action == "reject":
            if not comment:
                return "Say what needs changing, so that the editor knows what to do."
            self._close(draft, request.user, DraftStatus.REJECTED, comment)
            self.message_user(request, "The changes were sent back with your comment.", messages.SUCCESS)
            return None
        if action != "publish":
            return "Choose to publish the changes or to send them back."
        return self._publish(request, article, draft, comment)

    def _publish(self, request, article, draft, comment) -> str | None:
        today = timezone.localdate()
        with transaction.atomic(), reversion.create_revision():
            drafts.apply(article, draft.content)
            article.mark_reviewed(today)
            article.save()
            problems = article.publishing_problems()
            if problems:
                transaction.set_rollback(True)
                return " ".join(problems["status"])
            self._close(draft, request.user, DraftStatus.PUBLISHED, comment)
            reversion.set_user(request.user)
            reversion.set_comment(f"Published changes drafted by {draft.drafted_by()}. {comment}".strip())
        self.message_user(request, "The changes are published.", messages.SUCCESS)
        return None

    @staticmethod
    def _close(draft, user, status, comment):
        draft.status, draft.decided_by, draft.decided, draft.comment = status, user, timezone.now(), comment
        draft.save()

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        extra = {"drafts": list(article.drafts.select_related("author", "decided_by")) if article else []}
        return super().history_view(request, object_id, {**(extra_context or {}), **extra})
