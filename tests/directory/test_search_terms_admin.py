"""Search terms in the admin: editors and directory managers keep the words patients use."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from directory.models import SearchTerm
from portal import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    call_command("setup_roles", stdout=io.StringIO())
    user = User.objects.create_user("ed", password="x" * 16, is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    client.force_login(user)
    return client


def test_the_changelist_lists_and_searches_the_starter_terms(editor_client):
    html = editor_client.get("/admin/directory/searchterm/", {"q": "heartburn"}).content.decode()
    assert "acidity" in html and "acid reflux" in html
    assert "bombay" not in html
    everything = editor_client.get("/admin/directory/searchterm/", {"group__exact": "place"}).content.decode()
    assert "bombay" in everything and "acidity" not in everything
    assert "(ignored)" in editor_client.get("/admin/directory/searchterm/", {"q": "near"}).content.decode()


def test_an_editor_adds_a_term_written_any_way_and_the_search_uses_it(editor_client, client):
    response = editor_client.post(
        "/admin/directory/searchterm/add/",
        {"phrase": "  Seene-mein  JALAN ", "means": "Heartburn", "group": "synonym"},
    )
    assert response.status_code == 302
    term = SearchTerm.objects.get(phrase="seene mein jalan")
    assert term.means == "heartburn"
    change = editor_client.get(f"/admin/directory/searchterm/{term.pk}/change/").content.decode()
    assert 'value="seene mein jalan"' in change


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"phrase": "acidity", "means": "heartburn", "group": "synonym"},
            "Search term with this Phrase already exists.",
        ),
        (
            {"phrase": "ACIDITY!", "means": "heartburn", "group": "synonym"},
            "Search term with this Phrase already exists.",
        ),
        (
            {"phrase": "!!!", "means": "x", "group": "synonym"},
            "Type the word or phrase, in letters or digits.",
        ),
        ({"phrase": "pune", "means": "Pune", "group": "place"}, "A phrase read as itself changes nothing"),
        ({"phrase": "xyz", "means": "", "group": "weird"}, "Select a valid choice."),
    ],
)
def test_a_term_that_cannot_work_is_refused_with_a_message(editor_client, data, message):
    response = editor_client.post("/admin/directory/searchterm/add/", data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_centre_staff_cannot_edit_search_terms(client):
    call_command("setup_roles", stdout=io.StringIO())
    user = User.objects.create_user("staff", password="x" * 16, is_staff=True)
    user.groups.add(Group.objects.get(name=roles.CENTRE_STAFF))
    client.force_login(user)
    assert client.get("/admin/directory/searchterm/").status_code == 403
