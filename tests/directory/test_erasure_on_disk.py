"""After a withdrawal, nothing of the patient is left in the SQLite files on disk (secure_delete, and
the write-ahead log emptied), even while the server's connection stays open."""

import pytest

from tests.e2e.server import _manage, server_env

SETUP_AND_WITHDRAW = """
import os
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
notifications.withdraw(Enquiry.objects.get(pk=gone.pk))
# Read the files while this connection is still open, as a running server's would be: closing the last
# connection checkpoints the log into the database file and deletes it, which hid what it held.
assert connection.connection is not None
database = connection.settings_dict["NAME"]
snapshot = b"".join(open(path, "rb").read() for path in (database, database + "-wal") if os.path.exists(path))
open(SNAPSHOT, "wb").write(snapshot)
"""


@pytest.mark.sqlite_only
def test_withdrawn_details_are_not_left_in_the_database_file(tmp_path):
    env = server_env(tmp_path)
    _manage(env, "migrate", "--noinput", "-v", "0")
    snapshot = tmp_path / "snapshot.bin"
    _manage(env, "shell", "-v", "0", "-c", f"SNAPSHOT = {str(snapshot)!r}\n" + SETUP_AND_WITHDRAW)
    data = snapshot.read_bytes()
    assert b"Keep Kumari" in data and b"+919811100000" in data  # the check can see what is there
    for secret in (b"Zarina", b"9822233344", b"zarina@example.in", b"twin sharing room"):
        assert secret not in data
