"""After a withdrawal, nothing of the patient is left in the SQLite files on disk (secure_delete)."""

import pytest

from tests.e2e.server import _manage, server_env

SETUP_AND_WITHDRAW = """
from django.db import connection
from directory import notifications
from directory.models import Enquiry
from tests.factories import GynecologistFactory, HospitalFactory
doctor = GynecologistFactory(hospitals=[HospitalFactory(email="centre@example.in")])
kept = Enquiry(doctor=doctor, patient_name="Keep Kumari", phone="+919811100000", consent=True)
notifications.store_enquiry(kept)
gone = Enquiry(doctor=doctor, patient_name="Zarina Zaveri", phone="+919822233344", email="zarina@example.in",
               message="Quietly asking about the twin sharing room", consent=True)
notifications.store_enquiry(gone)
with connection.cursor() as cursor:
    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
notifications.withdraw(Enquiry.objects.get(pk=gone.pk))
"""


@pytest.mark.sqlite_only
def test_withdrawn_details_are_not_left_in_the_database_file(tmp_path):
    env = server_env(tmp_path)
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "shell", "-v", "0", "-c", SETUP_AND_WITHDRAW)
    files = [tmp_path / name for name in ("e2e.sqlite3", "e2e.sqlite3-wal") if (tmp_path / name).exists()]
    data = b"".join(path.read_bytes() for path in files)
    assert b"Keep Kumari" in data and b"+919811100000" in data  # the check can see what is there
    for secret in (b"Zarina", b"9822233344", b"zarina@example.in", b"twin sharing room"):
        assert secret not in data
