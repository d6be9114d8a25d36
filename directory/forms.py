"""Forms of the public directory: the search forms' base and the enquiry form."""

import datetime
import re
import unicodedata

from django import forms
from django.forms.renderers import BaseRenderer, get_default_renderer
from django.utils import timezone
from django.utils.html import conditional_escape as esc
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.models import AgeBasis, City, Enquiry, Grievance, GrievanceKind, Hospital

MOBILE = re.compile(r"^(?:\+91|91|0)?([6-9][0-9]{9})$")
SEPARATORS = re.compile(r"[\s\-().]")


def _ascii_digits(text: str) -> str:
    """Devanagari, Arabic-Indic, full-width... digits as 0-9, so staff always get a dialable number."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def normalise_mobile(raw: str) -> str | None:
    """An Indian mobile number as +91XXXXXXXXXX, or None when it is not one.

    Accepts 10 digits starting 6-9, optionally after +91, 91 or 0, with spaces, dashes, dots or
    brackets anywhere ("+91 98765-43210", "098765 43210"), in any script's digits ("९८७६५ ४३२१०").
    """
    match = MOBILE.match(SEPARATORS.sub("", _ascii_digits(raw or "")))
    return f"+91{match.group(1)}" if match else None


class AccessibleErrorsMixin:
    """Ties each field's error message to its input (aria-invalid, aria-describedby)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                described = [f"{bound.auto_id}-error"]
                if self.fields[name].help_text:
                    described.append(f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": " ".join(described)}
                )


# The widget templates print values with `|stringformat:'s'` under autoescaping: `esc` does the same.


def _attrs(attrs) -> str:
    # django/forms/widgets/attrs.html
    return "".join(
        f" {esc(name)}" if value is True else f' {esc(name)}="{esc(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget) -> str:
    # django/forms/widgets/input.html (and text.html, which only includes it)
    value = "" if widget["value"] is None else f' value="{esc(widget["value"])}"'
    return (
        f'<input type="{esc(widget["type"])}" name="{esc(widget["name"])}"{value}{_attrs(widget["attrs"])}>'
    )


def _select(widget) -> str:
    # django/forms/widgets/select.html with select_option.html for each option
    parts = [f'<select name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{esc(group_name)}">')
        parts.extend(
            f'\n  <option value="{esc(option["value"])}"{_attrs(option["attrs"])}>'
            f"{esc(option['label'])}</option>\n"
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _checkbox_select(widget) -> str:
    # django/forms/widgets/multiple_input.html with checkbox_option.html (input_option.html) for each
    id_, css = widget["attrs"].get("id"), widget["attrs"].get("class")
    parts = [
        "<div",
        f' id="{esc(id_)}"' if id_ else "",
        f' class="{esc(css)}"' if css else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{esc(group)}</label>")
        for option in options:
            for_id = option["attrs"].get("id")
            label_for = f' for="{esc(for_id)}"' if for_id else ""
            if option["wrap_label"]:
                html = f"<label{label_for}>{_input(option)}\n {esc(option['label'])}</label>"
            else:
                html = f"{_input(option)}\n"
            parts.append(f"<div>\n    {html}\n\n</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


class SearchFormRenderer(BaseRenderer):
    """Renders the search forms' widgets in Python, to the same markup as Django's widget templates.

    A search page is rendered for every new combination of filters, and the stock templates cost a
    template render per <option> and checkbox (about 2 ms of the page); these few lines cost a tenth
    of that. The widget's own get_context() still decides values, ids, `selected`/`checked` and the
    aria attributes, so only the string building is ours. Other templates go to the default renderer.
    tests/directory/test_search_form_renderer.py holds both renderers to the same output.
    """

    # widget template -> (its option template, builder)
    WIDGETS = {
        "django/forms/widgets/text.html": (None, _input),
        "django/forms/widgets/select.html": ("django/forms/widgets/select_option.html", _select),
        "django/forms/widgets/checkbox_select.html": (
            "django/forms/widgets/checkbox_option.html",
            _checkbox_select,
        ),
    }

    def get_template(self, template_name):
        return get_default_renderer().get_template(template_name)

    def render(self, template_name, context, request=None):
        option_template, build = self.WIDGETS.get(template_name, (None, None))
        widget = context.get("widget") if len(context) == 1 else None
        if build is None or widget is None or not self._standard_options(widget, option_template):
            return super().render(template_name, context, request)
        return build(widget)

    @staticmethod
    def _standard_options(widget, option_template) -> bool:
        return all(
            option["template_name"] == option_template
            for _group, options, _index in widget.get("optgroups", ())
            for option in options
        )


class SearchForm(AccessibleErrorsMixin, forms.Form):
    """Base of the FilterSets' forms (django-filter adds the fields)."""

    default_renderer = SearchFormRenderer()

    def clean(self):
        """A maximum below the minimum would match nothing: it is left out, with a message beside it."""
        cleaned = super().clean()
        self._keep_known_choices(cleaned)
        low, high = cleaned.get("min_price"), cleaned.get("max_price")
        if low is not None and high is not None and high < low:
            self.add_error(
                "max_price",
                forms.ValidationError(
                    _("The maximum price is below the minimum price. This filter was left out."),
                    code="below_minimum",
                ),
            )
        return cleaned

    def _keep_known_choices(self, cleaned) -> None:
        """A repeatable filter (the languages) with a value we do not list still applies its other
        values; the message beside it names the one left out (CONTRACT.md: results ignore that value)."""
        for name, field in self.fields.items():
            if name in cleaned or name not in self.errors or not hasattr(field, "known_rows"):
                continue
            values = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            known = field.known_rows(values)
            if known:
                cleaned[name] = known


class CityChoiceForm(AccessibleErrorsMixin, forms.Form):
    """The "choose your city" chooser: which city, and whether to see its doctors or its packages."""

    city = forms.ModelChoiceField(
        queryset=City.objects.for_chooser(),
        to_field_name="slug",
        label=_("Choose your city"),
        empty_label=_("Select a city"),
        error_messages={
            "required": _("Choose your city from the list, then press the button again."),
            "invalid_choice": _("We do not list that city yet: choose one from the list."),
        },
    )
    # Which button was pressed; Enter in the list presses none, and means the doctors.
    find = forms.CharField(required=False)

    def clean_find(self):
        return "packages" if self.cleaned_data["find"] == "packages" else "gynecologists"


class EnquiryForm(AccessibleErrorsMixin, forms.ModelForm):
    # Hidden from people by CSS and from assistive technology; bots that fill every field fill it.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,  # separators are allowed before normalising to +91XXXXXXXXXX
        help_text=_("A 10-digit Indian mobile number, for example 98765 43210."),
        error_messages={"required": _("Enter your mobile number so the centre can call you back.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )

    class Meta:
        model = Enquiry
        fields = ["patient_name", "phone", "email", "preferred_date", "message", "consent"]
        labels = {
            "patient_name": _("Your name"),
            "email": _("Email (optional)"),
            "preferred_date": _("Preferred date (optional)"),
            "message": _("Message (optional)"),
        }
        help_texts = {
            "preferred_date": _("When you would like an appointment or a call back."),
            "message": _("Up to 1000 characters. Please do not include medical reports."),
        }
        widgets = {
            "patient_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "preferred_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "message": forms.Textarea(attrs={"rows": 5, "maxlength": 1000}),
        }
        error_messages = {
            "patient_name": {"required": _("Enter your name so the centre knows whom to ask for.")},
            "email": {"invalid": _("Enter an email address like name@example.com, or leave it empty.")},
            "preferred_date": {"invalid": _("Enter the date as day, month and year.")},
            "message": {
                "max_length": _("Keep the message to 1000 characters or fewer (it has %(show_value)d).")
            },
        }

    UNDER_18_WITHOUT_CONSENT = "no"
    age = forms.ChoiceField(
        label=_("Your age"),
        choices=[
            *AgeBasis.choices,
            (UNDER_18_WITHOUT_CONSENT, _("I am under 18, and my parent or guardian has not agreed")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Tell us whether you are 18 or older, so that we may pass on your details.")
        },
    )

    def __init__(self, *args, centres=(), **kwargs):
        """`centres`: where the enquiry can go (a doctor may practise at several): with more than one,
        the patient chooses, and the consent names each of them."""
        super().__init__(*args, **kwargs)
        self.centres = list(centres)
        if len(self.centres) > 1:
            self.fields["centre"] = forms.ModelChoiceField(
                queryset=Hospital.objects.filter(pk__in=[c.pk for c in self.centres]).order_by("name", "pk"),
                widget=forms.RadioSelect,
                empty_label=None,
                label=_("Which centre should call you back?"),
                error_messages={"required": _("Choose the centre you would like to hear from.")},
            )
            self.order_fields(
                ["patient_name", "phone", "email", "preferred_date", "message", "centre", "age"]
            )
        or_ = gettext("or")
        named = f" {or_} ".join(c.name for c in self.centres) or gettext("the doctor’s clinic")
        if len(self.centres) > 1:
            named = gettext("the centre I choose (%(centres)s)") % {"centres": named}
        self.fields["consent"].required = True
        self.fields["consent"].label = gettext(
            "I agree that %(centres)s may contact me about this enquiry by phone or email."
        ) % {"centres": named}
        self.fields["consent"].error_messages["required"] = gettext(
            "Tick this box so that the centre may contact you; we cannot send the enquiry without it."
        )
        today = timezone.localdate()
        self.fields["preferred_date"].widget.attrs["min"] = today.isoformat()

    @property
    def needs_a_guardian(self) -> bool:
        """Under 18 without a parent's or guardian's agreement: nothing may be stored (DPDP Act s. 9)."""
        return self.cleaned_data.get("age") == self.UNDER_18_WITHOUT_CONSENT

    def save(self, commit=True):
        enquiry = super().save(commit=False)
        enquiry.age_basis = self.cleaned_data["age"]
        if commit:
            enquiry.save()
        return enquiry

    @property
    def chosen_centre(self):
        """The centre that receives the enquiry (after validation)."""
        return self.cleaned_data.get("centre") or (self.centres[0] if self.centres else None)

    @property
    def is_spam(self) -> bool:
        """True when the honeypot was filled in (only meaningful after validation)."""
        return bool(self.cleaned_data.get("website"))

    def clean_phone(self):
        phone = normalise_mobile(self.cleaned_data["phone"])
        if phone is None:
            raise forms.ValidationError(
                _(
                    "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9, "
                    "for example 98765 43210 or +91 98765 43210."
                ),
                code="invalid",
            )
        return phone

    def clean_preferred_date(self):
        date = self.cleaned_data.get("preferred_date")
        if date is None:
            return date
        today = timezone.localdate()
        if date < today:
            raise forms.ValidationError(_("Choose today or a later date."), code="past")
        if date > today + datetime.timedelta(days=366):
            raise forms.ValidationError(_("Choose a date within the next year."), code="too_far")
        return date


class CorrectionForm(AccessibleErrorsMixin, forms.ModelForm):
    """What a patient may correct on her private enquiry page (the same checks as the enquiry form)."""

    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        help_text=_("A 10-digit Indian mobile number, for example 98765 43210."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )

    class Meta:
        model = Enquiry
        fields = ["patient_name", "phone", "email", "preferred_date", "message"]
        labels = EnquiryForm.Meta.labels
        help_texts = EnquiryForm.Meta.help_texts
        widgets = EnquiryForm.Meta.widgets
        error_messages = EnquiryForm.Meta.error_messages

    clean_phone = EnquiryForm.clean_phone

    def clean_preferred_date(self):
        """A new date is checked as on the enquiry form; the stored one, passed since she chose it, is
        kept as it is, so she can still correct everything else."""
        if self.cleaned_data.get("preferred_date") == self.instance.preferred_date:
            return self.instance.preferred_date
        return EnquiryForm.clean_preferred_date(self)


class GrievanceForm(AccessibleErrorsMixin, forms.ModelForm):
    """/privacy/grievance/: a request or complaint about personal data."""

    website = EnquiryForm.base_fields["website"]  # the same honeypot

    class Meta:
        model = Grievance
        fields = ["kind", "name", "email", "phone", "enquiry_reference", "message"]
        labels = {
            "kind": _("What is your request about?"),
            "name": _("Your name"),
            "email": _("Email (so we can answer you)"),
            "phone": _("Mobile number (if you prefer a call)"),
            "enquiry_reference": _("Enquiry reference, if you have one (for example NM-AB23CD4)"),
            "message": _("Your request or complaint"),
        }
        help_texts = {"message": _("Up to 2000 characters.")}
        widgets = {
            "kind": forms.RadioSelect,
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
        }
        error_messages = {
            "kind": {"required": _("Choose what your request is about.")},
            "name": {"required": _("Enter your name.")},
            "email": {"invalid": _("Enter an email address like name@example.com, or leave it empty.")},
            "message": {
                "required": _("Tell us what you would like us to do."),
                "max_length": _("Keep it to 2000 characters or fewer (it has %(show_value)d)."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = GrievanceKind.choices  # no empty choice in a radio list

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean_phone(self):
        raw = self.cleaned_data.get("phone", "")
        if not raw:
            return ""
        phone = normalise_mobile(raw)
        if phone is None:
            raise forms.ValidationError(
                _("Enter a 10-digit Indian mobile number, or leave it empty."), code="invalid"
            )
        return phone

    def clean_enquiry_reference(self):
        reference = " ".join(self.cleaned_data.get("enquiry_reference", "").split()).upper()
        if reference and not re.fullmatch(r"NM-[A-Z0-9]{7}", reference):
            raise forms.ValidationError(_("An enquiry reference looks like NM-AB23CD4."), code="invalid")
        return reference

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and "email" not in self.errors:
            self.add_error("email", _("Give an email address or a mobile number, so that we can answer you."))
        return cleaned
