"""Site-wide search at /search/: grouped, ranked, only listed items, graceful with any input."""

import datetime
import re

import pytest
from django.core.cache import cache

from articles.models import Status
from tests.factories import (
    ArticleFactory,
    ArticleSectionFactory,
    CityFactory,
    GynecologistFactory,
    HospitalFactory,
    MaternityPackageFactory,
)

pytestmark = pytest.mark.django_db


def group(html, key, marker):
    match = re.search(rf'data-group="{key}">(.*?)</section>', html, re.S)
    return re.findall(rf'data-{marker}="([\w-]+)"', match.group(1)) if match else []


def test_results_are_grouped_and_only_listed_items_appear(client):
    pune = CityFactory(name="Pune", slug="pune")
    hospital = HospitalFactory(name="Sahyadri Pune Hospital", slug="sahyadri", city=pune)
    HospitalFactory(name="Closed Pune Clinic", slug="closed", city=pune, is_active=False)
    GynecologistFactory(name="Dr Asha Pune", slug="asha", city=pune)
    GynecologistFactory(name="Dr Gone Pune", slug="gone", city=pune, is_active=False)
    MaternityPackageFactory(hospital=hospital, name="Pune normal delivery", slug="pune-normal")
    MaternityPackageFactory(
        hospital=hospital, name="Pune old offer", slug="pune-expired", valid_until=datetime.date(2020, 1, 1)
    )
    MaternityPackageFactory(hospital=hospital, name="Pune hidden", slug="pune-inactive", is_active=False)
    ArticleFactory(title="Giving birth in Pune", slug="pune-birth")
    ArticleFactory(title="Pune draft", slug="pune-draft", status=Status.DRAFT)

    response = client.get("/search/", {"q": "pune"})
    html = response.content.decode()
    assert response.status_code == 200
    assert group(html, "articles", "article") == ["pune-birth"]
    assert group(html, "doctors", "doctor") == ["asha"]
    assert group(html, "hospitals", "hospital") == ["sahyadri"]
    assert group(html, "packages", "package") == ["pune-normal"]
    headings = re.findall(r'<h2 id="group-\w+">([^<]+)</h2>', html)
    assert headings == ["Articles", "Gynecologists", "Hospitals", "Maternity packages"]


def test_title_matches_rank_above_body_matches(client):
    body_only = ArticleFactory(
        title="Sleeping well", slug="sleep", publish_at=datetime.datetime(2026, 1, 9, tzinfo=datetime.UTC)
    )
    ArticleSectionFactory(article=body_only, heading="Cramps at night?", answer="Leg cramps can wake you.")
    body_only.refresh_body_text()
    titled = ArticleFactory(
        title="Leg cramps in pregnancy",
        slug="leg-cramps",
        publish_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )
    titled.refresh_body_text()
    ArticleFactory(title="Heartburn", slug="heartburn").refresh_body_text()
    html = client.get("/search/", {"q": "leg cramps"}).content.decode()
    assert group(html, "articles", "article") == ["leg-cramps", "sleep"]


def test_doctor_whose_name_matches_ranks_first(client):
    hospital = HospitalFactory(name="Kulkarni Nursing Home", slug="kulkarni-home")
    GynecologistFactory(name="Dr Meera Joshi", slug="joshi", hospitals=[hospital])
    GynecologistFactory(name="Dr Asha Kulkarni", slug="kulkarni")
    html = client.get("/search/", {"q": "Kulkarni"}).content.decode()
    assert group(html, "doctors", "doctor") == ["kulkarni", "joshi"]


def test_every_word_must_match(client):
    ArticleFactory(title="Back pain", slug="back-pain").refresh_body_text()
    ArticleFactory(title="Pelvic pain", slug="pelvic-pain").refresh_body_text()
    html = client.get("/search/", {"q": "pelvic pain"}).content.decode()
    assert group(html, "articles", "article") == ["pelvic-pain"]


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_an_empty_query_invites_a_search(client, query):
    response = client.get("/search/", {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Type a word or two above" in html
    assert "data-group" not in html


def test_no_parameter_at_all_is_fine(client):
    assert client.get("/search/").status_code == 200


@pytest.mark.parametrize(
    "query", ["qwxzvbnm", "%%%", "_", "'; DROP TABLE x; --", '"unterminated', "a & | ! :*", "🙂"]
)
def test_nonsense_gives_a_clear_no_results_message(client, query):
    ArticleFactory(title="Leg cramps", slug="leg-cramps")
    response = client.get("/search/", {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing matches" in html
    assert 'data-result-count="0"' in html


def test_an_overlong_query_is_refused_with_a_message(client):
    response = client.get("/search/", {"q": "cramps " * 20})
    html = response.content.decode()
    assert response.status_code == 400
    assert "data-error-summary" in html
    assert "Please use at most 100 characters." in html
    assert 'aria-describedby="search-q-error"' in html


def test_more_link_when_a_group_is_full(client):
    for i in range(9):
        ArticleFactory(title=f"Sleep tip {i}", slug=f"sleep-{i}")
    html = client.get("/search/", {"q": "sleep"}).content.decode()
    assert len(group(html, "articles", "article")) == 8
    assert 'href="/articles/?q=sleep"' in html


@pytest.mark.parametrize("count", [2, 12])
def test_query_count_is_constant(client, count, django_assert_max_num_queries):
    city = CityFactory(name="Pune", slug="pune")
    for i in range(count):
        hospital = HospitalFactory(name=f"Pune Centre {i}", slug=f"centre-{i}", city=city)
        GynecologistFactory(name=f"Dr Pune {i}", slug=f"dr-{i}", city=city, hospitals=[hospital])
        MaternityPackageFactory(hospital=hospital, name=f"Pune package {i}", slug=f"pkg-{i}")
        ArticleFactory(title=f"Pune article {i}", slug=f"art-{i}")
    # After content changes, the first search reads the lexicon (terms, cities, languages): one query.
    with django_assert_max_num_queries(5):
        assert client.get("/search/", {"q": "pune"}).status_code == 200
    cache.clear()  # not the page cache: the search itself
    with django_assert_max_num_queries(4):  # one per group
        response = client.get("/search/", {"q": "pune"})
    assert response.status_code == 200


def test_header_search_box_submits_to_site_search(client):
    html = client.get("/").content.decode()
    assert re.search(
        r'<form class="site-search" action="/search/" method="get" role="search" aria-label="Site">', html
    )
    assert 'name="q"' in html and 'maxlength="100"' in html
