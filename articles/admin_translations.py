"""The admin side of translations (articles.translation): "Translate into Hindi" on an English
article, each article's translation in the list, and translations whose English original changed
after they were reviewed flagged as out of date (a column, a filter and a warning on the form).
Mixed into ArticleAdmin."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from articles.models import Article, Language
from articles.translation import start_translation

OUT_OF_DATE = "⚠ out of date: the English original changed after this translation was reviewed"


class TranslationFilter(admin.SimpleListFilter):
    title = "translation"
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("out-of-date", "Translation out of date"),
            ("untranslated", "English, not yet translated into Hindi"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "out-of-date":
            return queryset.out_of_date_translations()
        if self.value() == "untranslated":
            translated = Article.objects.filter(translation_of=OuterRef("pk"))
            return queryset.filter(language=Language.ENGLISH).exclude(Exists(translated))
        return queryset


class ArticleTranslationsMixin:
    translation_fieldset = (
        "Language and translation",
        {
            "fields": ["language", "translation_of", "translation_status"],
            "description": "A Hindi article is its own article, reviewed on its own by a medical "
            "reviewer who reads Hindi. Start one with “Translate into Hindi” on the English article.",
        },
    )

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.translate_view))
        return [
            path("<path:object_id>/translate/", view, name="articles_article_translate"),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        translations = Article.objects.only("pk", "title", "translation_of_id").order_by("pk")
        # No select_related here: the changelist applies list_select_related only to a queryset without one.
        return super().get_queryset(request).prefetch_related(Prefetch("translations", queryset=translations))

    def get_fieldsets(self, request, obj=None):
        first, *rest = super().get_fieldsets(request, obj)
        return [first, self.translation_fieldset, *rest]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "translation_status"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        extra_context = {**(extra_context or {}), "may_translate": self._may_translate(request, article)}
        if article is not None and article.is_out_of_date:
            messages.warning(request, f"{OUT_OF_DATE}. Compare it with the English article and update it.")
        return super().change_view(request, object_id, form_url, extra_context)

    def _may_translate(self, request, article) -> bool:
        return (
            article is not None and article.language == Language.ENGLISH and self.has_add_permission(request)
        )

    def translate_view(self, request, object_id):
        original = self.get_object(request, unquote(object_id))
        if not self._may_translate(request, original):
            raise PermissionDenied
        existing = next(iter(original.translations.all()), None)
        if existing is not None:
            messages.info(request, f"“{original.title}” already has a Hindi translation: this is it.")
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[existing.pk]))
        with reversion.create_revision():
            translation = start_translation(original, request.user)
            reversion.set_user(request.user)
            reversion.set_comment(f"Hindi translation started from “{original.title}”.")
        messages.success(
            request,
            f"Started a Hindi draft of “{original.title}”. Rewrite the title, standfirst, every section, "
            "red flag and the image's description in Hindi, give it a Hindi slug, and set it to "
            "“In review”: a medical reviewer who reads Hindi publishes it.",
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[translation.pk]))

    @admin.display(description="translation")
    def translation_status(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        if obj.translation_of_id:
            original = obj.translation_of
            link = reverse("admin:articles_article_change", args=[original.pk])
            if obj.is_out_of_date:
                return format_html(
                    '<strong class="review-overdue">{}</strong> (<a href="{}">{}</a>)',
                    OUT_OF_DATE,
                    link,
                    original,
                )
            return format_html('Translation of <a href="{}">{}</a>, up to date', link, original)
        translations = list(obj.translations.all())
        if not translations:
            return "Not translated into Hindi yet"
        return format_html(
            'Hindi: <a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[translations[0].pk]),
            translations[0],
        )
