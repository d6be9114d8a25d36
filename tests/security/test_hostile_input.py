"""Every query parameter and form field of every public page, driven with a corpus of hostile values.

For each request: no 500, nothing reflected unescaped, no template evaluated, and a value the field
cannot take gets a message next to that field (or the documented 400/404), while a value it can take
gets none. The corpus lives in tests/security/hostile.py; the figures are in the module docstring of
that file's users below.
"""

import datetime
from dataclasses import dataclass

import pytest

from tests.client import FormClient
from tests.directory.public_data import TODAY
from tests.security.hostile import CORPUS, assert_safe, decoded, whole_number

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


# ---- What each parameter accepts ----


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # int, choice, slug, slugs, text, page, free
    low: int = 0
    high: int = 0
    choices: tuple = ()
    error_id: str = ""  # the id of the element that carries this field's message

    def problem(self, values: list[str]) -> bool | None:
        """Whether these values must draw a message (None: either is acceptable)."""
        value = values[-1] if values else ""
        if self.kind == "int":
            if value == "":
                return False
            number = whole_number(value)
            return number is None or not self.low <= number <= self.high
        if self.kind in ("choice", "slug"):
            return value != "" and value not in self.choices
        if self.kind == "slugs":
            if values == [""]:
                return None  # checkboxes never send an empty value; either answer is fine
            return any(v not in self.choices for v in values)
        if self.kind == "text":
            return len(value.strip()) > 100 or "\x00" in value
        return None


CITIES = ("pune", "mumbai")
DOCTOR_PARAMS = [
    Param("q", "text", error_id="id_q-error"),
    Param("city", "slug", choices=CITIES, error_id="id_city-error"),
    Param("language", "slugs", choices=("marathi", "hindi", "english"), error_id="id_language-error"),
    Param("gender", "choice", choices=("female", "male"), error_id="id_gender-error"),
    Param("min_experience", "int", 0, 70, error_id="id_min_experience-error"),
    Param("max_fee", "int", 0, 1_000_000, error_id="id_max_fee-error"),
    Param("sort", "choice", choices=("relevance", "experience", "fee", "name"), error_id="id_sort-error"),
    Param("page", "page"),
]
PACKAGE_PARAMS = [
    Param("q", "text", error_id="id_q-error"),
    Param("city", "slug", choices=CITIES, error_id="id_city-error"),
    Param(
        "delivery_type",
        "choice",
        choices=("normal", "instrumental", "caesarean", "caesarean_tubectomy"),
        error_id="id_delivery_type-error",
    ),
    Param(
        "room_type",
        "choice",
        choices=("general", "twin_sharing", "single", "deluxe", "suite"),
        error_id="id_room_type-error",
    ),
    Param("min_price", "int", 0, 100_000_000, error_id="id_min_price-error"),
    Param("max_price", "int", 0, 100_000_000, error_id="id_max_price-error"),
    Param("sort", "choice", choices=("price", "-price", "nights"), error_id="id_sort-error"),
    Param("page", "page"),
]
GET_TARGETS = (
    [("/gynecologists/", p) for p in DOCTOR_PARAMS]
    # On a city page the city is in the path: a city parameter is ignored, never an error.
    + [("/gynecologists/pune/", p if p.name != "city" else Param("city", "free")) for p in DOCTOR_PARAMS]
    + [("/maternity-packages/", p) for p in PACKAGE_PARAMS]
    + [
        ("/maternity-packages/pune/", p if p.name != "city" else Param("city", "free"))
        for p in PACKAGE_PARAMS
    ]
    + [
        ("/maternity-packages/compare/", Param("p", "free")),
        ("/articles/", Param("q", "text", error_id="q-error")),
        ("/articles/", Param("topic", "free")),
        ("/articles/", Param("page", "page")),
        ("/search/", Param("q", "text", error_id="search-q-error")),
    ]
)
REQUESTS = {"count": 0}


def _page_status(values: list[str], path: str) -> int:
    value = values[-1] if values else ""
    if value == "" or (path == "/articles/" and value == "last"):
        return 200
    try:
        return 200 if int(value) == 1 else 404
    except ValueError:
        return 404


def _queries(name: str):
    """(label, raw query) for every corpus value, plus repeated parameters in both orders."""
    for label, raw in CORPUS:
        yield label, f"{name}={raw}"
    yield "repeated-valid-last", f"{name}=abc&{name}=1"
    yield "repeated-invalid-last", f"{name}=1&{name}=abc"
    yield "repeated-many", "&".join(f"{name}={i}" for i in range(200))


@pytest.mark.parametrize(("path", "param"), GET_TARGETS, ids=lambda v: getattr(v, "name", v))
def test_hostile_query_parameter(site, http, path, param):
    failures = []
    for label, query in _queries(param.name):
        context = f"GET {path}?{param.name}=<{label}>"
        response = http.get(f"{path}?{query}")
        REQUESTS["count"] += 1
        try:
            body = assert_safe(response, context)
            values = decoded(query, param.name)
            if param.kind == "page":
                expected = _page_status(values, path)
                assert response.status_code == expected, f"{context}: {response.status_code}, not {expected}"
                continue
            problem = param.problem(values)
            if problem:
                assert response.status_code in (200, 400), f"{context}: status {response.status_code}"
                assert f'id="{param.error_id}"' in body, f"{context}: no message next to the field"
            else:
                assert response.status_code == 200, f"{context}: status {response.status_code}"
                if problem is False:
                    assert f'id="{param.error_id}"' not in body, f"{context}: a message for a valid value"
        except AssertionError as exc:
            failures.append(str(exc).splitlines()[0])
    assert not failures, "\n".join(failures)


def test_unknown_topic_is_explained(site, http):
    for label, raw in CORPUS:
        response = http.get(f"/articles/?topic={raw}")
        body = assert_safe(response, f"topic=<{label}>")
        if decoded(f"topic={raw}", "topic")[0].strip():
            assert "We have no topic called" in body, label


def test_compare_names_what_it_could_not_find(site, http):
    for label, raw in CORPUS:
        response = http.get(f"/maternity-packages/compare/?p={raw}&p=asha-normal-twin")
        body = assert_safe(response, f"p=<{label}>")
        assert response.status_code == 200, label
        if decoded(f"p={raw}", "p")[0].strip():
            assert "We could not find" in body, label


# ---- Hostile path segments ----

HOSTILE_PATHS = [
    "/gynecologists/atlantis/",
    "/maternity-packages/atlantis/",
    "/doctors/%00/",
    "/doctors/%ff%fe/",
    "/packages/%c3%28/",
    "/hospitals/" + "a" * 5000 + "/",
    "/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
    "/articles/topics/%7B%7B%20settings.SECRET_KEY%20%7D%7D/",
    "/doctors/..%2F..%2Fetc%2Fpasswd/",
    "/doctors/asha-kulkarni/enquire/%00",
    "/due-date-calculator/calendar.ics/../../",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_hostile_path_is_a_clean_404(site, http, path):
    response = http.get(path)
    assert_safe(response, path)
    assert response.status_code == 404


# ---- Wrong methods on every public URL ----

PUBLIC_URLS = [
    "/",
    "/articles/",
    "/articles/topics/nutrition/",
    "/articles/iron-in-pregnancy/",
    "/feeds/articles/",
    "/gynecologists/",
    "/gynecologists/pune/",
    "/doctors/asha-kulkarni/",
    "/hospitals/sahyadri-womens-hospital/",
    "/maternity-packages/",
    "/maternity-packages/pune/",
    "/maternity-packages/compare/?p=asha-normal-twin&p=sahyadri-normal-general",
    "/packages/asha-normal-twin/",
    "/doctors/asha-kulkarni/enquire/",
    "/packages/asha-normal-twin/enquire/",
    "/due-date-calculator/",
    "/due-date-calculator/calendar.ics",
    "/search/?q=iron",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/readyz",
]


SAFE = {"options", "trace"}


@pytest.mark.parametrize("method", ["put", "delete", "patch", "options", "trace", "post"])
def test_wrong_methods_are_refused_cleanly(site, method):
    # CSRF enforced, as for a real browser: a forged POST is refused, never processed.
    client = FormClient(raise_request_exception=False, enforce_csrf_checks=True)
    failures = []
    for url in PUBLIC_URLS:
        response = getattr(client, method)(url, data="x=1", content_type="application/x-www-form-urlencoded")
        REQUESTS["count"] += 1
        # Unsafe methods meet the CSRF check first (403); safe ones reach the view (405, or 200 for OPTIONS).
        allowed = {405} | ({200} if method == "options" else set()) | ({403} if method not in SAFE else set())
        if method == "post" and url.startswith("/due-date-calculator/"):
            allowed = {200, 400}  # CSRF-exempt by design: a bad body is a form error
        try:
            assert_safe(response, f"{method.upper()} {url}")
            assert response.status_code in allowed, f"{method.upper()} {url}: {response.status_code}"
            if response.status_code == 405:
                assert response.get("Allow"), f"{method.upper()} {url}: 405 without Allow"
        except AssertionError as exc:
            failures.append(str(exc).splitlines()[0])
    assert not failures, "\n".join(failures)


# ---- POST forms: the calculator ----

CALC_VALID = {
    "lmp": {"method": "lmp", "lmp": "2026-01-01", "cycle_length": "28"},
    "conception": {"method": "conception", "conception_date": "2026-01-15"},
    "ivf": {"method": "ivf", "transfer_date": "2026-01-20", "embryo_age": "5"},
    "ultrasound": {"method": "ultrasound", "scan_date": "2026-02-01", "scan_weeks": "8", "scan_days": "2"},
}
CALC_FIELDS = [
    ("lmp", "method", "choice", ("lmp", "conception", "ivf", "ultrasound")),
    ("lmp", "lmp", "date", ()),
    ("lmp", "cycle_length", "int", (20, 45)),
    ("conception", "conception_date", "date", ()),
    ("ivf", "transfer_date", "date", ()),
    ("ivf", "embryo_age", "choice", ("3", "5", "6")),
    ("ultrasound", "scan_date", "date", ()),
    ("ultrasound", "scan_weeks", "int", (4, 42)),
    ("ultrasound", "scan_days", "int", (0, 6)),
    ("ultrasound", "lmp", "date", ()),
]
REQUIRED = {"method", "lmp", "conception_date", "transfer_date", "embryo_age", "scan_date", "scan_weeks"}


def _calc_problem(field, kind, spec, method, value) -> bool | None:
    optional = field not in REQUIRED or (method == "ultrasound" and field == "lmp")
    if value == "":
        return not optional
    if value.isspace():
        # Django's number and date fields refuse blanks with their usual message; choices see "".
        return None if optional else True
    if kind == "int":
        number = whole_number(value)
        return number is None or not spec[0] <= number <= spec[1]
    if kind == "choice":
        return value not in spec
    return True  # no corpus value is a date in the last five years


@pytest.mark.parametrize("url", ["/due-date-calculator/", "/due-date-calculator/calendar.ics"])
@pytest.mark.parametrize(("method", "field", "kind", "spec"), CALC_FIELDS, ids=lambda v: str(v))
def test_hostile_calculator_field(http, url, method, field, kind, spec):
    failures = []
    for label, raw in CORPUS:
        others = "&".join(f"{k}={v}" for k, v in CALC_VALID[method].items() if k != field)
        body_raw = f"{others}&{field}={raw}"
        context = f"POST {url} {method}/{field}=<{label}>"
        response = http.post(url, data=body_raw, content_type="application/x-www-form-urlencoded")
        REQUESTS["count"] += 1
        try:
            body = assert_safe(response, context)
            value = decoded(body_raw, field)[-1]
            problem = _calc_problem(field, kind, spec, method, value)
            if problem is None:
                assert response.status_code in (200, 400), f"{context}: status {response.status_code}"
            elif problem:
                assert response.status_code == (400 if url.endswith(".ics") else 200), (
                    f"{context}: status {response.status_code}"
                )
                error_id = "methods" if field == "method" else f"{method}-{field}-error"
                marker = 'href="#methods"' if field == "method" else f'id="{error_id}"'
                assert marker in body, f"{context}: no message next to the field"
                assert "data-result=" not in body, f"{context}: a result from a refused value"
            else:
                assert response.status_code == 200, f"{context}: status {response.status_code}"
                if url.endswith(".ics"):
                    assert body.startswith("BEGIN:VCALENDAR"), f"{context}: not a calendar"
                else:
                    assert 'data-result="due-date"' in body, f"{context}: no result for a valid value"
        except AssertionError as exc:
            failures.append(str(exc).splitlines()[0])
    assert not failures, "\n".join(failures)


# ---- POST forms: enquiries ----

ENQUIRY_VALID = {
    "patient_name": "Priya Sharma",
    "phone": "98765 43210",
    "email": "priya@example.com",
    "preferred_date": (TODAY + datetime.timedelta(days=3)).isoformat(),
    "message": "Is an epidural available?",
    "consent": "on",
    "age": "adult",
    "website": "",
}


def _enquiry_problem(field: str, value: str) -> bool | None:
    stripped = value.strip()
    if "\x00" in value and field != "consent":
        return True
    if field == "patient_name":
        return not stripped or len(stripped) > 100
    if field == "phone":
        return True  # no corpus value is an Indian mobile number
    if field == "email":
        return None if stripped == "" else "@" not in stripped or None  # Django decides; never a crash
    if field == "preferred_date":
        return None if value.isspace() else bool(stripped)  # no corpus value is a date in the next year
    if field == "message":
        return len(stripped) > 1000
    if field == "consent":
        return None  # any non-empty value ticks a checkbox; "" and the like untick it
    return None  # website: the honeypot


ENQUIRY_FIELDS = ["patient_name", "phone", "email", "preferred_date", "message", "consent", "website"]


@pytest.mark.parametrize("url", ["/doctors/asha-kulkarni/enquire/", "/packages/asha-normal-twin/enquire/"])
@pytest.mark.parametrize("field", ENQUIRY_FIELDS)
def test_hostile_enquiry_field(site, http, url, field):
    from directory.models import Enquiry

    failures = []
    for n, (label, raw) in enumerate(CORPUS):
        others = "&".join(f"{k}={v}" for k, v in ENQUIRY_VALID.items() if k != field)
        body_raw = f"{others}&{field}={raw}"
        context = f"POST {url} {field}=<{label}>"
        before = Enquiry.objects.count()
        response = http.post(
            url, data=body_raw, content_type="application/x-www-form-urlencoded", REMOTE_ADDR=f"10.0.{n}.1"
        )
        REQUESTS["count"] += 1
        try:
            body = assert_safe(response, context)
            value = decoded(body_raw, field)[-1]
            problem = _enquiry_problem(field, value)
            stored = Enquiry.objects.count() - before
            if response.status_code == 302:
                assert problem is not True, f"{context}: accepted a value it should refuse"
                assert response["Location"].startswith("/enquiries/thanks/"), context
                assert stored == (0 if field == "website" and value.strip() else 1), (
                    f"{context}: stored {stored}"
                )
            else:
                assert response.status_code == 200, f"{context}: status {response.status_code}"
                assert problem is not False, f"{context}: refused a valid value"
                assert "field-error" in body, f"{context}: no message next to a field"
                if field not in ("consent",):
                    assert f'id="id_{field}-error"' in body, f"{context}: no message next to the field"
                assert stored == 0, f"{context}: stored a refused enquiry"
        except AssertionError as exc:
            failures.append(str(exc).splitlines()[0])
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "typed",
    [
        "९८७६५ ४३२१०",  # Devanagari digits, as a Hindi or Marathi keyboard types them
        "9८७६५४३२१०",  # mixed scripts: once stored as "+919८७६५४३२१०", which no one can dial
        "+٩١ ٩٨٧٦٥-٤٣٢١٠",  # Arabic-Indic digits
        "９８７６５４３２１０",  # full-width digits from a CJK keyboard
    ],
)
def test_mobile_number_in_any_script_is_stored_as_ascii_digits(site, http, typed):
    from directory.models import Enquiry

    data = {**ENQUIRY_VALID, "phone": typed}
    response = http.post("/doctors/asha-kulkarni/enquire/", data, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 302
    assert Enquiry.objects.get().phone == "+919876543210"
