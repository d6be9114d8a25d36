"""Geometry for the pregnancy timeline, drawn server-side as an inline SVG.

Time runs down the page (reads well on a narrow phone). Everything is placed with SVG geometry
attributes (x, y, width, height, transform), never inline styles, so the strict CSP holds; colours come
from classes in the stylesheet. Pure Python: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from calculators.dating import DatingResult, GestationalAge

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
    return f"{day.day} {day:%b}"


def _span(start: GestationalAge, end_inclusive: GestationalAge) -> tuple[float, float]:
    top = y_of(start.total_days)
    return top, round(y_of(end_inclusive.total_days + 1) - top, 1)


def spread_labels(wanted: list[float], gap: float = LABEL_GAP) -> list[float]:
    """Push labels down just enough that none is closer than `gap` to the one above it."""
    placed: list[float] = []
    for y in wanted:
        placed.append(max(y, placed[-1] + gap) if placed else y)
    return placed


def build_timeline(result: DatingResult) -> Timeline:
    tl = Timeline()
    for week in range(0, 44, 4):
        y = y_of(week * 7)
        tl.lines.append(Line(TRIMESTER_X, y, WIDTH, y, "tl-grid"))
        tl.texts.append(Text(30, y + 4, f"{week}w", "tl-week", anchor="end"))

    g = GestationalAge.of
    for number, (start, end) in enumerate(((g(0), g(13, 6)), (g(14), g(27, 6)), (g(28), g(42, 6))), 1):
        top, height = _span(start, end)
        tl.rects.append(Rect(TRIMESTER_X, top, TRIMESTER_W, height, f"tl-tri tl-tri-{number}"))
        cx, cy = TRIMESTER_X + TRIMESTER_W / 2 + 4, round(top + height / 2, 1)
        name = ("1st", "2nd", "3rd")[number - 1] + " trimester"
        tl.texts.append(
            Text(cx, cy, name, "tl-tri-label", anchor="middle", transform=f"rotate(-90 {cx} {cy})")
        )

    for css, start, end in (
        ("tl-early", g(37), g(38, 6)),
        ("tl-full", g(39), g(40, 6)),
        ("tl-late", g(41), g(41, 6)),
        ("tl-post", g(42), g(42, 6)),
    ):
        top, height = _span(start, end)
        tl.rects.append(Rect(TERM_X, top, TERM_W, height, f"tl-term {css}"))

    for milestone in result.milestones:
        if milestone.start_ga is None:
            tl.circles.append((TERM_X + TERM_W / 2, y_of(milestone.end_ga.total_days + 1)))
            continue
        top, height = _span(milestone.start_ga, milestone.end_ga)
        tl.rects.append(Rect(MILESTONE_X, top, MILESTONE_W, height, "tl-milestone"))

    labels: list[tuple[float, str, str]] = [
        (y_of(m.end_ga.total_days + 1 if m.start_ga is None else m.start_ga.total_days), m.key, m.label)
        for m in result.milestones
    ]
    names = {
        "dating-scan": "Dating scan by 13w6d",
        "nt-scan": "NT scan from 11w0d",
        "anomaly-scan": "Anomaly scan from 18w0d",
        "glucose-test": "Glucose test from 24w0d",
        "second-trimester-start": "2nd trimester",
        "third-trimester-start": "3rd trimester",
        "early-term-start": "Early term",
        "full-term-start": "Full term",
        "due-date": "Due date",
        "late-term-start": "Late term",
        "post-term-start": "Post-term",
    }
    dates = {m.key: m.end if m.start is None else m.start for m in result.milestones}
    dates |= {mark.key: mark.date for mark in result.landmarks}
    labels += [(y_of(mark.ga.total_days), mark.key, mark.label) for mark in result.landmarks]
    labels.sort()
    placed = spread_labels([y for y, _, _ in labels])
    for (wanted, key, _), y in zip(labels, placed, strict=True):
        css = "tl-label tl-due" if key == "due-date" else "tl-label"
        tl.lines.append(Line(MILESTONE_X + MILESTONE_W, wanted, LABEL_X - 3, y - 4, "tl-leader"))
        tl.texts.append(Text(LABEL_X, y, f"{names[key]} · {short_date(dates[key])}", css))

    ga_today = result.ga_today.total_days
    if 0 <= ga_today <= CHART_DAYS:
        tl.today_y = y_of(ga_today)
        tl.lines.append(Line(TRIMESTER_X - 4, tl.today_y, WIDTH, tl.today_y, "tl-today"))
        tl.texts.append(Text(WIDTH - 2, tl.today_y - 4, "Today", "tl-today-label", anchor="end"))

    today_text = (
        f" Today you are {result.ga_today.short}."
        if 0 <= ga_today <= CHART_DAYS
        else " Today is outside this chart."
    )
    tl.description = (
        f"Weeks 0 to 43 from {short_date(result.dating_lmp)} {result.dating_lmp.year}. "
        f"First trimester to 13w6d, second from 14w0d, third from 28w0d; early term from 37w0d, "
        f"full term from 39w0d, due date at 40w0d ({short_date(result.due_date)} {result.due_date.year}), "
        f"late term from 41w0d, post-term from 42w0d. Typical NT scan 11w0d to 13w6d, anomaly scan "
        f"18w0d to 20w6d, glucose test 24w0d to 28w6d.{today_text} The table below lists every date."
    )
    return tl
