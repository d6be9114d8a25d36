"""City and language filters take their short lists from the search lexicon (directory/lexicon.py), fresh
for each search, and check the slugs against them."""

import pytest
from django.http import QueryDict

from directory import lexicon
from directory.filters import DoctorFilter
from directory.models import Gynecologist
from tests.factories import CityFactory, GynecologistFactory, LanguageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_data():
    pune = CityFactory(name="Pune", slug="pune")
    CityFactory(name="Mumbai", slug="mumbai")
    marathi = LanguageFactory(name="Marathi", slug="marathi")
    hindi = LanguageFactory(name="Hindi", slug="hindi")
    LanguageFactory(name="Tamil", slug="tamil")
    GynecologistFactory(slug="both", city=pune, languages=[marathi, hindi])
    GynecologistFactory(slug="marathi-only", city=pune, languages=[marathi])
    return pune


def _search(query):
    filterset = DoctorFilter(QueryDict(query), queryset=Gynecologist.objects.order_by("slug"))
    return filterset, [doctor.slug for doctor in filterset.qs]


def test_valid_slugs_filter(reference_data):
    filterset, found = _search("city=pune&language=marathi&language=hindi&language=marathi")
    assert found == ["both"]
    assert filterset.form.cleaned_data["city"] == reference_data
    assert [lang.slug for lang in filterset.form.cleaned_data["language"]] == ["hindi", "marathi"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("city=Pune", "city", "We do not list doctors in that city yet"),  # slugs compare exactly
        ("city=pune%00", "city", "Null characters are not allowed."),
        (
            "language=marathi&language=klingon",
            "language",
            "“klingon” is not a language we list, so it was left out.",
        ),
        ("language=%00", "language", "Null characters are not allowed."),
    ],
)
def test_unknown_slugs_are_left_out_with_a_message(reference_data, query, field, message):
    filterset, found = _search(query)
    assert found == ["both", "marathi-only"]
    assert message in " ".join(filterset.form.errors[field])


def test_rows_come_from_the_lexicon_for_validation_and_rendering(reference_data, django_assert_num_queries):
    """The cities and languages are the search lexicon's: one query when the process reads it (after
    content changed), then none for any number of searches."""
    lexicon.forget()
    for queries in (1, 0):
        filterset = DoctorFilter(QueryDict("city=pune&language=hindi"), queryset=Gynecologist.objects.all())
        with django_assert_num_queries(queries):
            assert filterset.form.is_valid()
            html = "".join(str(field) for field in filterset.form)
        assert '<option value="pune" selected>Pune</option>' in html
        assert 'value="hindi" id="id_language_0" checked' in html
        assert 'value="tamil"' in html
        # In name order, as the database sorts them.
        assert [label for _, label in filterset.form.fields["language"].choices] == [
            "Hindi",
            "Marathi",
            "Tamil",
        ]


def test_rows_are_fresh_instances_with_their_fields_loaded(reference_data, django_assert_num_queries):
    first, _ = _search("city=pune")
    second, _ = _search("city=pune")
    city = second.form.cleaned_data["city"]
    assert city == reference_data and city is not first.form.cleaned_data["city"]
    language = second.form.fields["language"].rows[0]
    with django_assert_num_queries(0):
        assert (city.name, city.slug, city.state) == ("Pune", "pune", reference_data.state)
        assert (language.name, language.slug, language.mask) == ("Hindi", "hindi", 1 << language.bit)


def test_one_form_class_serves_every_search_and_each_form_reads_the_rows_again(reference_data):
    """The form class is built once per set of filters; each search still gets its own fields and
    rows (a city added between two searches is there for the second), in the language of its page."""
    from django.utils import translation

    first, _ = _search("city=pune")
    city_page = DoctorFilter(QueryDict(""), queryset=Gynecologist.objects.all(), city=reference_data)
    assert type(city_page.form) is not type(first.form)  # the city page has no city filter
    assert "city" not in city_page.form.fields
    CityFactory(name="Nagpur", slug="nagpur")
    second, _ = _search("city=nagpur")
    assert type(second.form) is type(first.form)
    assert second.form.fields["city"] is not first.form.fields["city"]
    assert second.form.cleaned_data["city"].slug == "nagpur"
    assert [label for _, label in second.form.fields["city"].choices] == [
        "Any city",
        "Mumbai",
        "Nagpur",
        "Pune",
    ]
    with translation.override("hi"):
        hindi, _ = _search("city=nagpur")
        assert str(hindi.form.fields["city"].label) != "City"
