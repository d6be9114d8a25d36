"""A backup restores to the same data, on SQLite and (when reachable) on PostgreSQL; it is readable by
its owner only, and backups older than the retention period are deleted."""

import datetime
import os
import shutil
import stat
import subprocess
import sys
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[2]

WRITE = (
    "from directory.models import City; "
    "City.objects.create(name='Nagpur', slug='nagpur', state='Maharashtra'); "
    "City.objects.create(name='Surat', slug='surat', state='Gujarat')"
)
CHANGE = "from directory.models import City; City.objects.filter(slug='surat').delete()"
READ = "from directory.models import City; print(sorted(City.objects.values_list('slug', flat=True)))"


def manage(database_url, *args, **extra_env):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {"DATABASE_URL": database_url, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "portal.settings"}
    )
    env.update(extra_env)
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def round_trip(database_url, backup_file):
    manage(database_url, "migrate", "--noinput", "-v", "0")
    manage(database_url, "shell", "-v", "0", "-c", WRITE)
    manage(database_url, "backup_db", "--output", str(backup_file))
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600  # patients' details: the owner's eyes only
    manage(database_url, "shell", "-v", "0", "-c", CHANGE)
    assert manage(database_url, "shell", "-v", "0", "-c", READ).strip() == "['nagpur']"
    manage(database_url, "restore_db", str(backup_file), "--yes")
    return manage(database_url, "shell", "-v", "0", "-c", READ).strip()


def test_sqlite_backup_restores_the_same_rows(tmp_path):
    assert (
        round_trip(f"sqlite:///{tmp_path / 'live.sqlite3'}", tmp_path / "backup.sqlite3")
        == "['nagpur', 'surat']"
    )


def _postgres_reachable() -> bool:
    return (
        shutil.which("pg_dump") is not None
        and subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0
    )


@pytest.mark.skipif(not _postgres_reachable(), reason="PostgreSQL is not reachable on 127.0.0.1")
def test_postgresql_backup_restores_the_same_rows(tmp_path):
    name = f"backup_test_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    try:
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
        assert round_trip(url, tmp_path / "backup.pgdump") == "['nagpur', 'surat']"
    finally:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)


def stamped(days_ago: float, suffix: str) -> str:
    made = datetime.datetime.now(ZoneInfo("Asia/Kolkata")) - datetime.timedelta(days=days_ago)
    return f"db-{made:%Y%m%d-%H%M%S}.{suffix}"


def test_a_backup_is_private_and_backups_older_than_the_retention_period_are_deleted(tmp_path):
    """Erased enquiries must not live on in old backups: a backup run deletes the backups beside it
    made more than ENQUIRY_RETENTION_DAYS ago, and nothing else."""
    database = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    manage(database, "migrate", "--noinput", "-v", "0")
    backups = tmp_path / "backups"
    backups.mkdir()
    names = {
        "old": stamped(31, "sqlite3"),
        "older": stamped(400, "pgdump"),
        "recent": stamped(29, "sqlite3"),
        "yesterday": stamped(1, "pgdump"),
        "other": "notes.txt",
        "copy": stamped(400, "sqlite3") + ".bak",
    }
    for name in names.values():
        (backups / name).write_text("an older backup")
    (backups / "new.sqlite3").write_text("made before: must lose its old mode")
    (backups / "new.sqlite3").chmod(0o644)

    out = manage(database, "backup_db", "--output", str(backups / "new.sqlite3"), ENQUIRY_RETENTION_DAYS="30")
    left = sorted(path.name for path in backups.iterdir())
    assert left == sorted(["new.sqlite3", names["recent"], names["yesterday"], names["other"], names["copy"]])
    assert f"removed {names['old']}: older than 30 days" in out
    assert f"removed {names['older']}: older than 30 days" in out
    assert stat.S_IMODE((backups / "new.sqlite3").stat().st_mode) == 0o600
    assert (backups / "new.sqlite3").read_bytes().startswith(b"SQLite format 3")


STORE = (
    "from directory import notifications; from directory.models import Enquiry; "
    "from tests.factories import GynecologistFactory, HospitalFactory; "
    "doctor = GynecologistFactory(hospitals=[HospitalFactory()]); "
    "[notifications.store_enquiry(Enquiry(doctor=doctor, patient_name=name, phone='+919811100077', consent=True)) "
    "for name in ('Restore Rupa', 'Kept Kavya')]"
)
WITHDRAW = (
    "from directory import notifications; from directory.models import Enquiry; "
    "notifications.withdraw(Enquiry.objects.get(patient_name='Restore Rupa'))"
)
ENQUIRIES = (
    "from directory.models import Enquiry; "
    "print(sorted(Enquiry.objects.values_list('patient_name', 'status', 'access_hash')))"
)


def test_a_restore_does_not_bring_back_a_patient_who_withdrew_since_the_backup(tmp_path):
    """Withdrawal erases for good: the restored database forgets her again."""
    database = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    manage(database, "migrate", "--noinput", "-v", "0")
    manage(database, "shell", "-v", "0", "-c", STORE)
    manage(database, "backup_db", "--output", str(tmp_path / "backup.sqlite3"))
    manage(database, "shell", "-v", "0", "-c", WITHDRAW)
    out = manage(database, "restore_db", str(tmp_path / "backup.sqlite3"), "--yes")
    assert "erased again 1 enquiries erased since the backup was made" in out
    rows = eval(manage(database, "shell", "-v", "0", "-c", ENQUIRIES))  # noqa: S307 - our own print()
    assert [(name, status, bool(token)) for name, status, token in rows] == [
        ("", "withdrawn", False),
        ("Kept Kavya", "new", True),
    ]
