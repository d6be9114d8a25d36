"""No admin page opens without a verified device, superusers included: a walk over every admin URL.

Every URL the admin site has (its own views and each registered model's, reversion's history and
recovery pages, django-otp's device pages, the app indexes, the catch-all) is requested with real
object ids, by GET and by POST, by a signed-in superuser whose session has not been verified by a
one-time code: one that has no authenticator app yet, and one that has an app but signed in with the
password alone. None of them may answer 200: each sends the browser to the sign-in page (which sends
an account without an app on to set one up). A model or URL added to the admin later is walked too;
a URL parameter this walk does not know fails the test until it is taught.
"""

import re

import pytest
import reversion
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import URLResolver
from reversion.models import Version

from directory.models import NotificationKind
from directory.notifications import queue
from tests.factories import (
    ArticleFactory,
    EnquiryFactory,
    GynecologistFactory,
    LanguageFactory,
    MaternityPackageFactory,
    TopicFactory,
)
from tests.otp import app_device

pytestmark = pytest.mark.django_db

SETUP = "/admin/two-factor/setup/"
# The ways in: the sign-in page, and for an account without an app, the page that sets one up.
WAYS_IN = {"login/", "two-factor/setup/", "two-factor/sign-out/"}


def _make_objects(superuser):
    """At least one row of every model registered in the admin, and a saved version of each
    versioned one (for reversion's history and recovery URLs)."""
    Group.objects.create(name="Walkers")
    axes_row = {"user_agent": "walker", "ip_address": "127.0.0.1", "username": "x", "path_info": "/admin/"}
    AccessAttempt.objects.create(**axes_row, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**axes_row)
    AccessFailureLog.objects.create(**axes_row)
    package = MaternityPackageFactory()
    doctor = GynecologistFactory(hospitals=[package.hospital])
    LanguageFactory()
    enquiry = EnquiryFactory(doctor=doctor)
    queue(enquiry, NotificationKind.NEW_ENQUIRY)  # a notification and its job
    article = ArticleFactory()
    article.topics.add(TopicFactory())
    app_device(User.objects.create_user("colleague", password="x", is_staff=True))
    call_command("addstatictoken", "colleague", "-t", "walkercode1", stdout=open("/dev/null", "w"))  # noqa: SIM115
    _rows_of_models_added_elsewhere(superuser, enquiry)
    for obj in (package, package.hospital, article, doctor):
        with reversion.create_revision():
            obj.save()


def _rows_of_models_added_elsewhere(superuser, enquiry):
    """The patients' data rights models (grievances, the access record), where this code base has them."""
    try:
        grievance, access_record = (
            apps.get_model("directory", "Grievance"),
            apps.get_model("directory", "AccessRecord"),
        )
    except LookupError:
        return
    grievance.objects.create(
        kind=grievance._meta.get_field("kind").choices[0][0],
        name="Walker",
        email="walker@example.com",
        message="A request",
    )
    access_record.objects.create(
        user=superuser, username=superuser.username, action="view", references=enquiry.reference
    )


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def _model_of(route: str):
    for model in admin.site._registry:
        if route.startswith(f"{model._meta.app_label}/{model._meta.model_name}/"):
            return model
    return None


OBJECT_ID = re.compile(r"<(?:path:|int:)?(?:object_id|pk|id)>|\(\[\^/\]\+\)")


def _concrete(route: str) -> list[str]:
    """The paths a route stands for, with real ids filled in."""
    if route == "(?P<url>.*)$":
        return ["/admin/no-such-page/"]
    labels = re.fullmatch(r"\^\(\?P<app_label>([\w|]+)\)/\$", route)
    if labels:
        return [f"/admin/{label}/" for label in labels.group(1).split("|")]
    model = _model_of(route)
    path = route
    if model is not None:
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the walk has no {model._meta.label} row: add one to _make_objects"
        path = OBJECT_ID.sub(str(obj.pk), path)
        if r"(\d+)" in path:
            version = Version.objects.get_for_object(obj).first()
            assert version is not None, f"the walk has no saved version of {model._meta.label}"
            path = path.replace(r"(\d+)", str(version.pk))
    path = path.replace("^", "").replace("$", "")  # the anchors of reversion's regular expressions
    if "<path:content_type_id>" in path:
        article = ArticleFactory._meta.model.objects.first()
        path = path.replace("<path:content_type_id>", str(ContentType.objects.get_for_model(article).pk))
        path = path.replace("<path:object_id>", str(article.pk))
    assert not re.search(r"[<>()\\^$]", path), f"the walk cannot fill in {route!r}: teach _concrete"
    return [f"/admin/{path}"]


@pytest.fixture
def admin_paths(db):
    superuser = User.objects.create_superuser("root", password="a-long-root-password")
    _make_objects(superuser)
    paths = []
    for route in _walk(admin.site.get_urls()):
        paths += _concrete(route)
    assert len(paths) > 100  # every model's pages, not just a few
    # Signing out (a POST to logout/) would end the session the rest of the walk is made in: last.
    return superuser, sorted(paths, key=lambda path: path.endswith("/logout/"))


def _is_way_in(path: str) -> bool:
    return path.removeprefix("/admin/") in WAYS_IN


@pytest.mark.parametrize("has_app", [False, True], ids=["no-app-yet", "app-but-password-only"])
def test_no_admin_url_answers_200_to_a_session_not_verified_by_a_code(client, admin_paths, has_app):
    superuser, paths = admin_paths
    if has_app:
        app_device(superuser)
    client.force_login(superuser, verified=False)
    way_in = SETUP if not has_app else "/admin/login/"
    opened = []
    for path in paths:
        if _is_way_in(path):
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            location = response.get("Location", "")
            if response.status_code == 200 or not (
                location.startswith("/admin/login/") or location in ("/admin/", SETUP)
            ):
                opened.append(f"{method.upper()} {path}: {response.status_code} {location}")
    assert opened == []
    # The sign-in page leads an account without an app on to set one up, and shows the form otherwise.
    login = client.get("/admin/login/?next=/admin/")
    assert (login.status_code, login.get("Location", way_in)) == (302 if not has_app else 200, way_in)


def test_the_same_walk_opens_the_admin_once_the_session_is_verified(client, admin_paths):
    """The walk reaches real pages: with a verified session its change lists and change forms open."""
    superuser, paths = admin_paths
    client.force_login(superuser)
    opened = {path for path in paths if not _is_way_in(path) and client.get(path).status_code == 200}
    for model in admin.site._registry:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        obj = model._default_manager.order_by("pk").first()
        assert base in opened, model
        assert f"{base}{obj.pk}/change/" in opened, model
