"""The due-date form: one set of fields (the contract's names), checked per method.

The page shows one HTML form per method, each with its own hidden `method`, so a person without
JavaScript cannot submit one method's fields under another. Only the chosen method's fields are checked;
anything typed into the other sections is ignored.
"""

import re
import time
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from calculators import dating
from calculators.dating import Method

DATE_FORMAT = "%Y-%m-%d"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

FIELDS_BY_METHOD = {
    Method.LMP: ("lmp", "cycle_length"),
    Method.CONCEPTION: ("conception_date",),
    Method.IVF: ("transfer_date", "embryo_age"),
    Method.ULTRASOUND: ("scan_date", "scan_weeks", "scan_days", "lmp", "cycle_length"),
}
REQUIRED_BY_METHOD = {
    Method.LMP: {"lmp": _("Enter the first day of your last period.")},
    Method.CONCEPTION: {"conception_date": _("Enter the conception date.")},
    Method.IVF: {
        "transfer_date": _("Enter the date of the embryo transfer."),
        "embryo_age": _("Choose the embryo's age at transfer: day 3, day 5 or day 6."),
    },
    Method.ULTRASOUND: {
        "scan_date": _("Enter the date of the scan."),
        "scan_weeks": _("Enter the weeks the scan showed, from 4 to 42."),
    },
}
DATE_NAMES = ("lmp", "conception_date", "transfer_date", "scan_date")
AFTER_TODAY = {
    "lmp": _("The first day of your last period can't be after today (%(today)s)."),
    "conception_date": _("The conception date can't be after today (%(today)s)."),
    "transfer_date": _("The transfer date can't be after today (%(today)s)."),
    "scan_date": _("The scan date can't be after today (%(today)s)."),
}
TOO_LONG_AGO = {
    "lmp": _(
        "The first day of your last period is more than five years ago. "
        "Enter a date within the last five years."
    ),
    "conception_date": _(
        "The conception date is more than five years ago. Enter a date within the last five years."
    ),
    "transfer_date": _(
        "The transfer date is more than five years ago. Enter a date within the last five years."
    ),
    "scan_date": _("The scan date is more than five years ago. Enter a date within the last five years."),
}
METHOD_VALUES = {m.value for m in Method}
METHOD_LABELS = {
    Method.LMP: _("Period date"),
    Method.CONCEPTION: _("Conception date"),
    Method.IVF: _("IVF transfer"),
    Method.ULTRASOUND: _("Ultrasound scan"),
}
SECTION_TEXT = {
    Method.LMP: (
        _("From the first day of your last period"),
        _("The usual way to start. If your cycle is not 28 days long, give its length."),
        _("Calculate from my period"),
    ),
    Method.CONCEPTION: (
        _("From the conception date"),
        _("Use this only if you know the day you conceived."),
        _("Calculate from conception"),
    ),
    Method.IVF: (
        _("From an IVF embryo transfer"),
        _("The most exact way: the embryo's age on the transfer day is known."),
        _("Calculate from the transfer"),
    ),
    Method.ULTRASOUND: (
        _("From an ultrasound scan"),
        _("Use the date of the scan and the gestational age its report gives (for example 8 weeks 2 days)."),
        _("Calculate from the scan"),
    ),
}
METHOD_ERROR = _(
    "Choose how to work out your due date: from your period, conception, IVF transfer or a scan."
)


class DescribedBoundField(BoundField):
    """Links each input to its hint and its error message with aria-describedby."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if (widget or self.field.widget).is_hidden:
            return attrs
        described = [f"{self.auto_id}_helptext"] if self.help_text else []
        if self.errors:
            described.append(f"{self.auto_id}-error")
        if described:
            attrs["aria-describedby"] = " ".join(described)
        else:
            attrs.pop("aria-describedby", None)
        return attrs


class NativeDateInput(forms.DateInput):
    """<input type="date">. HTML allows only a real YYYY-MM-DD date as its value, so a value that is not
    one (a hand-typed 2020-02-30) is left out; the message next to the field says what was wrong."""

    input_type = "date"

    def format_value(self, value):
        formatted = super().format_value(value)
        if isinstance(formatted, str):
            try:
                time.strptime(formatted, DATE_FORMAT)  # a date check only: no datetime, naive or aware
            except ValueError:
                return None
        return formatted


class IsoDateField(forms.DateField):
    """A YYYY-MM-DD date (what native date inputs send) that explains a date which does not exist."""

    input_formats = [DATE_FORMAT]
    widget = NativeDateInput(format=DATE_FORMAT)
    default_error_messages = {
        "invalid": _("Enter the date as YYYY-MM-DD, for example 2025-01-31."),
        "nonexistent": _("That date does not exist. Check the day and the month."),
    }

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            if ISO_DATE.match(str(value).strip()):
                raise ValidationError(self.error_messages["nonexistent"], code="nonexistent") from None
            raise


def number_field(label: str, low: int, high: int, message: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=low,
        max_value=high,
        help_text=help_text,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class DueDateForm(forms.Form):
    bound_field_class = DescribedBoundField

    method = forms.ChoiceField(
        choices=[(m.value, label) for m, label in METHOD_LABELS.items()],
        widget=forms.HiddenInput,
        error_messages={"required": METHOD_ERROR, "invalid_choice": METHOD_ERROR},
    )
    lmp = IsoDateField(
        label=_("First day of your last period"), required=False, help_text=_("The day your period started.")
    )
    cycle_length = number_field(
        _("Usual cycle length in days"),
        dating.MIN_CYCLE,
        dating.MAX_CYCLE,
        _("Enter a cycle length from 20 to 45 days."),
        help_text=_("From the first day of one period to the first day of the next. Leave 28 if unsure."),
    )
    conception_date = IsoDateField(
        label=_("Conception date"),
        required=False,
        help_text=_("Only if you know it, for example from ovulation tests."),
    )
    transfer_date = IsoDateField(label=_("Embryo transfer date"), required=False)
    embryo_age = forms.TypedChoiceField(
        label=_("Embryo age at transfer"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Choose")),
            ("3", _("Day 3")),
            ("5", _("Day 5 (blastocyst)")),
            ("6", _("Day 6 (blastocyst)")),
        ],
        help_text=_("Your clinic's transfer report says whether it was a day 3, 5 or 6 embryo."),
        error_messages={"invalid_choice": _("Choose the embryo's age at transfer: day 3, day 5 or day 6.")},
    )
    scan_date = IsoDateField(label=_("Date of the scan"), required=False)
    scan_weeks = number_field(
        _("Weeks"),
        dating.MIN_SCAN_WEEKS,
        dating.MAX_SCAN_WEEKS,
        _("Enter the weeks the scan showed, from 4 to 42."),
    )
    scan_days = number_field(_("Days"), 0, 6, _("Enter the days the scan showed, from 0 to 6."))

    def __init__(self, *args, today: date, section: Method | None = None, **kwargs):
        data = args[0] if args else kwargs.get("data")
        if section is None and data is not None:
            chosen = data.get("method")
            section = Method(chosen) if chosen in METHOD_VALUES else None
        kwargs.setdefault("auto_id", f"{section or 'dd'}-%s")
        super().__init__(*args, **kwargs)
        self.today = today
        self.section = section
        self.fields["cycle_length"].initial = dating.STANDARD_CYCLE
        self.fields["scan_days"].initial = 0
        for name in DATE_NAMES:
            self.fields[name].widget.attrs.update(
                {
                    "max": today.isoformat(),
                    "min": date.fromordinal(today.toordinal() - dating.MAX_DAYS_AGO).isoformat(),
                }
            )
        if section is Method.ULTRASOUND:
            self.fields["lmp"].label = _("First day of your last period (optional)")
            self.fields["lmp"].help_text = _(
                "Give it and we compare it with the scan using the ACOG rules to decide which date stands."
            )
        if section is not None:
            self.fields["method"].initial = section.value
            for name in REQUIRED_BY_METHOD[section]:
                self.fields[name].widget.attrs["required"] = True

    @property
    def heading(self) -> str:
        return SECTION_TEXT[self.section][0] if self.section else ""

    @property
    def short_label(self) -> str:
        return METHOD_LABELS[self.section] if self.section else ""

    @property
    def intro(self) -> str:
        return SECTION_TEXT[self.section][1] if self.section else ""

    @property
    def button(self) -> str:
        return SECTION_TEXT[self.section][2] if self.section else ""

    @property
    def visible(self) -> list[BoundField]:
        """The fields of this form's method, in order."""
        return [self[name] for name in FIELDS_BY_METHOD[self.section]] if self.section else []

    def _clean_past_date(self, name: str) -> date | None:
        value = self.cleaned_data.get(name)
        if value is not None:
            problem = dating.check_past_date(value, self.today)
            if problem == "after today":
                raise ValidationError(AFTER_TODAY[name] % {"today": date_format(self.today, "j F Y")})
            if problem:
                raise ValidationError(TOO_LONG_AGO[name])
        return value

    def clean_lmp(self):
        return self._clean_past_date("lmp")

    def clean_conception_date(self):
        return self._clean_past_date("conception_date")

    def clean_transfer_date(self):
        return self._clean_past_date("transfer_date")

    def clean_scan_date(self):
        return self._clean_past_date("scan_date")

    def clean(self):
        data = super().clean()
        if self.section is None:
            return data
        for name, message in REQUIRED_BY_METHOD[self.section].items():
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, message)
        if data.get("cycle_length") is None and "cycle_length" not in self.errors:
            data["cycle_length"] = dating.STANDARD_CYCLE
        if data.get("scan_days") is None and "scan_days" not in self.errors:
            data["scan_days"] = 0
        lmp, scan_date = data.get("lmp"), data.get("scan_date")
        if self.section is Method.ULTRASOUND and lmp and scan_date and scan_date < lmp:
            self.add_error(
                "scan_date",
                gettext(
                    "The scan date is before the first day of your last period. A scan can only come after "
                    "the period started: check both dates."
                ),
            )
        return data

    def full_clean(self):
        super().full_clean()
        if self.section is None:
            return
        relevant = {"method", *FIELDS_BY_METHOD[self.section]}
        for name in list(self._errors):
            if name not in relevant:
                del self._errors[name]
        for name in list(getattr(self, "cleaned_data", {})):
            if name not in relevant:
                del self.cleaned_data[name]

    def result(self) -> dating.DatingResult:
        """The dating result; call only when the form is valid."""
        data = self.cleaned_data
        scan = None
        if self.section is Method.ULTRASOUND:
            scan = dating.Scan(data["scan_date"], data["scan_weeks"], data["scan_days"])
        return dating.date_pregnancy(
            self.section,
            self.today,
            lmp=data.get("lmp"),
            cycle_length=data.get("cycle_length") or dating.STANDARD_CYCLE,
            conception=data.get("conception_date"),
            transfer=data.get("transfer_date"),
            embryo_age=data.get("embryo_age"),
            scan=scan,
        )

    def carried_values(self) -> list[tuple[str, str]]:
        """The checked values, for hidden fields of the calendar download form (POST body only)."""
        values = [("method", self.section.value)]
        for name in FIELDS_BY_METHOD[self.section]:
            value = self.cleaned_data.get(name)
            if value is not None:
                values.append((name, value.isoformat() if isinstance(value, date) else str(value)))
        return values

    def error_list(self) -> list[tuple[str, str]]:
        """(input id, message) for the error summary, in the order of the page."""
        order = ["method", *FIELDS_BY_METHOD.get(self.section, ())]
        return [
            (self[name].auto_id if name != "method" else "methods", message)
            for name in order
            for message in self.errors.get(name, [])
        ]


def section_forms(today: date, bound: DueDateForm | None = None) -> list[DueDateForm]:
    """One form per method, the submitted one bound (so it shows its values and errors)."""
    return [
        bound if bound is not None and bound.section is method else DueDateForm(today=today, section=method)
        for method in Method
    ]
