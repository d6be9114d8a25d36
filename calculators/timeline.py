"""Geometry for the pregnancy timeline, drawn server-side as an inline SVG.

Time runs down the page (reads well on a narrow phone). Everything is placed with SVG geometry
attributes (x, y, width, height, transform), never inline styles, so the strict CSP holds; colours come
from classes in the stylesheet. Only the words come from Django: gettext, in the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from calculators import wording
from calculators.antenatal import DatedStep
from calculators.dating import DatingResult, GestationalAge, Milestone

WIDTH = 360
TOP = 20
SCALE = 2.4  # SVG units per day
CHART_DAYS = 43 * 7  # 0w0d to 43w0d
HEIGHT = int(TOP + CHART_DAYS * SCALE + 16)
LABEL_X = 100
LABEL_GAP = 15  # minimum vertical distance between two labels

TRIMESTER_X, TRIMESTER_W = 34, 24
TERM_X, TERM_W = 62, 12
MILESTONE_X, MILESTONE_W = 78, 12


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    css: str
    anchor: str = "start"
    transform: str = ""


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str


@dataclass
class Timeline:
    width: int = WIDTH
    height: int = HEIGHT
    rects: list[Rect] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    circles: list[tuple[float, float]] = field(default_factory=list)
    today_y: float | None = None
    description: str = ""


def y_of(days: float) -> float:
    return round(TOP + days * SCALE, 1)


def short_date(day: date) -> str:
    """ "19 Mar" (Hindi "19 मार्च")."""
    return wording.day_month(day)


def _span(start: GestationalAge, end_inclusive: GestationalAge) -> tuple[float, float]:
    top = y_of(start.total_days)
    return top, round(y_of(end_inclusive.total_days + 1) - top, 1)


def spread_labels(wanted: list[float], gap: float = LABEL_GAP) -> list[float]:
    """Push labels down just enough that none is closer than `gap` to the one above it."""
    placed: list[float] = []
    for y in wanted:
        placed.append(max(y, placed[-1] + gap) if placed else y)
    return placed


@dataclass(frozen=True)
class _Layer:
    """The shapes one step of the drawing adds, in drawing order."""

    rects: tuple[Rect, ...] = ()
    texts: tuple[Text, ...] = ()
    lines: tuple[Line, ...] = ()
    circles: tuple[tuple[float, float], ...] = ()


_ga = GestationalAge.of
# ACOG convention: first trimester to 13w6d, second from 14w0d, third from 28w0d (to the chart's end).
TRIMESTERS = (
    (_ga(0), _ga(13, 6), _("1st trimester")),
    (_ga(14), _ga(27, 6), _("2nd trimester")),
    (_ga(28), _ga(42, 6), _("3rd trimester")),
)
# ACOG CO 579: early term 37w0d to 38w6d, full 39w0d to 40w6d, late 41w0d to 41w6d, post-term from 42w0d.
TERMS = (
    ("tl-early", _ga(37), _ga(38, 6)),
    ("tl-full", _ga(39), _ga(40, 6)),
    ("tl-late", _ga(41), _ga(41, 6)),
    ("tl-post", _ga(42), _ga(42, 6)),
)
LABEL_NAMES = {
    "dating-scan": _("Dating scan by 13w6d"),
    "nt-scan": _("NT scan from 11w0d"),
    "anomaly-scan": _("Anomaly scan from 18w0d"),
    "glucose-test": _("Glucose test from 24w0d"),
    "second-trimester-start": _("2nd trimester"),
    "third-trimester-start": _("3rd trimester"),
    "early-term-start": _("Early term"),
    "full-term-start": _("Full term"),
    "due-date": _("Due date"),
    "late-term-start": _("Late term"),
    "post-term-start": _("Post-term"),
}


def _week_grid() -> _Layer:
    """A grid line and a week number every four weeks, 0w to 40w."""
    ys = [(week, y_of(week * 7)) for week in range(0, 44, 4)]
    return _Layer(
        texts=tuple(
            Text(30, y + 4, gettext("%(weeks)sw") % {"weeks": week}, "tl-week", anchor="end")
            for week, y in ys
        ),
        lines=tuple(Line(TRIMESTER_X, y, WIDTH, y, "tl-grid") for _, y in ys),
    )


def _trimester_bars() -> _Layer:
    """One bar per trimester (ACOG: the second starts at 14w0d, the third at 28w0d), named sideways."""
    rects, texts = [], []
    for number, (start, end, name) in enumerate(TRIMESTERS, 1):
        top, height = _span(start, end)
        rects.append(Rect(TRIMESTER_X, top, TRIMESTER_W, height, f"tl-tri tl-tri-{number}"))
        cx, cy = TRIMESTER_X + TRIMESTER_W / 2 + 4, round(top + height / 2, 1)
        rotate = f"rotate(-90 {cx} {cy})"
        texts.append(Text(cx, cy, str(name), "tl-tri-label", anchor="middle", transform=rotate))
    return _Layer(rects=tuple(rects), texts=tuple(texts))


def _term_bars() -> _Layer:
    """The four term bands of ACOG CO 579: early, full, late and post-term."""
    rects = []
    for css, start, end in TERMS:
        top, height = _span(start, end)
        rects.append(Rect(TERM_X, top, TERM_W, height, f"tl-term {css}"))
    return _Layer(rects=tuple(rects))


def _milestone_marks(milestones: list[Milestone]) -> _Layer:
    """Each typical window (NT, anomaly, glucose) as a bar; a "by" deadline (the dating scan by 13w6d)
    as a dot just after its last day."""
    rects, circles = [], []
    for milestone in milestones:
        if milestone.start_ga is None:
            circles.append((TERM_X + TERM_W / 2, y_of(milestone.end_ga.total_days + 1)))
        else:
            top, height = _span(milestone.start_ga, milestone.end_ga)
            rects.append(Rect(MILESTONE_X, top, MILESTONE_W, height, "tl-milestone"))
    return _Layer(rects=tuple(rects), circles=tuple(circles))


def _care_y(item: DatedStep) -> float:
    """Where a schedule step sits: its first day, or just after the last day of a "by" deadline."""
    step = item.step
    return y_of(step.start_ga.total_days) if step.start_ga else y_of(step.end_ga.total_days + 1)


def _care_marks(care: list[DatedStep]) -> _Layer:
    """India's antenatal schedule (calculators.antenatal) on the chart: a window as a bar, a day, a
    start or a deadline as a dot."""
    rects, circles = [], []
    for item in care:
        step = item.step
        if step.start_ga and step.end_ga and step.start_ga != step.end_ga:
            top, height = _span(step.start_ga, step.end_ga)
            rects.append(Rect(MILESTONE_X, top, MILESTONE_W, height, "tl-care"))
        else:
            circles.append((MILESTONE_X + MILESTONE_W / 2, _care_y(item)))
    return _Layer(rects=tuple(rects), circles=tuple(circles))


def _wanted_labels(result: DatingResult, care: list[DatedStep]) -> list[tuple[float, str, str]]:
    """Where each label belongs, top to bottom, with its words and class: a window at its first day, a
    deadline just after its last day, a landmark at its GA, a schedule step where `_care_y` puts it."""
    wanted = [
        (y_of(m.end_ga.total_days + 1), f"{LABEL_NAMES[m.key]} · {short_date(m.end)}", "tl-label")
        if m.start_ga is None or m.start is None
        else (y_of(m.start_ga.total_days), f"{LABEL_NAMES[m.key]} · {short_date(m.start)}", "tl-label")
        for m in result.milestones
    ]
    wanted += [
        (
            y_of(mark.ga.total_days),
            f"{LABEL_NAMES[mark.key]} · {short_date(mark.date)}",
            "tl-label tl-due" if mark.key == "due-date" else "tl-label",
        )
        for mark in result.landmarks
    ]
    wanted += [
        (
            _care_y(item),
            f"{item.step.chart_label} · {short_date(item.start or item.end)}",
            "tl-label tl-care-label",
        )
        for item in care
    ]
    return sorted(wanted, key=lambda label: label[0])


def _labels(result: DatingResult, care: list[DatedStep]) -> _Layer:
    """The milestone, landmark and schedule labels, spread so none overlaps, each joined to its place
    by a leader."""
    wanted = _wanted_labels(result, care)
    placed = spread_labels([y for y, _, _ in wanted])
    texts, lines = [], []
    for (y_wanted, words, css), y in zip(wanted, placed, strict=True):
        lines.append(Line(MILESTONE_X + MILESTONE_W, y_wanted, LABEL_X - 3, y - 4, "tl-leader"))
        texts.append(Text(LABEL_X, y, words, css))
    return _Layer(texts=tuple(texts), lines=tuple(lines))


def _today_y(result: DatingResult) -> float | None:
    """Where today sits, when today's GA is on the chart (0w0d to 43w0d)."""
    ga_today = result.ga_today.total_days
    return y_of(ga_today) if 0 <= ga_today <= CHART_DAYS else None


def _today_marker(today_y: float | None) -> _Layer:
    """A line across the chart at today, labelled "Today" (nothing when today is off the chart)."""
    if today_y is None:
        return _Layer()
    return _Layer(
        texts=(Text(WIDTH - 2, today_y - 4, gettext("Today"), "tl-today-label", anchor="end"),),
        lines=(Line(TRIMESTER_X - 4, today_y, WIDTH, today_y, "tl-today"),),
    )


def _description(result: DatingResult, today_on_chart: bool, care: list[DatedStep]) -> str:
    """The chart in words for screen readers: its span, the ACOG landmarks, the typical windows,
    India's schedule, today."""
    care_text = "".join(" " + gettext("%(label)s.") % {"label": item.step.chart_label} for item in care)
    today_text = (
        gettext("Today you are %(ga)s.") % {"ga": wording.ga_short(result.ga_today)}
        if today_on_chart
        else gettext("Today is outside this chart.")
    )
    chart = gettext(
        "Weeks 0 to 43 from %(start)s. First trimester to 13w6d, second from 14w0d, third from 28w0d; "
        "early term from 37w0d, full term from 39w0d, due date at 40w0d (%(due)s), late term from 41w0d, "
        "post-term from 42w0d. Typical NT scan 11w0d to 13w6d, anomaly scan 18w0d to 20w6d, glucose test "
        "24w0d to 28w6d."
    ) % {
        "start": f"{short_date(result.dating_lmp)} {result.dating_lmp.year}",
        "due": f"{short_date(result.due_date)} {result.due_date.year}",
    }
    table = gettext("The table below lists every date.")
    return f"{chart}{care_text} {today_text} {table}"


def build_timeline(result: DatingResult, care: list[DatedStep] = ()) -> Timeline:
    """The whole chart for one result, drawn in layers from the back: grid, trimesters, terms,
    milestones, India's antenatal schedule (the steps of `care` that have a chart label), labels,
    today."""
    care = [item for item in care if item.step.chart_label]
    today_y = _today_y(result)
    tl = Timeline(today_y=today_y, description=_description(result, today_y is not None, care))
    for layer in (
        _week_grid(),
        _trimester_bars(),
        _term_bars(),
        _milestone_marks(result.milestones),
        _care_marks(care),
        _labels(result, care),
        _today_marker(today_y),
    ):
        tl.rects += layer.rects
        tl.texts += layer.texts
        tl.lines += layer.lines
        tl.circles += layer.circles
    return tl
