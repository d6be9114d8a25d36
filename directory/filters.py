"""The FilterSets behind /gynecologists/ and /maternity-packages/ (parameters as in the contract).

A value that does not parse gets a message next to its field and that one filter is left out:
django-filter only applies the fields that cleaned, so the rest of the search still works.
"""

import django_filters
from django import forms

from directory.forms import SearchForm
from directory.models import City, DeliveryType, Gender, Language, RoomType


class WholeNumberFilter(django_filters.NumberFilter):
    """A number filter for whole rupees or years (the stock one accepts decimals)."""

    field_class = forms.IntegerField


def _whole_number(field_name, lookup, label, hint, noun, minimum=0, maximum=None):
    messages = {
        "invalid": f"Enter {noun} as a whole number, for example {hint}. This filter was left out.",
        "min_value": f"Enter {noun} of {minimum} or more. This filter was left out.",
    }
    if maximum is not None:
        messages["max_value"] = f"Enter {noun} of {maximum} or less. This filter was left out."
    return WholeNumberFilter(
        field_name=field_name,
        lookup_expr=lookup,
        label=label,
        min_value=minimum,
        max_value=maximum,
        error_messages=messages,
        # A text box, not type=number: browsers blank out a bad number, hiding what was typed.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def _choice(choices, label, any_label, noun):
    return django_filters.ChoiceFilter(
        choices=choices,
        label=label,
        empty_label=any_label,
        error_messages={"invalid_choice": f"“%(value)s” is not a {noun} we list. This filter was left out."},
    )


def _search_box(label):
    return django_filters.CharFilter(
        label=label,
        method="filter_search",
        max_length=100,
        strip=True,
        error_messages={"max_length": "Keep the search to 100 characters or fewer."},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


def _city_filter(noun):
    return django_filters.ModelChoiceFilter(
        queryset=City.objects.only("id", "name", "slug"),
        to_field_name="slug",
        label="City",
        empty_label="Any city",
        error_messages={
            "invalid_choice": f"We do not list {noun} in that city yet. Choose a city from the list; "
            "this filter was left out."
        },
    )


def _sort(choices):
    return django_filters.ChoiceFilter(
        choices=choices,
        label="Sort by",
        empty_label=None,
        method="filter_sort",
        error_messages={
            "invalid_choice": "“%(value)s” is not a sort order we offer, so the default order is used."
        },
        widget=forms.Select(attrs={"data-autosubmit": ""}),
    )


class CityFixedMixin:
    """On a city page the city is part of the address, not a filter the visitor can change."""

    def __init__(self, data=None, queryset=None, *, city=None, **kwargs):
        if city is not None:
            queryset = queryset.filter(city=city)
        super().__init__(data, queryset=queryset, **kwargs)
        if city is not None:
            del self.filters["city"]


class DoctorFilter(CityFixedMixin, django_filters.FilterSet):
    SORTS = [
        ("relevance", "Best match"),
        ("experience", "Most experienced"),
        ("fee", "Lowest fee"),
        ("name", "Name (A to Z)"),
    ]

    q = _search_box("Name, hospital, area or qualification")
    city = _city_filter("doctors")
    language = django_filters.ModelMultipleChoiceFilter(
        queryset=Language.objects.only("id", "name", "slug", "bit"),
        to_field_name="slug",
        label="Speaks",
        method="filter_languages",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "“%(value)s” is not a language we list. The language filter was left out.",
            "invalid_pk_value": "“%(pk)s” is not a language we list. The language filter was left out.",
        },
    )
    gender = _choice(Gender.choices, "Doctor’s gender", "Any", "gender")
    min_experience = _whole_number(
        "experience_years", "gte", "Minimum experience (years)", "10", "years", 0, 70
    )
    max_fee = _whole_number(
        "consultation_fee", "lte", "Maximum consultation fee (₹)", "1000", "a fee", 0, 1_000_000
    )
    sort = _sort(SORTS)

    class Meta:
        form = SearchForm

    def filter_search(self, queryset, name, value):
        # The best match comes first unless another sort is chosen (the sort filter runs last).
        return queryset.search(value).by_relevance(value)

    def filter_languages(self, queryset, name, languages):
        return queryset.speaking_all(languages)

    def filter_sort(self, queryset, name, value):
        if value == "relevance":
            return queryset  # already ordered by the search, or by experience without one
        return {"experience": queryset.by_experience, "fee": queryset.by_fee, "name": queryset.by_name}[
            value
        ]()


class PackageFilter(CityFixedMixin, django_filters.FilterSet):
    SORTS = [("price", "Lowest price"), ("-price", "Highest price"), ("nights", "Fewest nights")]

    q = _search_box("Hospital, area or package")
    city = _city_filter("packages")
    delivery_type = _choice(DeliveryType.choices, "Delivery type", "Any delivery type", "delivery type")
    room_type = _choice(RoomType.choices, "Room", "Any room", "room type")
    min_price = _whole_number("price", "gte", "Minimum price (₹)", "40000", "a price", 0, 100_000_000)
    max_price = _whole_number("price", "lte", "Maximum price (₹)", "150000", "a price", 0, 100_000_000)
    sort = _sort(SORTS)

    class Meta:
        form = SearchForm

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_sort(self, queryset, name, value):
        return {
            "price": queryset.by_price,
            "-price": queryset.by_price_descending,
            "nights": queryset.by_nights,
        }[value]()
