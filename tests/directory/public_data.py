"""A small, fixed directory shared by the public-page tests (search, pages, compare, enquiries)."""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from directory.models import DeliveryType, Gender, RoomType
from tests.factories import (
    CityFactory,
    GynecologistFactory,
    HospitalFactory,
    LanguageFactory,
    MaternityPackageFactory,
)

IST = ZoneInfo("Asia/Kolkata")
# 01:30 on 11 March 2026 in India, still 10 March in UTC: "today" must be India's.
NOW = datetime.datetime(2026, 3, 11, 1, 30, tzinfo=IST)
TODAY = datetime.date(2026, 3, 11)


@dataclass
class Directory:
    cities: dict = field(default_factory=dict)
    languages: dict = field(default_factory=dict)
    hospitals: dict = field(default_factory=dict)
    doctors: dict = field(default_factory=dict)
    packages: dict = field(default_factory=dict)


def build_directory() -> Directory:
    d = Directory()
    d.cities["pune"] = CityFactory(name="Pune", slug="pune", state="Maharashtra")
    d.cities["mumbai"] = CityFactory(name="Mumbai", slug="mumbai", state="Maharashtra")
    for name in ("Marathi", "Hindi", "English"):
        d.languages[name.lower()] = LanguageFactory(name=name, slug=name.lower())
    marathi, hindi, english = (d.languages[k] for k in ("marathi", "hindi", "english"))
    pune, mumbai = d.cities["pune"], d.cities["mumbai"]
    d.hospitals["sahyadri"] = HospitalFactory(
        name="Sahyadri Women's Hospital",
        slug="sahyadri-womens-hospital",
        city=pune,
        locality="Kothrud",
        email="enquiries@sahyadri.example",
        phone="020 2540 0000",
    )
    d.hospitals["asha"] = HospitalFactory(
        name="Asha Maternity Home", slug="asha-maternity-home", city=pune, locality="Aundh"
    )
    d.hospitals["lilavati"] = HospitalFactory(
        name="Seaside Mothercare", slug="seaside-mothercare", city=mumbai, locality="Bandra"
    )
    d.hospitals["closed"] = HospitalFactory(
        name="Closed Clinic", slug="closed-clinic", city=pune, locality="Baner", is_active=False
    )
    sahyadri, asha, seaside = d.hospitals["sahyadri"], d.hospitals["asha"], d.hospitals["lilavati"]

    def doctor(key, name, **kwargs):
        d.doctors[key] = GynecologistFactory(name=name, slug=key, **kwargs)

    doctor(
        "asha-kulkarni",
        "Dr Asha Kulkarni",
        city=pune,
        experience_years=22,
        consultation_fee=1200,
        languages=[marathi, english, hindi],
        hospitals=[sahyadri, d.hospitals["closed"]],
        registration_number="MMC-2004-11873",
        bio="Dr Kulkarni looks after high-risk pregnancies and runs a weekly antenatal class.",
    )
    doctor(
        "neha-patil",
        "Dr Neha Patil",
        city=pune,
        experience_years=25,
        consultation_fee=1000,
        languages=[english],
        hospitals=[asha],
    )
    doctor(
        "meera-joshi",
        "Dr Meera Joshi",
        city=pune,
        experience_years=15,
        consultation_fee=800,
        languages=[marathi, english],
        hospitals=[sahyadri],
    )
    doctor(
        "rahul-deshmukh",
        "Dr Rahul Deshmukh",
        city=pune,
        gender=Gender.MALE,
        experience_years=15,
        consultation_fee=600,
        languages=[marathi, hindi],
        hospitals=[sahyadri],
    )
    doctor(
        "kavita-shah",
        "Dr Kavita Shah",
        city=mumbai,
        experience_years=30,
        consultation_fee=2000,
        languages=[hindi, english],
        hospitals=[seaside],
    )
    doctor(
        "retired", "Dr Retired Doctor", city=pune, experience_years=40, is_active=False, hospitals=[sahyadri]
    )

    def package(key, hospital, **kwargs):
        d.packages[key] = MaternityPackageFactory(slug=key, hospital=hospital, **kwargs)

    package(
        "sahyadri-normal-general",
        sahyadri,
        name="Normal delivery, general ward",
        price=45000,
        nights=2,
        inclusions=["Delivery by the consultant", "Labour room", "Two nights' stay", "Baby's first vaccines"],
        exclusions=["Epidural anaesthesia", "NICU stay"],
        valid_until=datetime.date(2026, 12, 31),
    )
    package(
        "sahyadri-caesarean-general",
        sahyadri,
        name="Caesarean section, general ward",
        delivery_type=DeliveryType.CAESAREAN,
        price=95000,
        nights=4,
    )
    package(
        "sahyadri-normal-single",
        sahyadri,
        name="Normal delivery, single room",
        room_type=RoomType.SINGLE,
        price=70000,
        nights=3,
        valid_until=TODAY,  # still valid today
    )
    package(
        "asha-normal-twin",
        asha,
        name="Normal delivery, twin sharing",
        room_type=RoomType.TWIN_SHARING,
        price=52000,
        nights=2,
    )
    package(
        "seaside-normal-deluxe",
        seaside,
        name="Normal delivery, deluxe room",
        room_type=RoomType.DELUXE,
        price=150000,
        nights=3,
    )
    package(
        "sahyadri-expired",
        sahyadri,
        name="Old normal delivery offer",
        price=30000,
        valid_until=TODAY - datetime.timedelta(days=1),
    )
    package("sahyadri-withdrawn", sahyadri, name="Withdrawn package", price=20000, is_active=False)
    return d


def cards(response, kind="doctor") -> list[str]:
    """The data-doctor / data-package slugs on a page, in display order."""
    import re

    return re.findall(rf'data-{kind}="([^"]+)"', response.content.decode())


def result_count(response) -> int:
    import re

    match = re.search(r'data-result-count="(\d+)"', response.content.decode())
    assert match, "no data-result-count marker"
    return int(match.group(1))
