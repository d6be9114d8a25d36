"""The calculator's results in the reader's language.

`calculators.dating` is pure date arithmetic without Django: it says why a due date rests where it
does as a code and its numbers (`Why`), and which notes apply as codes (`Note`). This module words them
with gettext, so the English page reads exactly as `dating`'s English and the Hindi page in Hindi.
Gestational ages, landmark and milestone names are worded here too.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from calculators.dating import REDATING_BANDS, DatingResult, GestationalAge, Note, Overdue, Reason, Why

LANDMARK_LABELS = {
    "second-trimester-start": _("Second trimester starts"),
    "third-trimester-start": _("Third trimester starts"),
    "early-term-start": _("Early term starts"),
    "full-term-start": _("Full term starts"),
    "due-date": _("Estimated due date"),
    "late-term-start": _("Late term starts"),
    "post-term-start": _("Post-term starts"),
}
MILESTONE_LABELS = {
    "dating-scan": _("Dating scan"),
    "nt-scan": _("Nuchal translucency (NT) scan window"),
    "anomaly-scan": _("Anomaly scan window"),
    "glucose-test": _("Glucose tolerance test window"),
}
LABELS = LANDMARK_LABELS | MILESTONE_LABELS
TRIMESTER_NAMES = {1: _("first trimester"), 2: _("second trimester"), 3: _("third trimester")}
# The bands of ACOG CO 700 table 1, in the order of dating.REDATING_BANDS.
BAND_DESCRIPTIONS = (
    _("before 9 weeks"),
    _("from 9w0d to 13w6d"),
    _("from 14w0d to 15w6d"),
    _("from 16w0d to 21w6d"),
    _("from 22w0d to 27w6d"),
    _("from 28 weeks on"),
)
NOTE_TEXT = {
    Note.CYCLE: _(
        "Moving the date for a cycle that is not 28 days long is a common calculator convention, "
        "not part of the ACOG guidance; your doctor may date from a scan instead."
    ),
    Note.FIRST_TRIMESTER_SCAN: _(
        "A first-trimester scan (up to 13w6d) is the most accurate way to date a pregnancy."
    ),
    Note.LATE_SCAN: _(
        "Scans from 28 weeks on are poor at dating: a baby who measures small may be growth-restricted "
        "rather than younger. Confirm this date with your doctor."
    ),
    Note.SUBOPTIMAL: _(
        "No scan before 22 weeks confirmed or revised this date, so doctors call the pregnancy "
        "“suboptimally dated” (ACOG): the date is less certain. Talk to your doctor about it."
    ),
    Note.IVF: _(
        "An IVF due date comes from the embryo's known age, so no later scan changes it (SMFM guidance)."
    ),
    Note.IVF_SCAN_NOT_USED: _("Your scan was not used to change the date."),
}
# What to do once the due date is reached and the baby has not come (WHO 2018, NICE NG207, ACOG).
OVERDUE_ADVICE = {
    Overdue.DUE: _(
        "You have reached your due date. If your baby has not been born yet, see your doctor this week "
        "to plan what happens if labour has not started by 41 weeks. Keep feeling for your baby's "
        "movements every day: if they slow down or stop, go to hospital at once."
    ),
    Overdue.LATE_TERM: _(
        "You are past 41 weeks. If your baby has not been born yet, contact your doctor or maternity "
        "unit today: induction of labour (starting labour off in hospital) is usually offered between "
        "41 and 42 weeks, because the risks for the baby rise after that. If your baby moves less, your "
        "waters break or you bleed, go to hospital at once."
    ),
    Overdue.POST_TERM: _(
        "You are past 42 weeks. If your baby has not been born yet, go to your maternity unit today: "
        "your baby needs checking, and doctors advise induction of labour. If your baby moves less, "
        "your waters break or you bleed, go to hospital at once or call 108."
    ),
}


def ga_long(ga: GestationalAge) -> str:
    """ "10 weeks 3 days" (as str(ga) in English)."""
    if ga.total_days < 0:
        days = -ga.total_days
        return ngettext(
            "%(days)s day before the pregnancy count starts",
            "%(days)s days before the pregnancy count starts",
            days,
        ) % {"days": days}
    weeks = ngettext("%(weeks)s week", "%(weeks)s weeks", ga.weeks) % {"weeks": ga.weeks}
    days = ngettext("%(days)s day", "%(days)s days", ga.days) % {"days": ga.days}
    return f"{weeks} {days}"


def ga_short(ga: GestationalAge) -> str:
    """The clinical shorthand "10w3d" in English (as ga.short); written out on a Hindi page."""
    if ga.total_days < 0:
        days = -ga.total_days
        return ngettext("%(days)s day before 0w0d", "%(days)s days before 0w0d", days) % {"days": days}
    return ngettext("%(weeks)sw%(days)sd", "%(weeks)sw%(days)sd", ga.weeks) % {
        "weeks": ga.weeks,
        "days": ga.days,
    }


def day_month(day) -> str:
    """ "8 Oct"; on a Hindi page "8 अक्टूबर" (Django's Hindi month abbreviations read badly)."""
    return date_format(day, pgettext("day and short month", "j M"))


def label(key: str) -> str:
    """A landmark's or a milestone's name."""
    return str(LABELS[key])


def trimester_name(result: DatingResult) -> str:
    return str(TRIMESTER_NAMES.get(result.trimester_today or 0, ""))


def _lmp_reason(why: Why) -> str:
    if why.code is Reason.LMP:
        return gettext(
            "Your due date is 280 days (40 weeks) after the first day of your last period "
            "(Naegele's rule, as ACOG uses for a 28-day cycle)."
        )
    days = abs(why.shift_days)
    values = {"days": days, "cycle": why.cycle_length}
    if why.shift_days > 0:
        return (
            ngettext(
                "Your due date is 280 days after the first day of your last period, moved %(days)s day later "
                "because your cycle is %(cycle)s days rather than 28 (a common calculator convention, not "
                "part of the ACOG guidance).",
                "Your due date is 280 days after the first day of your last period, moved %(days)s days later "
                "because your cycle is %(cycle)s days rather than 28 (a common calculator convention, not "
                "part of the ACOG guidance).",
                days,
            )
            % values
        )
    return (
        ngettext(
            "Your due date is 280 days after the first day of your last period, moved %(days)s day earlier "
            "because your cycle is %(cycle)s days rather than 28 (a common calculator convention, not "
            "part of the ACOG guidance).",
            "Your due date is 280 days after the first day of your last period, moved %(days)s days earlier "
            "because your cycle is %(cycle)s days rather than 28 (a common calculator convention, not "
            "part of the ACOG guidance).",
            days,
        )
        % values
    )


def _scan_reason(why: Why) -> str:
    values = {
        "at": ga_short(why.ga_by_lmp),
        "scan": ga_short(why.scan_ga),
        "days": why.difference_days,
        "limit": why.band.limit_days if why.band else 0,
        "band": BAND_DESCRIPTIONS[REDATING_BANDS.index(why.band)] if why.band else "",
    }
    if why.code is Reason.SCAN_SAME:
        return (
            gettext(
                "Your scan at %(at)s by your period date (the scan measured %(scan)s) gives exactly the "
                "same due date as your period date, so your period date stands."
            )
            % values
        )
    if why.code is Reason.SCAN_USED:
        return (
            ngettext(
                "Your scan at %(at)s by your period date (the scan measured %(scan)s) differs from your period "
                "date by %(days)s day, more than the %(limit)s days allowed %(band)s, so the scan date is used.",
                "Your scan at %(at)s by your period date (the scan measured %(scan)s) differs from your period "
                "date by %(days)s days, more than the %(limit)s days allowed %(band)s, so the scan date is used.",
                why.difference_days,
            )
            % values
        )
    return (
        ngettext(
            "Your scan at %(at)s by your period date (the scan measured %(scan)s) differs from your period "
            "date by %(days)s day, within the %(limit)s days allowed %(band)s, so your period date stands: "
            "the scan confirms it.",
            "Your scan at %(at)s by your period date (the scan measured %(scan)s) differs from your period "
            "date by %(days)s days, within the %(limit)s days allowed %(band)s, so your period date stands: "
            "the scan confirms it.",
            why.difference_days,
        )
        % values
    )


def reason(result: DatingResult) -> str:
    """Why the due date rests where it does, in the reader's language."""
    why = result.why
    if why.code in (Reason.LMP, Reason.LMP_CYCLE):
        return _lmp_reason(why)
    if why.code is Reason.CONCEPTION:
        return gettext("Your due date is 266 days (38 weeks) after the conception date.")
    if why.code is Reason.IVF:
        return gettext(
            "Your due date is 266 days after conception. A day-%(age)s embryo was already %(age)s days "
            "old at transfer, so that is %(days)s days after the transfer date."
        ) % {"age": why.embryo_age, "days": why.transfer_to_due_days}
    if why.code is Reason.SCAN_ALONE:
        return ngettext(
            "Your due date comes from your scan, which measured %(scan)s: %(days)s day after the scan "
            "brings it to %(due)s.",
            "Your due date comes from your scan, which measured %(scan)s: %(days)s days after the scan "
            "brings it to %(due)s.",
            why.scan_to_due_days,
        ) % {
            "scan": ga_short(why.scan_ga),
            "days": why.scan_to_due_days,
            "due": ga_short(GestationalAge.of(40)),
        }
    return _scan_reason(why)


def overdue_advice(result: DatingResult) -> str:
    """What to do today if the due date has come and gone ("" before 40 weeks)."""
    return str(OVERDUE_ADVICE[result.overdue]) if result.overdue else ""


def notes(result: DatingResult) -> list[str]:
    """The result's notes in the reader's language."""
    return [str(NOTE_TEXT[code]) for code in result.note_codes]
