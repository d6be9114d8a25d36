"""The demo directory: realistic, deterministic, idempotent, with the data the journeys need."""

import io

import pytest
import time_machine

from directory import demo
from directory.models import City, Gynecologist, Hospital, Language, MaternityPackage

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "doctors": sorted(
            Gynecologist.objects.values_list(
                "registration_number",
                "slug",
                "name",
                "consultation_fee",
                "language_mask",
                "search_text",
                "updated",
            )
        ),
        "packages": sorted(MaternityPackage.objects.values_list("slug", "price", "valid_until", "updated")),
        "hospitals": sorted(Hospital.objects.values_list("slug", "phone", "photo", "updated")),
    }


@pytest.fixture
def seeded():
    out = io.StringIO()
    demo.seed(stdout=out)
    return out.getvalue()


def test_default_size_and_cities(seeded):
    assert "300 doctors created" in seeded
    assert Gynecologist.objects.count() == 300
    assert MaternityPackage.objects.count() == 200
    assert Hospital.objects.count() == 40
    assert dict(City.objects.values_list("name", "state")) == {
        "Mumbai": "Maharashtra",
        "Delhi": "Delhi",
        "Bengaluru": "Karnataka",
        "Chennai": "Tamil Nadu",
        "Hyderabad": "Telangana",
        "Pune": "Maharashtra",
        "Kolkata": "West Bengal",
        "Ahmedabad": "Gujarat",
        "Jaipur": "Rajasthan",
        "Kochi": "Kerala",
    }
    assert dict(City.objects.values_list("name", "name_hi")) == {
        "Mumbai": "मुंबई",
        "Delhi": "दिल्ली",
        "Bengaluru": "बेंगलुरु",
        "Chennai": "चेन्नई",
        "Hyderabad": "हैदराबाद",
        "Pune": "पुणे",
        "Kolkata": "कोलकाता",
        "Ahmedabad": "अहमदाबाद",
        "Jaipur": "जयपुर",
        "Kochi": "कोच्चि",
    }


def test_second_run_changes_nothing(seeded):
    before = snapshot()
    out = io.StringIO()
    with time_machine.travel("2031-01-01"):
        demo.seed(stdout=out)
    assert "300 doctors unchanged, 200 packages unchanged" in out.getvalue()
    assert snapshot() == before


def test_same_data_every_time(seeded):
    first = Gynecologist.objects.order_by("registration_number").values_list("registration_number", "name")[
        :20
    ]
    first = list(first)
    Gynecologist.objects.all().delete()
    demo.seed(stdout=io.StringIO())
    again = list(
        Gynecologist.objects.order_by("registration_number").values_list("registration_number", "name")[:20]
    )
    assert again == first


def test_realistic_values(seeded):
    for fee in Gynecologist.objects.values_list("consultation_fee", flat=True):
        assert 300 <= fee <= 2500
    for name, price in MaternityPackage.objects.filter(delivery_type="normal").values_list("name", "price"):
        assert 25000 <= price <= 150000, name
    doctor = Gynecologist.objects.filter(city__name="Chennai").first()
    assert doctor.registration_number.startswith("TNMC-")
    assert doctor.qualifications.startswith("MBBS, ")
    assert doctor.consultation_days and doctor.consultation_hours and doctor.bio.startswith(doctor.name)
    tamil = 0
    chennai = Gynecologist.objects.filter(city__name="Chennai").prefetch_related("languages")
    for chennai_doctor in chennai:
        spoken = {language.name: language.bit for language in chennai_doctor.languages.all()}
        # English and the city's languages only; the search filters read the mask of exactly these.
        assert "English" in spoken and set(spoken) <= {"English", "Tamil", "Telugu", "Malayalam"}, spoken
        assert chennai_doctor.language_mask == sum(1 << bit for bit in spoken.values()), chennai_doctor
        tamil += "Tamil" in spoken
    assert tamil >= 0.8 * len(chennai), f"only {tamil} of {len(chennai)} Chennai doctors speak Tamil"
    assert {
        "English",
        "Hindi",
        "Marathi",
        "Tamil",
        "Telugu",
        "Kannada",
        "Malayalam",
        "Bengali",
        "Gujarati",
        "Urdu",
    } <= set(Language.objects.values_list("name", flat=True))
    package = MaternityPackage.objects.filter(delivery_type="caesarean").first()
    assert package.inclusions and package.exclusions and package.nights >= 4


def test_every_normal_package_costs_less_than_its_caesarean(seeded):
    checked = 0
    for package in MaternityPackage.objects.with_caesarean_price().filter(delivery_type="normal"):
        if package.caesarean_price is not None:
            assert package.caesarean_price > package.price
            checked += 1
    assert checked >= 40


@time_machine.travel("2026-11-26")
def test_data_the_journeys_need(seeded):
    marathi = Language.objects.get(name="Marathi")
    pune_women = (
        Gynecologist.objects.active()
        .filter(city__slug="pune", gender="female", consultation_fee__lt=1000)
        .speaking_all([marathi])
    )
    assert pune_women.count() >= 5
    prices = set(
        MaternityPackage.objects.listed()
        .filter(city__slug="bengaluru", delivery_type="caesarean")
        .values_list("price", flat=True)
    )
    assert len(prices) >= 4
    assert MaternityPackage.objects.filter(is_active=False).exists()
    assert MaternityPackage.objects.filter(is_active=True, valid_until__lt="2026-11-26").exists()
    assert Gynecologist.objects.filter(is_active=False).exists()
    assert Gynecologist.objects.filter(is_active=True).count() >= 3  # medical reviewers for articles
    for delivery in ("normal", "instrumental", "caesarean", "caesarean_tubectomy"):
        assert MaternityPackage.objects.filter(delivery_type=delivery).exists()
    for room in ("general", "twin_sharing", "single", "deluxe", "suite"):
        assert MaternityPackage.objects.filter(room_type=room).exists()


def test_photos_go_through_the_pipeline(seeded):
    with_photos = Gynecologist.objects.exclude(photo="")
    assert with_photos.count() == demo.PHOTOS_OF_DOCTORS
    assert Hospital.objects.exclude(photo="").count() == demo.PHOTOS_OF_HOSPITALS
    renditions = with_photos.first().photo_renditions
    assert (renditions["160"]["width"], renditions["160"]["height"]) == (160, 200)
    assert (renditions["480"]["width"], renditions["480"]["height"]) == (480, 600)


def test_derived_columns_match_a_full_refresh(seeded):
    from directory.models import refresh_doctors, refresh_packages

    assert refresh_doctors(Gynecologist.objects.values_list("pk", flat=True)) == 0
    assert refresh_packages(MaternityPackage.objects.all()) == 0


def test_a_bigger_data_set_keeps_the_default_records(seeded):
    before = dict(Gynecologist.objects.values_list("registration_number", "slug"))
    out = io.StringIO()
    demo.seed(stdout=out, doctors=1200, packages=700)
    assert Gynecologist.objects.count() == 1200
    assert MaternityPackage.objects.count() == 700
    assert "300 doctors unchanged" in out.getvalue() and "200 packages unchanged" in out.getvalue()
    after = dict(Gynecologist.objects.values_list("registration_number", "slug"))
    assert {k: after[k] for k in before} == before
