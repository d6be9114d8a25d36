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
