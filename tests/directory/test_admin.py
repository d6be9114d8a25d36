"""The directory admin as managers and centre staff use it."""

import csv
import io
import re

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape
from reversion.models import Version

from directory.models import Enquiry, EnquiryStatus, Gynecologist, Hospital, Language, MaternityPackage
from portal import roles
from tests.factories import (
    CityFactory,
    EnquiryFactory,
    GynecologistFactory,
    HospitalFactory,
    LanguageFactory,
    MaternityPackageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    call_command("setup_roles", stdout=io.StringIO())


def make_user(username, group=None, superuser=False, centres=()):
    user = User.objects.create_user(username, password="x" * 16, is_staff=True, is_superuser=superuser)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for centre in centres:
        centre.staff.add(user)
    return user


@pytest.fixture
def superuser_client(client):
    client.force_login(make_user("root", superuser=True))
    return client


@pytest.fixture
def listings():
    pune = CityFactory(name="Pune", slug="pune", state="Maharashtra")
    marathi = LanguageFactory(name="Marathi", slug="marathi")
    hospital = HospitalFactory(
        name="Sahyadri Mothercare", slug="sahyadri-mothercare", city=pune, locality="Baner"
    )
    doctor = GynecologistFactory(
        name="Dr Meera Joshi", slug="dr-meera-joshi", city=pune, hospitals=[hospital], languages=[marathi]
    )
    package = MaternityPackageFactory(
        hospital=hospital, name="Normal delivery, twin sharing", slug="sm-normal"
    )
    enquiry = EnquiryFactory(doctor=doctor, patient_name="Kavita Pawar", phone="9876543210")
    return {
        "city": pune,
        "language": marathi,
        "hospital": hospital,
        "doctor": doctor,
        "package": package,
        "enquiry": enquiry,
    }


MODEL_URLS = [
    ("city", "city", "Pune"),
    ("language", "language", "Marathi"),
    ("hospital", "hospital", "Sahyadri"),
    ("gynecologist", "doctor", "Meera"),
    ("maternitypackage", "package", "twin"),
    ("enquiry", "enquiry", "Kavita"),
]


@pytest.mark.parametrize(("model", "key", "term"), MODEL_URLS)
def test_superuser_sees_changelist_search_and_change_page_of_every_model(
    superuser_client, listings, model, key, term
):
    changelist = reverse(f"admin:directory_{model}_changelist")
    response = superuser_client.get(changelist)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1

    found = superuser_client.get(changelist, {"q": term})
    assert found.context["cl"].result_count == 1
    missing = superuser_client.get(changelist, {"q": "zzznomatch"})
    assert missing.context["cl"].result_count == 0

    change = superuser_client.get(reverse(f"admin:directory_{model}_change", args=[listings[key].pk]))
    assert change.status_code == 200


@pytest.mark.parametrize("model", ["city", "language", "hospital", "gynecologist", "maternitypackage"])
def test_superuser_add_page_opens(superuser_client, model):
    assert superuser_client.get(reverse(f"admin:directory_{model}_add")).status_code == 200


def test_enquiries_cannot_be_added_by_hand(superuser_client):
    assert superuser_client.get(reverse("admin:directory_enquiry_add")).status_code == 403


def test_search_across_relations(superuser_client, listings):
    other = GynecologistFactory(name="Dr Unrelated Person", slug="dr-unrelated")
    url = reverse("admin:directory_gynecologist_changelist")
    by_hospital = superuser_client.get(url, {"q": "Sahyadri"})
    assert list(by_hospital.context["cl"].result_list) == [listings["doctor"]]
    by_city = superuser_client.get(reverse("admin:directory_maternitypackage_changelist"), {"q": "pune"})
    assert by_city.context["cl"].result_count == 1
    assert other.pk  # present but not matched


def test_adding_a_doctor_derives_mask_and_search_text(superuser_client, listings):
    english = LanguageFactory(name="English", slug="english")
    response = superuser_client.post(
        reverse("admin:directory_gynecologist_add"),
        {
            "name": "Dr Asha Kulkarni",
            "slug": "dr-asha-kulkarni",
            "gender": "female",
            "registration_number": "MMC-2011-04-5521",
            "is_active": "on",
            "city": listings["city"].pk,
            "hospitals": [listings["hospital"].pk],
            "consultation_days": "Monday to Friday",
            "consultation_hours": "10:00 to 13:00",
            "qualifications": "MBBS, DGO",
            "experience_years": "14",
            "consultation_fee": "900",
            "languages": [listings["language"].pk, english.pk],
            "bio": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    doctor = Gynecologist.objects.get(slug="dr-asha-kulkarni")
    assert doctor.language_mask == listings["language"].mask | english.mask
    assert doctor.search_text == "dr asha kulkarni mbbs, dgo sahyadri mothercare baner pune"


def test_adding_a_package_with_one_item_per_line(superuser_client, listings):
    response = superuser_client.post(
        reverse("admin:directory_maternitypackage_add"),
        {
            "hospital": listings["hospital"].pk,
            "name": "Caesarean, single room",
            "slug": "sm-caesarean-single",
            "is_active": "on",
            "delivery_type": "caesarean",
            "room_type": "single",
            "price": "145000",
            "nights": "4",
            "valid_until": "",
            "inclusions": "Surgeon's fee\r\n\r\n  Operation theatre  \r\nRoom rent",
            "exclusions": "NICU stay",
        },
    )
    assert response.status_code == 302
    package = MaternityPackage.objects.get(slug="sm-caesarean-single")
    assert package.inclusions == ["Surgeon's fee", "Operation theatre", "Room rent"]
    assert package.exclusions == ["NICU stay"]
    assert package.city == listings["city"]
    assert package.search_text == "caesarean, single room sahyadri mothercare baner pune"


def test_renaming_a_hospital_refreshes_its_doctors_and_packages(superuser_client, listings):
    hospital = listings["hospital"]
    data = {
        "name": "Sahyadri Women's Hospital",
        "slug": hospital.slug,
        "city": hospital.city.pk,
        "locality": "Aundh",
        "address": "",
        "is_active": "on",
        "phone": "",
        "email": "",
        "description": "",
        "packages-TOTAL_FORMS": "0",
        "packages-INITIAL_FORMS": "0",
        "packages-MIN_NUM_FORMS": "0",
        "packages-MAX_NUM_FORMS": "1000",
    }
    response = superuser_client.post(reverse("admin:directory_hospital_change", args=[hospital.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    listings["doctor"].refresh_from_db()
    listings["package"].refresh_from_db()
    assert "sahyadri women's hospital aundh" in listings["doctor"].search_text
    assert "sahyadri women's hospital aundh" in listings["package"].search_text


def test_hospital_page_has_inline_packages(superuser_client, listings):
    response = superuser_client.get(
        reverse("admin:directory_hospital_change", args=[listings["hospital"].pk])
    )
    assert "Normal delivery, twin sharing" in response.content.decode()


def test_bulk_deactivate_and_activate(superuser_client, listings):
    url = reverse("admin:directory_maternitypackage_changelist")
    pk = listings["package"].pk
    superuser_client.post(url, {"action": "deactivate", "_selected_action": [pk]})
    assert MaternityPackage.objects.get(pk=pk).is_active is False
    superuser_client.post(url, {"action": "activate", "_selected_action": [pk]})
    assert MaternityPackage.objects.get(pk=pk).is_active is True
    # Each is recorded as a save would be: in the package's History and in the admin log, with who.
    package = MaternityPackage.objects.get(pk=pk)
    versions = Version.objects.get_for_object(package).select_related("revision__user")
    assert [(v.revision.comment, v.revision.user.username) for v in versions] == [
        ("Activated (bulk action).", "root"),
        ("Deactivated (bulk action).", "root"),
    ]
    logged = LogEntry.objects.filter(object_id=str(pk)).order_by("pk")
    assert [(e.get_change_message(), e.user.username) for e in logged] == [
        ("Deactivated (bulk action).", "root"),
        ("Activated (bulk action).", "root"),
    ]
    history = superuser_client.get(reverse("admin:directory_maternitypackage_history", args=[pk]))
    assert "Deactivated (bulk action)." in history.content.decode()


def test_changelist_filters(superuser_client, listings):
    MaternityPackageFactory(hospital=listings["hospital"], delivery_type="caesarean", room_type="single")
    url = reverse("admin:directory_maternitypackage_changelist")
    response = superuser_client.get(url, {"delivery_type__exact": "caesarean", "room_type__exact": "single"})
    assert response.context["cl"].result_count == 1
    response = superuser_client.get(url, {"city__id__exact": listings["city"].pk, "is_active__exact": "1"})
    assert response.context["cl"].result_count == 2


def test_changelist_query_count_does_not_grow(superuser_client, listings, django_assert_max_num_queries):
    for _ in range(30):
        GynecologistFactory(city=listings["city"], hospitals=[listings["hospital"]])
        MaternityPackageFactory(hospital=HospitalFactory(city=listings["city"]))
    for model in (Gynecologist, MaternityPackage, Hospital):
        with django_assert_max_num_queries(12):
            response = superuser_client.get(reverse(f"admin:directory_{model._meta.model_name}_changelist"))
        assert response.status_code == 200, model
        assert response.context["cl"].result_count == model.objects.count() > 30, model
        html = response.content.decode()
        # Every row is on the page (fewer than 100), with the city column read through the join.
        for obj in model.objects.all():
            assert f">{escape(obj.name)}</a>" in html, obj
        assert len(re.findall(r'<td class="field-city[^"]*">Pune</td>', html)) == model.objects.count(), model


def test_autocomplete_for_cities_and_hospitals(superuser_client, listings):
    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {"term": "sahy", "app_label": "directory", "model_name": "gynecologist", "field_name": "hospitals"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Sahyadri Mothercare, Pune"]
    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {"term": "pun", "app_label": "directory", "model_name": "hospital", "field_name": "city"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Pune"]


# ---- Enquiries: only Centre staff and superusers ----


def test_directory_manager_cannot_see_enquiries(client, groups, listings):
    client.force_login(make_user("manager", roles.DIRECTORY_MANAGERS))
    index = client.get(reverse("admin:index")).content.decode()
    assert "Gynecologists" in index
    assert "Enquiries" not in index
    assert client.get(reverse("admin:directory_enquiry_changelist")).status_code == 403
    assert (
        client.get(reverse("admin:directory_enquiry_change", args=[listings["enquiry"].pk])).status_code
        == 403
    )
    assert client.get(reverse("admin:directory_gynecologist_changelist")).status_code == 200


def test_staff_user_without_permissions_gets_403(client, listings):
    client.force_login(make_user("editorlike"))
    for model in ("enquiry", "gynecologist", "hospital", "maternitypackage", "city"):
        assert client.get(reverse(f"admin:directory_{model}_changelist")).status_code == 403


def test_centre_staff_see_their_enquiries_and_phone_but_cannot_add_listings(client, groups, listings):
    client.force_login(make_user("staff", roles.CENTRE_STAFF, centres=[listings["hospital"]]))
    response = client.get(reverse("admin:directory_enquiry_changelist"))
    assert response.status_code == 200
    assert "9876543210" in response.content.decode()
    assert client.get(reverse("admin:directory_gynecologist_add")).status_code == 403
    assert client.get(reverse("admin:directory_city_changelist")).status_code == 403


def test_filter_enquiries_by_status_and_centre(superuser_client, listings):
    other_hospital = HospitalFactory()
    package = MaternityPackageFactory(hospital=other_hospital)
    EnquiryFactory(doctor=None, package=package, status=EnquiryStatus.CONTACTED)
    url = reverse("admin:directory_enquiry_changelist")
    assert superuser_client.get(url, {"status__exact": "new"}).context["cl"].result_count == 1
    assert (
        superuser_client.get(url, {"hospital__id__exact": other_hospital.pk}).context["cl"].result_count == 1
    )
    assert superuser_client.get(url).context["cl"].result_count == 2


def test_enquiry_centre_is_derived_from_the_subject(listings):
    assert listings["enquiry"].hospital == listings["hospital"]
    by_package = EnquiryFactory(doctor=None, package=listings["package"])
    assert by_package.hospital == listings["hospital"]


def test_mark_contacted(client, groups, listings):
    client.force_login(make_user("staff", roles.CENTRE_STAFF, centres=[listings["hospital"]]))
    client.post(
        reverse("admin:directory_enquiry_changelist"),
        {"action": "mark_contacted", "_selected_action": [listings["enquiry"].pk]},
    )
    assert Enquiry.objects.get().status == EnquiryStatus.CONTACTED


@pytest.mark.parametrize("action", ["export_csv", "mark_contacted"])
@pytest.mark.parametrize("selected", ["abc", "\x00", "1.0", "", "99999999999999999999999"])
def test_an_action_on_a_selection_that_is_not_ids_is_a_400_and_does_nothing(
    client, groups, listings, action, selected
):
    """A mistyped or forged selection (Django's admin filtered by the values as given: a 500)."""
    from directory.models import AccessRecord

    client.force_login(make_user("staff", roles.CENTRE_STAFF, centres=[listings["hospital"]]))
    client.raise_request_exception = False
    response = client.post(
        reverse("admin:directory_enquiry_changelist"),
        {"action": action, "_selected_action": [listings["enquiry"].pk, selected]},
    )
    assert response.status_code == 400
    assert "Error 400" in response.content.decode()
    assert Enquiry.objects.get().status == EnquiryStatus.NEW
    assert not AccessRecord.objects.exists()


def test_an_action_on_the_largest_possible_id_finds_nothing(client, groups, listings):
    client.force_login(make_user("staff", roles.CENTRE_STAFF, centres=[listings["hospital"]]))
    response = client.post(
        reverse("admin:directory_enquiry_changelist"),
        {"action": "mark_contacted", "_selected_action": [str(2**63 - 1)]},
    )
    assert response.status_code == 302
    assert Enquiry.objects.get().status == EnquiryStatus.NEW


def export(client, pks):
    response = client.post(
        reverse("admin:directory_enquiry_changelist"), {"action": "export_csv", "_selected_action": pks}
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    quoted = [",".join(f'"{cell}"' for cell in row) for row in csv.reader(io.StringIO(text))]
    assert text.replace('""', '"').splitlines() == [line.replace('""', '"') for line in quoted]  # every cell
    return rows


def test_export_csv_guards_formulas_and_includes_phone_for_centre_staff(client, groups, listings):
    nasty = EnquiryFactory(
        doctor=listings["doctor"],
        patient_name='=HYPERLINK("http://x")',
        message="+1 call me",
        phone="+919812345678",
    )
    client.force_login(make_user("staff", roles.CENTRE_STAFF, centres=[listings["hospital"]]))
    rows = export(client, [listings["enquiry"].pk, nasty.pk])
    header, *body = rows
    assert header[:8] == [
        "reference",
        "created",
        "status",
        "centre",
        "about",
        "patient_name",
        "phone",
        "email",
    ]
    by_ref = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert by_ref[nasty.reference]["patient_name"] == '\'=HYPERLINK("http://x")'
    assert by_ref[nasty.reference]["message"] == "'+1 call me"
    assert by_ref[nasty.reference]["phone"] == "98123 45678"  # dialable, and text to a spreadsheet
    assert by_ref[listings["enquiry"].reference]["phone"] == "9876543210"
    assert by_ref[listings["enquiry"].reference]["centre"] == "Sahyadri Mothercare"
    assert by_ref[listings["enquiry"].reference]["about"] == "Dr Meera Joshi"


def test_export_csv_leaves_out_contact_details_without_the_permission(client, groups, listings):
    user = make_user("viewer", centres=[listings["hospital"]])
    user.user_permissions.add(Permission.objects.get(codename="view_enquiry"))
    client.force_login(user)
    header, row = export(client, [listings["enquiry"].pk])
    assert "phone" not in header
    assert "9876543210" not in ",".join(row)
    page = client.get(reverse("admin:directory_enquiry_change", args=[listings["enquiry"].pk]))
    assert "9876543210" not in page.content.decode()


def test_language_bit_is_assigned_and_then_fixed(superuser_client):
    response = superuser_client.post(
        reverse("admin:directory_language_add"), {"name": "Konkani", "slug": "konkani", "bit": ""}
    )
    assert response.status_code == 302
    assert Language.objects.get(slug="konkani").bit == 0
    page = superuser_client.get(reverse("admin:directory_language_change", args=[Language.objects.get().pk]))
    assert page.context["adminform"].form.fields.get("bit") is None  # shown read-only


def test_a_superuser_erases_an_enquiry_on_the_patients_request(client, groups, listings):
    """A patient who lost her private link asks the grievance officer; a superuser erases it, as her
    own "withdraw" button would. Centre staff are not offered it."""
    enquiry = listings["enquiry"]
    url = reverse("admin:directory_enquiry_changelist")
    client.force_login(make_user("staff", roles.CENTRE_STAFF, centres=[listings["hospital"]]))
    assert "erase_on_request" not in client.get(url).content.decode()
    client.post(url, {"action": "erase_on_request", "_selected_action": [enquiry.pk]})
    assert Enquiry.objects.get(pk=enquiry.pk).patient_name == "Kavita Pawar"
    client.force_login(make_user("root", superuser=True))
    asked = client.post(url, {"action": "erase_on_request", "_selected_action": [enquiry.pk]})
    assert asked.status_code == 200 and f"<li>{enquiry.reference} (" in asked.content.decode()
    assert Enquiry.objects.get(pk=enquiry.pk).patient_name == "Kavita Pawar"  # not before confirming
    data = {"action": "erase_on_request", "_selected_action": [enquiry.pk], "confirm": "yes"}
    response = client.post(url, data, follow=True)
    assert "1 erased; their private links no longer work." in response.content.decode()
    logged = LogEntry.objects.get(object_id=str(enquiry.pk))
    assert (logged.user.username, logged.object_repr) == ("root", enquiry.reference)
    assert logged.get_change_message() == "Erased its personal data on the patient's request."
    row = Enquiry.objects.get(pk=enquiry.pk)
    assert (row.patient_name, row.phone, row.status, row.erased is not None) == ("", "", "withdrawn", True)
    assert row.reference == enquiry.reference
    # Its History shows the superuser's erasure to superusers, and not to the centre's staff, who are
    # not to learn that she went to the grievance officer (their own changes they still see).
    history = reverse("admin:directory_enquiry_history", args=[enquiry.pk])
    assert "Erased its personal data on the patient&#x27;s request." in client.get(history).content.decode()
    staff = User.objects.get(username="staff")
    LogEntry.objects.log_actions(staff.pk, [row], CHANGE, change_message="Called her on 12 March.")
    client.force_login(staff)
    seen = client.get(history)
    assert seen.status_code == 200 and "Called her on 12 March." in seen.content.decode()
    assert "Erased its personal data" not in seen.content.decode()


def test_bulk_deactivation_records_each_row_in_a_couple_of_queries(superuser_client, listings):
    """History and the admin log for every row, without a query per many-to-many link of each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("admin:directory_gynecologist_changelist")

    def deactivate(count):
        doctors = [GynecologistFactory(hospitals=[listings["hospital"]]) for _ in range(count)]
        with CaptureQueriesContext(connection) as queries:
            superuser_client.post(url, {"action": "deactivate", "_selected_action": [d.pk for d in doctors]})
        assert not Gynecologist.objects.filter(pk__in=[d.pk for d in doctors], is_active=True).exists()
        return len(queries)

    five, fifteen = deactivate(5), deactivate(15)
    # Django's admin log writes a row and looks up its content type for each; the versions of them all
    # go in one insert, their hospitals read in one query (it was four queries a row).
    assert (fifteen - five) / 10 <= 2


def test_staff_are_told_the_patient_reads_their_notes(superuser_client, listings):
    """Staff notes appear word for word on the patient's private page: the field says so."""
    enquiry = Enquiry.objects.get()
    html = superuser_client.get(f"/admin/directory/enquiry/{enquiry.pk}/change/").content.decode()
    assert "The patient reads these notes on her private enquiry page." in html
