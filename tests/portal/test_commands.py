from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from portal.roles import ROLES


@pytest.mark.django_db
def test_setup_roles_creates_the_five_groups_idempotently():
    call_command("setup_roles", stdout=StringIO())
    call_command("setup_roles", stdout=StringIO())
    names = set(Group.objects.values_list("name", flat=True))
    assert names == {
        "Editors",
        "Medical reviewers",
        "Directory managers",
        "Centre staff",
        "Grievance officers",
    }
    for name, codes in ROLES.items():
        group = Group.objects.get(name=name)
        got = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert got == set(codes)
    # What the contract says of the table itself (the line above only shows the database follows it).
    holders = {
        code: set(Group.objects.filter(permissions__codename=code).values_list("name", flat=True))
        for code in (
            "publish_article",
            "delete_article",
            "view_enquiry",
            "view_patient_contact",
            "change_grievance",
        )
    }
    assert holders == {
        "publish_article": {"Medical reviewers"},  # editors write but cannot publish
        "delete_article": {"Medical reviewers"},
        "view_enquiry": {"Centre staff"},  # only centre staff (and superusers) see enquiries
        "view_patient_contact": {"Centre staff"},
        "change_grievance": {"Grievance officers"},  # patients' data requests go to the grievance officer
    }


@pytest.mark.django_db
def test_seed_demo_makes_debug_only_accounts_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert User.objects.filter(username="admin", is_superuser=True).count() == 1
    assert User.objects.get(username="editor").groups.get().name == "Editors"


@pytest.mark.django_db
def test_seed_demo_never_creates_known_passwords_with_debug_off(settings):
    settings.DEBUG = False
    call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()
    assert Group.objects.count() == 5
