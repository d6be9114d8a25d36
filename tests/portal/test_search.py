"""Site-wide search at /search/: grouped, ranked, only listed items, graceful with any input."""

import datetime
import re

import pytest
from django.core.cache import cache

from articles.models import Status
from directory import lexicon
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
    # A city alone: its listings, each group saying so.
    assert headings == [
        "Articles",
        "Gynecologists in Pune",
        "Hospitals in Pune",
        "Maternity packages in Pune",
    ]


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


@pytest.mark.parametrize(("count", "queries"), [(2, 4), (8, 4), (9, 8), (12, 8), (40, 8)])
def test_query_count_is_bounded(client, count, queries, django_assert_num_queries):
    """One query a group, and a COUNT for a group with more matches than it shows: at most eight,
    however many results."""
    city = CityFactory(name="Pune", slug="pune")
    for i in range(count):
        hospital = HospitalFactory(name=f"Pune Centre {i}", slug=f"centre-{i}", city=city)
        GynecologistFactory(name=f"Dr Pune {i}", slug=f"dr-{i}", city=city, hospitals=[hospital])
        MaternityPackageFactory(hospital=hospital, name=f"Pune package {i}", slug=f"pkg-{i}")
        ArticleFactory(title=f"Pune article {i}", slug=f"art-{i}")
    # After content changes, the first search reads the lexicon (terms, cities, languages): one query.
    with django_assert_num_queries(queries + 1):
        assert client.get("/search/", {"q": "pune"}).status_code == 200
    cache.clear()  # not the page cache: the search itself
    lexicon.lexicon()  # read for the version now current (with Redis, emptying the cache publishes one)
    with django_assert_num_queries(queries):
        response = client.get("/search/", {"q": "pune"})
    assert response.status_code == 200
    html = response.content.decode()
    shown = min(count, 8)  # eight to a group
    for key, marker, prefix in [
        ("articles", "article", "art"),
        ("doctors", "doctor", "dr"),
        ("hospitals", "hospital", "centre"),
        ("packages", "package", "pkg"),
    ]:
        found = group(html, key, marker)
        assert len(found) == shown and set(found) <= {f"{prefix}-{i}" for i in range(count)}, (key, found)
    assert result_count(html) == 4 * count  # every match, not only those shown


# ---- How many results (data-result-count, CONTRACT.md): every match, not only those shown ----


def result_count(html):
    counts = re.findall(r'data-result-count="(\d+)"', html)
    assert len(counts) == 1, counts
    return int(counts[0])


@pytest.fixture
def crowded_pune(db):
    """More matches for "pune" than a group shows, in every group, besides some that must not count:
    11 articles, 30 doctors, 10 centres and 18 packages in Pune (69 in all)."""
    pune = CityFactory(name="Pune", slug="pune")
    mumbai = CityFactory(name="Mumbai", slug="mumbai")
    centres = [HospitalFactory(name=f"Pune Centre {i}", slug=f"centre-{i}", city=pune) for i in range(10)]
    HospitalFactory(name="Closed Pune Clinic", slug="closed", city=pune, is_active=False)
    elsewhere = HospitalFactory(name="Seaside", slug="seaside", city=mumbai)
    for i in range(30):
        GynecologistFactory(name=f"Dr Pune {i}", slug=f"dr-{i}", city=pune, hospitals=[centres[i % 10]])
    GynecologistFactory(name="Dr Gone", slug="gone", city=pune, is_active=False)
    GynecologistFactory(name="Dr Mumbai", slug="dr-mumbai", city=mumbai, hospitals=[elsewhere])
    for i in range(18):
        MaternityPackageFactory(hospital=centres[i % 10], name=f"Package {i}", slug=f"pkg-{i}")
    MaternityPackageFactory(
        hospital=centres[0], name="Old offer", slug="expired", valid_until=datetime.date(2020, 1, 1)
    )
    MaternityPackageFactory(hospital=centres[0], name="Hidden", slug="hidden", is_active=False)
    MaternityPackageFactory(hospital=elsewhere, name="Mumbai package", slug="pkg-mumbai")
    for i in range(11):
        ArticleFactory(title=f"Giving birth in Pune {i}", slug=f"art-{i}")
    ArticleFactory(title="Pune draft", slug="pune-draft", status=Status.DRAFT)
    ArticleFactory(title="Mumbai article", slug="mumbai-article")
    return pune


def test_result_count_is_every_match_while_each_group_shows_eight(
    client, crowded_pune, django_assert_num_queries
):
    client.get("/search/", {"q": "birth"})  # the lexicon, read once for the content version
    cache.clear()
    lexicon.lexicon()
    with django_assert_num_queries(8):  # each group's first nine rows, and its count
        html = client.get("/search/", {"q": "pune"}).content.decode()
    for key, marker in [
        ("articles", "article"),
        ("doctors", "doctor"),
        ("hospitals", "hospital"),
        ("packages", "package"),
    ]:
        assert len(group(html, key, marker)) == 8, key
    assert result_count(html) == 11 + 30 + 10 + 18


def test_result_count_of_the_listing_asked_for(client, crowded_pune):
    html = client.get("/search/", {"q": "gynecologist pune"}).content.decode()
    assert groups_of(html)[0][0] == "doctors" and len(group(html, "doctors", "doctor")) == 8
    assert result_count(html) == 30
    html = client.get("/search/", {"q": "packages pune"}).content.decode()
    assert len(group(html, "packages", "package")) == 8
    assert result_count(html) == 18


@pytest.mark.parametrize("path", ["/search/", "/hi/search/"])
def test_result_count_is_zero_when_nothing_matches(client, crowded_pune, path):
    html = client.get(path, {"q": "qwxzvbnm"}).content.decode()
    assert "data-group" not in html
    assert result_count(html) == 0


def test_hindi_result_count_is_every_match(client, crowded_pune, django_assert_num_queries):
    """On /hi/search/ the English articles found (no Hindi one is) count with the directory's groups."""
    client.get("/hi/search/", {"q": "birth"})
    cache.clear()
    lexicon.lexicon()
    # Hindi articles (none), English ones and their count, the 3 directory groups and their counts.
    with django_assert_num_queries(9):
        html = client.get("/hi/search/", {"q": "pune"}).content.decode()
    for key, marker in [("articles", "article"), ("doctors", "doctor"), ("packages", "package")]:
        assert len(group(html, key, marker)) == 8, key
    assert result_count(html) == 11 + 30 + 10 + 18


def test_hindi_result_count_counts_an_article_and_its_translation_once(client, django_assert_max_num_queries):
    """The Hindi articles found, then the English ones not shown as one of those: an English article
    whose listed translation was found counts once; one shown as a translation the words did not find,
    or as itself (no published translation), counts."""
    found = ArticleFactory(title="Bleeding in pregnancy", slug="bleeding")
    ArticleFactory(title="Bleeding: रक्तस्राव", slug="raktasrav", language="hi", translation_of=found)
    ArticleFactory(title="Bleeding: हिंदी में", slug="hindi-only", language="hi")
    gums = ArticleFactory(title="Bleeding gums", slug="gums")
    ArticleFactory(title="मसूड़ों से खून", slug="masoode", language="hi", translation_of=gums)
    drafted = ArticleFactory(title="Bleeding nose", slug="nose")
    ArticleFactory(
        title="Bleeding nose draft",
        slug="nose-hi",
        language="hi",
        translation_of=drafted,
        status=Status.DRAFT,
    )
    for i in range(9):
        ArticleFactory(title=f"Bleeding after birth {i}", slug=f"after-birth-{i}")
    ArticleFactory(title="Heartburn", slug="heartburn")
    client.get("/hi/search/", {"q": "birth"})
    cache.clear()
    lexicon.lexicon()
    # Hindi articles, English ones, their count, the translations shown for them, doctors, centres.
    with django_assert_max_num_queries(7):
        html = client.get("/hi/search/", {"q": "bleeding"}).content.decode()
    shown = group(html, "articles", "article")
    assert len(shown) == 8
    assert {"raktasrav", "hindi-only"} <= set(shown) and "bleeding" not in shown  # shown as raktasrav
    # 2 Hindi, then gums (as masoode), nose (as itself) and the 9 untranslated: 13 articles.
    assert result_count(html) == 2 + 1 + 1 + 9


def test_hindi_result_count_when_the_hindi_articles_fill_the_group(client, django_assert_num_queries):
    """Nine Hindi articles found: the group shows eight of them and links to the Hindi article list;
    the English articles are not searched (nor shown), so the count is the Hindi articles'."""
    for i in range(9):
        ArticleFactory(title=f"Bleeding {i}: रक्तस्राव", slug=f"hi-{i}", language="hi")
    ArticleFactory(title="Bleeding gums", slug="gums")
    client.get("/hi/search/", {"q": "birth"})
    cache.clear()
    lexicon.lexicon()
    with django_assert_num_queries(5):  # Hindi articles and their count, 3 directory groups
        html = client.get("/hi/search/", {"q": "bleeding"}).content.decode()
    assert len(group(html, "articles", "article")) == 8
    assert result_count(html) == 9


def test_header_search_box_submits_to_site_search(client):
    html = client.get("/").content.decode()
    assert re.search(
        r'<form class="site-search" action="/search/" method="get" role="search" aria-label="Site">', html
    )
    assert 'name="q"' in html and 'maxlength="100"' in html


# ---- Reading what patients mean (directory.understanding) ----


@pytest.fixture
def frozen():
    import time_machine

    from tests.directory.public_data import NOW

    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def small_site(db):
    """Two cities, a few doctors, centres and packages, and two articles (the starter search terms
    come with the migrations)."""
    from tests.directory.public_data import build_directory

    directory = build_directory()
    hyderabad = CityFactory(name="Hyderabad", slug="hyderabad", state="Telangana")
    centre = HospitalFactory(
        name="Banjara Mothercare", slug="banjara", city=hyderabad, locality="Banjara Hills"
    )
    MaternityPackageFactory(hospital=centre, name="Caesarean, twin sharing", slug="hyd-c-twin",
                            delivery_type="caesarean", room_type="twin_sharing", price=98000)  # fmt: skip
    MaternityPackageFactory(hospital=centre, name="Caesarean, general ward", slug="hyd-c-general",
                            delivery_type="caesarean", price=76000)  # fmt: skip
    MaternityPackageFactory(
        hospital=centre, name="Normal delivery, general ward", slug="hyd-normal", price=42000
    )
    heartburn = ArticleFactory(
        title="Heartburn and indigestion", slug="heartburn", standfirst="A burning chest."
    )
    heartburn.refresh_body_text()
    ArticleFactory(
        title="Leg cramps in pregnancy", slug="leg-cramps", standfirst="Calves at night."
    ).refresh_body_text()
    return directory


def groups_of(html):
    return [
        (key, heading, re.findall(r'data-(?:doctor|article|package|hospital)="([\w-]+)"', body))
        for key, heading, body in re.findall(
            r'data-group="(\w+)">\s*<h2 id="group-\w+">([^<]*)</h2>(.*?)</section>', html, re.S
        )
    ]


@pytest.mark.usefixtures("frozen")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "gynecologist pune",
            [
                (
                    "doctors",
                    "Gynecologists in Pune",
                    ["neha-patil", "asha-kulkarni", "meera-joshi", "rahul-deshmukh"],
                )
            ],
        ),
        (
            "marathi speaking lady doctor",
            [("doctors", "Female gynecologists who speak Marathi", ["asha-kulkarni", "meera-joshi"])],
        ),
        (
            "gynaecologist fees pune",
            [
                (
                    "doctors",
                    "Gynecologists in Pune, lowest fee first",
                    ["rahul-deshmukh", "meera-joshi", "neha-patil", "asha-kulkarni"],
                )
            ],
        ),
        (
            "c section cost hyderabad",
            [
                (
                    "packages",
                    "Caesarean section packages in Hyderabad, cheapest first",
                    ["hyd-c-general", "hyd-c-twin"],
                )
            ],
        ),
        ("nursing home aundh", [("hospitals", "Hospitals matching “aundh”", ["asha-maternity-home"])]),
        # Nothing asked for but words: every group, articles first.
        ("acidity", [("articles", "Articles", ["heartburn"])]),
        (
            "bombay",
            [
                ("doctors", "Gynecologists in Mumbai", ["kavita-shah"]),
                ("hospitals", "Hospitals in Mumbai", ["seaside-mothercare"]),
                ("packages", "Maternity packages in Mumbai", ["seaside-normal-deluxe"]),
            ],
        ),
    ],
)
def test_the_listing_the_query_asks_for_comes_first_under_what_was_understood(
    client, small_site, query, expected
):
    html = client.get("/search/", {"q": query}).content.decode()
    assert groups_of(html) == expected


@pytest.mark.usefixtures("frozen")
@pytest.mark.parametrize(
    ("query", "link"),
    [
        ("gynecologist pune", ('href="/gynecologists/pune/"', "All gynecologists in Pune")),
        (
            "marathi speaking lady doctor kothrud",
            (
                'href="/gynecologists/?q=kothrud&amp;language=marathi&amp;gender=female"',
                "All female gynecologists who speak Marathi matching “kothrud”",
            ),
        ),
        (
            "gynecologist fees pune",
            ('href="/gynecologists/pune/?sort=fee"', "All gynecologists in Pune, lowest fee first"),
        ),
        (
            "c section cost hyderabad",
            (
                'href="/maternity-packages/hyderabad/?delivery_type=caesarean"',
                "All caesarean section packages in Hyderabad, cheapest first",
            ),
        ),
    ],
)
def test_the_first_group_links_to_the_full_list_with_the_same_filters(client, small_site, query, link):
    html = client.get("/search/", {"q": query}).content.decode()
    href, words = link
    assert f"<p><a {href}>{words}</a></p>" in html


@pytest.mark.usefixtures("frozen")
def test_the_linked_list_shows_what_the_search_promised(client, small_site):
    html = client.get("/search/", {"q": "marathi speaking lady doctor in pune"}).content.decode()
    href = re.search(r'<p><a href="([^"]+)">All female', html).group(1).replace("&amp;", "&")
    listing = client.get(href).content.decode()
    assert re.findall(r'data-doctor="([\w-]+)"', listing) == ["asha-kulkarni", "meera-joshi"]
    assert "<h1>Gynecologists in Pune</h1>" in listing


@pytest.mark.usefixtures("frozen")
def test_a_package_result_shows_the_caesarean_price_beside_a_normal_delivery(client, small_site):
    html = client.get("/search/", {"q": "normal delivery hyderabad"}).content.decode()
    assert groups_of(html) == [
        ("packages", "Normal delivery packages in Hyderabad, cheapest first", ["hyd-normal"])
    ]
    assert "If a caesarean is needed: ₹76,000 here, ₹34,000 more." in html


@pytest.mark.usefixtures("frozen")
@pytest.mark.parametrize(
    ("typed", "corrected", "first"),
    [
        ("kulkarmi", "kulkarni", ("doctors", "asha-kulkarni")),
        ("legcramps", "leg cramps", ("articles", "leg-cramps")),
        ("heartbrun", "heartburn", ("articles", "heartburn")),
        ("कुलकर्णी", "kulkarni", ("doctors", "asha-kulkarni")),
        ("gynacologist pune", "gynecologist pune", ("doctors", "neha-patil")),
    ],
)
def test_when_nothing_matches_the_corrected_query_is_shown(client, small_site, typed, corrected, first):
    html = client.get("/search/", {"q": typed}).content.decode()
    assert f"Nothing matched “{typed}”, so here are the results for “<strong>{corrected}</strong>”." in html
    key, _, slugs = groups_of(html)[0]
    assert (key, slugs[0]) == first
    assert f'value="{typed}"' in html  # the box keeps what was typed


@pytest.mark.usefixtures("frozen")
@pytest.mark.parametrize(
    "query",
    [
        '"NEAR" AND cramps*',
        "leg NEAR/2 cramps",
        "cramps OR 1=1",
        "x" * 100,
        "पैर пуне 🙂 cramps",
        "*",
        '"""',
        "-- ; /* */",
        "ऐंठन\u200d\u200c",
    ],
)
def test_search_syntax_and_mixed_scripts_give_a_clean_page(client, small_site, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "data-result-count=" in response.content.decode()


@pytest.mark.usefixtures("frozen")
def test_an_edited_search_term_is_used_at_once(client, small_site, django_capture_on_commit_callbacks):
    from directory.models import SearchTerm

    assert "Nothing matches" in client.get("/search/", {"q": "jalan chhati"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the cached page goes with the commit
        SearchTerm.objects.create(phrase="Jalan Chhati", means="heartburn", group="synonym")
    html = client.get("/search/", {"q": "jalan chhati"}).content.decode()
    assert groups_of(html) == [("articles", "Articles", ["heartburn"])]


def test_hindi_search_shows_english_articles_after_the_hindi_ones_as_their_translations(
    client, django_assert_num_queries
):
    """On /hi/search/: the Hindi articles the words find, then the English ones, each as its published
    Hindi translation where there is one, none twice. The translations come with the English articles;
    those not listed already are read in one more query."""
    spotting = ArticleFactory(title="Spotting and bleeding in pregnancy", slug="spotting")
    ArticleFactory(title="Spotting: रक्तस्राव", slug="raktasrav", language="hi", translation_of=spotting)
    gums = ArticleFactory(title="Bleeding gums in pregnancy", slug="gums")
    ArticleFactory(title="मसूड़ों से खून", slug="masoode", language="hi", translation_of=gums)
    ArticleFactory(
        title="Bleeding gums draft",
        slug="gums-draft",
        language="hi",
        translation_of=gums,
        status=Status.DRAFT,
    )
    ArticleFactory(title="Bleeding after birth", slug="after-birth")  # not translated
    client.get("/hi/search/", {"q": "birth"})  # the lexicon, read once for the content version
    cache.clear()
    lexicon.lexicon()
    with django_assert_num_queries(6):  # Hindi articles, English ones, 2 translations, 3 directory groups
        html = client.get("/hi/search/", {"q": "bleeding"}).content.decode()
    assert sorted(group(html, "articles", "article")) == ["after-birth", "masoode", "raktasrav"]
    cache.clear()
    lexicon.lexicon()  # with Redis, emptying the cache publishes a new content version
    with django_assert_num_queries(5):  # the one translation found is listed already
        html = client.get("/hi/search/", {"q": "spotting"}).content.decode()
    assert group(html, "articles", "article") == ["raktasrav"]


def test_on_hindi_pages_an_english_article_says_it_is_in_english(client):
    """A Hindi reader sees, before following the link, which results are English pages."""
    ArticleFactory(title="Bleeding: रक्तस्राव", slug="raktasrav", language="hi")
    ArticleFactory(title="Bleeding nose", slug="nose")
    html = client.get("/hi/search/", {"q": "bleeding"}).content.decode()
    english = re.search(r'<li data-article="nose" lang="en">(.*?)</li>', html, re.S).group(1)
    assert '<span class="tag" lang="hi">अंग्रेजी में</span>' in english
    hindi = re.search(r'<li data-article="raktasrav">(.*?)</li>', html, re.S).group(1)
    assert 'class="tag"' not in hindi
    assert "अंग्रेजी में" not in client.get("/search/", {"q": "bleeding nose"}).content.decode()
