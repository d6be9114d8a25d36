"""Demo accounts made by `make run` never survive into debug-off.

Their password and backup codes are published in the README. `check --deploy` reports them, the
production entry point (portal.wsgi) refuses to start while one is left, and `retire_demo_accounts`
makes them unusable.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import checks
from django.core.management import call_command
from django_otp import devices_for_user

from portal.demo import DEMO_BACKUP_CODES, DEMO_PASSWORD
from tests.otp import app_device

ROOT = Path(__file__).resolve().parents[2]


def deploy_errors() -> list[str]:
    return [
        f"{message.id}: {message.msg}"
        for message in checks.run_checks(include_deployment_checks=True)
        if message.id and message.id.startswith("portal.")
    ]


def add_code(username: str, code: str) -> None:
    call_command("addstatictoken", username, "-t", code, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.mark.django_db
def test_the_deploy_check_is_clean_without_demo_accounts():
    User.objects.create_user("admin", password="a-real-long-admin-password", is_staff=True, is_superuser=True)
    User.objects.create_user("asha", password="another-real-password", is_staff=True)
    assert deploy_errors() == []


@pytest.mark.django_db
def test_the_deploy_check_names_every_account_with_the_demo_password_or_a_demo_code():
    User.objects.create_user("editor", password=DEMO_PASSWORD, is_staff=True)
    User.objects.create_user("staff", password=DEMO_PASSWORD)  # a demo username, staff or not
    User.objects.create_user("asha", password=DEMO_PASSWORD, is_staff=True)  # any staff account
    User.objects.create_user("ravi", password="a-real-long-password", is_staff=True)
    add_code("ravi", DEMO_BACKUP_CODES[4])  # a published backup code on a real account
    User.objects.create_user("patient", password=DEMO_PASSWORD)  # cannot sign in anywhere: not looked at
    User.objects.create_user("reviewer", password=DEMO_PASSWORD, is_staff=True, is_active=False)
    assert deploy_errors() == [
        "portal.E001: Demo accounts with the published demo password or backup codes are still here: "
        "asha, editor, ravi, staff."
    ]


@pytest.mark.django_db
def test_retire_demo_accounts_makes_them_unusable_and_the_check_clean(client, capsys):
    editor = User.objects.create_user("editor", password=DEMO_PASSWORD, is_staff=True)
    add_code("editor", DEMO_BACKUP_CODES[0])
    app_device(editor)
    real = User.objects.create_user("admin", password="a-real-long-admin-password", is_staff=True)
    call_command("retire_demo_accounts")
    assert capsys.readouterr().out.strip() == "Retired 1 demo account(s): editor."
    editor.refresh_from_db()
    assert not editor.is_active and not editor.has_usable_password()
    assert list(devices_for_user(editor, confirmed=None)) == []
    real.refresh_from_db()
    assert real.is_active and real.check_password("a-real-long-admin-password")
    assert deploy_errors() == []
    call_command("retire_demo_accounts")
    assert capsys.readouterr().out.strip() == "No demo accounts left."


# ---- The production entry point, in a process of its own on a database of its own


def run(database: Path, code: str, debug: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DJANGO_SECRET_KEY": "entry-point-test-key-" + "q" * 40,
            "DJANGO_DEBUG": "1" if debug else "0",
            "DJANGO_HTTPS": "0",
            "DJANGO_LOG_LEVEL": "ERROR",
        }
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


MANAGE = "import sys; from django.core.management import execute_from_command_line; execute_from_command_line(sys.argv[:1] + {args!r})"
MAKE_DEMO_ACCOUNT = (
    "import django; django.setup(); from django.contrib.auth.models import User; "
    f"User.objects.create_user('reviewer', password={DEMO_PASSWORD!r}, is_staff=True)"
)


def test_the_production_entry_point_refuses_to_start_while_a_demo_account_is_left(tmp_path):
    database = tmp_path / "copied-from-make-run.sqlite3"
    assert run(database, MANAGE.format(args=["migrate", "--noinput", "-v", "0"]), debug=True).returncode == 0
    assert run(database, MAKE_DEMO_ACCOUNT, debug=True).returncode == 0

    refused = run(database, "import portal.wsgi")
    assert refused.returncode != 0
    assert (
        "ImproperlyConfigured: Refusing to start with debug off: the demo accounts reviewer" in refused.stderr
    )
    assert "retire_demo_accounts" in refused.stderr
    deploy = run(database, MANAGE.format(args=["check", "--deploy"]))
    assert deploy.returncode != 0 and "portal.E001" in deploy.stderr

    assert run(database, "import portal.wsgi", debug=True).returncode == 0  # debug on: make run as ever
    retire = run(database, MANAGE.format(args=["retire_demo_accounts"]))
    assert retire.returncode == 0 and "Retired 1 demo account(s): reviewer." in retire.stdout
    started = run(database, "import portal.wsgi; print(portal.wsgi.application.__class__.__name__)")
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "WSGIHandler"


# ---- With debug on (`make run`), the demo accounts sign in with the backup codes the README names


@pytest.mark.django_db
def test_demo_accounts_sign_in_with_the_backup_codes_the_readme_names(client, settings):
    readme = (ROOT / "README.md").read_text()
    assert f"`{DEMO_PASSWORD}`" in readme
    assert f"`{DEMO_BACKUP_CODES[0]}` to `{DEMO_BACKUP_CODES[-1]}`" in readme
    settings.DEBUG = True
    call_command("seed_demo", "--articles", stdout=open(os.devnull, "w"))  # noqa: SIM115

    def sign_in(username, code):
        client.logout()
        data = {"username": username, "password": DEMO_PASSWORD, "otp_token": code}
        return client.post("/admin/login/?next=/admin/", data)

    for username in ("admin", "editor", "reviewer", "manager", "staff"):
        assert sign_in(username, DEMO_BACKUP_CODES[0])["Location"] == "/admin/", username
        assert client.get("/admin/").status_code == 200
    assert sign_in("admin", DEMO_BACKUP_CODES[0]).status_code == 200  # used up
    call_command("seed_demo", "--articles", stdout=open(os.devnull, "w"))  # noqa: SIM115 - `make seed`
    assert sign_in("admin", DEMO_BACKUP_CODES[0])["Location"] == "/admin/"  # put back
    assert User.objects.get(username="admin").staticdevice_set.get().token_set.count() == 9
