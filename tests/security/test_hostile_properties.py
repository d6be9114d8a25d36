"""Property-based hostile input (Hypothesis): arbitrary text and numbers in the search parameters and
the calculator's fields never crash a page, are never reflected unescaped, and always end in either a
result or a message.

Every generated value may carry the marker `"<x-hyp `: no page has such an element, so finding it
in a body means a value was written out without escaping.
"""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.hostile import assert_safe

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

MARKER = '"<x-hyp '
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any character a browser can send in UTF-8: every category but surrogates (which cannot be encoded).
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
huge_ints = st.integers(min_value=-(10**400), max_value=10**400).map(str)
marked = st.tuples(any_text, any_text).map(lambda parts: parts[0] + MARKER + parts[1])
hostile_value = st.one_of(any_text, marked, huge_ints, st.sampled_from(["", "0", "1", "-1", "1e309", "NaN"]))


def check(response, context: str) -> str:
    body = assert_safe(response, context)
    assert response.status_code in {200, 400, 404, 405}, f"{context}: {response.status_code}"
    assert "<x-hyp" not in body, f"{context}: reflected unescaped"
    return body


SEARCHES = {
    "/gynecologists/": ["q", "city", "language", "gender", "min_experience", "max_fee", "sort", "page"],
    "/gynecologists/pune/": ["q", "language", "gender", "min_experience", "max_fee", "sort", "page"],
    "/maternity-packages/": [
        "q",
        "city",
        "delivery_type",
        "room_type",
        "min_price",
        "max_price",
        "sort",
        "page",
    ],
    "/maternity-packages/pune/": ["q", "delivery_type", "room_type", "min_price", "max_price", "sort"],
    "/maternity-packages/compare/": ["p"],
    "/articles/": ["q", "topic", "page"],
    "/search/": ["q"],
}


@st.composite
def search_request(draw):
    path = draw(st.sampled_from(sorted(SEARCHES)))
    names = SEARCHES[path]
    params = draw(st.lists(st.tuples(st.sampled_from(names), hostile_value), min_size=1, max_size=6))
    return path, params


@SETTINGS
@given(request=search_request())
def test_any_search_parameters_give_a_page_or_a_clean_error(site, http, request):
    path, params = request
    response = http.get(path, _multi(params))
    body = check(response, f"GET {path} {params!r}"[:300])
    if response.status_code == 200 and path != "/maternity-packages/compare/":
        # Every page has an <h1>; what a search must show is its result count (site search: or, with
        # no usable words, the invitation to type some, or the message next to the field).
        outcomes = ["data-result-count="]
        if path == "/search/":
            outcomes += ["Type a word or two above", "data-error-summary"]
        assert any(outcome in body for outcome in outcomes), f"GET {path} {params!r}: no result count"[:300]


def _multi(params):
    """A dict of lists, so repeated names are sent repeatedly, in order."""
    data = {}
    for name, value in params:
        data.setdefault(name, []).append(value)
    return data


METHODS = ["lmp", "conception", "ivf", "ultrasound"]
FIELDS = [
    "lmp",
    "cycle_length",
    "conception_date",
    "transfer_date",
    "embryo_age",
    "scan_date",
    "scan_weeks",
    "scan_days",
]
dates = st.dates(datetime.date(2019, 1, 1), datetime.date(2027, 12, 31)).map(datetime.date.isoformat)
calculator_value = st.one_of(hostile_value, dates, st.integers(-100, 100).map(str))


@st.composite
def calculator_post(draw):
    data = {"method": draw(st.one_of(st.sampled_from(METHODS), hostile_value))}
    for name in draw(st.lists(st.sampled_from(FIELDS), unique=True)):
        data[name] = draw(calculator_value)
    return data


@SETTINGS
@given(data=calculator_post())
def test_any_calculator_post_gives_a_result_or_a_message(site, http, data):
    response = http.post("/due-date-calculator/", data)
    body = check(response, f"POST calculator {data!r}"[:300])
    assert response.status_code == 200
    has_result = 'data-result="due-date"' in body
    has_message = "data-error-summary" in body
    assert has_result != has_message, f"{data!r}: result={has_result} message={has_message}"
    assert "no-store" in response["Cache-Control"]


@SETTINGS
@given(data=calculator_post())
def test_any_calendar_post_gives_a_calendar_or_the_form_with_a_message(site, http, data):
    response = http.post("/due-date-calculator/calendar.ics", data)
    body = check(response, f"POST calendar {data!r}"[:300])
    if response.status_code == 200:
        assert response["Content-Type"].startswith("text/calendar")
        assert body.startswith("BEGIN:VCALENDAR")
    else:
        assert response.status_code == 400
        assert "data-error-summary" in body
