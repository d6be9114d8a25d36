"""A backup restores to the same data, on SQLite and (when reachable) on PostgreSQL."""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

WRITE = (
    "from directory.models import City; "
    "City.objects.create(name='Nagpur', slug='nagpur', state='Maharashtra'); "
    "City.objects.create(name='Surat', slug='surat', state='Gujarat')"
)
CHANGE = "from directory.models import City; City.objects.filter(slug='surat').delete()"
READ = "from directory.models import City; print(sorted(City.objects.values_list('slug', flat=True)))"


def manage(database_url, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {"DATABASE_URL": database_url, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "portal.settings"}
    )
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
