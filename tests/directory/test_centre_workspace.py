"""Two centres, two staff accounts: nothing of one centre's patients reaches the other, through any
door of the admin; and each centre keeps its own listings current, nothing more."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from directory.models import Enquiry, EnquiryStatus, Gynecologist, MaternityPackage, NotificationKind
from tests.factories import (
    CityFactory,
    EnquiryFactory,
    GynecologistFactory,
    HospitalFactory,
    MaternityPackageFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 11)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-03-11 10:00 +0530", tick=False):
        yield


class Centre:
    def __init__(self, key, name, patient, phone):
        city = CityFactory(name="Pune", slug="pune")
        self.hospital = HospitalFactory(name=name, slug=key, city=city, email=f"{key}@example.in")
        self.doctor = GynecologistFactory(
            name=f"Dr {name} Doctor", slug=f"{key}-doctor", city=city, hospitals=[self.hospital]
        )
        self.package = MaternityPackageFactory(
            hospital=self.hospital, name=f"{name} normal", slug=f"{key}-normal", price=70000
        )
        self.enquiry = EnquiryFactory(
            doctor=self.doctor, patient_name=patient, phone=phone, email=f"{key}@patients.example"
        )
        self.patient, self.phone = patient, phone
        self.staff = User.objects.create_user(f"staff-{key}", password="x" * 16, is_staff=True)
        self.staff.groups.add(Group.objects.get(name="Centre staff"))
        self.hospital.staff.add(self.staff)

    def leaks(self, text: str) -> list[str]:
        """What of this centre's patient shows in `text`."""
        digits = self.phone[-10:]
        found = [self.patient, self.enquiry.reference, digits, f"{digits[:5]} {digits[5:]}"]
        return [item for item in found if item in text]


@pytest.fixture
def two():
    call_command("setup_roles", stdout=io.StringIO())
    return Centre("alpha", "Alpha Hospital", "Anita Apte", "+919811111111"), Centre(
        "beta", "Beta Clinic", "Bela Bose", "+919822222222"
    )


def logged_in(client, centre):
    client.force_login(centre.staff)
    return client


ENQUIRIES = "/admin/directory/enquiry/"


def test_the_list_shows_only_the_centres_own_patients(client, two):
    a, b = two
    html = logged_in(client, a).get(ENQUIRIES).content.decode()
    assert a.patient in html and a.enquiry.reference in html
    assert b.leaks(html) == []


@pytest.mark.parametrize(
    "term", ["reference", "Bela", "Bose", "9822222222", "98222 22222", "+91 98222-22222"]
)
def test_search_never_finds_another_centres_enquiry(client, two, term):
    a, b = two
    term = b.enquiry.reference if term == "reference" else term
    response = logged_in(client, a).get(ENQUIRIES, {"q": term})
    assert response.context["cl"].result_count == 0
    assert b.leaks(response.content.decode().replace(term, "")) == []


def test_search_by_phone_however_typed_finds_ones_own(client, two):
    a, _ = two
    for typed in ("98111 11111", "+91-98111-11111", "9811111111"):
        response = logged_in(client, a).get(ENQUIRIES, {"q": typed})
        assert [e.reference for e in response.context["cl"].result_list] == [a.enquiry.reference]


def test_the_centre_filter_lists_only_ones_own_centres(client, two):
    a, b = two
    response = logged_in(client, a).get(ENQUIRIES)
    centre_filter = next(spec for spec in response.context["cl"].filter_specs if spec.title == "hospital")
    assert [label for _, label in centre_filter.lookup_choices] == ["Alpha Hospital, Pune"]
    forced = logged_in(client, a).get(ENQUIRIES, {"hospital__id__exact": b.hospital.pk})
    assert b.leaks(forced.content.decode()) == []


@pytest.mark.parametrize("view", ["change", "history", "delete"])
def test_another_centres_enquiry_by_url_is_not_found(client, two, view):
    a, b = two
    response = logged_in(client, a).get(reverse(f"admin:directory_enquiry_{view}", args=[b.enquiry.pk]))
    assert response.status_code in (403, 404)
    assert b.leaks(response.content.decode()) == []


def test_the_enquiry_shows_staff_the_language_the_patient_wrote_in(client, two):
    a, _ = two
    a.enquiry.language = "hi"
    a.enquiry.save(update_fields=["language"])
    html = logged_in(client, a).get(reverse("admin:directory_enquiry_change", args=[a.enquiry.pk])).content
    assert re.search(r'<label>Language:</label>\s*<div class="readonly">हिन्दी</div>', html.decode())


def test_ones_own_enquiry_and_its_history_open(client, two):
    a, b = two
    client = logged_in(client, a)
    change = client.get(reverse("admin:directory_enquiry_change", args=[a.enquiry.pk]))
    assert change.status_code == 200 and a.phone in change.content.decode()
    history = client.get(reverse("admin:directory_enquiry_history", args=[a.enquiry.pk]))
    assert history.status_code == 200 and b.leaks(history.content.decode()) == []


def exported(client, data):
    response = client.post(ENQUIRIES, {"action": "export_csv", **data})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return response.content.decode("utf-8-sig")


def test_the_export_holds_only_ones_own_even_when_another_id_is_slipped_in(client, two):
    a, b = two
    text = exported(logged_in(client, a), {"_selected_action": [a.enquiry.pk, b.enquiry.pk]})
    rows = list(csv.reader(io.StringIO(text)))
    assert [row[0] for row in rows[1:]] == [a.enquiry.reference]
    assert b.leaks(text) == []
    everything = exported(client, {"_selected_action": [a.enquiry.pk], "select_across": "1"})
    assert b.leaks(everything) == [] and a.enquiry.reference in everything


def test_a_bulk_action_cannot_touch_another_centres_enquiry(client, two):
    a, b = two
    logged_in(client, a).post(ENQUIRIES, {"action": "mark_contacted", "_selected_action": [b.enquiry.pk]})
    assert Enquiry.objects.get(pk=b.enquiry.pk).status == EnquiryStatus.NEW


def test_a_change_posted_to_another_centres_enquiry_changes_nothing(client, two):
    a, b = two
    response = logged_in(client, a).post(
        reverse("admin:directory_enquiry_change", args=[b.enquiry.pk]),
        {"status": "closed", "staff_notes": "seen by the wrong centre"},
    )
    assert response.status_code in (403, 404)
    assert Enquiry.objects.get(pk=b.enquiry.pk).staff_notes == ""


def test_autocomplete_offers_only_ones_own_centres(client, two):
    a, _ = two
    response = logged_in(client, a).get(
        "/admin/autocomplete/",
        {"app_label": "directory", "model_name": "maternitypackage", "field_name": "hospital", "term": ""},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Alpha Hospital, Pune"]


@pytest.mark.parametrize("model", ["maternitypackage", "gynecologist", "hospital"])
def test_another_centres_listings_are_not_found(client, two, model):
    a, b = two
    obj = {"maternitypackage": b.package, "gynecologist": b.doctor, "hospital": b.hospital}[model]
    client = logged_in(client, a)
    assert client.get(reverse(f"admin:directory_{model}_change", args=[obj.pk])).status_code == 404
    listing = client.get(reverse(f"admin:directory_{model}_changelist")).content.decode()
    assert str(obj.name) not in listing


def test_notifications_and_dashboard_show_only_ones_own(client, two, run_jobs):
    a, b = two
    from directory.notifications import queue

    queue(a.enquiry, NotificationKind.NEW_ENQUIRY)
    queue(b.enquiry, NotificationKind.NEW_ENQUIRY)
    client = logged_in(client, a)
    notes = client.get("/admin/directory/notification/").content.decode()
    assert a.enquiry.reference in notes and b.leaks(notes) == []
    index = client.get("/admin/").content.decode()
    assert 'data-open-enquiries="1"' in index and b.leaks(index) == []


def test_superusers_see_both_and_directory_managers_neither(client, two):
    a, b = two
    root = User.objects.create_superuser("root", password="x" * 16)
    client.force_login(root)
    html = client.get(ENQUIRIES).content.decode()
    assert a.patient in html and b.patient in html
    manager = User.objects.create_user("manager", password="x" * 16, is_staff=True)
    manager.groups.add(Group.objects.get(name="Directory managers"))
    client.force_login(manager)
    assert client.get(ENQUIRIES).status_code == 403
    assert client.get(reverse("admin:directory_enquiry_change", args=[a.enquiry.pk])).status_code == 403


# ---- keeping listings current ----


def package_form(package, **changes):
    data = {
        "hospital": package.hospital_id,
        "name": package.name,
        "slug": package.slug,
        "is_active": "on",
        "delivery_type": package.delivery_type,
        "room_type": package.room_type,
        "price": package.price,
        "nights": package.nights,
        "valid_until": "",
        "inclusions": "\n".join(package.inclusions),
        "exclusions": "\n".join(package.exclusions),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_centre_changes_its_price_and_the_public_page_shows_it_at_once(
    client, two, django_capture_on_commit_callbacks
):
    a, _ = two
    public = client.get(a.package.get_absolute_url()).content.decode()  # cached now
    assert "₹70,000" in public and "data-price-confirmed" not in public
    assert "This price may be out of date" in public
    url = reverse("admin:directory_maternitypackage_change", args=[a.package.pk])
    with django_capture_on_commit_callbacks(execute=True):  # the page cache is invalidated on commit
        response = logged_in(client, a).post(
            url, package_form(a.package, price=72500, name="Renamed by staff")
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    package = MaternityPackage.objects.get(pk=a.package.pk)
    assert (package.price, package.name, package.price_confirmed) == (72500, "Alpha Hospital normal", TODAY)
    versions = Version.objects.get_for_object(package)
    assert versions.count() == 1 and versions[0].revision.user == a.staff
    client.logout()
    html = client.get(a.package.get_absolute_url()).content.decode()
    assert "₹72,500" in html
    assert '<time data-price-confirmed datetime="2026-03-11">11 March 2026</time>' in html
    assert "This price may be out of date" not in html


def test_a_price_unconfirmed_for_180_days_is_marked_on_the_page_and_in_the_admin(client, two):
    a, _ = two
    MaternityPackage.objects.filter(pk=a.package.pk).update(price_confirmed=TODAY - timedelta(days=181))
    html = client.get(a.package.get_absolute_url()).content.decode()
    assert '<time data-price-confirmed datetime="2025-09-11">' in html and "data-price-out-of-date" in html
    listing = logged_in(client, a).get("/admin/directory/maternitypackage/").content.decode()
    assert "11 Sep 2025: possibly out of date" in listing
    MaternityPackage.objects.filter(pk=a.package.pk).update(price_confirmed=TODAY - timedelta(days=180))
    client.logout()
    cache.clear()  # a queryset update sends no signal: drop the page cached above
    assert "data-price-out-of-date" not in client.get(a.package.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"price": 0}, "greater than or equal to 1"),
        ({"price": 10_000_001}, "less than or equal to 10000000"),
        ({"valid_until": "2026-03-10"}, "This date has passed"),
        ({"nights": 61}, "less than or equal to 60"),
    ],
)
def test_bad_package_values_are_refused_next_to_the_field(client, two, changes, message):
    a, _ = two
    url = reverse("admin:directory_maternitypackage_change", args=[a.package.pk])
    response = logged_in(client, a).post(url, package_form(a.package, **changes))
    assert response.status_code == 200
    field = next(iter(changes))
    assert any(message in error for error in response.context["adminform"].form.errors[field])
    assert MaternityPackage.objects.get(pk=a.package.pk).price == 70000


def test_a_centre_changes_its_doctors_fee_and_hours_but_not_her_name_or_registration(client, two):
    a, _ = two
    doctor = a.doctor
    url = reverse("admin:directory_gynecologist_change", args=[doctor.pk])
    page = logged_in(client, a).get(url)
    assert set(page.context["adminform"].form.fields) == {
        "consultation_days",
        "consultation_hours",
        "consultation_fee",
    }
    response = client.post(
        url,
        {
            "consultation_days": "Monday to Friday",
            "consultation_hours": "16:00 to 19:00",
            "consultation_fee": 900,
            "name": "Dr Someone Else",
            "registration_number": "FAKE-1",
        },
    )
    assert response.status_code == 302
    doctor = Gynecologist.objects.get(pk=doctor.pk)
    assert (doctor.consultation_days, doctor.consultation_hours, doctor.consultation_fee) == (
        "Monday to Friday",
        "16:00 to 19:00",
        900,
    )
    assert doctor.name == "Dr Alpha Hospital Doctor" and doctor.registration_number != "FAKE-1"
    assert Version.objects.get_for_object(doctor)[0].revision.user == a.staff
    too_much = client.post(
        url, {"consultation_days": "Mon", "consultation_hours": "", "consultation_fee": 100_001}
    )
    assert too_much.status_code == 200
    assert "less than or equal to 100000" in str(
        too_much.context["adminform"].form.errors["consultation_fee"]
    )


def test_centre_staff_add_and_delete_nothing_and_cannot_switch_doctors_off(client, two):
    a, _ = two
    client = logged_in(client, a)
    assert client.get(reverse("admin:directory_maternitypackage_add")).status_code == 403
    assert (
        client.get(reverse("admin:directory_maternitypackage_delete", args=[a.package.pk])).status_code == 403
    )
    assert client.get("/admin/articles/article/").status_code == 403
    assert client.get("/admin/directory/gynecologist/").context["action_form"] is None  # no actions at all
    client.post("/admin/directory/gynecologist/", {"action": "deactivate", "_selected_action": [a.doctor.pk]})
    assert Gynecologist.objects.get(pk=a.doctor.pk).is_active


def test_the_dashboard_counts_waiting_enquiries_and_prices_to_check(client, two):
    a, _ = two
    Enquiry.objects.filter(pk=a.enquiry.pk).update(created="2026-03-10 09:00 +0530")  # 25 hours ago
    EnquiryFactory(doctor=a.doctor)  # new, just now
    MaternityPackageFactory(
        hospital=a.hospital, name="Alpha suite", slug="alpha-suite", valid_until=TODAY + timedelta(days=20)
    )
    html = logged_in(client, a).get("/admin/").content.decode()
    assert 'data-open-enquiries="2"' in html
    assert 'data-waiting="1"' in html and a.enquiry.reference in html
    assert 'data-unconfirmed-prices="2"' in html  # neither price was ever confirmed
    assert 'data-expiring-prices="1"' in html and "valid until 31 Mar 2026" in html
    assert re.search(r'data-failed-notifications="0"', html)


def test_read_only_links_lead_only_where_the_reader_may_go(client, two):
    """Django links every read-only foreign key to its admin page; centre staff may not open cities,
    so the city is plain text for them, while their own centre stays a link they can follow."""
    a, _ = two
    MaternityPackage.objects.filter(pk=a.package.pk).update(withdrawn_with_centre=True, is_active=False)
    client = logged_in(client, a)
    city_link = re.compile(r'<a href="/admin/directory/city/')
    for url in (
        reverse("admin:directory_gynecologist_change", args=[a.doctor.pk]),
        reverse("admin:directory_hospital_change", args=[a.hospital.pk]),  # with a withdrawn package
    ):
        page = client.get(url)
        html = page.content.decode()
        assert page.status_code == 200, url
        assert not city_link.search(html), url
        assert re.search(r'<label>City:</label>\s*<div class="readonly">Pune</div>', html), url
    package_page = client.get(reverse("admin:directory_maternitypackage_change", args=[a.package.pk]))
    own_centre = reverse("admin:directory_hospital_change", args=[a.hospital.pk])
    assert f'<a href="{own_centre}">Alpha Hospital, Pune</a>' in package_page.content.decode()
    assert client.get(own_centre).status_code == 200

    editor = User.objects.create_user("editor", password="x" * 16, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))  # may view doctors, to choose a reviewer
    client.force_login(editor)
    html = client.get(reverse("admin:directory_gynecologist_change", args=[a.doctor.pk])).content.decode()
    assert re.search(r'<label>City:</label>\s*<div class="readonly">Pune</div>', html)
    assert not city_link.search(html)

    manager = User.objects.create_user("manager", password="x" * 16, is_staff=True)
    manager.groups.add(Group.objects.get(name="Directory managers"))
    client.force_login(manager)
    html = client.get(reverse("admin:directory_gynecologist_change", args=[a.doctor.pk])).content.decode()
    assert '<select name="city"' in html  # still chosen from the list by those who may


def test_marking_contacted_never_reopens_a_closed_or_withdrawn_enquiry(client, two, run_jobs):
    from directory import notifications

    a, _ = two
    closed = EnquiryFactory(doctor=a.doctor, status=EnquiryStatus.CLOSED)
    withdrawn = EnquiryFactory(doctor=a.doctor)
    notifications.withdraw(withdrawn)
    client = logged_in(client, a)
    ids = [a.enquiry.pk, closed.pk, withdrawn.pk]
    response = client.post(ENQUIRIES, {"action": "mark_contacted", "_selected_action": ids}, follow=True)
    assert "1 marked as contacted. 2 closed or withdrawn left as they were." in response.content.decode()
    statuses = dict(Enquiry.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert statuses == {a.enquiry.pk: "contacted", closed.pk: "closed", withdrawn.pk: "withdrawn"}
    # Only the patient withdraws (which erases her data): staff are not offered it, nor may they
    # change a withdrawn enquiry's status.
    page = client.get(reverse("admin:directory_enquiry_change", args=[a.enquiry.pk])).content.decode()
    assert '<option value="withdrawn"' not in page and '<option value="closed"' in page
    refused = client.post(
        reverse("admin:directory_enquiry_change", args=[a.enquiry.pk]), {"status": "withdrawn"}
    )
    assert refused.status_code == 200 and "status" in refused.context["adminform"].form.errors
    assert Enquiry.objects.get(pk=a.enquiry.pk).status == "contacted"
    url = reverse("admin:directory_enquiry_change", args=[withdrawn.pk])
    assert "status" not in client.get(url).context["adminform"].form.fields
    client.post(url, {"status": "new", "staff_notes": "She called back from 98765 43210"})
    assert Enquiry.objects.filter(pk=withdrawn.pk).values_list("status", "staff_notes").get() == (
        "withdrawn",
        "",
    )  # nothing personal is written onto an erased enquiry
