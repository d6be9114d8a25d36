"""Search engines and feeds: sitemap index and sections, robots.txt, the RSS feed."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine

from articles.models import Status
from directory.models import Gynecologist
from tests.factories import (
    ArticleFactory,
    CityFactory,
    GynecologistFactory,
    HospitalFactory,
    MaternityPackageFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
IST = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
NOW = datetime.datetime(2026, 4, 1, 10, 0, tzinfo=IST)


def urls(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - parsing our own output
    return {
        url.find(f"{SM}loc").text: url.find(f"{SM}lastmod").text
        if url.find(f"{SM}lastmod") is not None
        else None
        for url in root.findall(f"{SM}url")
    }


@pytest.fixture
def site():
    with time_machine.travel(NOW, tick=False):
        pune = CityFactory(name="Pune", slug="pune")
        CityFactory(name="Empty", slug="empty")
        hospital = HospitalFactory(name="Sahyadri", slug="sahyadri", city=pune)
        HospitalFactory(name="Closed", slug="closed", city=pune, is_active=False)
        asha = GynecologistFactory(name="Dr Asha", slug="dr-asha", city=pune)
        GynecologistFactory(name="Dr Gone", slug="dr-gone", city=pune, is_active=False)
        MaternityPackageFactory(hospital=hospital, name="Normal", slug="normal")
        MaternityPackageFactory(
            hospital=hospital, name="Old", slug="old", valid_until=datetime.date(2026, 3, 31)
        )
        topic = TopicFactory(name="Symptoms", slug="symptoms")
        TopicFactory(name="Unused", slug="unused")
        ArticleFactory(title="Leg cramps", slug="leg-cramps", medical_reviewer=asha).topics.add(topic)
        ArticleFactory(title="Draft", slug="draft", status=Status.DRAFT, medical_reviewer=asha).topics.add(
            topic
        )
        ArticleFactory(
            title="Later", slug="later", publish_at=NOW + datetime.timedelta(days=1), medical_reviewer=asha
        )
        yield


def test_sitemap_index_lists_every_section_with_lastmod(client, site):
    with time_machine.travel(NOW, tick=False):
        response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)  # noqa: S314 - parsing our own output
    entries = {s.find(f"{SM}loc").text: s.find(f"{SM}lastmod") for s in root.findall(f"{SM}sitemap")}
    assert set(entries) == {
        f"http://testserver/sitemap-{name}.xml"
        for name in (
            "pages",
            "articles",
            "topics",
            "doctors",
            "doctor-cities",
            "hospitals",
            "packages",
            "package-cities",
        )
    }
    assert entries["http://testserver/sitemap-articles.xml"].text.startswith("2026-04-01")


def both(path):
    """A page's address in English and in Hindi."""
    return [f"http://testserver{path}", f"http://testserver/hi{path}"]


def test_sitemap_sections_list_only_public_pages_in_both_languages(client, site):
    with time_machine.travel(NOW, tick=False):
        articles = urls(client, "/sitemap-articles.xml")
        # An article lives in one language: leg-cramps has no Hindi translation, so no /hi/ address.
        assert list(articles) == ["http://testserver/articles/leg-cramps/"]
        assert articles["http://testserver/articles/leg-cramps/"].startswith("2026-04-01")
        assert list(urls(client, "/sitemap-topics.xml")) == both("/articles/topics/symptoms/")
        assert list(urls(client, "/sitemap-doctors.xml")) == both("/doctors/dr-asha/")
        assert list(urls(client, "/sitemap-hospitals.xml")) == both("/hospitals/sahyadri/")
        assert list(urls(client, "/sitemap-packages.xml")) == both("/packages/normal/")
        assert list(urls(client, "/sitemap-doctor-cities.xml")) == both("/gynecologists/pune/")
        assert list(urls(client, "/sitemap-package-cities.xml")) == both("/maternity-packages/pune/")
        assert all(urls(client, "/sitemap-doctors.xml").values())
        # The entry pages too (review: none was listed), each in both languages.
        assert list(urls(client, "/sitemap-pages.xml")) == [
            url
            for path in (
                "/",
                "/articles/",
                "/gynecologists/",
                "/maternity-packages/",
                "/due-date-calculator/",
                "/privacy/",
            )
            for url in both(path)
        ]
        for url in urls(client, "/sitemap-pages.xml"):
            assert client.get(url.removeprefix("http://testserver")).status_code == 200, url


XHTML = "{http://www.w3.org/1999/xhtml}"


def alternates(client, path):
    root = ET.fromstring(client.get(path).content)  # noqa: S314 - parsing our own output
    return {
        url.find(f"{SM}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SM}url")
    }


def test_an_article_and_its_hindi_translation_list_each_other_as_alternates(client, site):
    with time_machine.travel(NOW, tick=False):
        english = ArticleFactory(title="Back pain", slug="back-pain")
        ArticleFactory(title="कमर दर्द", slug="kamar-dard", language="hi", translation_of=english)
        ArticleFactory(
            title="अधूरा", slug="adhura", language="hi", status=Status.DRAFT, translation_of=english
        )
        found = alternates(client, "/sitemap-articles.xml")
    pair = {
        "en-IN": "http://testserver/articles/back-pain/",
        "hi-IN": "http://testserver/hi/articles/kamar-dard/",
        "x-default": "http://testserver/articles/back-pain/",
    }
    assert found == {
        "http://testserver/articles/leg-cramps/": {},
        "http://testserver/articles/back-pain/": pair,
        "http://testserver/hi/articles/kamar-dard/": pair,
    }
    assert alternates(client, "/sitemap-doctors.xml")["http://testserver/hi/doctors/dr-asha/"] == {
        "en-IN": "http://testserver/doctors/dr-asha/",
        "hi-IN": "http://testserver/hi/doctors/dr-asha/",
        "x-default": "http://testserver/doctors/dr-asha/",
    }


def test_sitemap_query_count_does_not_grow_with_doctors(client, django_assert_max_num_queries):
    city = CityFactory(name="Pune", slug="pune")
    for i in range(30):
        GynecologistFactory(slug=f"dr-{i}", city=city)
    with django_assert_max_num_queries(2):
        assert len(urls(client, "/sitemap-doctors.xml")) == 60  # each in English and in Hindi


@pytest.mark.parametrize("section", ["nothing", "%00", "a%0Ab", "x" * 300])
def test_unknown_sitemap_section_is_404_and_never_asked_of_the_cache(client, monkeypatch, section):
    """A section name goes into the stored copy's cache key: a NUL or a newline in it made the cache warn
    (CacheKeyWarning, in the log) and each made-up name cost a cache lookup."""
    from django.core.cache import cache

    asked = []
    monkeypatch.setattr(cache, "get", lambda key, *args, **kwargs: asked.append(key))
    assert client.get(f"/sitemap-{section}.xml").status_code == 404
    assert [key for key in asked if "sitemap:" in key] == []


def test_robots_txt_points_to_the_sitemap_and_keeps_admin_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines and "Disallow: /hi/search/" in lines  # both are noindex
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.parametrize("path", ["/", "/hi/", "/gynecologists/", "/healthz"])
def test_an_unknown_host_gets_the_400_page_not_a_500(client, path):
    response = client.get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "evil.example" not in html and 'rel="canonical"' not in html


def test_rss_feed_lists_published_articles_newest_first(client, site):
    with time_machine.travel(NOW, tick=False):
        ArticleFactory(
            title="Older & wiser",
            slug="older",
            publish_at=NOW - datetime.timedelta(days=30),
            medical_reviewer=Gynecologist.objects.get(slug="dr-asha"),
        )
        response = client.get("/feeds/articles/")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - parsing our own output
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.find("title").text == "Nine Months: pregnancy articles"
    items = channel.findall("item")
    assert [i.find("link").text for i in items] == [
        "http://testserver/articles/leg-cramps/",
        "http://testserver/articles/older/",
    ]
    assert items[1].find("title").text == "Older & wiser"
    assert items[1].find("pubDate").text == "Mon, 02 Mar 2026 04:30:00 +0000"
    assert [c.text for c in items[0].findall("category")] == ["Symptoms"]


@pytest.mark.django_db
def test_a_sitemap_page_is_built_once_per_content_version_whatever_the_query(
    client, django_assert_max_num_queries
):
    from tests.factories import GynecologistFactory

    for n in range(3):
        GynecologistFactory(slug=f"dr-sitemap-{n}")
    first = client.get("/sitemap-doctors.xml?z=1")
    assert first.status_code == 200 and first.content.count(b"<url>") == 6  # English and Hindi
    with django_assert_max_num_queries(0):  # the stored copy: no query, whatever ?z= says
        for n in range(2, 12):
            again = client.get(f"/sitemap-doctors.xml?z={n}")
            assert again.content == first.content and again["Content-Type"] == first["Content-Type"]
    assert client.get("/sitemap-doctors.xml?p=99").status_code == 404


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/articles/", "This address does not take that kind of request"),
        ("/hi/articles/", "यह पता इस तरह का अनुरोध नहीं लेता"),
    ],
)
def test_a_method_a_page_does_not_take_gets_the_error_page_in_its_language(client, path, words):
    response = client.post(path, {})
    assert response.status_code == 405
    assert response["Allow"].startswith("GET, HEAD")
    html = response.content.decode()
    assert words in html and "<h1>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "spelling", ["01", "001", "+1", "1 ", " 1", "0_1", "१", "1.0", "0", "-1", "99999999"]
)
def test_a_sitemap_page_number_spelled_another_way_is_a_404_not_a_new_build(client, spelling):
    """Review finding: int() reads "01", "+1" or "१" as 1, and each spelling was built (seconds at
    100,000 doctors) and stored again (5 MB) under its own key."""
    from tests.factories import GynecologistFactory

    GynecologistFactory(slug="dr-sitemap")
    assert client.get("/sitemap-doctors.xml", {"p": "1"}).status_code == 200
    assert client.get("/sitemap-doctors.xml", {"p": spelling}).status_code == 404


@pytest.mark.django_db
def test_the_sitemap_index_is_built_once_per_content_version_whatever_the_query(
    client, django_assert_max_num_queries
):
    """Review finding: any query string rebuilt the index, counting every doctor's pages in both
    languages (4 s at 100,000 doctors), and it was never stored."""
    from tests.factories import GynecologistFactory

    GynecologistFactory(slug="dr-sitemap")
    first = client.get("/sitemap.xml?a=1")
    assert first.status_code == 200 and b"sitemap-doctors.xml" in first.content
    with django_assert_max_num_queries(0):
        for n in range(2, 8):
            assert client.get(f"/sitemap.xml?a={n}").content == first.content
    assert client.get("/sitemap.xml", HTTP_HOST="localhost").content != first.content  # its own host
