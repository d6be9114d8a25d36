import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from portal import roles


@pytest.fixture
def groups(db):
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Group.objects


def _staff(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(username=username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(groups, django_user_model):
    return _staff(django_user_model, "ed", roles.EDITORS)


@pytest.fixture
def reviewer(groups, django_user_model):
    return _staff(django_user_model, "rev", roles.MEDICAL_REVIEWERS)
