"""Site-wide search: articles, doctors, hospitals and packages, each group ranked by relevance.

On PostgreSQL every group uses full-text search (`websearch` syntax, English stemming, the title or
name weighted above the rest, ordered by SearchRank). On other databases (SQLite in development)
every word of the query must appear in one of the fields, and items whose title or name contains
the words rank first. Either way the page costs one query per group, whatever the query.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from articles.models import Article
from articles.sitemaps import listed_packages
from directory.models import Gynecologist, Hospital

MAX_QUERY_LENGTH = 100
GROUP_SIZE = 8
MAX_TERMS = 6


class SiteSearchForm(forms.Form):
    q = forms.CharField(
        label="Search the site",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={"max_length": "Please use at most %(limit_value)d characters."},
    )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


@dataclass
class Group:
    """One kind of result: the first GROUP_SIZE items, and whether there are more."""

    key: str
    title: str
    items: list = field(default_factory=list)
    has_more: bool = False
    more_url: str = ""


@dataclass
class SearchResults:
    query: str
    groups: list[Group]

    @property
    def total_shown(self) -> int:
        return sum(len(group.items) for group in self.groups)


def _rank_postgres(queryset: QuerySet, query: str, primary: list[str], secondary: list[str]) -> QuerySet:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = SearchVector(*primary, weight="A", config="english") + SearchVector(
        *secondary, weight="B", config="english"
    )
    search_query = SearchQuery(query, search_type="websearch", config="english")
    return (
        queryset.annotate(search=vector, rank=SearchRank(vector, search_query))
        .filter(search=search_query)
        .order_by("-rank", "pk")
    )


def _rank_fallback(
    queryset: QuerySet, query: str, primary: str, others: list[str], *, prefiltered: bool = False
) -> QuerySet:
    """Every word somewhere; the whole query in the name first, then every word in the name.

    `prefiltered`: the queryset already holds only matching rows (found through a full-text index)."""
    terms = query.split()[:MAX_TERMS]
    matches, all_in_primary = Q(), Q()
    for term in terms:
        any_field = Q(**{f"{primary}__icontains": term})
        for name in others:
            any_field |= Q(**{f"{name}__icontains": term})
        matches &= any_field
        all_in_primary &= Q(**{f"{primary}__icontains": term})
    rank = Case(
        When(Q(**{f"{primary}__icontains": query}), then=Value(2)),
        When(all_in_primary, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    if not prefiltered:
        queryset = queryset.filter(matches)
    return queryset.annotate(rank=rank).order_by("-rank", primary, "pk")


def _ranked(queryset, query, primary, secondary):
    if connection.vendor == "postgresql":
        return _rank_postgres(queryset, query, [primary], secondary)
    if hasattr(queryset, "search"):
        # Doctors and packages: their search_text holds every field, in a full-text index (FTS5).
        return _rank_fallback(queryset.search(query), query, primary, secondary, prefiltered=True)
    return _rank_fallback(queryset, query, primary, secondary)


def _first(queryset: QuerySet, group: Group) -> Group:
    rows = list(queryset[: GROUP_SIZE + 1])
    group.items, group.has_more = rows[:GROUP_SIZE], len(rows) > GROUP_SIZE
    return group


def site_search(query: str) -> SearchResults:
    """Search everything for `query` (already stripped and at most MAX_QUERY_LENGTH long)."""
    encoded = urlencode({"q": query})
    articles = (
        Article.objects.published()
        .search(query)
        .only("title", "slug", "standfirst", "publish_at", "last_reviewed")
    )
    doctors = _ranked(
        Gynecologist.objects.filter(is_active=True)
        .select_related("city")
        .only("name", "slug", "qualifications", "experience_years", "city__name"),
        query,
        "name",
        ["search_text", "qualifications"],
    )
    hospitals = _ranked(
        Hospital.objects.filter(is_active=True)
        .select_related("city")
        .only("name", "slug", "locality", "city__name"),
        query,
        "name",
        ["locality", "city__name"],
    )
    packages = _ranked(
        listed_packages()
        .select_related("hospital", "city")
        .only("name", "slug", "price", "nights", "hospital__name", "city__name"),
        query,
        "name",
        ["search_text"],  # holds the centre's name, locality and city (see directory.models)
    )
    return SearchResults(
        query=query,
        groups=[
            _first(articles, Group("articles", "Articles", more_url=f"/articles/?{encoded}")),
            _first(doctors, Group("doctors", "Gynecologists", more_url=f"/gynecologists/?{encoded}")),
            _first(hospitals, Group("hospitals", "Hospitals")),
            _first(
                packages, Group("packages", "Maternity packages", more_url=f"/maternity-packages/?{encoded}")
            ),
        ],
    )
