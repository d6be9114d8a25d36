"""Deactivating a centre withdraws its packages: patients never see a package of an unlisted centre."""

import pytest

from directory.models import Hospital, MaternityPackage
from tests.factories import HospitalFactory, MaternityPackageFactory

pytestmark = pytest.mark.django_db


def test_bulk_deactivating_a_centre_deactivates_its_packages(admin_client):
    closing, other = HospitalFactory(), HospitalFactory()
    package = MaternityPackageFactory(hospital=closing)
    elsewhere = MaternityPackageFactory(hospital=other)
    response = admin_client.post(
        "/admin/directory/hospital/", {"action": "deactivate", "_selected_action": [closing.pk]}, follow=True
    )
    assert "1 of their packages were deactivated too." in response.content.decode()
    assert not Hospital.objects.get(pk=closing.pk).is_active
    assert not MaternityPackage.objects.get(pk=package.pk).is_active
    assert MaternityPackage.objects.get(pk=elsewhere.pk).is_active
    assert package.slug not in admin_client.get("/maternity-packages/").content.decode()


def test_deactivating_a_centre_in_the_shell_withdraws_its_packages():
    """The rule lives on the model, so the shell, the importer and the admin all keep it."""
    centre = HospitalFactory()
    package = MaternityPackageFactory(hospital=centre)
    centre = Hospital.objects.get(pk=centre.pk)
    centre.is_active = False
    centre.save()
    assert not MaternityPackage.objects.get(pk=package.pk).is_active


def test_queryset_deactivation_withdraws_packages_and_says_content_changed():
    from directory.signals import content_changed

    closing, other = HospitalFactory(), HospitalFactory()
    package, elsewhere = MaternityPackageFactory(hospital=closing), MaternityPackageFactory(hospital=other)
    senders = []

    def listen(sender, **kwargs):
        senders.append(sender)

    content_changed.connect(listen)
    try:
        assert Hospital.objects.filter(pk=closing.pk).set_active(False) == 1
    finally:
        content_changed.disconnect(listen)
    assert set(senders) == {Hospital, MaternityPackage}
    assert MaternityPackage.objects.get(pk=package.pk).is_active is False
    assert MaternityPackage.objects.get(pk=elsewhere.pk).is_active is True


def test_saving_an_active_centre_leaves_its_packages_alone():
    centre = HospitalFactory()
    package = MaternityPackageFactory(hospital=centre)
    centre = Hospital.objects.get(pk=centre.pk)
    centre.phone = "020 1234 5678"
    centre.save()
    assert MaternityPackage.objects.get(pk=package.pk).is_active is True


def test_reactivating_offers_to_restore_only_what_deactivation_withdrew(admin_client):
    centre = HospitalFactory()
    withdrawn = MaternityPackageFactory(hospital=centre)
    already_off = MaternityPackageFactory(hospital=centre, is_active=False)
    Hospital.objects.filter(pk=centre.pk).set_active(False)
    plain = admin_client.post(
        "/admin/directory/hospital/", {"action": "activate", "_selected_action": [centre.pk]}, follow=True
    )
    assert "1 of their packages were withdrawn when they were deactivated and are still hidden" in (
        plain.content.decode()
    )
    assert MaternityPackage.objects.get(pk=withdrawn.pk).is_active is False
    Hospital.objects.filter(pk=centre.pk).set_active(False)
    admin_client.post(
        "/admin/directory/hospital/", {"action": "activate_with_packages", "_selected_action": [centre.pk]}
    )
    assert Hospital.objects.get(pk=centre.pk).is_active
    assert MaternityPackage.objects.get(pk=withdrawn.pk).is_active is True
    assert MaternityPackage.objects.get(pk=already_off.pk).is_active is False  # a manager's choice stays


def test_the_centre_form_offers_the_restore_as_a_tick_box(admin_client):
    centre = HospitalFactory()
    withdrawn = MaternityPackageFactory(hospital=centre)
    Hospital.objects.filter(pk=centre.pk).set_active(False)
    url = f"/admin/directory/hospital/{centre.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    assert (
        form.fields["restore_withdrawn_packages"].label
        == "List again the 1 package withdrawn with this centre"
    )
    data = {
        "name": centre.name,
        "slug": centre.slug,
        "city": centre.city_id,
        "locality": centre.locality,
        "is_active": "on",
        "restore_withdrawn_packages": "on",
        "packages-TOTAL_FORMS": "1",
        "packages-INITIAL_FORMS": "1",
        "packages-0-id": withdrawn.pk,
        "packages-0-hospital": centre.pk,
        "packages-0-name": withdrawn.name,
        "packages-0-slug": withdrawn.slug,
        "packages-0-delivery_type": withdrawn.delivery_type,
        "packages-0-room_type": withdrawn.room_type,
        "packages-0-price": withdrawn.price,
        "packages-0-nights": withdrawn.nights,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert MaternityPackage.objects.get(pk=withdrawn.pk).is_active is True


def test_a_doctors_centre_in_another_city_needs_a_confirmation(admin_client):
    from tests.factories import CityFactory, GynecologistFactory

    pune, mumbai = CityFactory(name="Pune", slug="pune"), CityFactory(name="Mumbai", slug="mumbai")
    far = HospitalFactory(name="Seaside Mothercare", city=mumbai)
    doctor = GynecologistFactory(city=pune)
    url = f"/admin/directory/gynecologist/{doctor.pk}/change/"
    data = {
        "name": doctor.name,
        "slug": doctor.slug,
        "gender": "female",
        "registration_number": doctor.registration_number,
        "is_active": "on",
        "city": pune.pk,
        "hospitals": [far.pk],
        "qualifications": doctor.qualifications,
        "experience_years": 10,
        "consultation_fee": 800,
    }
    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["hospitals"] == [
        "Seaside Mothercare (Mumbai) is not in Pune. Patients searching Pune will be sent there: "
        "tick the confirmation below if that is right."
    ]
    assert admin_client.post(url, {**data, "confirm_centres_elsewhere": "on"}).status_code == 302
    assert list(doctor.hospitals.all()) == [far]


@pytest.mark.parametrize("edited_row", [False, True])
def test_unticking_active_on_the_centre_form_withdraws_its_packages(admin_client, edited_row):
    centre = HospitalFactory()
    package = MaternityPackageFactory(hospital=centre, price=70000)
    url = f"/admin/directory/hospital/{centre.pk}/change/"
    data = {
        "name": centre.name,
        "slug": centre.slug,
        "city": centre.city_id,
        "locality": centre.locality,
        "packages-TOTAL_FORMS": "1",
        "packages-INITIAL_FORMS": "1",
        "packages-0-id": package.pk,
        "packages-0-hospital": centre.pk,
        "packages-0-name": package.name,
        "packages-0-slug": package.slug,
        "packages-0-delivery_type": package.delivery_type,
        "packages-0-room_type": package.room_type,
        "packages-0-price": 72000 if edited_row else package.price,
        "packages-0-nights": package.nights,
        "packages-0-is_active": "on",
    }
    response = admin_client.post(url, data)  # "Is active" left unticked
    assert response.status_code == 302, response.context["adminform"].form.errors
    package = MaternityPackage.objects.get(pk=package.pk)
    assert (package.is_active, package.withdrawn_with_centre) == (False, True)
    assert package.price == (72000 if edited_row else 70000)
    assert admin_client.get(package.get_absolute_url()).status_code == 404
