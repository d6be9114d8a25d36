"""Site-wide search: articles, doctors, hospitals and packages, each group ranked by relevance.

Each group is its model's own `search`/`ranked_search` (one ranking for the whole site, in
directory.textsearch), so the page costs one query per group, whatever the query.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.urls import reverse

from articles.models import Article
from directory.models import Gynecologist, Hospital, MaternityPackage

MAX_QUERY_LENGTH = 100
GROUP_SIZE = 8


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
    doctors = (
        Gynecologist.objects.active(scan=True)
        .ranked_search(query)
        .select_related("city")
        .only("name", "slug", "qualifications", "experience_years", "city__name")
    )
    hospitals = (
        Hospital.objects.active()
        .ranked_search(query)
        .select_related("city")
        .only("name", "slug", "locality", "city__name")
    )
    packages = (
        MaternityPackage.objects.listed()
        .ranked_search(query)
        .select_related("hospital", "city")
        .only("name", "slug", "price", "nights", "hospital__name", "city__name")
    )

    def more(url_name):
        return f"{reverse(url_name)}?{encoded}"

    return SearchResults(
        query=query,
        groups=[
            _first(articles, Group("articles", "Articles", more_url=more("articles:article_list"))),
            _first(doctors, Group("doctors", "Gynecologists", more_url=more("directory:doctor_search"))),
            _first(hospitals, Group("hospitals", "Hospitals")),
            _first(
                packages,
                Group("packages", "Maternity packages", more_url=more("directory:package_search")),
            ),
        ],
    )
