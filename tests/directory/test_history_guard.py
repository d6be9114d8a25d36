"""History's "restore this version" and "recover deleted" pages, for every role (review findings).

django-reversion finds a version by its id and the object's id alone and restores the whole revision
before the change form checks anything: a doctor's History could put back a live article's old text,
centre staff could put back a version of another centre's package, or fields they may not edit.
"""

import pytest
import reversion
from reversion.models import Version

from articles.models import Article, Status
from directory.models import Gynecologist, MaternityPackage
from portal import roles
from tests.directory.test_admin import groups, make_user  # noqa: F401 - fixture
from tests.factories import ArticleFactory, GynecologistFactory, HospitalFactory, MaternityPackageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("groups")]


def _versioned(factory, **fields):
    """A record saved in a revision of its own (the records the factory makes for it are not in it, as
    in an admin save)."""
    obj = factory(**fields)
    with reversion.create_revision():
        reversion.add_to_revision(obj)
    return obj


def _history(model: str, obj, version) -> str:
    app = "articles" if model == "article" else "directory"
    return f"/admin/{app}/{model}/{obj.pk}/history/{version.pk}/"


def test_a_version_of_another_kind_of_record_is_a_404_under_any_history(client):
    article = _versioned(ArticleFactory, pk=5000, title="Live text")
    doctor = GynecologistFactory(pk=5000)
    Article.objects.filter(pk=article.pk).update(title="Corrected text")
    version = Version.objects.get_for_object(article).get()
    client.force_login(make_user("root", superuser=True))
    url = _history("gynecologist", doctor, version)
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": doctor.name}).status_code == 404
    assert Article.objects.get(pk=article.pk).title == "Corrected text"


def test_centre_staff_cannot_restore_versions_of_their_own_rows_or_see_others(client):
    own, other = HospitalFactory(), HospitalFactory()
    doctor = _versioned(GynecologistFactory, hospitals=[own], name="Dr Old Name")
    theirs = _versioned(MaternityPackageFactory, hospital=other, name="Other centre's package")
    Gynecologist.objects.filter(pk=doctor.pk).update(name="Dr New Name", is_active=False)
    client.force_login(make_user("staff", roles.CENTRE_STAFF, centres=[own]))
    mine = _history("gynecologist", doctor, Version.objects.get_for_object(doctor).get())
    assert client.get(mine).status_code == 403
    assert client.post(mine, {"consultation_fee": "900"}).status_code == 403
    assert Gynecologist.objects.filter(pk=doctor.pk, name="Dr New Name", is_active=False).exists()
    elsewhere = _history("maternitypackage", theirs, Version.objects.get_for_object(theirs).get())
    assert client.get(elsewhere).status_code == 404
    assert client.post(elsewhere, {"price": "99999"}).status_code == 404
    assert MaternityPackage.objects.get(pk=theirs.pk).price != 99999


def test_directory_managers_restore_versions(client):
    doctor = _versioned(GynecologistFactory, name="Dr Old Name")
    client.force_login(make_user("manager", roles.DIRECTORY_MANAGERS))
    page = client.get(_history("gynecologist", doctor, Version.objects.get_for_object(doctor).get()))
    assert page.status_code == 200 and "Dr Old Name" in page.content.decode()


def test_editors_restore_versions_only_of_articles_that_are_not_live(client):
    live = _versioned(ArticleFactory, title="Reviewed text")
    draft = _versioned(ArticleFactory, title="Draft text", status=Status.DRAFT)
    client.force_login(make_user("editor", roles.EDITORS))
    live_url = _history("article", live, Version.objects.get_for_object(live).get())
    assert client.get(live_url).status_code == 403
    assert (
        client.get(_history("article", draft, Version.objects.get_for_object(draft).get())).status_code == 200
    )
    client.force_login(make_user("reviewer", roles.MEDICAL_REVIEWERS))
    assert client.get(live_url).status_code == 200


def test_only_reviewers_recover_a_deleted_article(client):
    article = _versioned(ArticleFactory, title="Deleted article")
    with reversion.create_revision():
        article.delete()
    version = Version.objects.get_deleted(Article).get()
    client.force_login(make_user("editor", roles.EDITORS))
    assert client.get("/admin/articles/article/recover/").status_code == 403
    assert client.post(f"/admin/articles/article/recover/{version.pk}/", {}).status_code == 403
    assert not Article.objects.exists()
    client.force_login(make_user("reviewer", roles.MEDICAL_REVIEWERS))
    assert client.get(f"/admin/articles/article/recover/{version.pk}/").status_code == 200
    # A deleted doctor's version is not an article to recover.
    doctor = _versioned(GynecologistFactory)
    with reversion.create_revision():
        doctor.delete()
    doctor_version = Version.objects.get_deleted(Gynecologist).get()
    assert client.get(f"/admin/articles/article/recover/{doctor_version.pk}/").status_code == 404


def test_directory_managers_cannot_attach_staff_to_a_centre(client):
    """Attaching an account to a centre shows it that centre's patients: superusers only."""
    centre = HospitalFactory()
    outsider = make_user("staff-elsewhere", roles.CENTRE_STAFF, centres=[HospitalFactory()])
    client.force_login(make_user("manager", roles.DIRECTORY_MANAGERS))
    page = client.get(f"/admin/directory/hospital/{centre.pk}/change/")
    assert page.status_code == 200 and "staff" not in page.context["adminform"].form.fields
    client.force_login(make_user("root", superuser=True))
    page = client.get(f"/admin/directory/hospital/{centre.pk}/change/")
    assert "staff" in page.context["adminform"].form.fields
    assert not centre.staff.filter(pk=outsider.pk).exists()


def test_a_revision_that_also_holds_a_live_article_is_not_an_editors_to_restore(client):
    """A bulk action saves every selected row in one revision, and restoring any of its versions
    restores them all: an editor restoring a draft's version would put back a live article's text."""
    draft = ArticleFactory(title="Draft text", status=Status.DRAFT)
    live = ArticleFactory(title="Reviewed text v1")
    with reversion.create_revision():
        reversion.add_to_revision(draft)
        reversion.add_to_revision(live)
    Article.objects.filter(pk=live.pk).update(title="Reviewed text v2")
    client.force_login(make_user("editor", roles.EDITORS))
    url = _history("article", draft, Version.objects.get_for_object(draft).get())
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Draft text"}).status_code == 403
    assert Article.objects.get(pk=live.pk).title == "Reviewed text v2"
    client.force_login(make_user("reviewer", roles.MEDICAL_REVIEWERS))
    assert client.get(url).status_code == 200


def test_only_superusers_restore_a_centres_version_which_holds_its_staff(client):
    former = make_user("former-employee", roles.CENTRE_STAFF)
    centre = HospitalFactory()
    centre.staff.add(former)
    with reversion.create_revision():
        reversion.add_to_revision(centre)
    centre.staff.remove(former)
    url = _history("hospital", centre, Version.objects.get_for_object(centre).get())
    client.force_login(make_user("manager", roles.DIRECTORY_MANAGERS))
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": centre.name}).status_code == 403
    assert not centre.staff.exists()
    client.force_login(make_user("root", superuser=True))
    assert client.get(url).status_code == 200
