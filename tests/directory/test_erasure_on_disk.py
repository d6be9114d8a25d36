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
if BUSY_READER:
    # Another process in the middle of a read: the checkpoint cannot finish while it lasts.
    import sqlite3, time
    reader = sqlite3.connect(connection.settings_dict["NAME"])
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM directory_enquiry").fetchone()
    started = time.monotonic()
    notifications.withdraw(Enquiry.objects.get(pk=gone.pk))
    assert time.monotonic() - started < 5, "the withdrawal waited for the reader"
    reader.close()
    from django.core.management import call_command
    call_command("purge_enquiries")  # the daily purge empties what the withdrawal could not
else:
    notifications.withdraw(Enquiry.objects.get(pk=gone.pk))
# Read the files while this connection is still open, as a running server's would be: closing the last
# connection checkpoints the log into the database file and deletes it, which hid what it held.
assert connection.connection is not None
database = connection.settings_dict["NAME"]
snapshot = b"".join(open(path, "rb").read() for path in (database, database + "-wal") if os.path.exists(path))
open(SNAPSHOT, "wb").write(snapshot)
"""


@pytest.mark.sqlite_only
@pytest.mark.parametrize("busy_reader", [False, True], ids=["quiet", "busy reader"])
def test_withdrawn_details_are_not_left_in_the_database_file(tmp_path, busy_reader):
    """With a reader busy at the time, the withdrawal does not wait for it (it waited 20 s) and the
    daily purge empties the log afterwards."""
    env = server_env(tmp_path)
    _manage(env, "migrate", "--noinput", "-v", "0")
    snapshot = tmp_path / "snapshot.bin"
    script = f"SNAPSHOT = {str(snapshot)!r}\nBUSY_READER = {busy_reader}\n" + SETUP_AND_WITHDRAW
    _manage(env, "shell", "-v", "0", "-c", script)
    data = snapshot.read_bytes()
    assert b"Keep Kumari" in data and b"+919811100000" in data  # the check can see what is there
    for secret in (b"Zarina", b"9822233344", b"zarina@example.in", b"twin sharing room"):
        assert secret not in data
