"""The doctor and package searches: filters, sorts, city pages, bad input, pagination, query counts."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.directory.public_data import cards, result_count
from tests.factories import (
    CityFactory,
    GynecologistFactory,
    HospitalFactory,
    LanguageFactory,
    MaternityPackageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

EVERY_DOCTOR = ["kavita-shah", "neha-patil", "asha-kulkarni", "meera-joshi", "rahul-deshmukh"]
EVERY_PACKAGE = [
    "sahyadri-normal-general",
    "asha-normal-twin",
    "sahyadri-normal-single",
    "sahyadri-caesarean-general",
    "seaside-normal-deluxe",
]


# ---- Doctors ----


def test_no_parameters_lists_every_active_doctor_most_experienced_first(client, public_directory):
    response = client.get("/gynecologists/")
    assert response.status_code == 200
    # Meera and Rahul both have 15 years: the tie goes to the name.
    assert cards(response) == EVERY_DOCTOR
    assert result_count(response) == 5
    assert "Dr Retired Doctor" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("city=pune", ["neha-patil", "asha-kulkarni", "meera-joshi", "rahul-deshmukh"]),
        ("city=mumbai", ["kavita-shah"]),
        ("language=marathi", ["asha-kulkarni", "meera-joshi", "rahul-deshmukh"]),
        # Repeated languages: the doctor must speak all of them.
        ("language=marathi&language=hindi", ["asha-kulkarni", "rahul-deshmukh"]),
        ("language=hindi&language=english", ["kavita-shah", "asha-kulkarni"]),
        ("language=marathi&language=hindi&language=english", ["asha-kulkarni"]),
        ("gender=male", ["rahul-deshmukh"]),
        ("gender=female&city=pune", ["neha-patil", "asha-kulkarni", "meera-joshi"]),
        ("min_experience=22", ["kavita-shah", "neha-patil", "asha-kulkarni"]),
        ("max_fee=800", ["meera-joshi", "rahul-deshmukh"]),
        ("max_fee=800&sort=fee", ["rahul-deshmukh", "meera-joshi"]),
        ("min_experience=0&max_fee=0", []),
        ("city=pune&language=english&max_fee=1000", ["neha-patil", "meera-joshi"]),
        ("sort=experience", EVERY_DOCTOR),
        ("sort=fee", ["rahul-deshmukh", "meera-joshi", "neha-patil", "asha-kulkarni", "kavita-shah"]),
        ("sort=name", ["asha-kulkarni", "kavita-shah", "meera-joshi", "neha-patil", "rahul-deshmukh"]),
        ("sort=relevance", EVERY_DOCTOR),
        # The name match comes before Dr Patil, who matches through "Asha Maternity Home".
        ("q=asha", ["asha-kulkarni", "neha-patil"]),
        ("q=ASHA&sort=experience", ["neha-patil", "asha-kulkarni"]),
        ("q=kulkarni", ["asha-kulkarni"]),
        ("q=sahyadri", ["asha-kulkarni", "meera-joshi", "rahul-deshmukh"]),
        ("q=sahyadri&sort=name", ["asha-kulkarni", "meera-joshi", "rahul-deshmukh"]),
        ("q=meera joshi", ["meera-joshi"]),
        ("q=nobody+by+this+name", []),
    ],
)
def test_doctor_filters_and_sorts(client, public_directory, query, expected):
    response = client.get(f"/gynecologists/?{query}")
    assert response.status_code == 200
    assert cards(response) == expected
    assert result_count(response) == len(expected)


def test_relevance_puts_the_whole_name_first(client, public_directory):
    GynecologistFactory(name="Dr Joshi Meera", slug="joshi-meera", experience_years=35)
    response = client.get("/gynecologists/?q=meera+joshi")
    # Both names hold both words; the one with the words in the order typed ranks first.
    assert cards(response) == ["meera-joshi", "joshi-meera"]


def test_doctor_card_shows_what_a_patient_compares(client, public_directory):
    html = client.get("/gynecologists/?q=kulkarni").content.decode()
    assert "Dr Asha Kulkarni" in html
    assert "MBBS, MS (Obstetrics &amp; Gynaecology)" in html
    assert "22 years" in html
    assert "₹1,200" in html
    assert "Marathi" in html and "Hindi" in html and "English" in html
    assert 'href="/hospitals/sahyadri-womens-hospital/"' in html
    assert "Closed Clinic" not in html  # inactive centres are not shown
    assert 'href="/doctors/asha-kulkarni/"' in html


def test_city_page_is_the_search_fixed_to_the_city(client, public_directory):
    response = client.get("/gynecologists/pune/?language=hindi")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Gynecologists in Pune</h1>" in html
    assert "<title>Gynecologists in Pune, Maharashtra: fees, experience and languages" in html
    assert '<meta name="description" content="Gynecologists in Pune, Maharashtra:' in html
    assert cards(response) == ["asha-kulkarni", "rahul-deshmukh"]
    assert 'name="city"' not in html  # the city is the address, not a filter here
    assert 'action="/gynecologists/pune/"' in html


def test_city_page_ignores_a_city_parameter(client, public_directory):
    response = client.get("/gynecologists/mumbai/?city=pune")
    assert cards(response) == ["kavita-shah"]


def test_unknown_city_page_is_404(client, public_directory):
    assert client.get("/gynecologists/atlantis/").status_code == 404
    assert client.get("/maternity-packages/atlantis/").status_code == 404


def test_a_city_the_lexicon_does_not_know_yet_is_read_from_the_database(
    client, public_directory, monkeypatch
):
    """City pages take their city from the search lexicon; a worker whose lexicon predates a new city
    (added on another machine a moment ago) still serves its page."""
    from directory import lexicon
    from directory.understanding import Lexicon

    monkeypatch.setattr(lexicon, "lexicon", lambda: Lexicon.build())  # knows no city at all
    response = client.get("/gynecologists/mumbai/")
    assert response.status_code == 200 and cards(response) == ["kavita-shah"]
    assert client.get("/maternity-packages/atlantis/").status_code == 404


@pytest.mark.parametrize(
    ("query", "field", "message", "expected"),
    [
        ("max_fee=abc", "max_fee", "Enter a fee in rupees, for example 1000, ₹1,000 or 1 lakh", EVERY_DOCTOR),
        (
            "max_fee=12.5",
            "max_fee",
            "Enter a fee in rupees, for example 1000, ₹1,000 or 1 lakh",
            EVERY_DOCTOR,
        ),
        ("min_experience=-5", "min_experience", "Enter years of 0 or more", EVERY_DOCTOR),
        ("min_experience=500", "min_experience", "Enter years of 70 or less", EVERY_DOCTOR),
        ("city=atlantis", "city", "We do not list doctors in that city yet", EVERY_DOCTOR),
        ("language=klingon", "language", "“klingon” is not a language we list", EVERY_DOCTOR),
        ("gender=other", "gender", "“other” is not a gender we list", EVERY_DOCTOR),
        ("sort=bogus", "sort", "“bogus” is not a sort order we offer", EVERY_DOCTOR),
        ("q=" + "a" * 101, "q", "Keep the search to 100 characters or fewer", EVERY_DOCTOR),
        # Only the bad value is ignored; the good ones still apply.
        (
            "city=pune&max_fee=abc",
            "max_fee",
            "Enter a fee in rupees",
            ["neha-patil", "asha-kulkarni", "meera-joshi", "rahul-deshmukh"],
        ),
        ("max_fee=800&sort=bogus", "sort", "is not a sort order", ["meera-joshi", "rahul-deshmukh"]),
    ],
)
def test_bad_doctor_parameter_shows_a_message_and_is_ignored(
    client, public_directory, query, field, message, expected
):
    response = client.get(f"/gynecologists/?{query}")
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'id="id_{field}-error"' in html  # the message sits next to its field
    assert "data-error-summary" in html
    assert cards(response) == expected


@pytest.mark.parametrize("page", ["abc", "0", "-1", "3", "1.5", "99999999999999999999"])
def test_page_that_is_not_a_number_or_past_the_end_is_404(client, public_directory, page):
    assert client.get(f"/gynecologists/?page={page}").status_code == 404
    assert client.get(f"/maternity-packages/?page={page}").status_code == 404


def test_pagination_keeps_the_filters(client, public_directory):
    pune = public_directory.cities["pune"]
    for n in range(25):
        GynecologistFactory(name=f"Dr Extra {n:02}", slug=f"extra-{n:02}", city=pune, experience_years=5)
    first = client.get("/gynecologists/?city=pune&sort=name")
    html = first.content.decode()
    assert result_count(first) == 29
    assert len(cards(first)) == 20
    assert 'href="?city=pune&amp;sort=name&amp;page=2"' in html
    second = client.get("/gynecologists/?city=pune&sort=name&page=2")
    names = cards(first) + cards(second)
    assert len(names) == 29 and len(set(names)) == 29
    assert cards(second)[-3:] == ["meera-joshi", "neha-patil", "rahul-deshmukh"]


def test_empty_results_suggest_how_to_widen_the_search(client, public_directory):
    response = client.get("/gynecologists/pune/?language=hindi&max_fee=100")
    html = response.content.decode()
    assert result_count(response) == 0
    assert "No gynecologist matches all of these filters" in html
    assert 'href="/gynecologists/"' in html  # search every city
    assert "raise the maximum fee" in html


# ---- Packages ----


def test_no_parameters_lists_every_listed_package_cheapest_first(client, public_directory):
    response = client.get("/maternity-packages/")
    assert cards(response, "package") == EVERY_PACKAGE
    assert result_count(response) == 5
    html = response.content.decode()
    assert "Old normal delivery offer" not in html  # valid until yesterday (India time)
    assert "Withdrawn package" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("city=pune", EVERY_PACKAGE[:4]),
        ("city=mumbai", ["seaside-normal-deluxe"]),
        ("delivery_type=caesarean", ["sahyadri-caesarean-general"]),
        ("delivery_type=caesarean_tubectomy", []),
        ("room_type=single", ["sahyadri-normal-single"]),
        ("min_price=52000", EVERY_PACKAGE[1:]),
        ("max_price=70000", EVERY_PACKAGE[:3]),
        ("min_price=50000&max_price=100000", EVERY_PACKAGE[1:4]),
        ("sort=price", EVERY_PACKAGE),
        ("sort=-price", list(reversed(EVERY_PACKAGE))),
        # Nights, then price for packages with the same stay.
        (
            "sort=nights",
            [
                "sahyadri-normal-general",
                "asha-normal-twin",
                "sahyadri-normal-single",
                "seaside-normal-deluxe",
                "sahyadri-caesarean-general",
            ],
        ),
        ("q=sahyadri", ["sahyadri-normal-general", "sahyadri-normal-single", "sahyadri-caesarean-general"]),
        ("q=normal delivery&city=pune&delivery_type=normal", EVERY_PACKAGE[:3]),
        ("q=aundh", ["asha-normal-twin"]),
    ],
)
def test_package_filters_and_sorts(client, public_directory, query, expected):
    response = client.get(f"/maternity-packages/?{query}")
    assert response.status_code == 200
    assert cards(response, "package") == expected
    assert result_count(response) == len(expected)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("max_price=lots", "max_price", "Enter a price in rupees, for example 150000, ₹1,50,000 or 1 lakh"),
        ("min_price=-1", "min_price", "Enter a price of 0 or more"),
        ("delivery_type=water", "delivery_type", "“water” is not a delivery type we list"),
        ("room_type=palace", "room_type", "“palace” is not a room type we list"),
        ("city=atlantis", "city", "We do not list packages in that city yet"),
        ("sort=cheapest", "sort", "“cheapest” is not a sort order we offer"),
    ],
)
def test_bad_package_parameter_shows_a_message_and_is_ignored(
    client, public_directory, query, field, message
):
    response = client.get(f"/maternity-packages/?{query}")
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'id="id_{field}-error"' in html
    assert cards(response, "package") == EVERY_PACKAGE


def test_package_city_page(client, public_directory):
    response = client.get("/maternity-packages/pune/?sort=-price")
    html = response.content.decode()
    assert "<h1>Maternity packages in Pune</h1>" in html
    assert "<title>Maternity packages in Pune, Maharashtra: delivery prices and inclusions" in html
    assert cards(response, "package") == list(reversed(EVERY_PACKAGE[:4]))


def test_package_card_shows_price_stay_room_and_first_three_inclusions(client, public_directory):
    html = client.get("/maternity-packages/?room_type=general&delivery_type=normal").content.decode()
    assert "₹45,000" in html
    assert "2 nights" in html
    assert "General ward" in html
    assert "Normal delivery" in html
    assert "Sahyadri Women&#x27;s Hospital" in html
    assert "Delivery by the consultant" in html and "Two nights&#x27; stay" in html
    assert "Baby&#x27;s first vaccines" not in html  # the fourth inclusion waits for the package page
    # "Add to compare" without JavaScript: a GET form to the compare page with checkboxes named p.
    assert 'action="/maternity-packages/compare/"' in html
    assert 'name="p" value="sahyadri-normal-general"' in html


def test_compare_is_not_taken_for_a_city(client, public_directory):
    response = client.get("/maternity-packages/compare/?p=asha-normal-twin&p=sahyadri-normal-general")
    assert response.status_code == 200
    assert "Compare maternity packages" in response.content.decode()


# ---- Query counts ----


def _drop_pages():
    """Empty the page cache; the process reads the search lexicon for the content version now current
    (with Redis, emptying the cache publishes a new version) before the search whose queries count."""
    from directory import lexicon

    cache.clear()
    lexicon.lexicon()


def _count_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize(
    "url",
    [
        "/gynecologists/",
        "/gynecologists/?city=pune&language=marathi&language=hindi&max_fee=5000&sort=experience",
        "/gynecologists/pune/?q=dr",
    ],
)
def test_doctor_search_runs_the_same_queries_for_3_or_30_results(client, django_assert_max_num_queries, url):
    pune = CityFactory(name="Pune", slug="pune")
    languages = [LanguageFactory(name=n, slug=n.lower()) for n in ("Marathi", "Hindi")]
    hospitals = [HospitalFactory(city=pune) for _ in range(2)]

    def add(n):
        for _ in range(n):
            GynecologistFactory(city=pune, languages=languages, hospitals=hospitals)

    add(3)
    few, response = _count_queries(client, url)
    assert len(cards(response)) == 3
    add(27)
    many, response = _count_queries(client, url)
    assert len(cards(response)) == 20 and result_count(response) == 30
    assert few == many
    _drop_pages()
    # count, page, centres: the city and language lists, the city of a city page and the cards' language
    # names come from the search lexicon, which the process read once for this content version.
    with django_assert_max_num_queries(3):
        response = client.get(url)
    assert response.status_code == 200 and len(cards(response)) == 20 and result_count(response) == 30


@pytest.mark.parametrize(
    "url",
    [
        "/maternity-packages/",
        "/maternity-packages/?city=pune&delivery_type=normal&max_price=150000",
        "/maternity-packages/pune/",
    ],
)
def test_package_search_runs_the_same_queries_for_3_or_30_results(client, django_assert_max_num_queries, url):
    pune = CityFactory(name="Pune", slug="pune")
    hospitals = [HospitalFactory(city=pune) for _ in range(3)]

    def add(n):
        for i in range(n):
            MaternityPackageFactory(hospital=hospitals[i % 3], price=50000 + i)

    add(3)
    few, response = _count_queries(client, url)
    assert len(cards(response, "package")) == 3
    add(27)
    many, response = _count_queries(client, url)
    assert len(cards(response, "package")) == 20 and result_count(response) == 30
    assert few == many
    _drop_pages()
    with django_assert_max_num_queries(2):  # count, page (the city list from the search lexicon)
        response = client.get(url)
    assert response.status_code == 200
    assert len(cards(response, "package")) == 20 and result_count(response) == 30


# ---- What the pages say ----


@pytest.mark.parametrize(
    ("url", "heading", "lead"),
    [
        ("/gynecologists/?city=pune", "Gynecologists in Pune", "Doctors who practise in Pune"),
        ("/gynecologists/pune/", "Gynecologists in Pune", "Doctors who practise in Pune"),
        ("/gynecologists/?city=atlantis", "Gynecologists", "Doctors across India"),
        ("/gynecologists/", "Gynecologists", "Doctors across India"),
        ("/maternity-packages/?city=mumbai", "Maternity packages in Mumbai", "Hospitals in Mumbai"),
        ("/maternity-packages/?city=", "Maternity packages", "Hospitals across India"),
    ],
)
def test_the_heading_names_the_city_chosen_with_the_filter_too(client, public_directory, url, heading, lead):
    html = client.get(url).content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f'<p class="lead">{lead}' in html


def test_the_language_filter_says_every_ticked_language_must_be_spoken(client, public_directory):
    html = client.get("/gynecologists/").content.decode()
    hint = "Tick one or more: you will see the doctors who speak all of them."
    assert f'<span class="hint" id="id_language_helptext">{hint}</span>' in html
    assert '<fieldset aria-describedby="id_language_helptext">' in html


def test_normal_delivery_cards_show_what_a_caesarean_would_cost_at_the_same_centre(client, public_directory):
    import re

    html = client.get("/maternity-packages/pune/").content.decode()
    notes = dict(
        re.findall(r'data-package="([\w-]+)".*?(?:caesarean-difference">([^<]*)</p>|</li>)', html, re.S)
    )
    assert notes == {
        # Sahyadri lists a C-section in the general ward at ₹95,000.
        "sahyadri-normal-general": "If a caesarean is needed: ₹95,000 here, ₹50,000 more.",
        "asha-normal-twin": "No caesarean package listed here for this room: ask the hospital its price.",
        "sahyadri-normal-single": "No caesarean package listed here for this room: ask the hospital its price.",
        "sahyadri-caesarean-general": "",  # already a caesarean
    }


# ---- The search box reads what patients mean ----


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=pune", ["neha-patil", "asha-kulkarni", "meera-joshi", "rahul-deshmukh"]),
        ("q=marathi+lady+doctor", ["asha-kulkarni", "meera-joshi"]),
        ("q=gynaecologist+in+bombay", ["kavita-shah"]),
        ("q=male+gynecologist", ["rahul-deshmukh"]),
        ("q=Dr+Asha+Kulkarni", ["asha-kulkarni"]),
        ("q=kothrud", ["asha-kulkarni", "meera-joshi", "rahul-deshmukh"]),  # Sahyadri is in Kothrud
        ("q=gynecologist+fees+pune", ["rahul-deshmukh", "meera-joshi", "neha-patil", "asha-kulkarni"]),
        ("q=hindi&language=marathi", ["asha-kulkarni", "rahul-deshmukh"]),  # both languages
        ("q=mumbai&city=pune", []),  # two cities: nobody is in both
    ],
)
def test_the_doctor_search_box_reads_cities_languages_and_gender(client, public_directory, query, expected):
    response = client.get(f"/gynecologists/?{query}")
    assert cards(response) == expected
    assert result_count(response) == len(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=c+section", ["sahyadri-caesarean-general"]),
        ("q=normal+delivery+bombay", ["seaside-normal-deluxe"]),
        ("q=sahyadri+cesarean", ["sahyadri-caesarean-general"]),
        ("q=delivery+package+aundh", ["asha-normal-twin"]),
    ],
)
def test_the_package_search_box_reads_delivery_types_and_cities(client, public_directory, query, expected):
    assert cards(client.get(f"/maternity-packages/?{query}"), "package") == expected


@pytest.mark.parametrize(
    ("url", "suggestion", "link"),
    [
        ("/gynecologists/?q=kulkarmi", "kulkarni", "?q=kulkarni"),
        ("/gynecologists/pune/?q=deshmikh&sort=fee&page=1", "deshmukh", "?q=deshmukh&amp;sort=fee"),
        ("/maternity-packages/?q=sahiadri&max_price=1+lakh", "sahyadri", "?q=sahyadri&amp;max_price=1+lakh"),
    ],
)
def test_a_search_that_finds_nothing_offers_the_corrected_spelling(
    client, public_directory, url, suggestion, link
):
    response = client.get(url)
    html = response.content.decode()
    assert result_count(response) == 0
    assert f'Did you mean <a href="{link}">“{suggestion}”</a>?' in html


def test_no_suggestion_when_nothing_is_close_or_something_was_found(client, public_directory):
    assert "Did you mean" not in client.get("/gynecologists/?q=zzqxv").content.decode()
    assert "Did you mean" not in client.get("/gynecologists/?q=kulkarni").content.decode()
    assert "Did you mean" not in client.get("/gynecologists/?max_fee=1").content.decode()


def test_an_unknown_language_among_known_ones_leaves_only_itself_out(client, public_directory):
    """CONTRACT.md: a value that does not parse gets a message and results that ignore that one value;
    the languages that are listed still apply."""
    hindi = cards(client.get("/gynecologists/?language=hindi"))
    assert 0 < len(hindi) < len(EVERY_DOCTOR)
    response = client.get("/gynecologists/?language=hindi&language=klingon")
    html = response.content.decode()
    assert response.status_code == 200
    assert cards(response) == hindi
    assert "“klingon” is not a language we list, so it was left out." in html
    assert 'id="id_language-error"' in html
    assert re.search(r'value="hindi"[^>]*checked', html)
    hi = client.get("/hi/gynecologists/?language=hindi&language=klingon")
    assert cards(hi) == hindi
    assert "“klingon” कोई ऐसी भाषा नहीं है जो हमारी सूची में हो, इसलिए उसे छोड़ दिया गया।" in hi.content.decode()


@pytest.mark.parametrize("path", ["/gynecologists/", "/maternity-packages/", "/hi/gynecologists/"])
def test_changing_the_sort_order_does_not_reload_the_page_by_itself(client, public_directory, path):
    """With the keyboard each arrow press on a select is a change: a page that submitted on change
    reloaded at every press and sent focus to the top (WCAG 3.2.2). "Show results" applies the order."""
    html = client.get(path).content.decode()
    select = re.search(r'<select name="sort"[^>]*>', html).group(0)
    assert "data-autosubmit" not in select and "onchange" not in select
    site_js = (Path(__file__).resolve().parents[2] / "static" / "js" / "site.js").read_text()
    assert "requestSubmit" not in site_js and ".submit(" not in site_js


@pytest.mark.parametrize(
    ("path", "advice", "not_advice"),
    [
        ("/gynecologists/?q=xyzzy", ["search for a shorter word"], ["fewer languages", "maximum fee"]),
        ("/gynecologists/?max_fee=1", ["raise the maximum fee"], ["fewer languages", "shorter word"]),
        (
            "/gynecologists/?language=hindi&language=tamil&min_experience=60",
            ["fewer languages", "maximum fee"],
            [],
        ),
        ("/maternity-packages/?q=xyzzy", ["search for a shorter word"], ["delivery type", "maximum price"]),
        (
            "/maternity-packages/?max_price=1000",
            ["raise the maximum price"],
            ["delivery type", "shorter word"],
        ),
    ],
)
def test_an_empty_page_suggests_widening_only_what_was_set(
    client, public_directory, path, advice, not_advice
):
    html = client.get(path).content.decode()
    assert 'data-result-count="0"' in html
    empty = html[html.index("empty-state") : html.index("</div>", html.index("empty-state"))]
    assert all(words in empty for words in advice), empty
    assert not any(words in empty for words in not_advice), empty
    assert "clear all filters" in empty
