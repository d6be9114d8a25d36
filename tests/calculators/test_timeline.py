"""The timeline's geometry (pure Python, no database)."""

from datetime import date
from itertools import pairwise

from calculators.dating import date_pregnancy
from calculators.timeline import LABEL_GAP, TOP, build_timeline, spread_labels, y_of

LMP = date(2025, 1, 1)


def test_labels_never_overlap():
    assert spread_labels([10, 12, 40, 41, 42]) == [10, 25, 40, 55, 70]
    timeline = build_timeline(date_pregnancy("lmp", date(2025, 3, 15), lmp=LMP))
    ys = [t.y for t in timeline.texts if "tl-label" in t.css]
    assert len(ys) == 11  # 4 milestones + 7 landmarks including the due date
    assert all(b - a >= LABEL_GAP for a, b in pairwise(ys))
    assert max(ys) < timeline.height


def test_today_marker_sits_at_todays_week():
    timeline = build_timeline(date_pregnancy("lmp", date(2025, 3, 15), lmp=LMP))  # 10w3d
    assert timeline.today_y == y_of(73) == round(TOP + 73 * 2.4, 1)
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
    assert [r.y for r in bars] == [y_of(0), y_of(98), y_of(196)]
    assert round(bars[0].y + bars[0].height, 1) == bars[1].y
