"""The search query set: what patients type into /search/ and what the page must put first, written
from the demo data (`seed_demo`: ten cities, 300 doctors, 200 packages, twelve articles) and from the
ways people in India write: Indian English, Hinglish, Hindi, old city names, typos, missing spaces.

Each case names the group the page must open with, the item that group must show first, and, for a
listing the query asked for, the heading that says what was understood and what every item in it
must be (its city, language, gender or delivery type) and how they must be ordered. The checks read
the page as a visitor's browser gets it and look the items up in the database.

Used by tests/portal/test_search_queries.py (both databases, every CI run) and by
bench/search_queries.py (pass rate and timings, uncached).
"""

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    query: str
    group: str  # the first group on the page: articles, doctors, hospitals or packages
    first: str  # the slug it must show first ("a|b": either, when two items are as relevant)
    heading: str = ""  # that group's heading, when the query asked for a listing
    every: dict = field(default_factory=dict)  # what each item of that group must be
    order: str = ""  # "experience" (most first), "fee" or "price" (lowest first)
    corrected: str | None = ""  # the query the search corrected it to ("" none; None: either)
    note: str = ""

    @property
    def id(self) -> str:
        return self.query


A, D, H, P = "articles", "doctors", "hospitals", "packages"
PUNE, MUMBAI = {"city": "pune"}, {"city": "mumbai"}

CASES = [
    # ---- Symptoms, as the articles name them ----
    Case("leg cramps", A, "leg-cramps-in-pregnancy"),
    Case("morning sickness", A, "morning-sickness"),
    Case("heartburn", A, "heartburn-in-pregnancy"),
    Case("back pain", A, "back-pain-in-pregnancy"),
    Case("swollen feet", A, "swollen-feet-and-ankles"),
    Case("constipation", A, "constipation-in-pregnancy"),
    Case("tiredness", A, "tiredness-in-pregnancy"),
    Case("headache", A, "headaches-in-pregnancy"),
    Case("bleeding gums", A, "bleeding-gums-in-pregnancy"),
    Case("stretch marks", A, "stretch-marks-in-pregnancy"),
    Case("sleep", A, "sleep-in-pregnancy"),
    Case("pelvic pain in pregnancy", A, "pelvic-pain-in-pregnancy"),
    Case("how to stop leg cramps at night", A, "leg-cramps-in-pregnancy", note="a question"),
    # ---- Symptoms in other words: Indian English, Hinglish ----
    Case("acidity", A, "heartburn-in-pregnancy"),
    Case("acidity during pregnancy", A, "heartburn-in-pregnancy"),
    Case("ulti", A, "morning-sickness", note="Hinglish: vomiting"),
    Case("ulti aana", A, "morning-sickness", note="Hinglish: vomiting, with its verb"),
    Case("ulti ho rahi hai", A, "morning-sickness", note="Hinglish: I am vomiting"),
    Case("उल्टी आना", A, "morning-sickness", note="Hindi: vomiting, with its verb"),
    Case("ji machlana", A, "morning-sickness", note="Hinglish: nausea"),
    Case("swelling feet", A, "swollen-feet-and-ankles"),
    Case("pair me sujan", A, "swollen-feet-and-ankles", note="Hinglish: swelling in the feet"),
    Case("edema", A, "swollen-feet-and-ankles"),
    Case("backache", A, "back-pain-in-pregnancy"),
    Case("kamar dard", A, "back-pain-in-pregnancy", note="Hinglish: back pain"),
    Case("kabz", A, "constipation-in-pregnancy", note="Hinglish: constipation"),
    Case("thakan", A, "tiredness-in-pregnancy", note="Hinglish: tiredness"),
    Case("khoon ki kami", A, "tiredness-in-pregnancy", note="Hinglish: anaemia, not bleeding"),
    Case("खून की कमी", A, "tiredness-in-pregnancy", note="Hindi: anaemia, not bleeding"),
    Case(
        "peshab mein jalan",
        A,
        "back-pain-in-pregnancy|pelvic-pain-in-pregnancy",  # both name it: the databases rank them apart
        note="Hinglish: burning when passing urine, not heartburn",
    ),
    Case("sir dard", A, "headaches-in-pregnancy", note="Hinglish: headache"),
    Case("migraine", A, "headaches-in-pregnancy"),
    Case("insomnia", A, "sleep-in-pregnancy"),
    # "problem", "issue", "trouble" say nothing the article would: "sleep problems" is the sleep article.
    Case("sleep problems", A, "sleep-in-pregnancy"),
    Case("sleeping issues in pregnancy", A, "sleep-in-pregnancy"),
    Case("heartburn problem", A, "heartburn-in-pregnancy"),
    Case("neend ki samasya", A, "sleep-in-pregnancy"),
    Case("नींद की समस्या", A, "sleep-in-pregnancy"),
    Case("heart problem", A, "danger-signs-in-pregnancy", note="not heartburn: a danger sign"),
    Case("heart issues in pregnancy", A, "danger-signs-in-pregnancy"),
    # A topic's name finds the articles filed under it, though they may not say it.
    Case("nutrition", A, "tiredness-in-pregnancy"),
    # ---- Mistakes: typos and words run together ----
    Case("cramsp", A, "leg-cramps-in-pregnancy", corrected="cramps"),
    Case("backpain", A, "back-pain-in-pregnancy", corrected="back pain"),
    Case("legcramps", A, "leg-cramps-in-pregnancy", corrected="leg cramps"),
    Case("heartbrun", A, "heartburn-in-pregnancy", corrected="heartburn"),
    Case("constipaton", A, "constipation-in-pregnancy", corrected="constipation"),
    Case("headahce", A, "headaches-in-pregnancy", corrected="headache"),
    Case("stretchmarks", A, "stretch-marks-in-pregnancy"),
    # SQLite finds "sicknes" as the start of "sickness"; PostgreSQL's stemmed full-text search does
    # not, and corrects it: either way the article comes first.
    Case("morning sicknes", A, "morning-sickness", corrected=None),
    # ---- Hindi ----
    Case("पैर में ऐंठन", A, "leg-cramps-in-pregnancy", note="leg cramps"),
    Case("उल्टी", A, "morning-sickness", note="vomiting"),
    Case("कब्ज", A, "constipation-in-pregnancy", note="constipation"),
    Case("कमर दर्द", A, "back-pain-in-pregnancy", note="back pain"),
    Case("सीने में जलन", A, "heartburn-in-pregnancy", note="heartburn"),
    Case("पैरों में सूजन", A, "swollen-feet-and-ankles", note="swollen feet"),
    Case("डॉक्टर पुणे", D, "dr-pooja-patil", "Gynecologists in Pune", PUNE, "experience"),
    Case("मुंबई में डॉक्टर", D, "dr-vaishali-kale", "Gynecologists in Mumbai", MUMBAI, "experience"),
    Case(
        "बेंगलुरु",
        D,
        "dr-deepa-acharya",
        "Gynecologists in Bengaluru",
        {"city": "bengaluru"},
        "experience",
        note="a city alone: its doctors, centres and packages",
    ),
    Case(
        "सिजेरियन खर्च दिल्ली",
        P,
        "ankur-maternity-home-caesarean-section-general-ward",
        "Caesarean section packages in Delhi, cheapest first",
        {"city": "delhi", "delivery_type": "caesarean"},
        "price",
    ),
    Case("कुलकर्णी", D, "dr-vaishali-kulkarni-65ebd3", corrected="kulkarni", note="a surname in Devanagari"),
    # ---- Doctors: city, language, gender, cost ----
    Case("gynecologist pune", D, "dr-pooja-patil", "Gynecologists in Pune", PUNE, "experience"),
    Case("gynaecologist in mumbai", D, "dr-vaishali-kale", "Gynecologists in Mumbai", MUMBAI, "experience"),
    Case("ob-gyn delhi", D, "dr-ruchi-saxena", "Gynecologists in Delhi", {"city": "delhi"}, "experience"),
    Case(
        "gynacologist pune",
        D,
        "dr-pooja-patil",
        "Gynecologists in Pune",
        PUNE,
        "experience",
        corrected="gynecologist pune",
    ),
    Case(
        "lady doctor bangalore",
        D,
        "dr-deepa-acharya",
        "Female gynecologists in Bengaluru",
        {"city": "bengaluru", "gender": "female"},
        "experience",
    ),
    Case(
        "female doctor pune",
        D,
        "dr-pooja-patil",
        "Female gynecologists in Pune",
        {"city": "pune", "gender": "female"},
        "experience",
    ),
    Case(
        "male gynecologist chennai",
        D,
        "dr-karthik-iyer",
        "Male gynecologists in Chennai",
        {"city": "chennai", "gender": "male"},
        "experience",
    ),
    Case(
        "marathi speaking gynecologist",
        D,
        "dr-pooja-patil",
        "Gynecologists who speak Marathi",
        {"language": "marathi"},
        "experience",
    ),
    Case("marathi doctor", D, "dr-pooja-patil", "Gynecologists who speak Marathi", {"language": "marathi"}),
    Case(
        "tamil doctor chennai",
        D,
        "dr-karthik-iyer",
        "Gynecologists in Chennai who speak Tamil",
        {"city": "chennai", "language": "tamil"},
        "experience",
    ),
    Case(
        "bengali speaking lady doctor calcutta",
        D,
        "dr-sudeshna-roy",
        "Female gynecologists in Kolkata who speak Bengali",
        {"city": "kolkata", "language": "bengali", "gender": "female"},
        "experience",
    ),
    Case(
        "gynecologist fees pune",
        D,
        "dr-aniket-kale",
        "Gynecologists in Pune, lowest fee first",
        PUNE,
        "fee",
    ),
    Case("Dr Asha Kulkarni", D, "dr-asha-kulkarni", note="a doctor by name"),
    Case(
        "kulkarmi", D, "dr-vaishali-kulkarni-65ebd3", corrected="kulkarni", note="a surname one letter wrong"
    ),
    Case("joshi pune", D, "dr-neha-joshi", "Gynecologists in Pune", PUNE),
    # ---- Packages: delivery type, cost, city ----
    Case(
        "c section cost hyderabad",
        P,
        "nirmala-mother-and-child-centre-caesarean-section-general-ward",
        "Caesarean section packages in Hyderabad, cheapest first",
        {"city": "hyderabad", "delivery_type": "caesarean"},
        "price",
    ),
    Case(
        "hydrabad c section",
        P,
        "nirmala-mother-and-child-centre-caesarean-section-general-ward",
        "Caesarean section packages in Hyderabad, cheapest first",
        {"city": "hyderabad", "delivery_type": "caesarean"},
        "price",
        corrected="hyderabad c section",
    ),
    Case(
        "normal delivery pune",
        P,
        "navjeevan-womens-hospital-pune-normal-delivery-general-ward",
        "Normal delivery packages in Pune, cheapest first",
        {"city": "pune", "delivery_type": "normal"},
        "price",
    ),
    Case(
        "lscs price mumbai",
        P,
        "aarogya-maternity-home-caesarean-section-general-ward",
        "Caesarean section packages in Mumbai, cheapest first",
        {"city": "mumbai", "delivery_type": "caesarean"},
        "price",
    ),
    Case(
        "caesarian delivery cost in bangalore",
        P,
        "sneh-birthing-centre-caesarean-section-general-ward",
        "Caesarean section packages in Bengaluru, cheapest first",
        {"city": "bengaluru", "delivery_type": "caesarean"},
        "price",
    ),
    Case(
        "cesarean",
        P,
        "kamalini-maternity-home-jaipur-caesarean-section-general-ward",
        "Caesarean section packages, cheapest first",
        {"delivery_type": "caesarean"},
        "price",
    ),
    Case(
        "normal delivery cost calcutta",
        P,
        "vatsalya-mother-and-child-centre-kolkata-normal-delivery-general-ward",
        "Normal delivery packages in Kolkata, cheapest first",
        {"city": "kolkata", "delivery_type": "normal"},
        "price",
    ),
    Case(
        "maternity package jaipur",
        P,
        "kamalini-maternity-home-jaipur-normal-delivery-general-ward",
        "Maternity packages in Jaipur, cheapest first",
        {"city": "jaipur"},
        "price",
    ),
    Case(
        "delivery charges kochi",
        P,
        "nanhi-kiran-womens-hospital-kochi-normal-delivery-general-ward",
        "Maternity packages in Kochi, cheapest first",
        {"city": "kochi"},
        "price",
    ),
    # ---- Centres and places ----
    Case(
        "hospital ahmedabad",
        H,
        "arunodaya-maternity-home-ahmedabad",
        "Hospitals in Ahmedabad",
        {"city": "ahmedabad"},
    ),
    Case("nursing home kothrud", H, "navjeevan-womens-hospital", "Hospitals matching “kothrud”"),
    Case(
        "navjeevan womens hospital pune",
        H,
        "navjeevan-womens-hospital",
        "Hospitals in Pune matching “navjeevan womens”",
    ),
    Case(
        "bombay", D, "dr-vaishali-kale", "Gynecologists in Mumbai", MUMBAI, "experience", note="an old name"
    ),
    Case("madras", D, "dr-karthik-iyer", "Gynecologists in Chennai", {"city": "chennai"}, "experience"),
]


# ---- Reading the page ----

GROUP = re.compile(r'data-group="(\w+)">\s*<h2[^>]*>([^<]*)</h2>(.*?)</section>', re.S)
ITEM = re.compile(r'data-(?:doctor|article|package|hospital)="([^"]+)"')


def groups(html: str) -> list[tuple[str, str, list[str]]]:
    """(group, heading, slugs in order) for each group on a /search/ page, in page order."""
    return [(key, heading, ITEM.findall(body)) for key, heading, body in GROUP.findall(html)]


def corrected_to(html: str) -> str:
    """The query the page shows results for when it corrected the one typed ("" if it did not)."""
    match = re.search(r'data-corrected-from="[^"]*">[^“]*“[^“]*“<strong>([^<]*)</strong>', html)
    return match.group(1) if match else ""


def _facts(group: str, slugs: list[str]) -> dict[str, dict]:
    """What the database says of each listed item: city, languages, gender, delivery type, order keys."""
    from directory.models import Gynecologist, Hospital, MaternityPackage

    if group == "doctors":
        facts = {}
        for doctor in (
            Gynecologist.objects.filter(slug__in=slugs).select_related("city").prefetch_related("languages")
        ):
            facts[doctor.slug] = {
                "city": doctor.city.slug,
                "gender": doctor.gender,
                "language": {language.slug for language in doctor.languages.all()},
                "experience": -doctor.experience_years,
                "fee": doctor.consultation_fee,
            }
        return facts
    if group == "packages":
        rows = MaternityPackage.objects.filter(slug__in=slugs).select_related("city")
        return {
            p.slug: {"city": p.city.slug, "delivery_type": p.delivery_type, "price": p.price} for p in rows
        }
    if group == "hospitals":
        return {
            h.slug: {"city": h.city.slug}
            for h in Hospital.objects.filter(slug__in=slugs).select_related("city")
        }
    return {slug: {} for slug in slugs}


def _fits(facts: dict, wanted: dict) -> bool:
    for name, value in wanted.items():
        have = facts.get(name)
        if not (value in have if isinstance(have, set) else have == value):
            return False
    return True


def problems(case: Case, html: str) -> list[str]:
    """What is wrong with the page for `case` ([] when it finds what it must)."""
    found = groups(html)
    if not found:
        return ["the page shows no results"]
    group, heading, slugs = found[0]
    wrong = []
    if group != case.group:
        wrong.append(f"opens with {group}, not {case.group}")
    if not slugs or slugs[0] not in case.first.split("|"):
        wrong.append(f"shows {slugs[:1]} first, not {case.first}")
    if case.heading and heading != case.heading:
        wrong.append(f"heading “{heading}”, not “{case.heading}”")
    if case.corrected is not None and corrected_to(html) != case.corrected:
        wrong.append(f"corrected to “{corrected_to(html)}”, expected “{case.corrected}”")
    facts = _facts(group, slugs)
    misfits = [slug for slug in slugs if not _fits(facts.get(slug, {}), case.every)]
    if misfits:
        wrong.append(f"{misfits} are not {case.every}")
    if case.order:
        keys = [facts[slug][case.order] for slug in slugs if slug in facts]
        if keys != sorted(keys):
            wrong.append(f"not ordered by {case.order}: {keys}")
    return wrong
