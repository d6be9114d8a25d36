"""Onboarding a centre's staff from the command line."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import HospitalFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("add_centre_staff", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_creates_the_account_in_centre_staff_attached_to_the_centre():
    centre = HospitalFactory(name="Sahyadri Mothercare", slug="sahyadri-mothercare")
    out, _ = run("priya", "--centre", "sahyadri-mothercare", "--email", "priya@sahyadri.example")
    user = User.objects.get(username="priya")
    assert user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert user.email == "priya@sahyadri.example"
    assert list(user.groups.values_list("name", flat=True)) == ["Centre staff"]
    assert list(user.centres.all()) == [centre]
    assert "Created priya: centre staff for Sahyadri Mothercare." in out
    assert "changepassword priya" in out


def test_is_idempotent_and_adds_a_second_centre():
    first = HospitalFactory(name="Alpha Hospital", slug="alpha")
    second = HospitalFactory(name="Beta Clinic", slug="beta")
    run("ravi", "--centre", "alpha")
    user = User.objects.get(username="ravi")
    user.set_password("a-password-they-chose")
    user.save()
    out, _ = run("ravi", "--centre", "alpha")
    assert "Updated ravi: centre staff for Alpha Hospital." in out
    run("ravi", "--centre", "beta")
    user = User.objects.get(username="ravi")
    assert set(user.centres.all()) == {first, second}
    assert user.check_password("a-password-they-chose")  # never reset by a rerun
    assert User.objects.count() == 1


def test_unknown_centre_is_a_clear_error_and_nothing_is_written():
    HospitalFactory(slug="sahyadri-mothercare")
    with pytest.raises(
        CommandError,
        match=r"no centre has the slug 'sahyadri-mothercar'\. Did you mean: sahyadri-mothercare\?",
    ):
        run("priya", "--centre", "sahyadri-mothercar")
    assert not User.objects.filter(username="priya").exists()


@pytest.mark.parametrize("username", ["has space", "semi;colon", ""])
def test_a_username_django_would_refuse_is_refused(username):
    HospitalFactory(slug="alpha")
    with pytest.raises(CommandError, match="USERNAME"):
        run(username, "--centre", "alpha")
    assert User.objects.count() == 0


def test_a_bad_email_is_refused():
    HospitalFactory(slug="alpha")
    with pytest.raises(CommandError, match="is not an email address"):
        run("priya", "--centre", "alpha", "--email", "not-an-email")
    assert User.objects.count() == 0
