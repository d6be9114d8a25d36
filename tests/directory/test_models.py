"""Derived data, the C-section comparison and rupee formatting."""

from datetime import date

import pytest
import time_machine
from django.template import Context, Template

from directory.models import Gynecologist, Language, MaternityPackage
from directory.templatetags.directory_format import inr
from tests.factories import (
    CityFactory,
    GynecologistFactory,
    HospitalFactory,
    LanguageFactory,
    MaternityPackageFactory,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "₹0"),
        (999, "₹999"),
        (1000, "₹1,000"),
        (100000, "₹1,00,000"),
        (125000, "₹1,25,000"),
        (10000000, "₹1,00,00,000"),
        (12345678, "₹1,23,45,678"),
        ("45000", "₹45,000"),
        (None, ""),
        ("abc", ""),
    ],
)
def test_inr(value, expected):
    assert inr(value) == expected


def test_inr_in_a_template():
    html = Template("{% load directory_format %}{{ price|inr }}").render(Context({"price": 125000}))
    assert html == "₹1,25,000"


@pytest.mark.django_db
def test_language_bits_are_assigned_next_free():
    a = Language.objects.create(name="Hindi", slug="hindi")
    b = Language.objects.create(name="Tamil", slug="tamil", bit=5)
    c = Language.objects.create(name="Urdu", slug="urdu")
    assert (a.bit, b.bit, c.bit) == (0, 5, 1)
    with pytest.raises(ValueError, match="All 63 language slots are in use"):
        Language.next_free_bit(range(63))


@pytest.mark.django_db
def test_doctor_refresh_derived():
    pune = CityFactory(name="Pune", slug="pune")
    hindi, marathi = (
        LanguageFactory(name="Hindi", slug="hindi"),
        LanguageFactory(name="Marathi", slug="marathi"),
    )
    b = HospitalFactory(name="Beta Clinic", city=pune, locality="Aundh")
    a = HospitalFactory(name="Alpha Hospital", city=pune, locality="Baner")
    doctor = GynecologistFactory(
        name="Dr  Meera   Joshi",
        qualifications="MBBS, DGO",
        city=pune,
        languages=[hindi, marathi],
        hospitals=[b, a],
    )
    assert doctor.language_mask == (1 << hindi.bit) | (1 << marathi.bit)
    assert doctor.search_text == "dr meera joshi mbbs, dgo alpha hospital baner beta clinic aundh pune"
    doctor.languages.remove(hindi)
    doctor.refresh_derived()
    assert Gynecologist.objects.get(pk=doctor.pk).language_mask == 1 << marathi.bit


@pytest.mark.django_db
def test_package_derives_city_and_search_text_on_save():
    hospital = HospitalFactory(name="Ankur Women's Hospital", locality="Baner", city=CityFactory(name="Pune"))
    package = MaternityPackageFactory(hospital=hospital, name="Normal delivery, general ward")
    assert package.city == hospital.city
    assert package.search_text == "normal delivery, general ward ankur women's hospital baner pune"


@pytest.mark.django_db
@time_machine.travel("2026-11-26 10:00 +0530")
def test_with_caesarean_price(django_assert_num_queries):
    hospital = HospitalFactory()
    other = HospitalFactory(city=hospital.city)
    normal = MaternityPackageFactory(
        hospital=hospital, delivery_type="normal", room_type="single", price=60000
    )
    MaternityPackageFactory(hospital=hospital, delivery_type="caesarean", room_type="single", price=120000)
    MaternityPackageFactory(hospital=hospital, delivery_type="caesarean", room_type="single", price=110000)
    MaternityPackageFactory(
        hospital=hospital, delivery_type="caesarean", room_type="single", price=90000, is_active=False
    )
    MaternityPackageFactory(
        hospital=hospital,
        delivery_type="caesarean",
        room_type="single",
        price=80000,
        valid_until=date(2026, 11, 25),
    )
    MaternityPackageFactory(hospital=hospital, delivery_type="caesarean", room_type="deluxe", price=70000)
    MaternityPackageFactory(hospital=other, delivery_type="caesarean", room_type="single", price=75000)
    today_still_valid = MaternityPackageFactory(
        hospital=other,
        delivery_type="caesarean",
        room_type="general",
        price=99000,
        valid_until=date(2026, 11, 26),
    )
    alone = MaternityPackageFactory(
        hospital=hospital, delivery_type="normal", room_type="suite", price=150000
    )
    other_normal = MaternityPackageFactory(
        hospital=other, delivery_type="normal", room_type="general", price=50000
    )
    with django_assert_num_queries(1):
        prices = {p.pk: p.caesarean_price for p in MaternityPackage.objects.with_caesarean_price()}
    assert prices[normal.pk] == 110000
    assert prices[alone.pk] is None
    assert prices[other_normal.pk] == 99000
    assert prices[today_still_valid.pk] is None  # only normal deliveries carry the comparison
    assert normal.caesarean_counterpart().price == 110000
    assert alone.caesarean_counterpart() is None


@pytest.mark.django_db
def test_renaming_a_city_refreshes_search_text():
    from directory.models import refresh_city

    city = CityFactory(name="Bombay", slug="bombay")
    doctor = GynecologistFactory(city=city)
    package = MaternityPackageFactory(hospital=HospitalFactory(city=city))
    city.name = "Mumbai"
    city.save()
    refresh_city(city)
    doctor.refresh_from_db()
    package.refresh_from_db()
    assert doctor.search_text.endswith(" mumbai")
    assert package.search_text.endswith(" mumbai")
