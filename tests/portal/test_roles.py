"""What each role can reach in the admin, through the real admin pages (setup_roles groups)."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from directory.models import Enquiry
from tests.factories import ArticleFactory, GynecologistFactory, HospitalFactory

pytestmark = pytest.mark.django_db

ENQUIRIES = "/admin/directory/enquiry/"
ARTICLES = "/admin/articles/article/"
DOCTORS = "/admin/directory/gynecologist/"
HOSPITALS = "/admin/directory/hospital/"
USERS = "/admin/auth/user/"


@pytest.fixture
def as_role(client):
    call_command("setup_roles", stdout=StringIO())

    def login(group, centres=()):
        user = User.objects.create_user(
            f"user-{group.lower().replace(' ', '-')}", password="x", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        for centre in centres:
            centre.staff.add(user)
        client.force_login(user)
        return client

    return login


@pytest.fixture
def records():
    doctor = GynecologistFactory(hospitals=[HospitalFactory()])
    enquiry = Enquiry.objects.create(doctor=doctor, patient_name="Meera", phone="+919812345678", consent=True)
    article = ArticleFactory()
    return {"enquiry": enquiry, "article": article, "doctor": doctor}


# group -> {url: expected status} (200 allowed, 403 refused)
MATRIX = {
    "Editors": {
        ENQUIRIES: 403,
        ARTICLES: 200,
        "article-change": 200,
        DOCTORS: 200,
        HOSPITALS: 403,
        USERS: 403,
        "enquiry-change": 403,
        "doctor-change-post": 403,
    },
    "Medical reviewers": {
        ENQUIRIES: 403,
        ARTICLES: 200,
        "article-change": 200,
        HOSPITALS: 403,
        USERS: 403,
        "enquiry-change": 403,
    },
    "Directory managers": {
        ENQUIRIES: 403,
        ARTICLES: 403,
        "article-change": 403,
        DOCTORS: 200,
        HOSPITALS: 200,
        USERS: 403,
        "enquiry-change": 403,
        "doctor-change-post": 200,
    },
    "Centre staff": {  # of the enquiry's centre: its doctors and centre too, nothing else
        ENQUIRIES: 200,
        ARTICLES: 403,
        "article-change": 403,
        DOCTORS: 200,
        HOSPITALS: 200,
        USERS: 403,
        "enquiry-change": 200,
    },
}


@pytest.mark.parametrize("group", list(MATRIX))
def test_each_role_reaches_exactly_its_part_of_the_admin(as_role, records, group):
    client = as_role(group, centres=[records["enquiry"].hospital] if group == "Centre staff" else ())
    urls = {
        "article-change": f"{ARTICLES}{records['article'].pk}/change/",
        "enquiry-change": f"{ENQUIRIES}{records['enquiry'].pk}/change/",
    }
    for key, expected in MATRIX[group].items():
        if key == "doctor-change-post":
            continue
        status = client.get(urls.get(key, key)).status_code
        assert status == expected, f"{group}: GET {urls.get(key, key)} gave {status}, expected {expected}"


def test_editors_cannot_see_patients_phone_numbers_anywhere(as_role, records):
    client = as_role("Editors")
    for url in ("/admin/", ARTICLES, DOCTORS):
        assert "9812345678" not in client.get(url).content.decode()


def test_centre_staff_see_the_phone_number_of_an_enquiry(as_role, records):
    client = as_role("Centre staff", centres=[records["enquiry"].hospital])
    html = client.get(f"{ENQUIRIES}{records['enquiry'].pk}/change/").content.decode()
    assert "+919812345678" in html


def test_centre_staff_cannot_edit_an_article(as_role, records):
    client = as_role("Centre staff")
    article = records["article"]
    response = client.post(f"{ARTICLES}{article.pk}/change/", {"title": "Changed by staff"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "Changed by staff"


def test_editors_cannot_change_a_doctor(as_role, records):
    client = as_role("Editors")
    doctor = records["doctor"]
    response = client.post(f"{DOCTORS}{doctor.pk}/change/", {"name": "Dr Changed"})
    assert response.status_code == 403
    doctor.refresh_from_db()
    assert doctor.name != "Dr Changed"
