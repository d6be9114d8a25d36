from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from directory.models import Enquiry, EnquiryStatus
from tests.factories import GynecologistFactory


def enquiry(doctor, status, updated_days_ago):
    item = Enquiry.objects.create(
        doctor=doctor, patient_name="Meera", phone="+919812345678", consent=True, status=status
    )
    Enquiry.objects.filter(pk=item.pk).update(updated=timezone.now() - timedelta(days=updated_days_ago))
    return item.pk


@pytest.mark.django_db
@time_machine.travel("2026-06-01 10:00 +0530", tick=False)
def test_purge_deletes_only_closed_enquiries_older_than_the_retention_period(settings):
    doctor = GynecologistFactory()
    old_closed = enquiry(doctor, EnquiryStatus.CLOSED, 181)
    recent_closed = enquiry(doctor, EnquiryStatus.CLOSED, 179)
    old_open = enquiry(doctor, EnquiryStatus.NEW, 400)
    old_contacted = enquiry(doctor, EnquiryStatus.CONTACTED, 400)
    out = StringIO()
    call_command("purge_enquiries", "--days", "180", stdout=out)
    assert "deleted 1 closed enquiries last updated before 2025-12-03" in out.getvalue()
    remaining = set(Enquiry.objects.values_list("pk", flat=True))
    assert remaining == {recent_closed, old_open, old_contacted}
    assert old_closed not in remaining


@pytest.mark.django_db
def test_purge_dry_run_deletes_nothing():
    doctor = GynecologistFactory()
    enquiry(doctor, EnquiryStatus.CLOSED, 365)
    out = StringIO()
    call_command("purge_enquiries", "--dry-run", stdout=out)
    assert out.getvalue().startswith("would delete 1 closed enquiries")
    assert Enquiry.objects.count() == 1
