"""Many enquiries from one address at the same moment: no more than the limit are stored (PostgreSQL)."""

import threading

import pytest
from django.db import connections

from directory.models import Enquiry
from tests.client import FormClient
from tests.factories import GynecologistFactory, HospitalFactory

pytestmark = pytest.mark.postgres_only(
    reason="needs concurrent connections (PostgreSQL); SQLite is covered by make loadtest"
)


@pytest.mark.django_db(transaction=True)
def test_a_burst_from_one_address_stores_no_more_than_the_limit(settings):
    settings.ENQUIRY_RATE_LIMIT = 5
    doctor = GynecologistFactory(hospitals=[HospitalFactory()])
    url = f"/doctors/{doctor.slug}/enquire/"
    data = {
        "patient_name": "Load Test",
        "phone": "9876543210",
        "consent": "on",
        "age": "adult",
        "website": "",
    }
    start = threading.Barrier(12)
    statuses = []

    def send():
        client = FormClient(REMOTE_ADDR="203.0.113.50")
        start.wait()
        try:
            statuses.append(client.post(url, data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302] * 5 + [429] * 7
    assert Enquiry.objects.count() == 5
