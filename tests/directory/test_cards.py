"""Card data computed once per list (directory/cards.py): the values a patient reads on each card."""

import pytest
from django.urls import NoReverseMatch, set_script_prefix

from directory import lexicon
from directory.cards import SlugUrls, doctor_cards, package_cards
from directory.models import Gynecologist, MaternityPackage
from tests.factories import (
    CityFactory,
    GynecologistFactory,
    HospitalFactory,
    LanguageFactory,
    MaternityPackageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("prefix", ["/", "/portal/"])
def test_links_are_what_get_absolute_url_gives(script_prefix, prefix):
    script_prefix(prefix)
    centre = HospitalFactory(slug="sahyadri_2-hospital")
    doctor = GynecologistFactory(slug="dr-a_b-9", hospitals=[centre])
    package = MaternityPackageFactory(hospital=centre, slug="normal-general-2")
    [doctor_card] = doctor_cards(Gynecologist.objects.filter(pk=doctor.pk).for_cards())
    [package_card] = package_cards(MaternityPackage.objects.filter(pk=package.pk).for_cards())
    assert doctor_card["url"] == doctor.get_absolute_url() == f"{prefix}doctors/dr-a_b-9/"
    assert doctor_card["centres"][0]["url"] == centre.get_absolute_url()
    assert package_card["url"] == package.get_absolute_url() == f"{prefix}packages/normal-general-2/"
    assert package_card["hospital_url"] == centre.get_absolute_url()


def test_a_slug_the_url_pattern_refuses_fails_as_reverse_does():
    urls = SlugUrls("directory:doctor_detail")
    with pytest.raises(NoReverseMatch):
        urls("not a slug")


def test_doctor_card_values():
    pune = CityFactory(name="Pune", slug="pune")
    marathi, hindi = LanguageFactory(name="Marathi"), LanguageFactory(name="Hindi")
    open_centre = HospitalFactory(city=pune, name="Zen Hospital", locality="Baner")
    other_centre = HospitalFactory(city=pune, name="Asha Clinic", locality="")
    closed = HospitalFactory(city=pune, name="Closed Clinic", is_active=False)
    GynecologistFactory(
        name="Dr Asha Kulkarni",
        slug="asha-kulkarni",
        city=pune,
        experience_years=1,
        consultation_fee=100000,
        languages=[marathi, hindi],
        hospitals=[open_centre, closed, other_centre],
    )
    [card] = doctor_cards(Gynecologist.objects.for_cards())
    assert card["experience"] == "1 year"
    assert card["fee"] == "₹1,00,000"
    assert card["languages"] == "Hindi, Marathi"  # by name
    assert [(c["name"], c["locality"]) for c in card["centres"]] == [
        ("Asha Clinic", ""),
        ("Zen Hospital", "Baner"),
    ]  # active centres only, by name
    assert 'aria-label="Photo not available for Dr Asha Kulkarni"' in card["photo"]


def test_package_card_values():
    package = MaternityPackageFactory(
        price=85000,
        nights=1,
        delivery_type="caesarean",
        room_type="twin_sharing",
        inclusions=["Room", "Doctor's fees", "Medicines", "Baby's first vaccines"],
    )
    [card] = package_cards(MaternityPackage.objects.for_cards())
    assert (card["price"], card["nights"]) == ("₹85,000", "1 night")
    assert (card["delivery_type"], card["room_type"]) == ("Caesarean section", "Twin sharing")
    assert card["inclusions"] == ["Room", "Doctor's fees", "Medicines"]
    assert card["more_inclusions"] is True
    assert card["hospital_name"] == package.hospital.name and card["city_name"] == package.city.name


@pytest.mark.parametrize(
    "prefix, compare, more",
    [
        (
            "",
            'Compare<span class="visually-hidden"> Room &amp; &lt;b&gt;care&lt;/b&gt; at Asha &quot;Mother&quot; Home</span>',
            'All inclusions and exclusions<span class="visually-hidden"> of Room &amp; &lt;b&gt;care&lt;/b&gt;</span>',
        ),
        (
            "/hi",
            '<span class="visually-hidden">Asha &quot;Mother&quot; Home के Room &amp; &lt;b&gt;care&lt;/b&gt; की </span>तुलना करें',
            '<span class="visually-hidden">Room &amp; &lt;b&gt;care&lt;/b&gt; में </span>क्या शामिल है',
        ),
    ],
)
def test_a_package_card_names_the_package_in_its_labels_escaped(client, prefix, compare, more):
    """The compare box's label and the link to all inclusions name the package (and the centre) for
    screen readers, in the page's language, with whatever the centre typed escaped."""
    centre = HospitalFactory(name='Asha "Mother" Home')
    package = MaternityPackageFactory(
        hospital=centre, city=centre.city, name="Room & <b>care</b>", inclusions=["a", "b", "c", "d"]
    )
    html = client.get(f"{prefix}/hospitals/{centre.slug}/").content.decode()
    assert f'<label for="compare-{package.slug}">{compare}</label>' in html
    assert f'<a href="{prefix}/packages/{package.slug}/">{more}' in html
    assert "<b>care" not in html


def test_lists_cost_the_same_queries_for_any_number_of_cards(django_assert_num_queries):
    centre = HospitalFactory()
    languages = [LanguageFactory(), LanguageFactory()]
    for _ in range(5):
        GynecologistFactory(hospitals=[centre], languages=languages)
    lexicon.forget()
    with django_assert_num_queries(3):  # doctors, their active centres, and the lexicon (read once)
        cards = doctor_cards(Gynecologist.objects.for_cards())
    assert len(cards) == 5 and all(card["languages"] and card["centres"] for card in cards)
    with django_assert_num_queries(2):  # doctors and their active centres
        assert doctor_cards(Gynecologist.objects.for_cards()) == cards


def test_card_languages_follow_the_doctors_languages_and_their_names():
    """The languages come from the doctor's language mask and the lexicon's names: both follow edits."""
    marathi, hindi = LanguageFactory(name="Marathi"), LanguageFactory(name="Hindi")
    doctor = GynecologistFactory(languages=[marathi])
    assert doctor_cards(Gynecologist.objects.for_cards())[0]["languages"] == "Marathi"
    doctor.languages.add(hindi)
    assert doctor_cards(Gynecologist.objects.for_cards())[0]["languages"] == "Hindi, Marathi"
    marathi.name = "Marathi (मराठी)"
    marathi.save()
    doctor.languages.remove(hindi)
    assert doctor_cards(Gynecologist.objects.for_cards())[0]["languages"] == "Marathi (मराठी)"
