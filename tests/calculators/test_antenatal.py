"""India's antenatal schedule: pure date arithmetic, then the page that shows it. The expected dates are
worked out by hand from the first day of the last period (LMP)."""

import re
from datetime import UTC, date, datetime
from itertools import pairwise

import pytest
import time_machine

from calculators.antenatal import STEPS, dated_steps, ninths_between, pmsma_days
from calculators.dating import date_pregnancy
from calculators.timeline import build_timeline

# LMP 1 January 2025, 28-day cycle: due 8 October 2025. 12w0d = LMP + 84 days = 26 March; 14w0d = +98 =
# 9 April; 24w0d = +168 = 18 June; 27w6d = +195 = 15 July; 28w0d = +196 = 16 July; 28w6d = +202 = 22 July.
LMP = date(2025, 1, 1)


def schedule_on(today, lmp=LMP):
    return date_pregnancy("lmp", today, lmp=lmp)


def test_the_steps_and_the_dates_the_pregnancy_fixes():
    steps = {
        item.step.key: (item.kind, item.start, item.end)
        for item in dated_steps(schedule_on(date(2025, 3, 15)))
    }
    assert steps == {
        "first-visit": ("by", None, date(2025, 3, 26)),
        "td-vaccine": ("", None, None),
        "iron-calcium": ("from", date(2025, 4, 9), None),
        "deworming": ("window", date(2025, 4, 9), date(2025, 7, 15)),
        "glucose-test-2": ("window", date(2025, 6, 18), date(2025, 7, 22)),
        "anti-d": ("on", date(2025, 7, 16), date(2025, 7, 16)),
    }


def test_every_step_names_its_sources():
    for step in STEPS:
        assert step.references, step.key
        assert all(ref.url.startswith("https://") for ref in step.references)


def test_ninths_between_includes_both_ends_and_crosses_the_year():
    assert ninths_between(date(2024, 11, 9), date(2025, 2, 9)) == [
        date(2024, 11, 9),
        date(2024, 12, 9),
        date(2025, 1, 9),
        date(2025, 2, 9),
    ]
    assert ninths_between(date(2025, 1, 10), date(2025, 2, 8)) == []
    assert ninths_between(date(2025, 1, 31), date(2025, 3, 9)) == [date(2025, 2, 9), date(2025, 3, 9)]


def test_pmsma_days_run_from_the_second_trimester_to_the_due_date():
    # Today is 10w3d, so the list starts at 14w0d (9 April, itself a 9th) and stops before 9 October.
    days = [d.day for d in pmsma_days(schedule_on(date(2025, 3, 15)))]
    assert days == [
        date(2025, 4, 9),
        date(2025, 5, 9),
        date(2025, 6, 9),
        date(2025, 7, 9),
        date(2025, 8, 9),
        date(2025, 9, 9),
    ]


def test_pmsma_days_start_from_today_later_in_pregnancy():
    days = [d.day for d in pmsma_days(schedule_on(date(2025, 6, 20)))]
    assert days == [date(2025, 7, 9), date(2025, 8, 9), date(2025, 9, 9)]
    assert [d.day for d in pmsma_days(schedule_on(date(2025, 9, 9)))] == [date(2025, 9, 9)]  # today counts


def test_no_pmsma_days_after_the_due_date():
    assert pmsma_days(schedule_on(date(2025, 10, 9))) == []


def test_a_9th_that_falls_on_a_sunday_is_flagged():
    # LMP 1 August 2024: 14w0d is 7 November 2024, due 8 May 2025.
    days = pmsma_days(schedule_on(date(2024, 9, 1), lmp=date(2024, 8, 1)))
    assert [(d.day, d.is_sunday) for d in days] == [
        (date(2024, 11, 9), False),
        (date(2024, 12, 9), False),
        (date(2025, 1, 9), False),
        (date(2025, 2, 9), True),
        (date(2025, 3, 9), True),
        (date(2025, 4, 9), False),
    ]


def test_the_chart_shows_the_schedule_without_overlapping_labels():
    result = schedule_on(date(2025, 3, 15))
    timeline = build_timeline(result, dated_steps(result))
    labels = [t for t in timeline.texts if "tl-label" in t.css]
    assert len(labels) == 14  # 4 milestones, 7 landmarks, 3 schedule steps
    assert all(b.y - a.y >= 12 for a, b in pairwise(labels))
    care = [t.text for t in labels if "tl-care-label" in t.css]
    assert care == [
        "First visit by 12w0d · 26 Mar",
        "Iron, folic acid, calcium from 14w0d · 9 Apr",
        "Anti-D if Rh negative, 28w0d · 16 Jul",
    ]
    assert "Anti-D if Rh negative, 28w0d." in timeline.description
    assert max(t.y for t in labels) < timeline.height


# ---- the page ---------------------------------------------------------------------------------

URL = "/due-date-calculator/"
NOW = datetime(2025, 3, 14, 20, 0, tzinfo=UTC)  # 15 March 2025 in India


@pytest.fixture
def page(client, db):
    with time_machine.travel(NOW, tick=False):
        yield client.post(URL, {"method": "lmp", "lmp": "2025-01-01", "cycle_length": "28"}).content.decode()


def _card(html, key):
    return re.search(
        rf'<li class="card" data-care="{key}">(.*?)</li>\s*(?=<li class="card"|</ol>)', html, re.S
    ).group(1)


def test_the_result_lists_each_step_with_its_dates_and_sources(page):
    assert re.findall(r'data-care="([\w-]+)"', page) == [
        "first-visit",
        "td-vaccine",
        "iron-calcium",
        "deworming",
        "glucose-test-2",
        "anti-d",
        "pmsma",
    ]
    first = _card(page, "first-visit")
    assert 'by <time datetime="2025-03-26">26 Mar 2025</time> (12w0d)' in first
    assert "blood group and Rh factor, haemoglobin" in first and "75 g glucose test" in first
    assert "Gestational-Diabetes-Mellitus.pdf" in first
    assert "First dose at the first visit; second dose 4 weeks later" in _card(page, "td-vaccine")
    assert 'from <time datetime="2025-04-09">9 Apr 2025</time> (14w0d)' in _card(page, "iron-calcium")
    assert "60 mg iron and 500 mcg folic acid" in _card(page, "iron-calcium")
    assert (
        '<time datetime="2025-06-18">18 Jun 2025</time> to <time datetime="2025-07-22">22 Jul 2025</time> '
        "(24w0d to 28w6d)" in _card(page, "glucose-test-2")
    )
    anti_d = _card(page, "anti-d")
    assert '<time datetime="2025-07-16">16 Jul 2025</time> (28w0d)' in anti_d
    assert "https://www.nice.org.uk/guidance/ta156" in anti_d


def test_the_result_lists_the_pmsma_days_left(page):
    assert re.findall(r'<time data-pmsma datetime="([\d-]+)">', page) == [
        "2025-04-09",
        "2025-05-09",
        "2025-06-09",
        "2025-07-09",
        "2025-08-09",
        "2025-09-09",
    ]
    assert "Wednesday, 9 April 2025" in page
    assert 'href="https://pmsma.mohfw.gov.in/"' in page


def test_the_contract_markers_are_unchanged(page):
    markers = dict(re.findall(r'<time data-result="([^"]+)" datetime="([^"]+)"', page))
    assert markers == {
        "due-date": "2025-10-08",
        "conception-date": "2025-01-15",
        "second-trimester-start": "2025-04-09",
        "third-trimester-start": "2025-07-16",
        "early-term-start": "2025-09-17",
        "full-term-start": "2025-10-01",
        "late-term-start": "2025-10-15",
        "post-term-start": "2025-10-22",
    }
    assert 'data-result="gestational-age" data-weeks="10" data-days="3"' in page
    assert 'data-result="dating-basis" data-basis="lmp"' in page
