"""Property-based checks of the dating rules over many generated inputs.

Every expected value here comes from the reference (../shared/reference/due-date-rules.md): its
formulas (LMP + 280 + (C - 28), conception + 266, transfer + 266 - A, S + 280 - (7W + D)), its
invariants (the due date is 40w0d, 280 days after the dating LMP) and its table 1, written out below.
Nothing is computed with the code under test.
"""

import math
from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculators.dating import Method, Scan, date_pregnancy

TODAY = date(2030, 1, 1)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2029, 12, 31))
cycles = st.integers(min_value=20, max_value=45)
embryo_ages = st.sampled_from([3, 5, 6])
scan_weeks = st.integers(min_value=4, max_value=42)
scan_days = st.integers(min_value=0, max_value=6)

# ACOG CO 700 table 1 as due-date-rules.md gives it: GA by LMP on the scan day from and to (weeks,
# days; the first row has no lower edge, the last no upper), and the limit: redate only when the two
# due dates differ by MORE than this many days.
TABLE_1 = (
    (None, (8, 6), 5),
    ((9, 0), (13, 6), 7),
    ((14, 0), (15, 6), 7),
    ((16, 0), (21, 6), 10),
    ((22, 0), (27, 6), 14),
    ((28, 0), None, 21),
)
LATEST_SCAN_WEEKS = 42  # a scan may show 4w0d to 42w6d


def table_1_limit(ga_by_lmp_days: int) -> int:
    """The limit of the row a GA by LMP falls in, looked up in the literal rows above."""
    return next(
        limit
        for start, end, limit in TABLE_1
        if (start is None or ga_by_lmp_days >= 7 * start[0] + start[1])
        and (end is None or ga_by_lmp_days <= 7 * end[0] + end[1])
    )


def test_the_lookup_gives_each_reference_row_its_limit():
    assert [table_1_limit(ga) for ga in (-17, 0, 62)] == [5, 5, 5]  # up to 8w6d
    assert [table_1_limit(ga) for ga in (63, 97)] == [7, 7]  # 9w0d to 13w6d
    assert [table_1_limit(ga) for ga in (98, 111)] == [7, 7]  # 14w0d to 15w6d
    assert [table_1_limit(ga) for ga in (112, 153)] == [10, 10]  # 16w0d to 21w6d
    assert [table_1_limit(ga) for ga in (154, 195)] == [14, 14]  # 22w0d to 27w6d
    assert [table_1_limit(ga) for ga in (196, 300)] == [21, 21]  # 28w0d and later


@st.composite
def any_result(draw):
    method = draw(st.sampled_from(list(Method)))
    start = draw(days)
    if method is Method.LMP:
        return date_pregnancy(method, TODAY, lmp=start, cycle_length=draw(cycles))
    if method is Method.CONCEPTION:
        return date_pregnancy(method, TODAY, conception=start)
    if method is Method.IVF:
        return date_pregnancy(method, TODAY, transfer=start, embryo_age=draw(embryo_ages))
    lmp = draw(st.none() | st.just(start - timedelta(days=draw(st.integers(0, 320)))))
    scan = Scan(start, draw(scan_weeks), draw(scan_days))
    return date_pregnancy(method, TODAY, lmp=lmp, cycle_length=draw(cycles), scan=scan)


@given(any_result())
def test_due_date_is_always_40w0d_280_days_after_the_dating_lmp(result):
    assert result.due_date - result.dating_lmp == timedelta(days=280)
    assert result.due_date - result.conception_date == timedelta(days=266)
    assert result.ga_on(result.dating_lmp).short == "0w0d"
    assert result.ga_on(result.due_date).short == "40w0d"
    assert result.landmark("due-date").date == result.due_date


@given(any_result(), st.integers(0, 45), st.integers(0, 6))
def test_gestational_age_counts_weeks_and_days_from_the_dating_lmp(result, weeks, extra_days):
    # The first day of the dating LMP is 0w0d; W weeks and D days later the GA reads WwDd.
    day = result.dating_lmp + timedelta(weeks=weeks, days=extra_days)
    ga = result.ga_on(day)
    assert (ga.weeks, ga.days) == (weeks, extra_days)
    assert ga.short == f"{weeks}w{extra_days}d"
    assert result.ga_on(day + timedelta(days=1)).total_days - ga.total_days == 1


@given(days, cycles)
def test_lmp_estimate(lmp, cycle):
    result = date_pregnancy("lmp", TODAY, lmp=lmp, cycle_length=cycle)
    assert result.due_date == lmp + timedelta(days=280 + cycle - 28)
    assert result.basis is Method.LMP


@given(days)
def test_conception_estimate(conception):
    result = date_pregnancy("conception", TODAY, conception=conception)
    assert result.due_date == conception + timedelta(days=266)
    assert result.basis is Method.CONCEPTION


@given(days, scan_weeks, scan_days)
def test_scan_alone_estimate(scan_day, weeks, extra_days):
    result = date_pregnancy("ultrasound", TODAY, scan=Scan(scan_day, weeks, extra_days))
    assert result.due_date == scan_day + timedelta(days=280 - (7 * weeks + extra_days))
    assert result.basis is Method.ULTRASOUND


@given(
    days,
    cycles,
    scan_weeks,
    scan_days,
    st.integers(min_value=-25, max_value=25) | st.integers(min_value=-300, max_value=300),
)
def test_scan_with_lmp_picks_one_of_the_two_estimates_by_the_table(lmp, cycle, weeks, extra_days, shift):
    # The scan measures WwDd on the day the period date says is `shift` days less; the two due dates
    # then differ by |shift| days. Small shifts sit around the table's limits; large ones always redate.
    ga_by_lmp = 7 * weeks + extra_days - shift
    assume(ga_by_lmp >= 28 - cycle)  # the scan is not before the LMP itself
    lmp_due = lmp + timedelta(days=280 + cycle - 28)
    scan_day = lmp_due - timedelta(days=280 - ga_by_lmp)  # GA by LMP counts from the LMP due date - 280
    scan_due = scan_day + timedelta(days=280 - (7 * weeks + extra_days))
    assert abs((lmp_due - scan_due).days) == abs(shift)

    result = date_pregnancy(
        "ultrasound", TODAY, lmp=lmp, cycle_length=cycle, scan=Scan(scan_day, weeks, extra_days)
    )
    assert (result.lmp_due_date, result.scan_due_date) == (lmp_due, scan_due)
    if abs(shift) > table_1_limit(ga_by_lmp):
        assert (result.due_date, result.basis) == (scan_due, Method.ULTRASOUND)
    else:
        assert (result.due_date, result.basis) == (lmp_due, Method.LMP)


@pytest.mark.parametrize(
    "row", TABLE_1, ids=["to-8w6d", "9w-13w6d", "14w-15w6d", "16w-21w6d", "22w-27w6d", "28w-on"]
)
@pytest.mark.parametrize("over", [0, 1], ids=["at-limit", "one-day-over"])
@given(lmp=days, cycle=cycles, sign=st.sampled_from([1, -1]), extra_days=scan_days, data=st.data())
@settings(max_examples=50)
def test_scan_with_lmp_on_either_side_of_each_rows_limit(row, over, lmp, cycle, sign, extra_days, data):
    # A scan whose due date is `limit + over` days from the period date's, on a day inside `row`:
    # it redates when it is one day over the row's limit, never when it is exactly at the limit.
    start, end, limit = row
    shift = sign * (limit + over)  # measured GA - GA by LMP
    earliest = 28 - cycle if start is None else max(28 - cycle, 7 * start[0] + start[1])
    latest = None if end is None else 7 * end[0] + end[1]
    # The scan measures weeks + extra_days; its GA by LMP (measured - shift) must fall inside the row.
    fewest_weeks = max(4, math.ceil((earliest + shift - extra_days) / 7))
    most_weeks = LATEST_SCAN_WEEKS if latest is None else math.floor((latest + shift - extra_days) / 7)
    assume(fewest_weeks <= min(most_weeks, LATEST_SCAN_WEEKS))
    weeks = data.draw(st.integers(fewest_weeks, min(most_weeks, LATEST_SCAN_WEEKS)), label="scan weeks")
    ga_by_lmp = 7 * weeks + extra_days - shift

    lmp_due = lmp + timedelta(days=280 + cycle - 28)
    scan_day = lmp_due - timedelta(days=280 - ga_by_lmp)
    scan_due = scan_day + timedelta(days=280 - (7 * weeks + extra_days))
    assert abs((lmp_due - scan_due).days) == limit + over

    result = date_pregnancy(
        "ultrasound", TODAY, lmp=lmp, cycle_length=cycle, scan=Scan(scan_day, weeks, extra_days)
    )
    if over:
        assert (result.due_date, result.basis) == (scan_due, Method.ULTRASOUND)
    else:
        assert (result.due_date, result.basis) == (lmp_due, Method.LMP)


@given(days, embryo_ages, days, scan_weeks, scan_days)
def test_ivf_never_moves_whatever_the_scan(transfer, age, scan_day, weeks, extra_days):
    alone = date_pregnancy("ivf", TODAY, transfer=transfer, embryo_age=age)
    scanned = date_pregnancy(
        "ivf", TODAY, transfer=transfer, embryo_age=age, scan=Scan(scan_day, weeks, extra_days)
    )
    assert scanned.due_date == alone.due_date == transfer + timedelta(days=266 - age)
    assert scanned.basis is Method.IVF
