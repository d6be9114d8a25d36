"""The FilterSets behind /gynecologists/ and /maternity-packages/ (parameters as in the contract).

A value that does not parse gets a message next to its field and that one filter is left out:
django-filter only applies the fields that cleaned, so the rest of the search still works.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters import fields

from directory.amounts import parse_rupees
from directory.forms import SearchForm
from directory.lexicon import city_rows, language_rows, read_query
from directory.models import City, DeliveryType, Gender, Language, RoomType
from directory.templatetags.directory_format import inr


class ReferenceRowsIterator(ModelChoiceIterator):
    """The field's choices from the rows it has already read (not one more query per render)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.field.rows:
            yield self.choice(row)

    def __len__(self):
        return len(self.field.rows) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.rows)


class ReferenceRowsMixin:
    """For a short reference table chosen by a text key (cities and languages by slug).

    The rows come from `read_rows` (the search lexicon, which every process keeps until the content
    changes), fresh instances for each form, and both the validation of the submitted slugs and the
    rendered choices use them: the stock fields ran a query for each. The key is compared as text, as
    the database compares it (exactly). No "null" choice.
    """

    iterator = ReferenceRowsIterator

    def __init__(self, *args, read_rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.read_rows = read_rows

    @property
    def rows(self) -> list:
        # Keyed to the queryset object: a form's deep copy of the field gets a fresh queryset.
        cached = self.__dict__.get("_rows")
        if cached is None or cached[0] is not self.queryset:
            cached = self.__dict__["_rows"] = (self.queryset, self.read_rows())
        return cached[1]

    def row_keys(self) -> dict:
        return {str(getattr(row, self.to_field_name)): row for row in self.rows}

    def label_from_instance(self, obj):
        """A city in the page's language (its Hindi name on Hindi pages); other rows as they are."""
        return getattr(obj, "local_name", None) or str(obj)

    def invalid_choice(self, value):
        return ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class ReferenceChoiceField(ReferenceRowsMixin, fields.ModelChoiceField):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        if isinstance(value, self.queryset.model):
            value = getattr(value, self.to_field_name)
        row = self.row_keys().get(str(value))
        if row is None:
            raise self.invalid_choice(value)
        return row


class ReferenceMultipleChoiceField(ReferenceRowsMixin, fields.ModelMultipleChoiceField):
    def _check_values(self, value):
        try:
            value = frozenset(value)
        except TypeError:
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list") from None
        for key in value:
            self.validate_no_null_characters(key)
        rows = self.row_keys()
        for key in value:
            if str(key) not in rows:
                raise self.invalid_choice(key)
        return self.known_rows(value)

    def known_rows(self, value) -> list:
        """The listed rows among the values, in list order; what is not listed is left out. SearchForm
        keeps them when the field has an error, so one unknown value leaves the others applied."""
        if not isinstance(value, list | tuple | frozenset):
            return []
        wanted = {str(key) for key in value}
        return [row for key, row in self.row_keys().items() if key in wanted]


class ReferenceChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ReferenceChoiceField


class ReferenceMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = ReferenceMultipleChoiceField


class WholeNumberFilter(django_filters.NumberFilter):
    """A number filter for whole rupees or years (the stock one accepts decimals)."""

    field_class = forms.IntegerField


class RupeeField(forms.IntegerField):
    """Whole rupees as people write them: "1000", "1,000", "₹1,000", "1,00,000", "1 lakh"
    (directory.amounts.parse_rupees)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        amount = parse_rupees(str(value))
        if amount is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return amount


class RupeeFilter(django_filters.NumberFilter):
    field_class = RupeeField


# Messages are lazy (format_lazy): they are put together in the language of the page that shows them.
# `noun` is itself translated ("years", "a fee", "a price").


def _number_messages(noun, invalid, minimum: int, maximum) -> dict:
    messages = {
        "invalid": invalid,
        "min_value": format_lazy(
            _("Enter {noun} of {minimum} or more. This filter was left out."), noun=noun, minimum=minimum
        ),
    }
    if maximum is not None:
        messages["max_value"] = format_lazy(
            _("Enter {noun} of {maximum} or less. This filter was left out."), noun=noun, maximum=maximum
        )
    return messages


def _number_filter(filter_class, field_name, lookup, label, messages, minimum, maximum, attrs):
    return filter_class(
        field_name=field_name,
        lookup_expr=lookup,
        label=label,
        min_value=minimum,
        max_value=maximum,
        error_messages=messages,
        # A text box, not type=number: browsers blank out a bad number, hiding what was typed.
        widget=forms.TextInput(attrs={"autocomplete": "off", **attrs}),
    )


def _whole_number(field_name, lookup, label, hint, noun, minimum=0, maximum=None):
    invalid = format_lazy(
        _("Enter {noun} as a whole number, for example {hint}. This filter was left out."),
        noun=noun,
        hint=hint,
    )
    messages = _number_messages(noun, invalid, minimum, maximum)
    return _number_filter(
        WholeNumberFilter, field_name, lookup, label, messages, minimum, maximum, {"inputmode": "numeric"}
    )


def _rupees(field_name, lookup, label, hint: int, noun, maximum):
    """An amount in whole rupees, written any way people in India write one (RupeeField)."""
    invalid = format_lazy(
        _("Enter {noun} in rupees, for example {hint}, {amount} or 1 lakh. This filter was left out."),
        noun=noun,
        hint=hint,
        amount=inr(hint),
    )
    messages = _number_messages(noun, invalid, 0, inr(maximum))
    # No numeric keypad: on a phone it has no comma, and "1 lakh" needs letters.
    return _number_filter(RupeeFilter, field_name, lookup, label, messages, 0, maximum, {})


def _choice(choices, label, any_label, invalid_choice):
    return django_filters.ChoiceFilter(
        choices=choices,
        label=label,
        empty_label=any_label,
        error_messages={"invalid_choice": invalid_choice},
    )


def _search_box(label):
    return django_filters.CharFilter(
        label=label,
        method="filter_search",
        max_length=100,
        strip=True,
        error_messages={"max_length": _("Keep the search to 100 characters or fewer.")},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


def _city_filter(invalid_choice):
    return ReferenceChoiceFilter(
        queryset=City.objects.all(),  # names the model; the rows are read_rows' (never this queryset's)
        read_rows=city_rows,
        to_field_name="slug",
        label=_("City"),
        empty_label=_("Any city"),
        error_messages={"invalid_choice": invalid_choice},
    )


def _sort(choices):
    return django_filters.ChoiceFilter(
        choices=choices,
        label=_("Sort by"),
        empty_label=None,
        method="filter_sort",
        error_messages={
            "invalid_choice": _("“%(value)s” is not a sort order we offer, so the default order is used.")
        },
        # No submit on change: with the keyboard each arrow press would reload the page and lose the
        # reader's place (WCAG 3.2.2). "Show results" applies it, as for every other filter.
        widget=forms.Select,
    )


_FORM_CLASSES: dict[tuple, type] = {}


class FormClassOnceMixin:
    """Builds the form class once for each FilterSet and set of filters, not once per request.

    django-filter makes a new form class, and a field for every filter, each time a FilterSet's form
    is asked for. These filters' fields never depend on the request (no callable querysets, labels and
    messages are lazy), and every form deep-copies its class's fields (a ModelChoiceField also gets a
    fresh queryset), so one class can serve every request.
    """

    def get_form_class(self):
        key = (type(self), tuple(self.filters))
        form_class = _FORM_CLASSES.get(key)
        if form_class is None:
            form_class = _FORM_CLASSES[key] = super().get_form_class()
        return form_class


class CityFixedMixin:
    """On a city page the city is part of the address, not a filter the visitor can change."""

    def __init__(self, data=None, queryset=None, *, city=None, **kwargs):
        if city is not None:
            queryset = queryset.filter(city=city)
        super().__init__(data, queryset=queryset, **kwargs)
        if city is not None:
            del self.filters["city"]


class DoctorFilter(CityFixedMixin, FormClassOnceMixin, django_filters.FilterSet):
    SORTS = [
        ("relevance", _("Best match")),
        ("experience", _("Most experienced")),
        ("fee", _("Lowest fee")),
        ("name", _("Name (A to Z)")),
    ]

    q = _search_box(_("Name, hospital, area or qualification"))
    city = _city_filter(
        _("We do not list doctors in that city yet. Choose a city from the list; this filter was left out.")
    )
    language = ReferenceMultipleChoiceFilter(
        queryset=Language.objects.all(),  # as for cities
        read_rows=language_rows,
        to_field_name="slug",
        label=_("Speaks"),
        help_text=_("Tick one or more: you will see the doctors who speak all of them."),
        method="filter_languages",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("“%(value)s” is not a language we list, so it was left out."),
            "invalid_pk_value": _("“%(pk)s” is not a language we list, so it was left out."),
        },
    )
    gender = _choice(
        Gender.choices,
        _("Doctor’s gender"),
        _("Any"),
        _("“%(value)s” is not a gender we list. This filter was left out."),
    )
    min_experience = _whole_number(
        "experience_years", "gte", _("Minimum experience (years)"), "10", _("years"), 0, 70
    )
    max_fee = _rupees(
        "consultation_fee", "lte", _("Maximum consultation fee (₹)"), 1000, _("a fee"), 1_000_000
    )
    sort = _sort(SORTS)

    class Meta:
        form = SearchForm

    def filter_search(self, queryset, name, value):
        # Read as patients mean it ("lady doctor in bangalore"): city, language and gender words
        # filter, the rest is searched. The best match comes first unless another sort is chosen
        # (the sort filter runs last).
        return queryset.matching(read_query(value))

    def filter_languages(self, queryset, name, languages):
        return queryset.speaking_all(languages)

    def filter_sort(self, queryset, name, value):
        if value == "relevance":
            return queryset  # already ordered by the search, or by experience without one
        return {"experience": queryset.by_experience, "fee": queryset.by_fee, "name": queryset.by_name}[
            value
        ]()


class PackageFilter(CityFixedMixin, FormClassOnceMixin, django_filters.FilterSet):
    SORTS = [("price", _("Lowest price")), ("-price", _("Highest price")), ("nights", _("Fewest nights"))]

    q = _search_box(_("Hospital, area or package"))
    city = _city_filter(
        _("We do not list packages in that city yet. Choose a city from the list; this filter was left out.")
    )
    delivery_type = _choice(
        DeliveryType.choices,
        _("Delivery type"),
        _("Any delivery type"),
        _("“%(value)s” is not a delivery type we list. This filter was left out."),
    )
    room_type = _choice(
        RoomType.choices,
        _("Room"),
        _("Any room"),
        _("“%(value)s” is not a room type we list. This filter was left out."),
    )
    min_price = _rupees("price", "gte", _("Minimum price (₹)"), 40000, _("a price"), 100_000_000)
    max_price = _rupees("price", "lte", _("Maximum price (₹)"), 150000, _("a price"), 100_000_000)
    sort = _sort(SORTS)

    class Meta:
        form = SearchForm

    def filter_search(self, queryset, name, value):
        return queryset.matching(read_query(value))  # "c section pune": caesareans in Pune

    def filter_sort(self, queryset, name, value):
        return {
            "price": queryset.by_price,
            "-price": queryset.by_price_descending,
            "nights": queryset.by_nights,
        }[value]()
