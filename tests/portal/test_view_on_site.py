"""The admin's "view on site" shortcut (/admin/r/<content type>/<id>/) opens only what the user may view
in the admin: otherwise any staff account could walk the ids and learn the slugs of draft articles."""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from articles.models import Article, Status
from directory.models import Hospital
from portal import roles
from tests.factories import ArticleFactory, HospitalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _roles():
    call_command("setup_roles", verbosity=0)


def staff(username, group, centres=()):
    user = User.objects.create_user(username, password="x" * 16, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    for centre in centres:
        centre.staff.add(user)
    return user


def shortcut(model, pk):
    return f"/admin/r/{ContentType.objects.get_for_model(model).pk}/{pk}/"


def test_staff_who_may_not_view_articles_cannot_learn_a_drafts_slug(client):
    draft = ArticleFactory(slug="secret-draft-slug", status=Status.DRAFT)
    client.force_login(staff("centre", roles.CENTRE_STAFF, centres=[HospitalFactory()]))
    response = client.get(shortcut(Article, draft.pk))
    assert response.status_code == 404
    assert "secret-draft-slug" not in response.get("Location", "") + response.content.decode()
    # A missing id answers alike: nothing tells an existing draft from a gap in the ids.
    assert client.get(shortcut(Article, draft.pk + 1000)).status_code == 404


def test_staff_who_may_view_the_article_are_taken_to_it(client):
    draft = ArticleFactory(slug="swimming", status=Status.DRAFT)
    client.force_login(staff("ed", roles.EDITORS))
    response = client.get(shortcut(Article, draft.pk))
    assert response.status_code == 302 and response["Location"].endswith("/articles/swimming/")


def test_centre_staff_reach_their_own_centre_but_not_another(client):
    own, other = HospitalFactory(slug="own-centre"), HospitalFactory(slug="other-centre")
    client.force_login(staff("centre", roles.CENTRE_STAFF, centres=[own]))
    assert client.get(shortcut(Hospital, own.pk))["Location"].endswith("/hospitals/own-centre/")
    assert client.get(shortcut(Hospital, other.pk)).status_code == 404


@pytest.mark.parametrize("path", ["/admin/r/abc/1/", "/admin/r/999999/1/", "/admin/r/1/not-an-id/"])
def test_nonsense_is_a_404(admin_client, path):
    assert admin_client.get(path).status_code == 404
