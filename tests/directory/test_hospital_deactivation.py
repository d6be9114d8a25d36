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
