"""The dating rules, checked against the reference without the database."""

from datetime import date, timedelta

import pytest

from calculators import dating
from calculators.dating import GestationalAge, Method, Scan, date_pregnancy

TODAY = date(2026, 6, 1)
LMP = date(2025, 1, 1)  # Naegele: due Wednesday 8 October 2025


def d(iso: str) -> date:
    return date.fromisoformat(iso)


# What the reference (due-date-rules.md) says each note must tell the user, in the site's words.
SAYS_CYCLE_IS_A_CONVENTION = ("common calculator convention", "not part of the ACOG guidance")
SAYS_FIRST_TRIMESTER_SCAN_IS_BEST = ("first-trimester scan", "up to 13w6d", "most accurate")
SAYS_CONFIRM_A_LATE_SCAN = ("poor at dating", "growth-restricted", "Confirm this date with your doctor")
SAYS_SUBOPTIMALLY_DATED = ("No scan before 22 weeks", "suboptimally dated")
SAYS_IVF_IS_NOT_REDATED = ("embryo's known age", "no later scan changes it")


def says(result: dating.DatingResult, phrases: tuple[str, ...]) -> bool:
    """Whether one of the result's notes says all of these things."""
    return any(all(phrase in note for phrase in phrases) for note in result.notes)


# --- Naegele's rule and cycle length ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lmp", "due"),
    [
        ("2025-01-01", "2025-10-08"),
        ("2024-02-29", "2024-12-05"),  # leap day
        ("2023-05-31", "2024-03-06"),  # month end, due in a leap year (29 Feb counted)
        ("2024-05-31", "2025-03-07"),  # month end, due in a common year
        ("2023-03-31", "2024-01-05"),  # across the year end
        ("2024-04-30", "2025-02-04"),
        ("2023-12-31", "2024-10-06"),
        ("2022-06-15", "2023-03-22"),
    ],
)
def test_naegele_adds_exactly_280_days(lmp, due):
    assert dating.edd_from_lmp(d(lmp)) == d(due)
    result = date_pregnancy("lmp", TODAY, lmp=d(lmp))
    assert result.due_date == d(due)
    assert result.basis is Method.LMP
    assert result.dating_lmp == d(lmp)


def test_month_arithmetic_would_be_wrong_for_a_leap_day_lmp():
    # "+7 days, -3 months, +1 year" gives 7 December; counting days gives 5 December.
    assert dating.edd_from_lmp(date(2024, 2, 29)) == date(2024, 12, 5)


@pytest.mark.parametrize(
    ("cycle", "due"),
    [(20, "2025-09-30"), (21, "2025-10-01"), (28, "2025-10-08"), (35, "2025-10-15"), (45, "2025-10-25")],
)
def test_cycle_length_moves_the_date_by_its_difference_from_28(cycle, due):
    result = date_pregnancy("lmp", TODAY, lmp=LMP, cycle_length=cycle)
    assert result.due_date == d(due)
    assert result.dating_lmp == result.due_date - timedelta(days=280)


@pytest.mark.parametrize("cycle", [19, 46, 0, -28, 1000])
def test_cycle_lengths_outside_20_to_45_are_rejected(cycle):
    with pytest.raises(ValueError, match="20 to 45"):
        dating.edd_from_lmp(LMP, cycle)


def test_cycle_adjustment_is_explained_as_a_convention_not_acog():
    result = date_pregnancy("lmp", TODAY, lmp=LMP, cycle_length=35)
    assert "moved 7 days later because your cycle is 35 days" in result.reason
    assert "common calculator convention, not part of the ACOG guidance" in result.reason
    assert says(result, SAYS_CYCLE_IS_A_CONVENTION)
    shorter = date_pregnancy("lmp", TODAY, lmp=LMP, cycle_length=21)
    assert "moved 7 days earlier" in shorter.reason
    plain = date_pregnancy("lmp", TODAY, lmp=LMP)
    assert "Naegele" in plain.reason
    assert not says(plain, SAYS_CYCLE_IS_A_CONVENTION)


# --- Conception and IVF -------------------------------------------------------------------------


def test_conception_adds_266_days():
    result = date_pregnancy("conception", TODAY, conception=date(2025, 1, 15))
    assert result.due_date == date(2025, 10, 8)
    assert result.conception_date == date(2025, 1, 15)
    assert result.basis is Method.CONCEPTION
    assert "266 days" in result.reason


@pytest.mark.parametrize(
    ("age", "transfer", "days"),
    [(3, "2025-01-18", 263), (5, "2025-01-20", 261), (6, "2025-01-21", 260)],
)
def test_each_ivf_embryo_age(age, transfer, days):
    assert dating.edd_from_ivf(d(transfer), age) == d(transfer) + timedelta(days=days)
    result = date_pregnancy("ivf", TODAY, transfer=d(transfer), embryo_age=age)
    # Conception was 15 January in each case, so the due date is the same.
    assert result.due_date == date(2025, 10, 8)
    assert result.conception_date == date(2025, 1, 15)
    assert result.basis is Method.IVF
    assert f"day-{age} embryo" in result.reason
    assert f"{days} days after the transfer date" in result.reason


@pytest.mark.parametrize("age", [0, 1, 2, 4, 7, None])
def test_other_embryo_ages_are_rejected(age):
    with pytest.raises(ValueError):
        date_pregnancy("ivf", TODAY, transfer=date(2025, 1, 20), embryo_age=age)


def test_ivf_is_never_redated_by_a_scan():
    scan = Scan(date(2025, 3, 5), 12, 0)  # 9w0d by dates; it would move the date 21 days earlier
    result = date_pregnancy("ivf", TODAY, transfer=date(2025, 1, 20), embryo_age=5, scan=scan)
    assert result.due_date == date(2025, 10, 8)
    assert result.basis is Method.IVF
    assert result.scan_due_date == date(2025, 9, 17)
    assert says(result, SAYS_IVF_IS_NOT_REDATED)
    assert "Your scan was not used to change the date." in result.notes


# --- Ultrasound ---------------------------------------------------------------------------------


def test_scan_alone():
    scan = Scan(date(2025, 3, 3), 8, 2)
    result = date_pregnancy("ultrasound", TODAY, scan=scan)
    assert result.due_date == date(2025, 10, 11)  # 3 March + 280 - 58
    assert result.basis is Method.ULTRASOUND
    assert result.reason == (
        "Your due date comes from your scan, which measured 8w2d: 222 days after the scan brings it to 40w0d."
    )
    assert says(result, SAYS_FIRST_TRIMESTER_SCAN_IS_BEST)
    assert not result.late_scan


@pytest.mark.parametrize(("weeks", "days"), [(3, 6), (43, 0), (4, 7), (4, -1), (0, 0)])
def test_scan_ga_outside_4w0d_to_42w6d_is_rejected(weeks, days):
    with pytest.raises(ValueError, match="4w0d to 42w6d"):
        Scan(date(2025, 3, 3), weeks, days)


@pytest.mark.parametrize(("weeks", "days"), [(4, 0), (42, 6)])
def test_scan_ga_limits_are_accepted(weeks, days):
    assert Scan(date(2025, 3, 3), weeks, days).ga.total_days == 7 * weeks + days


def test_scan_before_the_lmp_is_rejected():
    with pytest.raises(ValueError, match="before the first day"):
        dating.compare_scan_with_lmp(date(2025, 3, 3), 28, Scan(date(2025, 3, 2), 6))


def scan_at(ga_by_lmp: int, difference: int, lmp: date = LMP) -> Scan:
    """A scan on the day the LMP says is `ga_by_lmp`, measuring `difference` days more than that."""
    measured = ga_by_lmp + difference
    return Scan(lmp + timedelta(days=ga_by_lmp), measured // 7, measured % 7)


BANDS = [  # first and last GA-by-LMP day of each band, and its limit
    (34, 62, 5),  # up to 8w6d (no lower edge; 34 keeps the scan GA at 4w0d or more)
    (63, 97, 7),  # 9w0d to 13w6d
    (98, 111, 7),  # 14w0d to 15w6d
    (112, 153, 10),  # 16w0d to 21w6d
    (154, 195, 14),  # 22w0d to 27w6d
    (196, 270, 21),  # 28w0d on
]


@pytest.mark.parametrize(("first", "last", "limit"), BANDS)
@pytest.mark.parametrize("edge", ["first", "last"])
@pytest.mark.parametrize("sign", [1, -1])
@pytest.mark.parametrize("over", [0, 1])
def test_redating_at_every_band_edge_and_day_limit(first, last, limit, edge, sign, over):
    ga = first if edge == "first" else last
    difference = sign * (limit + over)
    result = date_pregnancy("ultrasound", TODAY, lmp=LMP, scan=scan_at(ga, difference))
    assert result.lmp_due_date == date(2025, 10, 8)
    assert result.scan_due_date == date(2025, 10, 8) - timedelta(days=difference)
    if over:
        assert result.basis is Method.ULTRASOUND
        assert result.due_date == result.scan_due_date
        assert f"more than the {limit} days allowed" in result.reason
        assert result.reason.endswith("so the scan date is used.")
    else:
        assert result.basis is Method.LMP
        assert result.due_date == date(2025, 10, 8)
        assert f"within the {limit} days allowed" in result.reason


@pytest.mark.parametrize(
    ("ga", "difference", "use_scan"),
    [
        (62, 6, True),  # 8w6d: limit 5
        (63, 6, False),  # 9w0d: limit 7
        (97, 8, True),  # 13w6d: limit 7
        (98, 8, True),  # 14w0d: limit 7
        (98, 7, False),
        (111, 8, True),  # 15w6d: limit 7
        (112, 8, False),  # 16w0d: limit 10
        (153, 11, True),  # 21w6d: limit 10
        (154, 11, False),  # 22w0d: limit 14
        (195, 15, True),  # 27w6d: limit 14
        (196, 15, False),  # 28w0d: limit 21
        (196, 22, True),
    ],
)
def test_the_band_is_chosen_by_ga_by_lmp_on_the_scan_day(ga, difference, use_scan):
    decision = dating.compare_scan_with_lmp(LMP, 28, scan_at(ga, difference))
    assert decision.ga_by_lmp.total_days == ga
    assert decision.difference_days == difference
    assert decision.use_scan is use_scan


def test_redating_reason_in_words():
    result = date_pregnancy("ultrasound", TODAY, lmp=LMP, scan=scan_at(50, 6))
    assert result.reason == (
        "Your scan at 7w1d by your period date (the scan measured 8w0d) differs from your period date "
        "by 6 days, more than the 5 days allowed before 9 weeks, so the scan date is used."
    )
    kept = date_pregnancy("ultrasound", TODAY, lmp=LMP, scan=scan_at(50, -1))
    assert kept.reason == (
        "Your scan at 7w1d by your period date (the scan measured 7w0d) differs from your period date "
        "by 1 day, within the 5 days allowed before 9 weeks, so your period date stands: the scan confirms it."
    )
    same = date_pregnancy("ultrasound", TODAY, lmp=LMP, scan=scan_at(50, 0))
    assert "gives exactly the same due date" in same.reason


def test_cycle_length_applies_before_comparing_with_a_scan():
    # Cycle 35: the period date says 15 October; the dating LMP is 8 January.
    scan = Scan(date(2025, 3, 5), 8, 0)  # scan EDD = 5 March + 224 = 15 October
    result = date_pregnancy("ultrasound", TODAY, lmp=LMP, cycle_length=35, scan=scan)
    assert result.lmp_due_date == date(2025, 10, 15)
    assert result.scan_due_date == date(2025, 10, 15)
    assert result.basis is Method.LMP
    assert says(result, SAYS_CYCLE_IS_A_CONVENTION)


def test_late_scan_gets_advice_to_confirm():
    result = date_pregnancy("ultrasound", TODAY, lmp=LMP, scan=scan_at(196, 0))
    assert result.late_scan
    assert says(result, SAYS_CONFIRM_A_LATE_SCAN)
    early = date_pregnancy("ultrasound", TODAY, lmp=LMP, scan=scan_at(195, 0))
    assert not early.late_scan
    assert not says(early, SAYS_CONFIRM_A_LATE_SCAN)
    alone = date_pregnancy("ultrasound", TODAY, scan=Scan(date(2025, 8, 1), 28, 0))
    assert alone.late_scan and says(alone, SAYS_CONFIRM_A_LATE_SCAN)


def test_scans_from_22_weeks_leave_the_pregnancy_suboptimally_dated():
    assert date_pregnancy("ultrasound", TODAY, lmp=LMP, scan=scan_at(154, 0)).suboptimally_dated
    assert not date_pregnancy("ultrasound", TODAY, lmp=LMP, scan=scan_at(153, 0)).suboptimally_dated


@pytest.mark.parametrize(
    ("days_since_lmp", "suboptimal"), [(153, False), (154, True), (307, True), (308, False)]
)
def test_lmp_only_past_22_weeks_is_suboptimally_dated(days_since_lmp, suboptimal):
    result = date_pregnancy("lmp", LMP + timedelta(days=days_since_lmp), lmp=LMP)
    assert result.suboptimally_dated is suboptimal
    assert says(result, SAYS_SUBOPTIMALLY_DATED) is suboptimal


def test_ivf_is_never_suboptimally_dated():
    result = date_pregnancy("ivf", date(2025, 9, 1), transfer=date(2025, 1, 20), embryo_age=5)
    assert not result.suboptimally_dated


# --- Gestational age, trimesters, landmarks, milestones -----------------------------------------


@pytest.mark.parametrize(
    ("today", "text", "short", "trimester"),
    [
        ("2025-01-01", "0 weeks 0 days", "0w0d", 1),
        ("2025-01-09", "1 week 1 day", "1w1d", 1),
        ("2025-03-15", "10 weeks 3 days", "10w3d", 1),
        ("2025-04-08", "13 weeks 6 days", "13w6d", 1),
        ("2025-04-09", "14 weeks 0 days", "14w0d", 2),
        ("2025-07-15", "27 weeks 6 days", "27w6d", 2),
        ("2025-07-16", "28 weeks 0 days", "28w0d", 3),
        ("2025-11-04", "43 weeks 6 days", "43w6d", 3),
    ],
)
def test_gestational_age_today_and_trimester(today, text, short, trimester):
    result = date_pregnancy("lmp", d(today), lmp=LMP)
    assert str(result.ga_today) == text
    assert result.ga_today.short == short
    assert result.ga_today_in_range
    assert result.trimester_today == trimester


@pytest.mark.parametrize("today", ["2024-12-31", "2025-11-05"])
def test_gestational_age_outside_0w0d_to_43w6d_is_not_shown(today):
    result = date_pregnancy("lmp", d(today), lmp=LMP)
    assert not result.ga_today_in_range
    assert result.trimester_today is None


def test_landmarks_count_from_the_dating_lmp():
    result = date_pregnancy("lmp", TODAY, lmp=LMP)
    assert {mark.key: mark.date.isoformat() for mark in result.landmarks} == {
        "second-trimester-start": "2025-04-09",
        "third-trimester-start": "2025-07-16",
        "early-term-start": "2025-09-17",
        "full-term-start": "2025-10-01",
        "due-date": "2025-10-08",
        "late-term-start": "2025-10-15",
        "post-term-start": "2025-10-22",
    }
    assert result.conception_date == date(2025, 1, 15)


def test_landmarks_follow_a_redated_pregnancy():
    result = date_pregnancy("ultrasound", TODAY, lmp=LMP, scan=scan_at(50, 6))
    assert result.due_date == date(2025, 10, 2)
    assert result.landmark("second-trimester-start").date == date(2025, 4, 3)
    assert result.landmark("post-term-start").date == date(2025, 10, 16)
    assert result.conception_date == date(2025, 1, 9)


def test_milestones():
    result = date_pregnancy("lmp", TODAY, lmp=LMP)
    got = {m.key: (m.start and m.start.isoformat(), m.end.isoformat()) for m in result.milestones}
    assert got == {
        "dating-scan": (None, "2025-04-08"),
        "nt-scan": ("2025-03-19", "2025-04-08"),
        "anomaly-scan": ("2025-05-07", "2025-05-27"),
        "glucose-test": ("2025-06-18", "2025-07-22"),
    }


def test_gestational_age_formatting():
    assert str(GestationalAge.of(1, 0)) == "1 week 0 days"
    assert GestationalAge(-3).short == "3 days before 0w0d"
    assert GestationalAge.of(40).weeks == 40


@pytest.mark.parametrize(
    ("day", "problem"),
    [
        ("2026-06-02", "after today"),
        ("2026-06-01", None),
        ("2021-06-01", None),  # 1,826 days before today
        ("2021-05-31", "more than five years ago"),
    ],
)
def test_date_window(day, problem):
    assert (TODAY - date(2021, 6, 1)).days == 1826
    assert dating.check_past_date(d(day), TODAY) == problem


def test_missing_inputs_are_errors_not_crashes():
    for method in Method:
        with pytest.raises(ValueError):
            date_pregnancy(method, TODAY)
    with pytest.raises(ValueError):
        date_pregnancy("sonar", TODAY)


@pytest.mark.parametrize(
    ("days_since_lmp", "overdue"),
    [
        (0, None),
        (279, None),
        (280, dating.Overdue.DUE),
        (286, dating.Overdue.DUE),
        (287, dating.Overdue.LATE_TERM),
        (293, dating.Overdue.LATE_TERM),
        (294, dating.Overdue.POST_TERM),
        (307, dating.Overdue.POST_TERM),
        (308, None),  # past 43w6d no week is shown for today
    ],
)
def test_overdue_stage_by_todays_week(days_since_lmp, overdue):
    today = date(2025, 3, 15)
    result = date_pregnancy(Method.LMP, today=today, lmp=today - timedelta(days=days_since_lmp))
    assert result.overdue == overdue
