"""Property-based checks of the dating invariants over many generated inputs."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from calculators import dating
from calculators.dating import Method, Scan, date_pregnancy

TODAY = date(2030, 1, 1)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2029, 12, 31))
cycles = st.integers(min_value=20, max_value=45)
scan_gas = st.integers(min_value=28, max_value=42 * 7 + 6)


@st.composite
def any_result(draw):
    method = draw(st.sampled_from(list(Method)))
    start = draw(days)
    if method is Method.LMP:
        return date_pregnancy(method, TODAY, lmp=start, cycle_length=draw(cycles))
    if method is Method.CONCEPTION:
        return date_pregnancy(method, TODAY, conception=start)
    if method is Method.IVF:
        return date_pregnancy(method, TODAY, transfer=start, embryo_age=draw(st.sampled_from([3, 5, 6])))
    ga = draw(scan_gas)
    lmp = draw(st.none() | st.just(start - timedelta(days=draw(st.integers(0, 320)))))
    return date_pregnancy(
        method, TODAY, lmp=lmp, cycle_length=draw(cycles), scan=Scan(start, ga // 7, ga % 7)
    )


@given(any_result())
def test_due_date_is_always_dating_lmp_plus_280(result):
    assert result.due_date - result.dating_lmp == timedelta(days=280)
    assert result.due_date - result.conception_date == timedelta(days=266)
    assert result.ga_on(result.due_date).short == "40w0d"
    assert result.landmark("due-date").date == result.due_date


@given(any_result(), days)
def test_gestational_age_grows_one_day_per_day(result, day):
    today, tomorrow = result.ga_on(day), result.ga_on(day + timedelta(days=1))
    assert tomorrow.total_days - today.total_days == 1
    assert 0 <= today.days <= 6
    assert today.weeks * 7 + today.days == today.total_days


@given(days, cycles)
def test_lmp_estimate(lmp, cycle):
    result = date_pregnancy("lmp", TODAY, lmp=lmp, cycle_length=cycle)
    assert result.due_date == lmp + timedelta(days=280 + cycle - 28)


@given(days, st.integers(0, 300), scan_gas, cycles)
def test_scan_with_lmp_picks_one_of_the_two_estimates_by_the_table(scan_day, since_lmp, ga, cycle):
    lmp = scan_day - timedelta(days=since_lmp)
    scan = Scan(scan_day, ga // 7, ga % 7)
    result = date_pregnancy("ultrasound", TODAY, lmp=lmp, cycle_length=cycle, scan=scan)
    decision = dating.compare_scan_with_lmp(lmp, cycle, scan)
    difference = abs((result.lmp_due_date - result.scan_due_date).days)
    assert result.due_date == (
        result.scan_due_date if difference > decision.band.limit_days else result.lmp_due_date
    )
    assert result.basis is (Method.ULTRASOUND if difference > decision.band.limit_days else Method.LMP)


@given(days, st.sampled_from([3, 5, 6]), days, scan_gas)
def test_ivf_never_moves_whatever_the_scan(transfer, age, scan_day, ga):
    alone = date_pregnancy("ivf", TODAY, transfer=transfer, embryo_age=age)
    scanned = date_pregnancy(
        "ivf", TODAY, transfer=transfer, embryo_age=age, scan=Scan(scan_day, ga // 7, ga % 7)
    )
    assert scanned.due_date == alone.due_date == transfer + timedelta(days=266 - age)
