"""Whole-page cache: anonymous visitors get cached pages, any content edit shows at once."""

from io import StringIO

import pytest
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_cookie

from tests.factories import CityFactory, GynecologistFactory

calls = {"n": 0}


def counted(request):
    calls["n"] += 1
    return HttpResponse(f"render {calls['n']}")


counted.page_cache_params = frozenset({"city", "page"})  # what the view reads (portal.pagecache)


def sets_cookie(request):
    calls["n"] += 1
    response = HttpResponse("cookie")
    response.set_cookie("x", "1")
    return response


urlpatterns = [
    path("page/", counted),
    path("private/", never_cache(counted)),
    path("varies/", vary_on_cookie(counted)),
    path("cookie/", sets_cookie),
    path("admin/thing/", counted),
]


@pytest.fixture
def cached_site(settings, db):
    settings.ROOT_URLCONF = __name__
    calls["n"] = 0


def test_second_anonymous_visit_is_served_from_the_cache(client, cached_site):
    first = client.get("/page/")
    second = client.get("/page/")
    assert first.content == second.content == b"render 1"
    assert calls["n"] == 1


def test_a_cached_page_is_stored_with_its_etag_and_answers_a_conditional_get(client, cached_site):
    first = client.get("/page/")
    etag = first["ETag"]
    assert client.get("/page/")["ETag"] == etag
    assert client.get("/page/", headers={"If-None-Match": etag}).status_code == 304
    assert calls["n"] == 1


def test_the_redis_cache_reuses_one_client_per_connection_pool():
    # Django's own client builds a redis.Redis (and copies its ~170 callbacks) for every operation.
    from portal.cache import ResilientRedisCache

    backend = ResilientRedisCache("redis://127.0.0.1:6379/9", {})._cache
    assert backend.get_client("a") is backend.get_client("b")
    assert backend.get_client("a", write=True) is backend.get_client("a")  # one server: one pool


def test_a_different_query_string_is_a_different_page(client, cached_site):
    client.get("/page/?city=pune")
    assert client.get("/page/?city=mumbai").content == b"render 2"
    assert client.get("/page/?city=pune").content == b"render 1"


def test_the_order_of_known_parameters_does_not_matter(client, cached_site):
    client.get("/page/?city=pune&page=2")
    assert client.get("/page/?page=2&city=pune").content == b"render 1"


def test_repeated_values_keep_their_order(client, cached_site):
    client.get("/page/?city=abc&city=pune")
    assert client.get("/page/?city=pune&city=abc").content == b"render 2"  # the last value is the one read


def test_unknown_parameters_are_served_fresh_and_never_stored(client, cached_site, settings):
    from django.core.cache import caches

    # Count the entries of this process's cache (with Redis, the same key scheme applies).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }

    client.get("/page/")
    stored = len(caches["default"]._cache)
    for n in range(50):
        assert client.get(f"/page/?utm={n}").content == f"render {n + 2}".encode()
    assert len(caches["default"]._cache) == stored  # 50 URLs, not one page more in the cache
    assert client.get("/page/?city=pune&utm=x").content == b"render 52"
    assert client.get("/page/").content == b"render 1"  # the clean URL's copy is still served


def test_with_every_cache_off_an_edit_still_reaches_every_worker(
    db, settings, django_capture_on_commit_callbacks
):
    """DJANGO_CACHE=dummy stores nothing, so the content version lives in the file, as with the local
    cache: the search lexicon (cities, languages) of every worker follows an edit."""
    from directory import lexicon

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    lexicon.forget()
    assert [place.slug for place in lexicon.lexicon().cities] == []
    another_worker = dict(lexicon._memo)  # what a worker that did not make the edit remembers
    with django_capture_on_commit_callbacks(execute=True):
        CityFactory(name="Nagpur", slug="nagpur")
    lexicon._memo.update(another_worker)
    assert [place.slug for place in lexicon.lexicon().cities] == ["nagpur"]


def test_the_local_cache_is_bounded():
    from tests.portal.test_settings import run_django

    code = "from django.conf import settings; print(settings.CACHES['default']['OPTIONS']['MAX_ENTRIES'])"
    result = run_django(code, DJANGO_DEBUG="1")  # without REDIS_URL: the local-memory cache
    assert result.stdout.split() == ["1000"], result.stderr


def test_an_edit_to_content_invalidates_cached_pages(client, cached_site, django_capture_on_commit_callbacks):
    client.get("/page/")
    with django_capture_on_commit_callbacks(execute=True):
        CityFactory(name="Nagpur")
    assert client.get("/page/").content == b"render 2"


def test_visitors_with_a_session_always_get_a_fresh_page(client, cached_site):
    client.get("/page/")
    client.cookies["sessionid"] = "abc"
    assert client.get("/page/").content == b"render 2"


@pytest.mark.parametrize("url", ["/private/", "/varies/", "/cookie/", "/admin/thing/"])
def test_private_or_per_visitor_responses_are_never_cached(client, cached_site, url):
    client.get(url)
    client.cookies.clear()
    client.get(url)
    assert calls["n"] == 2


def test_posts_are_never_cached(client, cached_site):
    client.post("/page/")
    client.post("/page/")
    assert calls["n"] == 2


def _version():
    from portal.pagecache import current_version

    return current_version()


def test_bulk_import_invalidates_cached_pages(db, tmp_path, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    csv = tmp_path / "doctors.csv"
    csv.write_text(
        "registration_number,name,gender,city,state,hospital,locality,qualifications,experience_years,"
        "consultation_fee_inr,languages,bio\n"
        "MMC-1,Dr Anita Rao,female,Pune,Maharashtra,Sahyadri Hospital,Kothrud,MBBS,12,800,English;Marathi,\n",
        encoding="utf-8",
    )
    before = _version()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_directory", "--doctors", str(csv), stdout=StringIO())
    assert _version() != before


def test_admin_bulk_deactivate_invalidates_cached_pages(admin_client, django_capture_on_commit_callbacks):
    doctor = GynecologistFactory()
    before = _version()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/directory/gynecologist/",
            {"action": "deactivate", "_selected_action": [doctor.pk]},
        )
    doctor.refresh_from_db()
    assert not doctor.is_active
    assert _version() != before
