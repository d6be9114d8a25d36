"""Pregnancy dating: pure date arithmetic, no Django, no I/O.

The rules follow ACOG Committee Opinion 700 (Methods for Estimating the Due Date), ACOG Committee
Opinion 579 (Definition of Term Pregnancy) and SMFM guidance for pregnancies conceived with assisted
reproduction. All arithmetic is in whole days on calendar dates; nothing here ever adds months.

`today` is always passed in by the caller (the web view uses India time), so every function is a pure
function of its arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

PREGNANCY_DAYS = 280  # dating LMP (0w0d) to the due date (40w0d)
CONCEPTION_TO_DUE_DAYS = 266  # conception (2w0d) to the due date
STANDARD_CYCLE = 28
MIN_CYCLE, MAX_CYCLE = 20, 45
EMBRYO_AGES = (3, 5, 6)
MAX_DAYS_AGO = 1826  # five years
MIN_SCAN_WEEKS, MAX_SCAN_WEEKS = 4, 42  # scan GA from 4w0d to 42w6d
MAX_SHOWN_GA_DAYS = 43 * 7 + 6  # today's GA is shown from 0w0d to 43w6d
SUBOPTIMAL_FROM_DAYS = 22 * 7
LATE_SCAN_FROM_DAYS = 28 * 7
FIRST_TRIMESTER_SCAN_UNTIL_DAYS = 13 * 7 + 6

_T = TypeVar("_T")


class Method(StrEnum):
    LMP = "lmp"
    CONCEPTION = "conception"
    IVF = "ivf"
    ULTRASOUND = "ultrasound"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass(frozen=True, order=True)
class GestationalAge:
    """A gestational age in whole days since the dating LMP (0w0d); negative before it."""

    total_days: int

    @classmethod
    def of(cls, weeks: int, days: int = 0) -> GestationalAge:
        return cls(7 * weeks + days)

    @property
    def weeks(self) -> int:
        return self.total_days // 7

    @property
    def days(self) -> int:
        return self.total_days % 7

    @property
    def short(self) -> str:
        """Clinical shorthand, e.g. "7w1d"."""
        if self.total_days < 0:
            return f"{_plural(-self.total_days, 'day')} before 0w0d"
        return f"{self.weeks}w{self.days}d"

    def __str__(self) -> str:
        if self.total_days < 0:
            return f"{_plural(-self.total_days, 'day')} before the pregnancy count starts"
        return f"{_plural(self.weeks, 'week')} {_plural(self.days, 'day')}"


@dataclass(frozen=True)
class Scan:
    """An ultrasound on `date` that showed a gestational age of `weeks` weeks `days` days."""

    date: date
    weeks: int
    days: int = 0

    def __post_init__(self) -> None:
        if not (MIN_SCAN_WEEKS <= self.weeks <= MAX_SCAN_WEEKS and 0 <= self.days <= 6):
            raise ValueError("A scan's gestational age must be from 4w0d to 42w6d.")

    @property
    def ga(self) -> GestationalAge:
        return GestationalAge.of(self.weeks, self.days)


# --- The four estimates -------------------------------------------------------------------------


def check_cycle_length(cycle_length: int) -> None:
    if not MIN_CYCLE <= cycle_length <= MAX_CYCLE:
        raise ValueError(f"Cycle length must be from {MIN_CYCLE} to {MAX_CYCLE} days.")


def edd_from_lmp(lmp: date, cycle_length: int = STANDARD_CYCLE) -> date:
    """Naegele's rule (LMP + 280 days), moved by the cycle's difference from 28 days."""
    check_cycle_length(cycle_length)
    return lmp + timedelta(days=PREGNANCY_DAYS + cycle_length - STANDARD_CYCLE)


def edd_from_conception(conception: date) -> date:
    return conception + timedelta(days=CONCEPTION_TO_DUE_DAYS)


def edd_from_ivf(transfer: date, embryo_age: int) -> date:
    """The embryo was already `embryo_age` days past conception when it was transferred."""
    if embryo_age not in EMBRYO_AGES:
        raise ValueError("Embryo age must be 3, 5 or 6 days.")
    return transfer + timedelta(days=CONCEPTION_TO_DUE_DAYS - embryo_age)


def edd_from_scan(scan: Scan) -> date:
    return scan.date + timedelta(days=PREGNANCY_DAYS - scan.ga.total_days)


def gestational_age(due_date: date, on: date) -> GestationalAge:
    """Gestational age on a given day for a pregnancy due on `due_date` (which is 40w0d)."""
    return GestationalAge((on - (due_date - timedelta(days=PREGNANCY_DAYS))).days)


# --- When a scan replaces the period date (ACOG CO 700, table 1) -------------------------------


@dataclass(frozen=True)
class RedatingBand:
    from_days: int  # GA by LMP on the scan day, inclusive
    limit_days: int  # redate only when the EDDs differ by MORE than this
    description: str


REDATING_BANDS: tuple[RedatingBand, ...] = (
    RedatingBand(-(10**6), 5, "before 9 weeks"),
    RedatingBand(9 * 7, 7, "from 9w0d to 13w6d"),
    RedatingBand(14 * 7, 7, "from 14w0d to 15w6d"),
    RedatingBand(16 * 7, 10, "from 16w0d to 21w6d"),
    RedatingBand(22 * 7, 14, "from 22w0d to 27w6d"),
    RedatingBand(28 * 7, 21, "from 28 weeks on"),
)


def redating_band(ga_by_lmp: GestationalAge) -> RedatingBand:
    """The band of table 1 that the GA by LMP on the scan day falls in."""
    return [band for band in REDATING_BANDS if ga_by_lmp.total_days >= band.from_days][-1]


@dataclass(frozen=True)
class RedatingDecision:
    lmp_due_date: date
    scan_due_date: date
    ga_by_lmp: GestationalAge  # on the scan day
    difference_days: int
    band: RedatingBand

    @property
    def use_scan(self) -> bool:
        return self.difference_days > self.band.limit_days


def compare_scan_with_lmp(lmp: date, cycle_length: int, scan: Scan) -> RedatingDecision:
    if scan.date < lmp:
        raise ValueError("The scan cannot be before the first day of the last period.")
    lmp_due = edd_from_lmp(lmp, cycle_length)
    scan_due = edd_from_scan(scan)
    ga_by_lmp = gestational_age(lmp_due, scan.date)
    return RedatingDecision(
        lmp_due_date=lmp_due,
        scan_due_date=scan_due,
        ga_by_lmp=ga_by_lmp,
        difference_days=abs((lmp_due - scan_due).days),
        band=redating_band(ga_by_lmp),
    )


# --- Landmarks and milestones -------------------------------------------------------------------


@dataclass(frozen=True)
class Landmark:
    key: str  # the contract's data-result name
    label: str
    ga: GestationalAge
    date: date


@dataclass(frozen=True)
class Milestone:
    """A typical antenatal milestone: a window of GA (start is None for "by" deadlines)."""

    key: str
    label: str
    start_ga: GestationalAge | None
    end_ga: GestationalAge
    start: date | None
    end: date


LANDMARKS: tuple[tuple[str, str, GestationalAge], ...] = (
    ("second-trimester-start", "Second trimester starts", GestationalAge.of(14)),
    ("third-trimester-start", "Third trimester starts", GestationalAge.of(28)),
    ("early-term-start", "Early term starts", GestationalAge.of(37)),
    ("full-term-start", "Full term starts", GestationalAge.of(39)),
    ("due-date", "Estimated due date", GestationalAge.of(40)),
    ("late-term-start", "Late term starts", GestationalAge.of(41)),
    ("post-term-start", "Post-term starts", GestationalAge.of(42)),
)

MILESTONES: tuple[tuple[str, str, GestationalAge | None, GestationalAge], ...] = (
    ("dating-scan", "Dating scan", None, GestationalAge.of(13, 6)),
    ("nt-scan", "Nuchal translucency (NT) scan window", GestationalAge.of(11), GestationalAge.of(13, 6)),
    ("anomaly-scan", "Anomaly scan window", GestationalAge.of(18), GestationalAge.of(20, 6)),
    ("glucose-test", "Glucose tolerance test window", GestationalAge.of(24), GestationalAge.of(28, 6)),
)

TRIMESTER_NAMES = {1: "first", 2: "second", 3: "third"}


def trimester(ga: GestationalAge) -> int | None:
    """ACOG convention: first to 13w6d, second from 14w0d, third from 28w0d."""
    if ga.total_days < 0:
        return None
    if ga.total_days < 14 * 7:
        return 1
    if ga.total_days < 28 * 7:
        return 2
    return 3


# --- The result ---------------------------------------------------------------------------------


class Reason(StrEnum):
    """Why the due date rests where it does: what `Why.code` can be."""

    LMP = "lmp"  # Naegele's rule, 28-day cycle
    LMP_CYCLE = "lmp-cycle"  # Naegele's rule moved for the cycle length
    CONCEPTION = "conception"
    IVF = "ivf"
    SCAN_ALONE = "scan-alone"  # a scan without a period date
    SCAN_SAME = "scan-same"  # scan and period date give the same day
    SCAN_USED = "scan-used"  # they differ by more than the band allows
    SCAN_CONFIRMS = "scan-confirms"  # they differ within the band: the period date stands


class Note(StrEnum):
    """The notes a result can carry (`DatingResult.note_codes`); NOTE_TEXT words them in English."""

    CYCLE = "cycle"
    FIRST_TRIMESTER_SCAN = "first-trimester-scan"
    LATE_SCAN = "late-scan"
    SUBOPTIMAL = "suboptimal"
    IVF = "ivf"
    IVF_SCAN_NOT_USED = "ivf-scan-not-used"


class Overdue(StrEnum):
    """Where today falls once the due date is reached (`DatingResult.overdue`), for the advice on what
    to do if the baby has not come: WHO (2018) and NICE NG207 offer induction of labour between 41w0d
    and 42w0d, and from 42 weeks a baby still unborn needs checking at once."""

    DUE = "due"  # 40w0d to 40w6d
    LATE_TERM = "late-term"  # 41w0d to 41w6d
    POST_TERM = "post-term"  # 42w0d to 43w6d (after that no week is shown for today)


@dataclass(frozen=True)
class Why:
    """The reason for the due date as a code and the numbers it rests on, so that the web page can word
    it in the reader's language (`english_reason` words it in English)."""

    code: Reason
    cycle_length: int = STANDARD_CYCLE
    embryo_age: int = 0
    scan_ga: GestationalAge | None = None  # what the scan measured
    ga_by_lmp: GestationalAge | None = None  # the scan day's GA by the period date
    difference_days: int = 0  # between the period-date and scan due dates
    band: RedatingBand | None = None

    @property
    def shift_days(self) -> int:
        """How many days a cycle that is not 28 days long moves the date (later when positive)."""
        return self.cycle_length - STANDARD_CYCLE

    @property
    def transfer_to_due_days(self) -> int:
        return CONCEPTION_TO_DUE_DAYS - self.embryo_age

    @property
    def scan_to_due_days(self) -> int:
        return PREGNANCY_DAYS - self.scan_ga.total_days if self.scan_ga else 0


@dataclass(frozen=True)
class DatingResult:
    method: Method  # what the user dated from
    basis: Method  # which estimate the due date rests on
    due_date: date
    why: Why  # why, as a code and its numbers
    note_codes: tuple[Note, ...]
    today: date
    lmp_due_date: date | None = None  # the period-date estimate, when one was given
    scan_due_date: date | None = None  # the scan estimate, when one was given
    late_scan: bool = False
    suboptimally_dated: bool = False

    @property
    def reason(self) -> str:
        """Why, in English words."""
        return english_reason(self.why)

    @property
    def notes(self) -> tuple[str, ...]:
        """The notes in English words."""
        return tuple(NOTE_TEXT[code] for code in self.note_codes)

    @property
    def dating_lmp(self) -> date:
        return self.due_date - timedelta(days=PREGNANCY_DAYS)

    @property
    def conception_date(self) -> date:
        return self.due_date - timedelta(days=CONCEPTION_TO_DUE_DAYS)

    def ga_on(self, day: date) -> GestationalAge:
        return gestational_age(self.due_date, day)

    def date_at(self, ga: GestationalAge) -> date:
        return self.dating_lmp + timedelta(days=ga.total_days)

    @property
    def ga_today(self) -> GestationalAge:
        return self.ga_on(self.today)

    @property
    def ga_today_in_range(self) -> bool:
        """Whether today's GA is shown (0w0d to 43w6d)."""
        return 0 <= self.ga_today.total_days <= MAX_SHOWN_GA_DAYS

    @property
    def overdue(self) -> Overdue | None:
        """None before 40w0d and when today's week is not shown (past 43w6d)."""
        if not self.ga_today_in_range or self.ga_today.weeks < 40:
            return None
        return {40: Overdue.DUE, 41: Overdue.LATE_TERM}.get(self.ga_today.weeks, Overdue.POST_TERM)

    @property
    def trimester_today(self) -> int | None:
        return trimester(self.ga_today) if self.ga_today_in_range else None

    @property
    def trimester_name(self) -> str:
        return TRIMESTER_NAMES.get(self.trimester_today or 0, "")

    @property
    def days_to_due(self) -> int:
        return (self.due_date - self.today).days

    @property
    def landmarks(self) -> list[Landmark]:
        return [Landmark(key, label, ga, self.date_at(ga)) for key, label, ga in LANDMARKS]

    def landmark(self, key: str) -> Landmark:
        return next(mark for mark in self.landmarks if mark.key == key)

    @property
    def milestones(self) -> list[Milestone]:
        return [
            Milestone(key, label, start, end, self.date_at(start) if start else None, self.date_at(end))
            for key, label, start, end in MILESTONES
        ]


CYCLE_NOTE = (
    "Moving the date for a cycle that is not 28 days long is a common calculator convention, "
    "not part of the ACOG guidance; your doctor may date from a scan instead."
)
FIRST_TRIMESTER_NOTE = "A first-trimester scan (up to 13w6d) is the most accurate way to date a pregnancy."
LATE_SCAN_NOTE = (
    "Scans from 28 weeks on are poor at dating: a baby who measures small may be growth-restricted "
    "rather than younger. Confirm this date with your doctor."
)
SUBOPTIMAL_NOTE = (
    "No scan before 22 weeks confirmed or revised this date, so doctors call the pregnancy "
    "\u201csuboptimally dated\u201d (ACOG): the date is less certain. Talk to your doctor about it."
)
IVF_NOTE = "An IVF due date comes from the embryo's known age, so no later scan changes it (SMFM guidance)."
NOTE_TEXT = {
    Note.CYCLE: CYCLE_NOTE,
    Note.FIRST_TRIMESTER_SCAN: FIRST_TRIMESTER_NOTE,
    Note.LATE_SCAN: LATE_SCAN_NOTE,
    Note.SUBOPTIMAL: SUBOPTIMAL_NOTE,
    Note.IVF: IVF_NOTE,
    Note.IVF_SCAN_NOT_USED: "Your scan was not used to change the date.",
}


def _lmp_reason(cycle_length: int) -> str:
    if cycle_length == STANDARD_CYCLE:
        return (
            "Your due date is 280 days (40 weeks) after the first day of your last period "
            "(Naegele's rule, as ACOG uses for a 28-day cycle)."
        )
    shift = cycle_length - STANDARD_CYCLE
    direction = "later" if shift > 0 else "earlier"
    return (
        f"Your due date is 280 days after the first day of your last period, moved "
        f"{_plural(abs(shift), 'day')} {direction} because your cycle is {cycle_length} days rather "
        f"than 28 (a common calculator convention, not part of the ACOG guidance)."
    )


def _scan_reason(why: Why) -> str:
    at = f"Your scan at {why.ga_by_lmp.short} by your period date (the scan measured {why.scan_ga.short})"
    band = why.band
    if why.code is Reason.SCAN_SAME:
        return f"{at} gives exactly the same due date as your period date, so your period date stands."
    verdict = (
        f"more than the {band.limit_days} days allowed {band.description}, so the scan date is used."
        if why.code is Reason.SCAN_USED
        else f"within the {band.limit_days} days allowed {band.description}, so your period date "
        f"stands: the scan confirms it."
    )
    return f"{at} differs from your period date by {_plural(why.difference_days, 'day')}, {verdict}"


def english_reason(why: Why) -> str:
    """The reason for the due date in English words."""
    if why.code in (Reason.LMP, Reason.LMP_CYCLE):
        return _lmp_reason(why.cycle_length)
    if why.code is Reason.CONCEPTION:
        return "Your due date is 266 days (38 weeks) after the conception date."
    if why.code is Reason.IVF:
        return (
            f"Your due date is 266 days after conception. A day-{why.embryo_age} embryo was already "
            f"{why.embryo_age} days old at transfer, so that is {why.transfer_to_due_days} days "
            f"after the transfer date."
        )
    if why.code is Reason.SCAN_ALONE:
        return (
            f"Your due date comes from your scan, which measured {why.scan_ga.short}: "
            f"{_plural(why.scan_to_due_days, 'day')} after the scan brings it to 40w0d."
        )
    return _scan_reason(why)


def _lmp_why(cycle_length: int) -> Why:
    return Why(Reason.LMP if cycle_length == STANDARD_CYCLE else Reason.LMP_CYCLE, cycle_length=cycle_length)


def _scan_why(decision: RedatingDecision, scan: Scan) -> Why:
    if decision.difference_days == 0:
        code = Reason.SCAN_SAME
    else:
        code = Reason.SCAN_USED if decision.use_scan else Reason.SCAN_CONFIRMS
    return Why(
        code,
        scan_ga=scan.ga,
        ga_by_lmp=decision.ga_by_lmp,
        difference_days=decision.difference_days,
        band=decision.band,
    )


@dataclass(frozen=True)
class _Estimate:
    """What one method says, before the notes that depend on today are added."""

    basis: Method
    due_date: date
    why: Why
    notes: tuple[Note, ...] = ()
    lmp_due_date: date | None = None
    scan_due_date: date | None = None
    late_scan: bool = False
    scan_ga_by_dating: GestationalAge | None = None  # the scan's GA by the chosen due date


def _needed(value: _T | None, message: str) -> _T:
    """The input a method cannot work without (a missing one is an error, never a crash)."""
    if value is None:
        raise ValueError(message)
    return value


def _date_by_lmp(lmp: date, cycle_length: int) -> _Estimate:
    """Naegele's rule: LMP + 280 days, moved by the cycle's difference from 28 days (a calculator
    convention, not ACOG, so a note says so)."""
    due = edd_from_lmp(lmp, cycle_length)
    notes = (Note.CYCLE,) if cycle_length != STANDARD_CYCLE else ()
    return _Estimate(Method.LMP, due, _lmp_why(cycle_length), notes, lmp_due_date=due)


def _date_by_conception(conception: date) -> _Estimate:
    """Conception + 266 days."""
    return _Estimate(
        Method.CONCEPTION,
        edd_from_conception(conception),
        Why(Reason.CONCEPTION),
    )


def _date_by_ivf(transfer: date, embryo_age: int, scan: Scan | None) -> _Estimate:
    """Transfer + 266 - embryo age days. The embryo-derived date always stands (SMFM): a scan is
    shown but never redates it."""
    why = Why(Reason.IVF, embryo_age=embryo_age)
    due = edd_from_ivf(transfer, embryo_age)
    if scan is None:
        return _Estimate(Method.IVF, due, why, (Note.IVF,))
    notes = (Note.IVF, Note.IVF_SCAN_NOT_USED)
    return _Estimate(Method.IVF, due, why, notes, scan_due_date=edd_from_scan(scan))


def _date_by_scan_alone(scan: Scan) -> _Estimate:
    """Without a period date the scan stands: S + 280 - (7W + D) days. A scan from 28w0d is late."""
    scan_due = edd_from_scan(scan)
    why = Why(Reason.SCAN_ALONE, scan_ga=scan.ga)
    late = scan.ga.total_days >= LATE_SCAN_FROM_DAYS
    return _Estimate(Method.ULTRASOUND, scan_due, why, scan_due_date=scan_due, late_scan=late)


def _date_by_scan_and_lmp(scan: Scan, lmp: date, cycle_length: int) -> _Estimate:
    """ACOG CO 700 table 1: the scan's date replaces the period date only when the two differ by more
    than the limit of the band the GA by LMP falls in. The scan is late (28w0d on) by either GA."""
    decision = compare_scan_with_lmp(lmp, cycle_length, scan)
    late = decision.ga_by_lmp.total_days >= LATE_SCAN_FROM_DAYS or scan.ga.total_days >= LATE_SCAN_FROM_DAYS
    return _Estimate(
        basis=Method.ULTRASOUND if decision.use_scan else Method.LMP,
        due_date=decision.scan_due_date if decision.use_scan else decision.lmp_due_date,
        why=_scan_why(decision, scan),
        notes=(Note.CYCLE,) if cycle_length != STANDARD_CYCLE else (),
        lmp_due_date=decision.lmp_due_date,
        scan_due_date=decision.scan_due_date,
        late_scan=late,
    )


def _date_by_scan(scan: Scan, lmp: date | None, cycle_length: int) -> _Estimate:
    """A scan, with or without a period date, and the scan notes: a first-trimester scan (to 13w6d)
    is the most accurate; a late one (28w0d on) should be confirmed with a doctor."""
    estimate = _date_by_scan_alone(scan) if lmp is None else _date_by_scan_and_lmp(scan, lmp, cycle_length)
    notes = list(estimate.notes)
    if scan.ga.total_days <= FIRST_TRIMESTER_SCAN_UNTIL_DAYS:
        notes.append(Note.FIRST_TRIMESTER_SCAN)
    if estimate.late_scan:
        notes.append(Note.LATE_SCAN)
    return replace(
        estimate, notes=tuple(notes), scan_ga_by_dating=gestational_age(estimate.due_date, scan.date)
    )


def _estimate(
    method: Method,
    *,
    lmp: date | None,
    cycle_length: int,
    conception: date | None,
    transfer: date | None,
    embryo_age: int | None,
    scan: Scan | None,
) -> _Estimate:
    """The chosen method's estimate, from the inputs that method needs (the others are ignored)."""
    if method is Method.LMP:
        return _date_by_lmp(
            _needed(lmp, "The LMP method needs the first day of the last period."), cycle_length
        )
    if method is Method.CONCEPTION:
        return _date_by_conception(_needed(conception, "The conception method needs a conception date."))
    if method is Method.IVF:
        needs = "The IVF method needs a transfer date and the embryo's age."
        return _date_by_ivf(_needed(transfer, needs), _needed(embryo_age, needs), scan)
    return _date_by_scan(_needed(scan, "The ultrasound method needs a scan."), lmp, cycle_length)


def _suboptimally_dated(method: Method, estimate: _Estimate, today: date) -> bool:
    """ACOG CO 700: no scan before 22w0d confirmed or revised the date. With only a period or
    conception date that is so from 22w0d today (while today's GA is shown, to 43w6d); with a scan,
    when the scan was at 22w0d or later by the final dating. An IVF date is never suboptimal."""
    if method in (Method.LMP, Method.CONCEPTION):
        ga_today = gestational_age(estimate.due_date, today)
        return SUBOPTIMAL_FROM_DAYS <= ga_today.total_days <= MAX_SHOWN_GA_DAYS
    if estimate.scan_ga_by_dating is not None:
        return estimate.scan_ga_by_dating.total_days >= SUBOPTIMAL_FROM_DAYS
    return False


def date_pregnancy(
    method: Method | str,
    today: date,
    *,
    lmp: date | None = None,
    cycle_length: int = STANDARD_CYCLE,
    conception: date | None = None,
    transfer: date | None = None,
    embryo_age: int | None = None,
    scan: Scan | None = None,
) -> DatingResult:
    """Date a pregnancy by one method and explain the choice.

    With the ultrasound method an `lmp` may be given too: the ACOG table then decides which date
    stands. With IVF any `scan` is ignored: the embryo's age fixes the date.
    """
    method = Method(method)
    estimate = _estimate(
        method,
        lmp=lmp,
        cycle_length=cycle_length,
        conception=conception,
        transfer=transfer,
        embryo_age=embryo_age,
        scan=scan,
    )
    suboptimal = _suboptimally_dated(method, estimate, today)
    return DatingResult(
        method=method,
        basis=estimate.basis,
        due_date=estimate.due_date,
        why=estimate.why,
        note_codes=estimate.notes + ((Note.SUBOPTIMAL,) if suboptimal else ()),
        today=today,
        lmp_due_date=estimate.lmp_due_date,
        scan_due_date=estimate.scan_due_date,
        late_scan=estimate.late_scan,
        suboptimally_dated=suboptimal,
    )


# --- Input checks shared by the web form ---------------------------------------------------------


def check_past_date(day: date, today: date) -> str | None:
    """Why a date typed into the calculator is not acceptable, or None when it is."""
    if day > today:
        return "after today"
    if (today - day).days > MAX_DAYS_AGO:
        return "more than five years ago"
    return None
