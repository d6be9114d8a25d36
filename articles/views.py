from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, translate_url
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext, ngettext_lazy
from django.views.decorators.http import condition, require_POST, require_safe
from django.views.generic import ListView

from articles import drafts
from articles.forms import ArticleFilterForm
from articles.models import Article, DraftStatus, Topic
from articles.rendering import markdown_problems, render_markdown
from articles.seo import article_structured_data
from directory.lexicon import read_query
from directory.paging import PageNumberMixin

PREVIEW_PERMISSION = "articles.preview_article"
# Django's own words for a search that is too long, so that the Hindi catalogue can word them in Hindi.
QUERY_TOO_LONG = ngettext_lazy(
    "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
    "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    "limit_value",
)


def first_pages_elsewhere(request) -> dict[str, str | None]:
    """`page_translations` for a list with other items in each language (the articles): this page
    here, and the same list from its first page in the other languages, since page 2 of the English
    articles may not exist in Hindi. Its filters are kept."""
    current = get_language()
    kept = [(key, value) for key, values in request.GET.lists() if key != "page" for value in values]
    first_page = request.path + (f"?{urlencode(kept)}" if kept else "")
    return {
        code: request.get_full_path() if code == current else translate_url(first_page, code)
        for code, _name in settings.LANGUAGES
    }


def _articles_crumb():
    return (gettext("Articles"), reverse("articles:article_list"))


class ArticleListView(PageNumberMixin, ListView):
    """/articles/: published articles, newest first (best match first with ?q=), by ?topic=."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 12
    page_cache_params = frozenset({"q", "topic", "page"})  # what the page cache keys on

    def get_queryset(self):
        self.form = ArticleFilterForm(self.request.GET)
        self.form.fields["q"].error_messages["max_length"] = QUERY_TOO_LONG
        self.form.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        articles = Article.objects.published().in_language().for_list()
        self.query = data.get("q", "")
        if self.query:
            # Read as site search reads it: "acidity" finds heartburn, "पैर में ऐंठन" leg cramps.
            articles = articles.search(read_query(self.query).words)
        self.topics = list(Topic.objects.only("name", "name_hi", "slug"))
        self.topic = None
        self.unknown_topic = False
        slug = self.request.GET.get("topic", "").strip()
        if slug:
            self.topic = next((t for t in self.topics if t.slug == slug), None)
            if self.topic is None:
                self.unknown_topic = True
            else:
                articles = articles.filter(topics=self.topic)
        return articles

    def topic_links(self):
        """(label, link, is current) for "All topics" and each topic, keeping the search words."""
        base = reverse("articles:article_list")
        keep = {"q": self.query} if self.query else {}
        links = [(gettext("All topics"), f"{base}?{urlencode(keep)}" if keep else base, self.topic is None)]
        for topic in self.topics:
            query = urlencode({"topic": topic.slug, **keep})
            links.append((topic.local_name, f"{base}?{query}", topic == self.topic))
        return links

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form,
            query=self.query,
            topic=self.topic,
            topic_links=self.topic_links(),
            unknown_topic=self.unknown_topic,
            breadcrumbs=[(gettext("Articles"), None)],
            page_translations=first_pages_elsewhere(self.request),
            **kwargs,
        )


class TopicDetailView(PageNumberMixin, ListView):
    """/articles/topics/<slug>/: one topic's published articles, newest first."""

    template_name = "articles/topic_detail.html"
    context_object_name = "articles"
    paginate_by = 12
    page_cache_params = frozenset({"page"})

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return Article.objects.published().in_language().for_list().filter(topics=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            topic=self.topic,
            breadcrumbs=[_articles_crumb(), (self.topic.local_name, None)],
            page_translations=first_pages_elsewhere(self.request),
            **kwargs,
        )


def _signed_in_with_a_code(user) -> bool:
    """Signed in with a one-time code as well as the password, as the admin requires (django-otp's
    OTPMiddleware gives the user is_verified())."""
    verified = getattr(user, "is_verified", None)
    return bool(user.is_authenticated and verified and verified())


def _can_preview(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm(PREVIEW_PERMISSION)


def _published_stamp(request, slug):
    """When the published article last changed (None if it is not public): drives ETag/Last-Modified."""
    if not hasattr(request, "_article_stamp"):
        request._article_stamp = (
            Article.objects.published()
            .in_language()
            .filter(slug=slug)
            .values_list("updated", flat=True)
            .first()
        )
    return request._article_stamp


def _article_etag(request, slug):
    stamp = _published_stamp(request, slug)
    return f"{slug}-{stamp.timestamp():.6f}" if stamp else None


def _article_last_modified(request, slug):
    return _published_stamp(request, slug)


def _article_queryset(articles):
    return articles.select_related("medical_reviewer", "author").prefetch_related(
        "sections",
        "red_flags",
        "sources",
        Prefetch("topics", queryset=Topic.objects.only("name", "name_hi", "slug")),
        Prefetch(
            "related", queryset=Article.objects.published().only("title", "slug", "standfirst", "language")
        ),
        Prefetch(
            "translations",
            queryset=Article.objects.published().only("slug", "status", "publish_at", "language"),
        ),
        "translation_of",
    )


def _translations(article) -> dict[str, str | None]:
    """The article's address in each language: its published translation's (or original's), or None."""
    other = "en" if article.language == "hi" else "hi"
    counterpart = article.counterpart()
    if counterpart is None:
        return {article.language: article.get_absolute_url(), other: None}
    return {article.language: article.get_absolute_url(), other: counterpart.get_absolute_url()}


def _render_article(request, article, draft=None):
    topics = list(article.topics.all())
    breadcrumbs = [_articles_crumb()]
    if topics:
        breadcrumbs.append((topics[0].local_name, topics[0].get_absolute_url()))
    breadcrumbs.append((article.title, None))
    context = {
        "article": article,
        "topics": topics,
        "sections": list(article.sections.all()),
        "red_flag_groups": article.red_flag_groups(),
        "breadcrumbs": breadcrumbs,
        "structured_data": article_structured_data(article, request, breadcrumbs),
        "page_translations": _translations(article),
        "is_preview": not article.is_live or draft is not None,
        "previewed_draft": draft,
    }
    return render(request, "articles/article_detail.html", context)


@require_safe
@condition(etag_func=_article_etag, last_modified_func=_article_last_modified)
def article_detail(request, slug):
    """The public page: published articles only. It never looks at who is asking, so the same page
    can be cached for every reader; staff preview unpublished work at /articles/<slug>/preview/."""
    article = get_object_or_404(_article_queryset(Article.objects.published().in_language()), slug=slug)
    return _render_article(request, article)


@require_safe
def article_preview(request, slug):
    """Staff with the preview permission see any article as readers will, with a banner; never cached."""
    if not _signed_in_with_a_code(request.user):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not _can_preview(request.user):
        raise PermissionDenied
    article = get_object_or_404(Article.objects.all(), slug=slug)
    draft = article.drafts.filter(status=DraftStatus.PENDING).first()
    if draft is None:
        response = _render_article(request, _article_queryset(Article.objects.all()).get(pk=article.pk))
    else:  # the changes waiting for review, as the page would show them (nothing is kept)

        def render():
            shown = _article_queryset(Article.objects.all()).get(pk=article.pk)
            return _render_article(request, shown, draft=draft)

        response, _ = drafts.shown(article, draft.content, render)
    add_never_cache_headers(response)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@require_POST
def markdown_preview(request):
    """The admin's live preview of an answer: the page's HTML for the Markdown posted in `text`, and what
    would stop it from saving. Staff who may preview articles only; rendered and sanitised here, as on
    save, so the preview can never show what the page would not."""
    if not (_signed_in_with_a_code(request.user) and _can_preview(request.user)):
        raise PermissionDenied  # a password alone, before two-factor sign-in is set up, is not enough
    text = request.POST.get("text", "")[:20_000]
    return JsonResponse({"html": render_markdown(text), "problems": markdown_problems(text)})
