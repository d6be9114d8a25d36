"""Profile, hospital and package pages: content, structured data, breadcrumbs, withdrawn listings."""

import html as html_lib
import json
import re

import pytest
import time_machine

from directory.models import MaternityPackage
from tests.directory.public_data import NOW, cards
from tests.factories import CityFactory, GynecologistFactory, HospitalFactory, MaternityPackageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def structured_data(response) -> dict:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert len(blocks) == 1
    return json.loads(blocks[0])


def breadcrumbs(response) -> list[str]:
    nav = re.search(
        r'<nav class="breadcrumbs[^"]*" aria-label="Breadcrumb">(.*?)</nav>', response.content.decode(), re.S
    )
    assert nav, "no breadcrumbs"
    return [
        html_lib.unescape(re.sub(r"<[^>]+>", "", item)).strip()
        for item in re.findall(r"<li>(.*?)</li>", nav.group(1), re.S)
    ]


# ---- Doctor profile ----


def test_doctor_profile_shows_credentials_fee_languages_centres_and_hours(client, public_directory):
    response = client.get("/doctors/asha-kulkarni/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Dr Asha Kulkarni</h1>" in html
    assert "MBBS, MS (Obstetrics &amp; Gynaecology)" in html
    assert "MMC-2004-11873" in html
    assert "22 years" in html
    assert "₹1,200" in html
    assert "English, Hindi, Marathi" in html
    assert 'href="/hospitals/sahyadri-womens-hospital/"' in html
    assert "Closed Clinic" not in html
    assert "Monday to Saturday, 10:00 to 14:00" in html
    assert "weekly antenatal class" in html
    assert 'href="/doctors/asha-kulkarni/enquire/"' in html
    # No form with a CSRF token, so the page can be cached for everyone.
    assert "csrfmiddlewaretoken" not in html
    assert "Set-Cookie" not in response.headers
    assert breadcrumbs(response) == ["Home", "Gynecologists", "Pune", "Dr Asha Kulkarni"]


def test_doctor_structured_data_is_a_physician_with_fee_in_inr(client, public_directory):
    data = structured_data(client.get("/doctors/asha-kulkarni/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Physician"
    assert data["name"] == "Dr Asha Kulkarni"
    assert data["url"] == "http://testserver/doctors/asha-kulkarni/"
    assert data["identifier"]["value"] == "MMC-2004-11873"
    assert data["makesOffer"] == {
        "@type": "Offer",
        "name": "Consultation",
        "price": "1200",
        "priceCurrency": "INR",
    }
    assert [h["name"] for h in data["hospitalAffiliation"]] == ["Sahyadri Women's Hospital"]
    assert sorted(data["knowsLanguage"]) == ["English", "Hindi", "Marathi"]


def test_structured_data_cannot_break_out_of_its_script_element(client, public_directory):
    doctor = public_directory.doctors["meera-joshi"]
    doctor.bio = "</script><script>alert(1)</script> & more"
    doctor.save()
    response = client.get("/doctors/meera-joshi/")
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert structured_data(response)["description"] == "</script><script>alert(1)</script> & more"


def test_inactive_doctor_is_a_404_that_points_to_current_doctors(client, public_directory):
    response = client.get("/doctors/retired/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Dr Retired Doctor is no longer listed" in html
    assert '<a href="/gynecologists/pune/">Gynecologists in Pune</a>' in html


def test_unknown_doctor_is_a_plain_404(client, public_directory):
    assert client.get("/doctors/nobody/").status_code == 404


# ---- Hospital ----


def test_hospital_page_lists_its_active_doctors_and_listed_packages(client, public_directory):
    response = client.get("/hospitals/sahyadri-womens-hospital/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Sahyadri Women&#x27;s Hospital</h1>" in html
    assert "Kothrud, Pune, Maharashtra" in html
    assert 'href="tel:02025400000"' in html
    assert cards(response) == ["asha-kulkarni", "meera-joshi", "rahul-deshmukh"]
    assert cards(response, "package") == [
        "sahyadri-normal-general",
        "sahyadri-normal-single",
        "sahyadri-caesarean-general",
    ]
    data = structured_data(response)
    assert data["@type"] == "Hospital"
    assert data["address"]["addressLocality"] == "Pune"
    assert data["telephone"] == "020 2540 0000"
    assert breadcrumbs(response) == ["Home", "Maternity packages", "Pune", "Sahyadri Women's Hospital"]


def test_inactive_hospital_is_a_404_with_alternatives(client, public_directory):
    response = client.get("/hospitals/closed-clinic/")
    assert response.status_code == 404
    assert "Closed Clinic is no longer listed" in response.content.decode()
    assert 'href="/maternity-packages/pune/"' in response.content.decode()


# ---- Package ----


def test_normal_package_shows_the_caesarean_price_and_the_difference(client, public_directory):
    response = client.get("/packages/sahyadri-normal-general/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Normal delivery, general ward</h1>" in html
    assert "₹45,000" in html
    assert "costs <strong>₹95,000</strong>, which is <strong>₹50,000</strong> more" in html
    for item in (
        "Delivery by the consultant",
        "Baby&#x27;s first vaccines",
        "Epidural anaesthesia",
        "NICU stay",
    ):
        assert item in html
    assert '<time datetime="2026-12-31">31 December 2026</time>' in html
    assert "billed separately" in html
    assert 'href="/packages/sahyadri-normal-general/enquire/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert breadcrumbs(response) == [
        "Home",
        "Maternity packages",
        "Pune",
        "Sahyadri Women's Hospital",
        "Normal delivery, general ward",
    ]


@pytest.mark.parametrize(
    ("price", "detail", "card", "hindi"),
    [
        (
            125000,
            "costs <strong>₹95,000</strong>, which is <strong>₹30,000</strong> less than this package.",
            "If a caesarean is needed: ₹95,000 here, ₹30,000 less.",
            "यानी इस पैकेज से <strong>₹30,000</strong> कम।",
        ),
        (
            95000,
            "costs <strong>₹95,000</strong>, the same as this package.",
            "If a caesarean is needed: ₹95,000 here, the same price.",
            "यानी इस पैकेज जितना ही।",
        ),
    ],
)
def test_a_normal_delivery_priced_at_or_above_the_caesarean_says_less_or_the_same_never_a_negative_amount(
    client, public_directory, price, detail, card, hindi
):
    MaternityPackage.objects.filter(slug="sahyadri-normal-general").update(price=price)
    html = client.get("/packages/sahyadri-normal-general/").content.decode()
    assert detail in html and "₹-" not in html
    cards = client.get("/maternity-packages/pune/").content.decode()
    assert f'<p class="small caesarean-difference">{card}</p>' in cards and "₹-" not in cards
    assert hindi in client.get("/hi/packages/sahyadri-normal-general/").content.decode()


def test_normal_package_without_a_caesarean_counterpart_says_so(client, public_directory):
    html = client.get("/packages/sahyadri-normal-single/").content.decode()
    assert "has not listed a caesarean package in a single room" in html
    assert 'until <time datetime="2026-03-11">' in html  # valid through today


def test_caesarean_package_has_no_comparison_box(client, public_directory):
    html = client.get("/packages/sahyadri-caesarean-general/").content.decode()
    assert "If a caesarean section becomes necessary" not in html
    assert "no end date given by the hospital" in html


def test_package_structured_data_is_an_offer_in_inr(client, public_directory):
    data = structured_data(client.get("/packages/sahyadri-normal-general/"))
    assert data["@type"] == "Offer"
    assert data["price"] == "45000"
    assert data["priceCurrency"] == "INR"
    assert data["priceValidUntil"] == "2026-12-31"
    assert data["offeredBy"]["@type"] == "Hospital"
    assert data["offeredBy"]["name"] == "Sahyadri Women's Hospital"
    assert data["description"] == "Normal delivery, general ward, 2 nights at Sahyadri Women's Hospital."
    hindi = structured_data(client.get("/hi/packages/sahyadri-normal-general/"))
    assert hindi["description"] == "Sahyadri Women's Hospital में नॉर्मल डिलीवरी, जनरल वार्ड, 2 रातें।"


@pytest.mark.parametrize("slug", ["sahyadri-expired", "sahyadri-withdrawn"])
def test_expired_or_withdrawn_package_is_a_404_with_alternatives(client, public_directory, slug):
    response = client.get(f"/packages/{slug}/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "is no longer listed" in html
    assert '<a href="/maternity-packages/pune/">Maternity packages in Pune</a>' in html


def test_package_expires_at_midnight_india_time(client, public_directory):
    package = MaternityPackageFactory(
        hospital=public_directory.hospitals["asha"], slug="ends-today", valid_until=NOW.date()
    )
    assert client.get(package.get_absolute_url()).status_code == 200
    with time_machine.travel("2026-03-11 18:30:00+00:00", tick=False):  # 00:00 on 12 March in India
        assert client.get(package.get_absolute_url() + "?after-midnight").status_code == 404


@pytest.mark.parametrize("base", ["/gynecologists/pune/", "/hi/gynecologists/pune/", "/maternity-packages/"])
def test_a_listings_later_pages_name_themselves_as_canonical_and_variants_are_not_indexed(
    client, base, django_assert_max_num_queries
):
    city = CityFactory(name="Pune", slug="pune")
    hospital = HospitalFactory(city=city)
    for n in range(25):
        GynecologistFactory(city=city, hospitals=[hospital], slug=f"doctor-{n}")
        MaternityPackageFactory(hospital=hospital, slug=f"package-{n}")
    html = client.get(f"{base}?page=2").content.decode()
    assert f'<link rel="canonical" href="http://testserver{base}?page=2">' in html
    assert f'hreflang="x-default" href="http://testserver{base.removeprefix("/hi")}?page=2"' in html
    assert 'name="robots"' not in html
    first = client.get(base).content.decode()
    assert f'<link rel="canonical" href="http://testserver{base}">' in first and 'name="robots"' not in first
    for variant in ("?sort=fee", "?sort=fee&page=2", "?city=pune", "?q=zzz"):
        html = client.get(base + variant).content.decode()
        assert '<meta name="robots" content="noindex">' in html, variant
