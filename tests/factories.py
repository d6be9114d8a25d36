"""factory_boy factories shared by the whole suite."""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from articles import models as articles
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


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = articles.Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published, reviewed article (publish time one day ago). Use status=... for drafts."""

    class Meta:
        model = articles.Article

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    standfirst = factory.LazyAttribute(lambda o: f"What you need to know about {o.title.lower()}.")
    status = articles.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    medical_reviewer = factory.SubFactory(GynecologistFactory)
    last_reviewed = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=2))


class ArticleSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = articles.ArticleSection

    article = factory.SubFactory(ArticleFactory)
    order = factory.Sequence(lambda n: n)
    heading = factory.Sequence(lambda n: f"Question {n}?")
    answer = "An answer with **bold** text."


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = articles.Source

    article = factory.SubFactory(ArticleFactory)
    order = factory.Sequence(lambda n: n)
    title = "Leg cramps"
    publisher = "NHS"
    url = "https://www.nhs.uk/pregnancy/related-conditions/common-symptoms/leg-cramps/"


class RedFlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = articles.RedFlag

    article = factory.SubFactory(ArticleFactory)
    order = factory.Sequence(lambda n: n)
    urgency = articles.Urgency.HOSPITAL_NOW
    text = "A severe headache that does not go away."


def make_safe_to_publish(article, *, callout_answer: str = "Get help if these happen.") -> None:
    """Give `article` what publishing needs: a "When to see a doctor" callout with a red flag."""
    ArticleSectionFactory(
        article=article,
        order=99,
        heading="When to see a doctor",
        answer=callout_answer,
        is_doctor_callout=True,
    )
    RedFlagFactory(article=article)
