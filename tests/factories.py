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
    bit = None  # the model takes the next free bit


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
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Dr Test Doctor {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    gender = directory.Gender.FEMALE
    qualifications = "MBBS, MS (Obstetrics & Gynaecology)"
    registration_number = factory.Sequence(lambda n: f"MMC-{100000 + n}")
    experience_years = 10
    consultation_fee = 800
    city = factory.SubFactory(CityFactory)
    consultation_days = "Monday to Saturday"
    consultation_hours = "10:00 to 14:00"

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        """GynecologistFactory(languages=[marathi, english])"""
        if create and extracted:
            self.languages.set(extracted)

    @factory.post_generation
    def hospitals(self, create, extracted, **kwargs):
        """GynecologistFactory(hospitals=[hospital])"""
        if create and extracted:
            self.hospitals.set(extracted)

    @factory.post_generation
    def derived(self, create, extracted, **kwargs):
        """Keep language_mask and search_text in step, as the admin and the importer do."""
        if create:
            self.refresh_derived()


class MaternityPackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = directory.MaternityPackage

    hospital = factory.SubFactory(HospitalFactory)
    name = factory.Sequence(lambda n: f"Package {n}")
    slug = factory.LazyAttribute(lambda o: slugify(f"{o.hospital.name} {o.name}"))
    delivery_type = directory.DeliveryType.NORMAL
    room_type = directory.RoomType.GENERAL
    price = 60000
    nights = 2
    inclusions = factory.LazyFunction(lambda: ["Delivery charges", "Room rent", "Routine medicines"])
    exclusions = factory.LazyFunction(lambda: ["Blood products", "NICU stay"])


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = directory.Enquiry

    doctor = factory.SubFactory(GynecologistFactory)
    package = None
    patient_name = factory.Sequence(lambda n: f"Patient {n}")
    phone = "9876543210"
    email = "patient@example.com"
    message = "Please call me about the first antenatal visit."
    consent = True


# ==== Articles ====
