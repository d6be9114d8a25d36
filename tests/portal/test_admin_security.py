"""Admin hardening: login lockout, strong passwords, staff actions logged."""

import logging

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from tests.otp import app_device, current_code


@pytest.fixture
def staff_user(db):
    user = User.objects.create_user(
        "asha", password="a-long-correct-password", is_staff=True, is_superuser=True
    )
    app_device(user)
    return user


def login(client, password, code=None):
    code = current_code(app_device(User.objects.get(username="asha"))) if code is None else code
    return client.post(
        "/admin/login/?next=/admin/", {"username": "asha", "password": password, "otp_token": code}
    )


def test_five_failed_logins_lock_the_account_out_even_with_the_right_password(client, staff_user, settings):
    settings.AXES_ENABLED = True
    for _ in range(4):
        assert login(client, "wrong").status_code == 200  # the form again, with its error
    locked = login(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert login(client, "a-long-correct-password").status_code == 429


def test_five_wrong_codes_lock_the_account_out_even_with_the_right_code(client, staff_user, settings):
    settings.AXES_ENABLED = True
    for wrong in ["000000", "111111", "222222", "333333"]:
        response = login(client, "a-long-correct-password", wrong)
        assert response.status_code == 200
        assert "Please enter a correct username, password and code." in response.content.decode()
    locked = login(client, "a-long-correct-password", "444444")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert login(client, "a-long-correct-password").status_code == 429


def test_a_correct_login_before_the_limit_succeeds(client, staff_user, settings):
    settings.AXES_ENABLED = True
    login(client, "wrong")
    response = login(client, "a-long-correct-password")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


@pytest.mark.parametrize("password", ["short1!", "password123456", "12345678901234", "asha-asha"])
def test_weak_passwords_are_refused(password, db):
    user = User(username="asha", email="asha@example.com")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_admin_actions_are_written_to_the_log(staff_user, caplog):
    with caplog.at_level(logging.INFO, logger="portal.audit"):
        LogEntry.objects.log_actions(
            user_id=staff_user.pk,
            queryset=[staff_user],
            action_flag=ADDITION,
            change_message="added",
            single_object=True,
        )
    record = next(r for r in caplog.records if r.name == "portal.audit")
    assert record.getMessage() == "admin add user"
    assert record.user_id == staff_user.pk
    assert record.content_type == f"auth.{ContentType.objects.get_for_model(User).model}"


def test_an_action_on_task_results_takes_their_uuids_and_refuses_anything_else(staff_user):
    """Task results are named by UUIDs: the check of a selection follows each model's primary key."""
    from django.test import Client

    from tests.otp import verify_session

    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    verify_session(client, staff_user)
    url = "/admin/django_tasks_database/dbtaskresult/"
    uuid = "0b6f3a52-6f0e-4f55-9d0a-1f1f5c6b8e21"
    chosen = client.post(url, {"action": "delete_selected", "_selected_action": [uuid]})
    assert chosen.status_code == 200  # the admin answers as usual: nothing by that id
    assert client.post(url, {"action": "delete_selected", "_selected_action": ["7"]}).status_code == 400
