"""The timeline's geometry (pure Python, no database)."""

from datetime import date
from itertools import pairwise

from calculators.dating import date_pregnancy
from calculators.timeline import build_timeline, spread_labels

LMP = date(2025, 1, 1)
LABEL_FONT_SIZE = 12  # .tl-label in static/css/site.css: baselines closer than this overlap


def grid_y(timeline, weeks: int) -> float:
    """Where the chart draws its grid line for `weeks` (one every four weeks, labelled "Nw")."""
    label = next(t for t in timeline.texts if t.css == "tl-week" and t.text == f"{weeks}w")
    grid = [line.y1 for line in timeline.lines if line.css == "tl-grid"]
    return min(grid, key=lambda y: abs(y - label.y))


def test_labels_never_overlap():
    assert spread_labels([10, 12, 40, 41, 42]) == [10, 25, 40, 55, 70]
    timeline = build_timeline(date_pregnancy("lmp", date(2025, 3, 15), lmp=LMP))
    ys = [t.y for t in timeline.texts if "tl-label" in t.css]
    assert len(ys) == 11  # 4 milestones + 7 landmarks including the due date
    assert all(b - a >= LABEL_FONT_SIZE for a, b in pairwise(ys))
    assert max(ys) < timeline.height


def test_today_marker_sits_at_todays_week():
    timeline = build_timeline(date_pregnancy("lmp", date(2025, 3, 15), lmp=LMP))  # 10w3d
    # 10w3d is 17 of the 28 days from the 8w line to the 12w line (SVG coordinates keep one decimal).
    eight, twelve = grid_y(timeline, 8), grid_y(timeline, 12)
    assert abs(timeline.today_y - (eight + (twelve - eight) * 17 / 28)) <= 0.1
    assert any(t.text == "Today" for t in timeline.texts)
    assert "Today you are 10w3d." in timeline.description
    labels = [t.text for t in timeline.texts if "tl-label" in t.css]
    assert "Due date · 8 Oct" in labels
    assert "NT scan from 11w0d · 19 Mar" in labels


def test_no_today_marker_outside_the_chart():
    timeline = build_timeline(date_pregnancy("lmp", date(2026, 1, 1), lmp=LMP))
    assert timeline.today_y is None
    assert not any(t.text == "Today" for t in timeline.texts)
    assert "Today is outside this chart." in timeline.description


def test_trimester_bars_meet_at_14_and_28_weeks():
    timeline = build_timeline(date_pregnancy("lmp", date(2025, 3, 15), lmp=LMP))
    bars = [r for r in timeline.rects if "tl-tri " in r.css + " "]
    twelve, sixteen = grid_y(timeline, 12), grid_y(timeline, 16)
    assert bars[0].y == grid_y(timeline, 0)
    assert abs(bars[1].y - (twelve + sixteen) / 2) <= 0.1  # 14w0d: halfway from 12w to 16w
    assert bars[2].y == grid_y(timeline, 28)
    assert round(bars[0].y + bars[0].height, 1) == bars[1].y
    assert round(bars[1].y + bars[1].height, 1) == bars[2].y
