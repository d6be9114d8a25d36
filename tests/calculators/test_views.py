"""The calculator page as a user and an operator see it: results, messages, headers, privacy."""

import logging
import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from tests.client import FormClient
from tests.factories import CityFactory, TopicFactory

URL = "/due-date-calculator/"
ICS_URL = "/due-date-calculator/calendar.ics"
# 01:30 on 15 March 2025 in India, still 14 March in UTC: "today" must be the Indian date.
NOW = datetime(2025, 3, 14, 20, 0, tzinfo=UTC)

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(NOW, tick=False):
        yield


def markers(html: str) -> dict[str, str]:
    return dict(re.findall(r'<time data-result="([^"]+)" datetime="([^"]+)"', html))


def post(client, **data):
    return client.post(URL, data)


def test_get_shows_every_method_without_csrf_token_and_is_cacheable(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    for method in ("lmp", "conception", "ivf", "ultrasound"):
        assert f'<input type="hidden" name="method" value="{method}"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "public" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]
    assert not response.cookies
    assert 'max="2025-03-15"' in html  # India's date, not UTC's
    assert 'min="2020-03-15"' in html
    assert "data-result" not in html


def test_get_with_query_parameters_computes_nothing(client):
    html = client.get(URL, {"method": "lmp", "lmp": "2025-01-01"}).content.decode()
    assert "data-result" not in html


def test_page_has_no_inline_script_or_style(client):
    html = post(client, method="lmp", lmp="2025-01-01").content.decode()
    assert " style=" not in html
    assert "<style" not in html
    assert all('src="' in tag for tag in re.findall(r"<script[^>]*>", html))


def test_lmp_result_markers_and_words(client):
    TopicFactory(name="First trimester", slug="first-trimester", trimester=1)
    TopicFactory(name="Second trimester", slug="second-trimester", trimester=2)
    response = post(client, method="lmp", lmp="2025-01-01", cycle_length="28")
    html = response.content.decode()
    assert response.status_code == 200
    assert markers(html) == {
        "due-date": "2025-10-08",
        "conception-date": "2025-01-15",
        "second-trimester-start": "2025-04-09",
        "third-trimester-start": "2025-07-16",
        "early-term-start": "2025-09-17",
        "full-term-start": "2025-10-01",
        "late-term-start": "2025-10-15",
        "post-term-start": "2025-10-22",
    }
    assert html.count('data-result="due-date"') == 1
    assert 'data-result="gestational-age" data-weeks="10" data-days="3"' in html
    assert "<strong>10 weeks 3 days</strong>" in html
    assert "<strong>first trimester</strong>" in html
    assert ">Wednesday, 8 October 2025</time>" in html
    assert "about 1 in 20 babies" in html
    assert 'data-result="dating-basis" data-basis="lmp"' in html
    assert "Naegele" in html
    assert 'href="/articles/topics/first-trimester/"' in html
    assert "Committee Opinion No. 700" in html and "Committee Opinion No. 579" in html and "SMFM" in html
    assert "The NHS in the UK counts differently" in html
    assert "<svg" in html and '<title id="timeline-title">' in html and '<desc id="timeline-desc">' in html
    for word in (" sex", "gender", " boy", " girl"):
        assert word not in html.lower()


def test_post_is_csrf_exempt():
    client = FormClient(enforce_csrf_checks=True)
    response = client.post(URL, {"method": "lmp", "lmp": "2025-01-01"})
    assert response.status_code == 200
    assert markers(response.content.decode())["due-date"] == "2025-10-08"


@pytest.mark.parametrize(
    ("data", "due", "basis"),
    [
        ({"method": "conception", "conception_date": "2025-01-15"}, "2025-10-08", "conception"),
        ({"method": "ivf", "transfer_date": "2025-01-18", "embryo_age": "3"}, "2025-10-08", "ivf"),
        ({"method": "ivf", "transfer_date": "2025-01-20", "embryo_age": "5"}, "2025-10-08", "ivf"),
        ({"method": "ivf", "transfer_date": "2025-01-21", "embryo_age": "6"}, "2025-10-08", "ivf"),
        (
            {"method": "ultrasound", "scan_date": "2025-03-03", "scan_weeks": "8", "scan_days": "2"},
            "2025-10-11",
            "ultrasound",
        ),
        # Scan at 7w1d by dates measuring 8w0d: 6 days apart, more than 5 allowed: redated.
        (
            {
                "method": "ultrasound",
                "scan_date": "2025-02-20",
                "scan_weeks": "8",
                "scan_days": "0",
                "lmp": "2025-01-01",
            },
            "2025-10-02",
            "ultrasound",
        ),
        # 5 days apart: the period date stands.
        (
            {
                "method": "ultrasound",
                "scan_date": "2025-02-20",
                "scan_weeks": "7",
                "scan_days": "6",
                "lmp": "2025-01-01",
            },
            "2025-10-08",
            "lmp",
        ),
        ({"method": "lmp", "lmp": "2025-01-01", "cycle_length": "35"}, "2025-10-15", "lmp"),
        ({"method": "lmp", "lmp": "2025-01-01", "cycle_length": ""}, "2025-10-08", "lmp"),
    ],
)
def test_each_method(client, data, due, basis):
    html = post(client, **data).content.decode()
    assert markers(html)["due-date"] == due
    assert f'data-basis="{basis}"' in html


def test_redating_explained_in_words(client):
    html = post(
        client, method="ultrasound", scan_date="2025-02-20", scan_weeks="8", scan_days="0", lmp="2025-01-01"
    ).content.decode()
    assert (
        "Your scan at 7w1d by your period date (the scan measured 8w0d) differs from your period date by 6 days, "
        "more than the 5 days allowed before 9 weeks, so the scan date is used."
    ) in html


def test_fields_of_other_methods_are_ignored(client):
    html = post(
        client, method="conception", conception_date="2025-01-15", lmp="garbage", scan_weeks="99"
    ).content.decode()
    assert markers(html)["due-date"] == "2025-10-08"
    assert "data-error-summary" not in html


@pytest.mark.parametrize(
    ("lmp", "cycle", "present", "weeks", "days"),
    [
        ("2025-03-15", "45", False, None, None),  # counting starts 17 days after today
        ("2025-03-15", "28", True, 0, 0),
        ("2024-05-12", "28", True, 43, 6),  # 307 days before today
        ("2024-05-11", "28", False, None, None),  # 308 days
    ],
)
def test_gestational_age_marker_only_from_0w0d_to_43w6d(client, lmp, cycle, present, weeks, days):
    html = post(client, method="lmp", lmp=lmp, cycle_length=cycle).content.decode()
    assert "due-date" in markers(html)
    if present:
        assert f'data-result="gestational-age" data-weeks="{weeks}" data-days="{days}"' in html
    else:
        assert 'data-result="gestational-age"' not in html


def test_suboptimal_dating_and_late_scan_advice_shown(client):
    with time_machine.travel(datetime(2025, 6, 4, 12, tzinfo=UTC), tick=False):  # 22w0d
        html = post(client, method="lmp", lmp="2025-01-01").content.decode()
        assert "suboptimally dated" in html
        late = post(
            client, method="ultrasound", scan_date="2025-05-30", scan_weeks="28", scan_days="0"
        ).content.decode()
    assert "Scans from 28 weeks on are poor at dating" in late


ERRORS = [
    ({}, "methods", "Choose how to work out your due date"),
    ({"method": "astrology"}, "methods", "Choose how to work out your due date"),
    ({"method": "lmp"}, "lmp-lmp", "Enter the first day of your last period."),
    (
        {"method": "lmp", "lmp": "2025-02-30"},
        "lmp-lmp",
        "That date does not exist. Check the day and the month.",
    ),
    (
        {"method": "lmp", "lmp": "2025-13-01"},
        "lmp-lmp",
        "That date does not exist. Check the day and the month.",
    ),
    (
        {"method": "lmp", "lmp": "01/02/2025"},
        "lmp-lmp",
        "Enter the date as YYYY-MM-DD, for example 2025-01-31.",
    ),
    (
        {"method": "lmp", "lmp": "99999-01-01"},
        "lmp-lmp",
        "Enter the date as YYYY-MM-DD, for example 2025-01-31.",
    ),
    (
        {"method": "lmp", "lmp": "2025-03-16"},
        "lmp-lmp",
        "The first day of your last period can&#x27;t be after today (15 March 2025).",
    ),
    (
        {"method": "lmp", "lmp": "2020-03-14"},
        "lmp-lmp",
        "The first day of your last period is more than five years ago.",
    ),
    (
        {"method": "lmp", "lmp": "2025-01-01", "cycle_length": "19"},
        "lmp-cycle_length",
        "Enter a cycle length from 20 to 45 days.",
    ),
    (
        {"method": "lmp", "lmp": "2025-01-01", "cycle_length": "46"},
        "lmp-cycle_length",
        "Enter a cycle length from 20 to 45 days.",
    ),
    (
        {"method": "lmp", "lmp": "2025-01-01", "cycle_length": "abc"},
        "lmp-cycle_length",
        "Enter a cycle length from 20 to 45 days.",
    ),
    (
        {"method": "lmp", "lmp": "2025-01-01", "cycle_length": "9" * 5000},
        "lmp-cycle_length",
        "Enter a cycle length from 20 to 45 days.",
    ),
    (
        {"method": "lmp", "lmp": "2025-01-01", "cycle_length": "28.5"},
        "lmp-cycle_length",
        "Enter a cycle length from 20 to 45 days.",
    ),
    ({"method": "conception"}, "conception-conception_date", "Enter the conception date."),
    (
        {"method": "conception", "conception_date": "2026-01-01"},
        "conception-conception_date",
        "The conception date can&#x27;t be after today",
    ),
    ({"method": "ivf", "embryo_age": "5"}, "ivf-transfer_date", "Enter the date of the embryo transfer."),
    (
        {"method": "ivf", "transfer_date": "2019-01-01", "embryo_age": "5"},
        "ivf-transfer_date",
        "The transfer date is more than five years ago.",
    ),
    (
        {"method": "ivf", "transfer_date": "2025-01-20"},
        "ivf-embryo_age",
        "Choose the embryo&#x27;s age at transfer: day 3, day 5 or day 6.",
    ),
    (
        {"method": "ivf", "transfer_date": "2025-01-20", "embryo_age": "4"},
        "ivf-embryo_age",
        "Choose the embryo&#x27;s age at transfer: day 3, day 5 or day 6.",
    ),
    ({"method": "ultrasound", "scan_weeks": "8"}, "ultrasound-scan_date", "Enter the date of the scan."),
    (
        {"method": "ultrasound", "scan_date": "2025-03-16", "scan_weeks": "8"},
        "ultrasound-scan_date",
        "The scan date can&#x27;t be after today",
    ),
    (
        {"method": "ultrasound", "scan_date": "2025-03-01"},
        "ultrasound-scan_weeks",
        "Enter the weeks the scan showed, from 4 to 42.",
    ),
    (
        {"method": "ultrasound", "scan_date": "2025-03-01", "scan_weeks": "3"},
        "ultrasound-scan_weeks",
        "Enter the weeks the scan showed, from 4 to 42.",
    ),
    (
        {"method": "ultrasound", "scan_date": "2025-03-01", "scan_weeks": "43"},
        "ultrasound-scan_weeks",
        "Enter the weeks the scan showed, from 4 to 42.",
    ),
    (
        {"method": "ultrasound", "scan_date": "2025-03-01", "scan_weeks": "8", "scan_days": "7"},
        "ultrasound-scan_days",
        "Enter the days the scan showed, from 0 to 6.",
    ),
    (
        {"method": "ultrasound", "scan_date": "2025-03-01", "scan_weeks": "8", "scan_days": "-1"},
        "ultrasound-scan_days",
        "Enter the days the scan showed, from 0 to 6.",
    ),
    (
        {"method": "ultrasound", "scan_date": "2025-03-01", "scan_weeks": "8", "lmp": "2025-03-02"},
        "ultrasound-scan_date",
        "The scan date is before the first day of your last period.",
    ),
    (
        {"method": "ultrasound", "scan_date": "2025-03-01", "scan_weeks": "8", "cycle_length": "60"},
        "ultrasound-cycle_length",
        "Enter a cycle length from 20 to 45 days.",
    ),
]


@pytest.mark.parametrize(("data", "target", "message"), ERRORS)
def test_every_rejection_has_a_message_next_to_its_field(client, data, target, message):
    response = post(client, **data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "data-result" not in html
    summary = html[html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))]
    assert f'href="#{target}"' in summary and message in summary
    if target != "methods":
        error = re.search(rf'<p class="field-error" id="{target}-error">([^<]*)</p>', html)
        assert error and message in error.group(1)
        field = re.search(rf'<(?:input|select)[^>]*id="{target}"[^>]*>', html).group(0)
        assert f"{target}-error" in field.split('aria-describedby="')[1].split('"')[0]
        assert 'aria-invalid="true"' in field


def test_the_five_year_limit_is_inclusive(client):
    assert markers(post(client, method="lmp", lmp="2020-03-15").content.decode())["due-date"] == "2020-12-20"


@pytest.mark.parametrize(
    "value", ["\x00", "<script>alert(1)</script>", "' OR 1=1 --", "２０２５-01-01", "-1", "1e9"]
)
def test_garbage_never_breaks_the_page(client, value):
    for field in (
        "method",
        "lmp",
        "cycle_length",
        "conception_date",
        "transfer_date",
        "embryo_age",
        "scan_date",
        "scan_weeks",
        "scan_days",
    ):
        for method in ("lmp", "conception", "ivf", "ultrasound"):
            data = {"method": method, field: value}
            for url in (URL, ICS_URL):
                response = client.post(url, data)
                assert response.status_code in (200, 400)
                assert "<script>alert" not in response.content.decode()


def test_post_responses_are_no_store_and_set_no_cookie(client):
    response = post(client, method="lmp", lmp="2025-01-01")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert not response.cookies


def test_nothing_typed_is_logged_stored_or_cached(client, caplog, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the calculator wrote to the cache")

    for name in ("set", "add", "set_many", "incr"):
        monkeypatch.setattr(LocMemCache, name, refuse)
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        post(
            client,
            method="ultrasound",
            scan_date="2025-02-19",
            scan_weeks="7",
            scan_days="5",
            lmp="2024-12-29",
            cycle_length="31",
        )
        post(client, method="lmp", lmp="2024-12-27", cycle_length="99")
        client.post(ICS_URL, {"method": "ivf", "transfer_date": "2025-01-22", "embryo_age": "6"})
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)
    for value in ("2025-02-19", "2024-12-29", "2024-12-27", "2025-01-22", "31", "99"):
        assert value not in caplog.text
        assert all(value not in q["sql"] for q in queries.captured_queries)


def test_result_reads_cities_and_reading_in_two_queries(client, django_assert_num_queries):
    CityFactory(name="Pune", slug="pune")
    CityFactory(name="Chennai", slug="chennai")
    with django_assert_num_queries(2):  # the city chooser, the trimester's articles
        html = post(client, method="lmp", lmp="2025-01-01").content.decode()
    chooser = html.split("Find care in your city")[1].split("</form>")[0]
    assert '<form class="city-chooser" action="/choose-city/" method="get">' in chooser
    assert '<button type="submit" name="find" value="packages" class="secondary">' in chooser
    assert re.findall(r'<option value="([a-z-]+)">', chooser) == ["chennai", "pune"]


def test_city_chooser_copes_with_no_cities(client):
    html = post(client, method="lmp", lmp="2025-01-01").content.decode()
    chooser = html.split("Find care in your city")[1].split("</div>")[0]
    assert 'href="/gynecologists/"' in chooser and 'href="/maternity-packages/"' in chooser
    assert "<select" not in chooser


def test_calendar_form_carries_values_in_hidden_post_fields(client):
    html = post(client, method="lmp", lmp="2025-01-01", cycle_length="30").content.decode()
    form = re.search(
        r'<form class="calc-ics" method="post" action="/due-date-calculator/calendar.ics">(.*?)</form>',
        html,
        re.S,
    )
    assert form
    hidden = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', form.group(1)))
    assert hidden == {"method": "lmp", "lmp": "2025-01-01", "cycle_length": "30"}


def test_calendar_download_parses_and_holds_the_right_dates(client):
    response = client.post(ICS_URL, {"method": "ivf", "transfer_date": "2025-01-20", "embryo_age": "5"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="pregnancy-milestones.ics"'
    assert "no-store" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): (e.decoded("dtstart"), e.decoded("dtend")) for e in calendar.walk("VEVENT")}
    assert events == {
        "Second trimester starts (14w0d)": (date(2025, 4, 9), date(2025, 4, 10)),
        "Third trimester starts (28w0d)": (date(2025, 7, 16), date(2025, 7, 17)),
        "Early term starts (37w0d)": (date(2025, 9, 17), date(2025, 9, 18)),
        "Full term starts (39w0d)": (date(2025, 10, 1), date(2025, 10, 2)),
        "Estimated due date (40w0d)": (date(2025, 10, 8), date(2025, 10, 9)),
        "Late term starts (41w0d)": (date(2025, 10, 15), date(2025, 10, 16)),
        "Post-term starts (42w0d)": (date(2025, 10, 22), date(2025, 10, 23)),
        "Last typical day for the dating scan (13w6d)": (date(2025, 4, 8), date(2025, 4, 9)),
        "Nuchal translucency (NT) scan window (11w0d to 13w6d)": (date(2025, 3, 19), date(2025, 4, 9)),
        "Anomaly scan window (18w0d to 20w6d)": (date(2025, 5, 7), date(2025, 5, 28)),
        "Glucose tolerance test window (24w0d to 28w6d)": (date(2025, 6, 18), date(2025, 7, 23)),
    }
    for event in calendar.walk("VEVENT"):
        assert type(event.decoded("dtstart")) is date  # all-day events
    assert len({str(e["uid"]) for e in calendar.walk("VEVENT")}) == 11


def test_calendar_with_bad_input_is_a_400_with_messages(client):
    response = client.post(ICS_URL, {"method": "ivf", "transfer_date": "2025-02-30", "embryo_age": "5"})
    assert response.status_code == 400
    assert "That date does not exist" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_calendar_is_post_only(client):
    assert client.get(ICS_URL).status_code == 405


def test_other_http_methods_are_refused(client):
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


def test_error_reports_never_include_the_posted_values(rf):
    from calculators.views import due_date, due_date_calendar

    for view, url in ((due_date, URL), (due_date_calendar, ICS_URL)):
        request = rf.post(url, {"method": "lmp", "lmp": "2025-01-01"})
        view(request)
        assert request.sensitive_post_parameters == "__ALL__"


def test_a_date_that_does_not_exist_is_not_echoed_into_the_date_box(client):
    """HTML allows only real dates as a date input's value; the message says what was wrong."""
    html = client.post(
        "/due-date-calculator/", {"method": "lmp", "lmp": "2020-02-30", "cycle_length": "28"}
    ).content.decode()
    assert "That date does not exist" in html
    assert 'value="2020-02-30"' not in html


OVERDUE = re.compile(
    r'<p class="callout calc-overdue" data-result="overdue-advice" data-stage="([a-z-]+)">(.*?)</p>'
)


@pytest.mark.parametrize(
    ("lmp", "stage", "says"),
    [
        ("2024-06-09", None, None),  # 39w6d today: nothing yet
        ("2024-06-08", "due", "see your doctor this week"),  # 40w0d
        ("2024-06-02", "due", "see your doctor this week"),  # 40w6d
        ("2024-06-01", "late-term", "contact your doctor or maternity unit today"),  # 41w0d
        ("2024-05-26", "late-term", "usually offered between 41 and 42 weeks"),  # 41w6d
        ("2024-05-25", "post-term", "go to your maternity unit today"),  # 42w0d
        ("2024-05-12", "post-term", "go to hospital at once or call 108"),  # 43w6d, the last week shown
        ("2024-05-11", None, None),  # 44w0d: no week is shown for today, so no advice either
    ],
)
def test_advice_once_the_due_date_has_come(client, lmp, stage, says):
    """WHO and NICE offer induction between 41 and 42 weeks: from 40w0d the result says what to do if
    the baby has not come, more urgently each week, and links the danger signs."""
    html = post(client, method="lmp", lmp=lmp).content.decode()
    found = OVERDUE.findall(html)
    if stage is None:
        assert found == []
        assert "calc-overdue" not in html
        return
    [(shown, text)] = found
    assert shown == stage
    assert "If your baby has not been born yet" in text
    assert says in text
    assert '<a href="/articles/danger-signs-in-pregnancy/">Know the danger signs</a>' in text


def test_a_date_too_long_ago_asks_to_check_the_year(client):
    """A period date a year out (2024 typed for 2025) gives a due date long past: the page says so and
    asks to check the dates, instead of showing only a timeline in the past."""
    html = post(client, method="lmp", lmp="2024-01-10").content.decode()
    assert "this pregnancy would be past 43 weeks 6 days" in html
    assert "If you are still pregnant, check the dates you entered, the year especially." in html
