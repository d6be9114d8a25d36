"""The milestones as an iCalendar file of all-day events, built in memory and never stored. Its words are
in the language of the page that asked for it."""

from datetime import UTC, date, datetime, timedelta

from django.utils.translation import gettext
from icalendar import Calendar, Event

from calculators import wording
from calculators.dating import DatingResult

PRODID = "-//Nine Months//Due-date calculator//EN"


def _event(uid: str, summary: str, start: date, end_inclusive: date, stamp: datetime, note: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@nine-months-due-date")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end_inclusive + timedelta(days=1))  # DTEND of an all-day event is exclusive
    event.add("transp", "TRANSPARENT")
    event.add("description", note)
    return event


def build_calendar(result: DatingResult) -> bytes:
    stamp = datetime.now(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", gettext("Pregnancy milestones"))
    estimate = gettext("An estimate: about 1 in 20 babies arrives on the due date itself.")
    typical = gettext("A typical window, not a prescription: your doctor decides when you need each test.")
    uid_base = result.due_date.strftime("%Y%m%d")
    for mark in result.landmarks:
        summary = gettext("%(name)s (%(ga)s)") % {
            "name": wording.label(mark.key),
            "ga": wording.ga_short(mark.ga),
        }
        note = estimate if mark.key == "due-date" else gettext("From the due-date calculator (ACOG dating).")
        cal.add_component(_event(f"{mark.key}-{uid_base}", summary, mark.date, mark.date, stamp, note))
    for milestone in result.milestones:
        start = milestone.start or milestone.end
        if milestone.start is None:
            summary = gettext("Last typical day for the dating scan (%(ga)s)") % {
                "ga": wording.ga_short(milestone.end_ga)
            }
        else:
            summary = gettext("%(name)s (%(start)s to %(end)s)") % {
                "name": wording.label(milestone.key),
                "start": wording.ga_short(milestone.start_ga),
                "end": wording.ga_short(milestone.end_ga),
            }
        cal.add_component(
            _event(f"{milestone.key}-{uid_base}", summary, start, milestone.end, stamp, typical)
        )
    return cal.to_ical()
