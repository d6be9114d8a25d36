"""Every filtered search reads an index in display order: no full table scan, no sort of the matches.

Runs EXPLAIN QUERY PLAN (SQLite) on the exact queries the search pages run: the page of rows and the
count. A change that makes a search fall back to scanning the table fails here.
"""

import pytest
from django.db import connection
from django.http import QueryDict

from directory.filters import DoctorFilter, PackageFilter
from directory.models import MaternityPackage
from directory.views import DoctorSearchView
from tests.factories import CityFactory, GynecologistFactory, LanguageFactory, MaternityPackageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.sqlite_only(reason="reads SQLite's EXPLAIN QUERY PLAN"),
]

DOCTOR_SEARCHES = [
    "",
    "city=pune",
    "city=pune&language=marathi&max_fee=1500&sort=experience",
    "city=pune&gender=female&min_experience=5&sort=fee",
    "city=pune&sort=name",
    "language=marathi&max_fee=900",
    "max_fee=900&sort=fee",
    "sort=name",
    # The search box read as filters: no words left to search, so the same index walks.
    "q=gynecologist+pune",
    "q=marathi+lady+doctor+in+pune",
    "q=gynaecologist+fees+pune",
]
PACKAGE_SEARCHES = [
    "",
    "city=pune",
    "city=pune&delivery_type=normal&max_price=150000",
    "city=pune&room_type=single&sort=-price",
    "city=pune&sort=nights",
    "delivery_type=caesarean&min_price=50000",
    "sort=-price",
    "q=c+section+cost+pune",
    "q=normal+delivery+in+pune&max_price=1+lakh",
]


@pytest.fixture
def pune_listings():
    """Three doctors and three packages in Pune, with the planner's statistics up to date."""
    pune = CityFactory(name="Pune", slug="pune")
    marathi = LanguageFactory(name="Marathi", slug="marathi")
    for i in range(3):
        GynecologistFactory(city=pune, languages=[marathi], experience_years=5 + i)
        MaternityPackageFactory(hospital__city=pune)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def plan(queryset) -> list[str]:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[3] for row in cursor.fetchall()]


def assert_indexed(queryset, table):
    page = plan(queryset[:20])
    count = plan(queryset.order_by().values("id"))
    for steps in (page, count):
        # "SCAN t" alone is a full table scan; reading an index (SEARCH/SCAN ... USING INDEX) is fine.
        assert not any(step.startswith(f"SCAN {table}") and "INDEX" not in step for step in steps), steps
        assert any(table in step and "INDEX" in step for step in steps), steps
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in page), page


@pytest.mark.parametrize("query", DOCTOR_SEARCHES)
def test_doctor_searches_use_an_index_in_display_order(pune_listings, query):
    params = QueryDict(query)
    filterset = DoctorFilter(params, queryset=DoctorSearchView.queryset_for(params.get("q", "")))
    assert filterset.is_valid()
    assert_indexed(filterset.qs, "directory_gynecologist")


@pytest.mark.parametrize("query", PACKAGE_SEARCHES)
def test_package_searches_use_an_index_in_display_order(pune_listings, query):
    base = MaternityPackage.objects.listed().for_cards().by_price()
    filterset = PackageFilter(QueryDict(query), queryset=base)
    assert filterset.is_valid()
    assert_indexed(filterset.qs, "directory_maternitypackage")
