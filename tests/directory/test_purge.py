"""Retention: personal data is erased after ENQUIRY_RETENTION_DAYS, whatever the enquiry's status."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from directory.models import Enquiry, EnquiryStatus, Grievance, GrievanceStatus
from tests.factories import GynecologistFactory

pytestmark = pytest.mark.django_db

NOW = "2026-06-01 10:00 +0530"


def enquiry(doctor, status, days_ago):
    item = Enquiry.objects.create(
        doctor=doctor,
        patient_name="Meera Joshi",
        phone="+919812345678",
        email="meera@example.in",
        message="Please call in the evening.",
        staff_notes="Called Meera on +91 98123 45678",
        consent=True,
        status=status,
    )
    Enquiry.objects.filter(pk=item.pk).update(created=timezone.now() - timedelta(days=days_ago))
    return item.pk


@time_machine.travel(NOW, tick=False)
def test_purge_erases_personal_data_of_every_old_enquiry_and_keeps_the_record():
    doctor = GynecologistFactory()
    old = {status: enquiry(doctor, status, 181) for status in (EnquiryStatus.NEW, EnquiryStatus.CLOSED)}
    recent = enquiry(doctor, EnquiryStatus.CONTACTED, 179)
    out = StringIO()
    call_command("purge_enquiries", stdout=out)  # ENQUIRY_RETENTION_DAYS: 180
    assert out.getvalue().startswith("erased the personal data of 2 enquiries sent before 2025-12-03")
    for status, pk in old.items():
        row = Enquiry.objects.get(pk=pk)
        erased = (row.patient_name, row.phone, row.email, row.message, row.staff_notes, row.preferred_date)
        assert erased == ("", "", "", "", "", None)
        assert row.status == status and row.reference.startswith("NM-") and row.doctor_id == doctor.pk
        assert row.erased is not None
    kept = Enquiry.objects.get(pk=recent)
    assert (kept.patient_name, kept.phone) == ("Meera Joshi", "+919812345678") and kept.erased is None
    again = StringIO()
    call_command("purge_enquiries", stdout=again)
    assert again.getvalue().startswith("erased the personal data of 0 enquiries")


@time_machine.travel(NOW, tick=False)
def test_purge_dry_run_erases_nothing():
    enquiry(GynecologistFactory(), EnquiryStatus.CLOSED, 365)
    out = StringIO()
    call_command("purge_enquiries", "--dry-run", stdout=out)
    assert out.getvalue().startswith("would erase the personal data of 1 enquiries")
    assert Enquiry.objects.get().patient_name == "Meera Joshi"


@time_machine.travel(NOW, tick=False)
def test_purge_erases_grievances_a_year_after_they_were_closed():
    old = Grievance.objects.create(kind="erasure", name="Asha", email="asha@example.in", message="Erase me")
    new = Grievance.objects.create(kind="access", name="Bina", email="bina@example.in", message="What?")
    Grievance.objects.filter(pk=old.pk).update(
        status=GrievanceStatus.CLOSED, updated=timezone.now() - timedelta(days=366)
    )
    Grievance.objects.filter(pk=new.pk).update(status=GrievanceStatus.CLOSED)
    out = StringIO()
    call_command("purge_enquiries", stdout=out)
    assert "and of 1 grievances closed before 2025-06-01" in out.getvalue()
    assert Grievance.objects.values_list("name", "email", "message").get(pk=old.pk) == ("", "", "")
    assert Grievance.objects.get(pk=new.pk).name == "Bina"
