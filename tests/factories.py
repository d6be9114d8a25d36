"""factory_boy factories shared by the whole suite."""

import factory
from django.utils.text import slugify

from directory import models as directory

# ==== Directory ====


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = directory.City
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"City {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    state = "Maharashtra"


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = directory.Language
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Language {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    bit = factory.Sequence(lambda n: n % 63)


class HospitalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = directory.Hospital

    name = factory.Sequence(lambda n: f"Hospital {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    city = factory.SubFactory(CityFactory)
    locality = "Kothrud"


class GynecologistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = directory.Gynecologist

    name = factory.Sequence(lambda n: f"Dr Test Doctor {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    gender = directory.Gender.FEMALE
    qualifications = "MBBS, MS (Obstetrics & Gynaecology)"
    registration_number = factory.Sequence(lambda n: f"MMC-{100000 + n}")
    experience_years = 10
    consultation_fee = 800
    city = factory.SubFactory(CityFactory)


# ==== Articles ====
