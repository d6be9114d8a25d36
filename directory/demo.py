"""Demo directory data: ten cities, their centres, gynecologists and maternity packages.

Everything here is invented for the demo (names, centres, registration numbers, prices and text);
any likeness to a real person or hospital is chance. The data is deterministic (every record comes
from its own seeded random generator, so the same arguments always give the same rows) and the
seed is idempotent: it upserts by natural key through the same bulk writer as `import_directory`,
so a second run changes nothing.

`seed(stdout=..., doctors=100_000, packages=20_000)` builds the scale-test data set.
"""

from __future__ import annotations

import io
import math
import random
import sys
from datetime import date

from django.core.files.base import ContentFile
from django.db import connection, transaction
from PIL import Image, ImageDraw

from directory.bulk import DoctorRecord, PackageRecord, Upserter, fast_update
from directory.images import validate_photo
from directory.models import City, DeliveryType, Gynecologist, Hospital, RoomType

DEFAULT_DOCTORS = 300
DEFAULT_PACKAGES = 200
BASE_HOSPITALS_PER_CITY = 4
PHOTOS_OF_HOSPITALS = 6
PHOTOS_OF_DOCTORS = 12
EXPIRED = date(2025, 3, 31)  # past for any run of this demo
OFFER_END = date(2030, 3, 31)

MAHARASHTRA_F = [
    "Asha",
    "Meera",
    "Snehal",
    "Pooja",
    "Aparna",
    "Madhuri",
    "Shruti",
    "Rujuta",
    "Vaishali",
    "Neha",
]
MAHARASHTRA_M = ["Rohan", "Sameer", "Aniket", "Nikhil", "Prasad", "Amol"]
MAHARASHTRA_S = [
    "Kulkarni",
    "Deshpande",
    "Joshi",
    "Patil",
    "Gokhale",
    "Shinde",
    "Apte",
    "Bhosale",
    "Kale",
    "Sawant",
]
NORTH_F = ["Anjali", "Ritu", "Sunita", "Kavita", "Priya", "Nidhi", "Shalini", "Garima", "Ruchi", "Swati"]
NORTH_M = ["Rajesh", "Amit", "Vikas", "Sanjay", "Alok", "Manish"]
NORTH_S = [
    "Sharma",
    "Gupta",
    "Verma",
    "Agarwal",
    "Malhotra",
    "Kapoor",
    "Saxena",
    "Mathur",
    "Chauhan",
    "Bansal",
]

# name, state, registration style, localities, languages (most common first), names
CITIES = [
    ("Mumbai", "Maharashtra", "MMC-{year}/{month:02d}/{n}", ["Andheri West", "Dadar", "Chembur", "Borivali", "Powai", "Malad"],
     ["English", "Hindi", "Marathi", "Gujarati", "Urdu"], (MAHARASHTRA_F, MAHARASHTRA_M, MAHARASHTRA_S)),
    ("Delhi", "Delhi", "DMC/R/{n}", ["Lajpat Nagar", "Rohini", "Dwarka", "Saket", "Janakpuri", "Preet Vihar"],
     ["English", "Hindi", "Punjabi", "Urdu"], (NORTH_F, NORTH_M, NORTH_S)),
    ("Bengaluru", "Karnataka", "KMC-{n}", ["Jayanagar", "Indiranagar", "Whitefield", "Malleshwaram", "HSR Layout", "Hebbal"],
     ["English", "Kannada", "Hindi", "Tamil", "Telugu"],
     (["Kavya", "Deepa", "Shwetha", "Lakshmi", "Anitha", "Pallavi", "Sahana", "Vidya"], ["Prakash", "Suresh", "Naveen", "Kiran"],
      ["Rao", "Hegde", "Shetty", "Gowda", "Bhat", "Murthy", "Kamath", "Acharya"])),
    ("Chennai", "Tamil Nadu", "TNMC-{n}", ["Adyar", "Anna Nagar", "T. Nagar", "Velachery", "Mylapore", "Tambaram"],
     ["English", "Tamil", "Telugu", "Malayalam"],
     (["Lakshmi", "Priya", "Revathi", "Kavitha", "Meenakshi", "Divya", "Janani", "Sowmya"], ["Karthik", "Senthil", "Ramesh", "Arun"],
      ["Subramanian", "Krishnan", "Raman", "Venkatesh", "Natarajan", "Iyer", "Sundaram", "Balaji"])),
    ("Hyderabad", "Telangana", "TSMC/FMR/{n}", ["Banjara Hills", "Kukatpally", "Madhapur", "Secunderabad", "Dilsukhnagar", "Tolichowki"],
     ["English", "Telugu", "Urdu", "Hindi"],
     (["Sravani", "Padma", "Swathi", "Haritha", "Madhavi", "Sana", "Ayesha", "Keerthi"], ["Srinivas", "Ravi", "Mahesh", "Imran"],
      ["Reddy", "Rao", "Naidu", "Chowdary", "Varma", "Khan", "Siddiqui", "Goud"])),
    ("Pune", "Maharashtra", "MMC-{year}/{month:02d}/{n}", ["Kothrud", "Baner", "Aundh", "Hadapsar", "Viman Nagar", "Shivajinagar"],
     ["English", "Marathi", "Hindi"], (MAHARASHTRA_F, MAHARASHTRA_M, MAHARASHTRA_S)),
    ("Kolkata", "West Bengal", "WBMC-{n}", ["Salt Lake", "Ballygunge", "Behala", "New Town", "Dum Dum", "Tollygunge"],
     ["English", "Bengali", "Hindi"],
     (["Ananya", "Moumita", "Sudeshna", "Rituparna", "Payel", "Debjani", "Sharmila", "Tania"], ["Arindam", "Sourav", "Abhijit", "Partha"],
      ["Banerjee", "Chatterjee", "Mukherjee", "Ghosh", "Bose", "Sen", "Das", "Roy"])),
    ("Ahmedabad", "Gujarat", "GMC-G-{n}", ["Navrangpura", "Satellite", "Maninagar", "Bopal", "Vastrapur", "Naranpura"],
     ["English", "Gujarati", "Hindi"],
     (["Hetal", "Komal", "Nisha", "Bhavna", "Falguni", "Krupa", "Dhara", "Urvi"], ["Jignesh", "Hardik", "Parth", "Chirag"],
      ["Patel", "Shah", "Mehta", "Desai", "Trivedi", "Parikh", "Vyas", "Dave"])),
    ("Jaipur", "Rajasthan", "RMC-{n}", ["Malviya Nagar", "Vaishali Nagar", "Mansarovar", "C-Scheme", "Raja Park", "Jagatpura"],
     ["English", "Hindi"], (NORTH_F, NORTH_M, ["Sharma", "Rathore", "Mathur", "Agarwal", "Jain", "Shekhawat", "Khandelwal", "Goyal"])),
    ("Kochi", "Kerala", "TCMC-{n}", ["Edappally", "Kakkanad", "Vyttila", "Kaloor", "Palarivattom", "Fort Kochi"],
     ["English", "Malayalam", "Tamil", "Hindi"],
     (["Lekshmi", "Reshma", "Aswathy", "Neethu", "Mariam", "Anju", "Sreeja", "Divya"], ["Arun", "Jose", "Thomas", "Rahul"],
      ["Nair", "Menon", "Pillai", "Thomas", "Varghese", "Kurian", "Panicker", "Mathew"])),
]  # fmt: skip

# Each city's name in Devanagari, as Hindi newspapers write it (shown on /hi/ pages).
CITY_NAMES_HI = {"Mumbai": "मुंबई", "Delhi": "दिल्ली", "Bengaluru": "बेंगलुरु", "Chennai": "चेन्नई",
                 "Hyderabad": "हैदराबाद", "Pune": "पुणे", "Kolkata": "कोलकाता", "Ahmedabad": "अहमदाबाद",
                 "Jaipur": "जयपुर", "Kochi": "कोच्चि"}  # fmt: skip

CENTRE_WORDS = ["Navjeevan", "Aarogya", "Sanjeevani", "Anandi", "Ankur", "Vatsalya", "Janani", "Arunodaya",
                "Prasoon", "Sneh", "Kamalini", "Shubh Aarambh", "Nanhi Kiran", "Mamta", "Nirmala"]  # fmt: skip
CENTRE_KINDS = [
    "Women's Hospital",
    "Maternity Home",
    "Mother and Child Centre",
    "Birthing Centre",
    "Nursing Home",
]
CITY_PRICE_FACTOR = {"Mumbai": 1.3, "Delhi": 1.2, "Bengaluru": 1.15, "Pune": 1.0, "Chennai": 1.0, "Hyderabad": 0.95,
                     "Kolkata": 0.9, "Ahmedabad": 0.85, "Jaipur": 0.8, "Kochi": 0.85}  # fmt: skip

QUALIFICATIONS = [
    "MBBS, MS (Obstetrics & Gynaecology)",
    "MBBS, MD (Obstetrics & Gynaecology)",
    "MBBS, DGO",
    "MBBS, DNB (Obstetrics & Gynaecology)",
    "MBBS, MS (OBG), FICOG",
    "MBBS, DGO, DNB (OBG)",
    "MBBS, MD (OBG), Fellowship in Reproductive Medicine",
    "MBBS, MS (OBG), Fellowship in Fetal Medicine",
]
DAYS = [
    "Monday to Saturday",
    "Monday to Friday",
    "Monday, Wednesday and Friday",
    "Tuesday, Thursday and Saturday",
]
HOURS = ["10:00 to 13:00", "17:00 to 20:00", "09:30 to 12:30 and 18:00 to 20:00", "11:00 to 14:00"]
INTERESTS = [
    "high-risk pregnancy and diabetes in pregnancy",
    "normal birth, birth planning and support for vaginal birth after caesarean",
    "antenatal care for first-time parents",
    "recurrent pregnancy loss and early pregnancy care",
    "pregnancy with thyroid disease or high blood pressure",
    "twin pregnancies and preterm birth prevention",
    "laparoscopic surgery and care after delivery",
]

# (delivery type, room type) in the order each centre's catalogue fills up: every normal package is
# followed by the C-section in the same room, so the "normal vs C-section" comparison has data.
CATALOGUE = [
    (DeliveryType.NORMAL, RoomType.GENERAL),
    (DeliveryType.CAESAREAN, RoomType.GENERAL),
    (DeliveryType.NORMAL, RoomType.TWIN_SHARING),
    (DeliveryType.CAESAREAN, RoomType.TWIN_SHARING),
    (DeliveryType.NORMAL, RoomType.SINGLE),
    (DeliveryType.CAESAREAN, RoomType.SINGLE),
    (DeliveryType.INSTRUMENTAL, RoomType.TWIN_SHARING),
    (DeliveryType.CAESAREAN_TUBECTOMY, RoomType.SINGLE),
    (DeliveryType.NORMAL, RoomType.DELUXE),
    (DeliveryType.CAESAREAN, RoomType.DELUXE),
    (DeliveryType.NORMAL, RoomType.SUITE),
    (DeliveryType.CAESAREAN, RoomType.SUITE),
    (DeliveryType.INSTRUMENTAL, RoomType.SINGLE),
    (DeliveryType.CAESAREAN_TUBECTOMY, RoomType.TWIN_SHARING),
    (DeliveryType.INSTRUMENTAL, RoomType.GENERAL),
    (DeliveryType.CAESAREAN_TUBECTOMY, RoomType.GENERAL),
    (DeliveryType.INSTRUMENTAL, RoomType.DELUXE),
    (DeliveryType.CAESAREAN_TUBECTOMY, RoomType.DELUXE),
    (DeliveryType.INSTRUMENTAL, RoomType.SUITE),
    (DeliveryType.CAESAREAN_TUBECTOMY, RoomType.SUITE),
]
DELIVERY_BASE = {
    DeliveryType.NORMAL: 30000,
    DeliveryType.INSTRUMENTAL: 38000,
    DeliveryType.CAESAREAN: 62000,
    DeliveryType.CAESAREAN_TUBECTOMY: 70000,
}
ROOM_FACTOR = {
    RoomType.GENERAL: 1.0,
    RoomType.TWIN_SHARING: 1.25,
    RoomType.SINGLE: 1.6,
    RoomType.DELUXE: 2.1,
    RoomType.SUITE: 2.8,
}
SHORT_ROOM = {
    RoomType.GENERAL: "general ward",
    RoomType.TWIN_SHARING: "twin sharing",
    RoomType.SINGLE: "single room",
    RoomType.DELUXE: "deluxe room",
    RoomType.SUITE: "suite",
}


def rng_for(*parts) -> random.Random:
    return random.Random("|".join(str(p) for p in parts))  # noqa: S311 - demo data, not security


# ---- centres ----


def hospitals_per_city(n_doctors: int, n_packages: int) -> int:
    extra_packages = max(0, n_packages - DEFAULT_PACKAGES)
    extra_doctors = max(0, n_doctors - DEFAULT_DOCTORS)
    extra = max(math.ceil(extra_packages / len(CITIES) / 12), math.ceil(extra_doctors / len(CITIES) / 250))
    return BASE_HOSPITALS_PER_CITY + extra


def hospital(city_index: int, j: int) -> dict:
    """The j-th centre of a city: the same for any data set size."""
    city, state, _, localities, _, _ = CITIES[city_index]
    rng = rng_for("hospital", city, j)
    word = CENTRE_WORDS[(j + city_index * 3) % len(CENTRE_WORDS)]
    kind = CENTRE_KINDS[(j // len(CENTRE_WORDS) + j) % len(CENTRE_KINDS)]
    round_ = j // (len(CENTRE_WORDS) * len(CENTRE_KINDS))
    locality = localities[j % len(localities)]
    name = f"{word} {kind}" + (f" {locality} {round_ + 1}" if round_ else "")
    street = rng.choice(
        ["Main Road", "Station Road", "Link Road", "Hospital Road", "Temple Street", "Lake View Road"]
    )
    return {
        "city": city,
        "state": state,
        "name": name,
        "locality": locality,
        "address": f"{rng.randint(2, 240)}, {street}, {locality}, {city}",
        "phone": f"+91 {rng.randint(70, 99)}{rng.randint(100, 999)} {rng.randint(10000, 99999)}",
        "tier": rng.uniform(0.85, 1.35),
        "description": (
            f"A {kind.lower()} in {locality} with a labour ward staffed around the clock, an operation theatre "
            f"for emergency caesareans and a {rng.choice(['level II', 'level III'])} newborn unit. "
            f"Antenatal classes run {rng.choice(['every Saturday', 'twice a month', 'on weekday evenings'])}."
        ),
    }


def all_hospitals(per_city: int) -> list[dict]:
    return [hospital(c, j) for c in range(len(CITIES)) for j in range(per_city)]


# ---- doctors ----


def registration_number(style: str, i: int, rng: random.Random) -> str:
    return style.format(year=rng.randint(1990, 2020), month=rng.randint(1, 12), n=10000 + i)


def doctor(i: int, per_city: int) -> tuple[DoctorRecord, int]:
    """The i-th doctor, and the index of their first centre within the city."""
    city_index = i % len(CITIES)
    city, state, style, _, city_languages, (female, male, surnames) = CITIES[city_index]
    rng = rng_for("doctor", i)
    # The first doctors of each city never move between centres when the data set grows.
    pool = BASE_HOSPITALS_PER_CITY if i < DEFAULT_DOCTORS else per_city
    # Every third Pune doctor is a Marathi-speaking woman with a modest fee (journeys rely on them).
    pune_marathi = city == "Pune" and (i // len(CITIES)) % 3 == 0
    gender = "female" if pune_marathi or rng.random() < 0.8 else "male"
    first = rng.choice(female if gender == "female" else male)
    last = rng.choice(surnames)
    name = f"Dr {first} {last}"
    experience = rng.randint(3, 35)
    fee = min(2500, max(300, round((300 + experience * 45 + rng.randint(-150, 400)) / 50) * 50))
    if pune_marathi:
        fee = rng.choice([500, 600, 700, 800, 900])
    languages = ["English"]
    if rng.random() < 0.9 or pune_marathi:
        languages.append(city_languages[1])
    languages += [lang for lang in city_languages[2:] if rng.random() < 0.45]
    if pune_marathi and "Marathi" not in languages:
        languages.append("Marathi")
    first_centre = rng.randrange(pool)
    centres = [first_centre]
    if rng.random() < 0.3 and pool > 1:
        centres.append((first_centre + 1 + rng.randrange(pool - 1)) % pool)
    hospitals = [hospital(city_index, j) for j in centres]
    pronoun = "She" if gender == "female" else "He"
    possessive = "Her" if gender == "female" else "His"
    bio = (
        f"{name} has looked after pregnant women for {experience} years and delivers at "
        f"{hospitals[0]['name']}. {possessive} clinical interests are {rng.choice(INTERESTS)}. "
        f"{pronoun} consults in {', '.join(languages[:-1]) + ' and ' + languages[-1] if len(languages) > 1 else languages[0]}."
    )
    record = DoctorRecord(
        registration_number=registration_number(style, i, rng),
        name=name,
        gender=gender,
        city=city,
        state=state,
        qualifications=rng.choice(QUALIFICATIONS),
        experience_years=experience,
        consultation_fee=fee,
        hospitals=[(h["name"], h["locality"]) for h in hospitals],
        languages=languages,
        bio=bio,
        consultation_days=rng.choice(DAYS),
        consultation_hours=rng.choice(HOURS),
        is_active=pune_marathi or i % 37 != 5,
    )
    return record, first_centre


# ---- packages ----


def _package_slot(k: int, per_city: int) -> tuple[int, int, int]:
    """(city index, centre index within the city, catalogue slot) of the k-th package. The first
    DEFAULT_PACKAGES fill the base centres; the rest the others."""
    if k < DEFAULT_PACKAGES:
        base = len(CITIES) * BASE_HOSPITALS_PER_CITY
        h, slot = k % base, k // base
        if slot >= 4:
            # Every centre has normal and C-section in general and twin sharing; the fifth package
            # rotates through the other combinations so each delivery and room type appears.
            slot = 4 + ((slot - 4) * 7 + h) % (len(CATALOGUE) - 4)
        return h % len(CITIES), h // len(CITIES), slot
    extra = len(CITIES) * (per_city - BASE_HOSPITALS_PER_CITY)
    h, slot = (k - DEFAULT_PACKAGES) % extra, (k - DEFAULT_PACKAGES) // extra
    return h % len(CITIES), BASE_HOSPITALS_PER_CITY + h // len(CITIES), slot


def _package_price(centre: dict, delivery: str, room: str) -> int:
    rng = rng_for("package", centre["city"], centre["name"], delivery, room)
    price = DELIVERY_BASE[delivery] * ROOM_FACTOR[room] * CITY_PRICE_FACTOR[centre["city"]] * centre["tier"]
    price = round(price * rng.uniform(0.95, 1.05) / 500) * 500
    if delivery == DeliveryType.NORMAL:
        price = min(150000, max(25000, price))
    return int(price)


def _package_terms(delivery: str, room: str, nights: int) -> tuple[list[str], list[str]]:
    """What the package includes and excludes."""
    caesarean = delivery in (DeliveryType.CAESAREAN, DeliveryType.CAESAREAN_TUBECTOMY)
    inclusions = [
        "Operation theatre and surgeon's fee" if caesarean else "Labour room and delivery charges",
        "Obstetrician's visits during the stay",
        "Anaesthetist's fee" if caesarean else "Pain relief with injections",
        f"{SHORT_ROOM[room].capitalize()} for {nights} nights",
        "Routine medicines, dressings and consumables",
        "Paediatrician's check of the baby and first vaccines (BCG, OPV, Hepatitis B)",
        "Meals for the mother",
    ]
    if room in (RoomType.DELUXE, RoomType.SUITE):
        inclusions.append("Bed and meals for one attendant")
    if delivery == DeliveryType.CAESAREAN_TUBECTOMY:
        inclusions.insert(1, "Tubal ligation in the same operation")
    exclusions = [
        "NICU admission for the baby",
        "Blood and blood products",
        "Treatment of complications and procedures outside the package",
        "Nights beyond the package",
    ]
    if not caesarean:
        exclusions.insert(1, "Epidural analgesia")
        exclusions.insert(2, "Caesarean section if it becomes necessary (billed as the C-section package)")
    return inclusions, exclusions


def package(k: int, per_city: int) -> PackageRecord:
    """The k-th package."""
    city_index, j, slot = _package_slot(k, per_city)
    centre = hospital(city_index, j)
    delivery, room = CATALOGUE[slot % len(CATALOGUE)]
    nights = {DeliveryType.NORMAL: 2, DeliveryType.INSTRUMENTAL: 2}.get(delivery, 4)
    if room in (RoomType.DELUXE, RoomType.SUITE):
        nights += 1
    inclusions, exclusions = _package_terms(delivery, room, nights)
    valid_until = None
    if k % 23 == 11:
        valid_until = EXPIRED
    elif k % 5 == 2:
        valid_until = OFFER_END
    return PackageRecord(
        hospital=centre["name"],
        city=centre["city"],
        state=centre["state"],
        locality=centre["locality"],
        name=f"{DeliveryType(delivery).label}, {SHORT_ROOM[room]}",
        delivery_type=delivery,
        room_type=room,
        price=_package_price(centre, delivery, room),
        nights=nights,
        inclusions=inclusions,
        exclusions=exclusions,
        valid_until=valid_until,
        is_active=k % 29 != 17,
    )


# ---- generated photos (drawn, then sent through the same pipeline as uploads) ----

PALETTE = [(122, 41, 82), (40, 96, 120), (60, 110, 70), (150, 80, 40), (90, 70, 140), (30, 100, 100)]


def draw_doctor(seed: int) -> bytes:
    rng = rng_for("doctor-photo", seed)
    background = rng.choice([(236, 226, 232), (222, 234, 240), (232, 238, 226), (240, 232, 220)])
    image = Image.new("RGB", (480, 600), background)
    draw = ImageDraw.Draw(image)
    coat = (250, 250, 252)
    skin = rng.choice([(198, 150, 118), (170, 120, 90), (140, 98, 72), (214, 172, 140)])
    hair = rng.choice([(30, 24, 20), (50, 36, 28), (70, 50, 40)])
    draw.ellipse((60, 400, 420, 760), fill=coat)  # shoulders in a white coat
    draw.polygon([(240, 420), (200, 600), (280, 600)], fill=rng.choice(PALETTE))  # scrubs
    draw.rectangle((212, 330, 268, 420), fill=skin)  # neck
    draw.ellipse((150, 130, 330, 350), fill=hair)
    draw.ellipse((165, 160, 315, 360), fill=skin)  # face
    draw.arc((120, 420, 360, 560), start=200, end=340, fill=(80, 80, 90), width=6)  # stethoscope
    return _jpeg(image)


def draw_hospital(seed: int) -> bytes:
    rng = rng_for("hospital-photo", seed)
    image = Image.new("RGB", (960, 640), (205, 226, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 520, 960, 640), fill=(120, 160, 100))  # lawn
    colour = rng.choice([(236, 230, 220), (230, 236, 240), (240, 228, 228)])
    left, top = rng.randint(80, 200), rng.randint(120, 200)
    draw.rectangle((left, top, 960 - left, 540), fill=colour, outline=(150, 150, 150), width=3)
    for row in range(top + 30, 500, 70):
        for col in range(left + 30, 960 - left - 50, 80):
            draw.rectangle((col, row, col + 44, row + 40), fill=(120, 160, 200))
    centre = 480
    draw.rectangle((centre - 60, 440, centre + 60, 540), fill=(90, 90, 100))  # entrance
    draw.rectangle((centre - 18, top - 80, centre + 18, top - 8), fill=(200, 40, 60))  # red cross
    draw.rectangle((centre - 36, top - 62, centre + 36, top - 26), fill=(200, 40, 60))
    return _jpeg(image)


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def attach_photo(instance, data: bytes) -> None:
    """Give an object a photo through the upload pipeline (validate, clean, renditions)."""
    content = ContentFile(data, name=f"{instance.slug}.jpg")
    validate_photo(content)
    instance.photo = content
    instance.save()


# ---- the seed ----


def seed(*, stdout, doctors: int | None = None, packages: int | None = None) -> None:
    n_doctors = DEFAULT_DOCTORS if doctors is None else doctors
    n_packages = DEFAULT_PACKAGES if packages is None else packages
    per_city = hospitals_per_city(n_doctors, n_packages)
    progress = sys.stderr.isatty()

    doctor_records = [doctor(i, per_city)[0] for i in range(n_doctors)]
    package_records = [package(k, per_city) for k in range(n_packages)]
    centres = all_hospitals(per_city)
    with transaction.atomic():
        upserter = Upserter(progress=progress)
        upserter.run(doctor_records, package_records)
        _ensure_centres(upserter, centres)  # centres without doctors or packages yet
        _hospital_details(centres)
    _photos()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    stats = upserter.stats
    summary = ", ".join(f"{stats[k]} {k}" for k in sorted(stats) if stats[k]) or "no changes"
    stdout.write(f"Directory demo data ({n_doctors} doctors, {n_packages} packages): {summary}.\n")


def _ensure_centres(upserter: Upserter, centres: list[dict]) -> None:
    upserter.ensure_cities({(c["city"], c["state"]) for c in centres})
    for name, name_hi in CITY_NAMES_HI.items():
        City.objects.filter(name=name, name_hi="").update(name_hi=name_hi)
    upserter.ensure_hospitals({(c["city"], c["state"], c["name"]): c["locality"] for c in centres})


def _hospital_details(centres: list[dict]) -> None:
    by_key = {(c["city"], c["name"]): c for c in centres}
    changed = []
    for h in Hospital.objects.select_related("city").only(
        "id", "name", "city__name", "address", "phone", "description", "email"
    ):
        centre = by_key.get((h.city.name, h.name))
        if centre is None:
            continue
        email = f"enquiries@{h.slug[:40]}.example.in"
        wanted = (centre["address"], centre["phone"], centre["description"], email)
        if (h.address, h.phone, h.description, h.email) != wanted:
            h.address, h.phone, h.description, h.email = wanted
            changed.append(h)
    fast_update(Hospital, changed, ["address", "phone", "description", "email"])


def _photos() -> None:
    """A few drawn photos; only objects without one get one, so reruns change nothing."""
    missing = PHOTOS_OF_HOSPITALS - Hospital.objects.exclude(photo="").count()
    for number, centre in enumerate(Hospital.objects.filter(photo="").order_by("pk")[: max(0, missing)]):
        attach_photo(centre, draw_hospital(number))
    missing = PHOTOS_OF_DOCTORS - Gynecologist.objects.exclude(photo="").count()
    for number, person in enumerate(
        Gynecologist.objects.filter(photo="", is_active=True).order_by("pk")[: max(0, missing)]
    ):
        attach_photo(person, draw_doctor(number))
