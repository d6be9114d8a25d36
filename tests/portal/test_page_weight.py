"""Pages stay small: one stylesheet under 20 KB, every page type under 30 KB of gzipped HTML, images
with width and height, no resource from another host."""

import gzip
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article
from directory.models import Gynecologist, Hospital, MaternityPackage


def test_the_public_stylesheet_is_under_20_kb_and_the_admins_additions_small():
    static = Path(settings.BASE_DIR, "static", "css")
    assert sorted(path.name for path in static.glob("*.css")) == ["admin.css", "site.css"]
    assert (static / "site.css").stat().st_size < 20 * 1024  # the one stylesheet every public page loads
    assert (static / "admin.css").stat().st_size < 4 * 1024  # staff only, beside Django's admin styles


@pytest.mark.django_db
def test_every_page_type_is_small_and_self_contained(client, settings):
    settings.DEBUG = False
    call_command("seed_demo", stdout=StringIO())
    doctor = Gynecologist.objects.filter(is_active=True).first()
    packages = list(MaternityPackage.objects.listed().values_list("slug", flat=True)[:3])
    pages = [
        "/",
        "/articles/",
        Article.objects.published().first().get_absolute_url(),
        "/articles/topics/symptoms/",
        "/gynecologists/",
        "/gynecologists/pune/?language=marathi&max_fee=1000",
        doctor.get_absolute_url(),
        f"/doctors/{doctor.slug}/enquire/",
        Hospital.objects.filter(is_active=True).first().get_absolute_url(),
        "/maternity-packages/",
        f"/packages/{packages[0]}/",
        "/maternity-packages/compare/?" + "&".join(f"p={p}" for p in packages),
        "/search/?q=pain",
        "/due-date-calculator/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert len(gzip.compress(response.content)) < 30 * 1024, url
        # Scripts, styles, icons and images only from our own origin (links to other sites are fine).
        assert not re.search(r'<(?:script|img|source|iframe)\b[^>]*\bsrcs?e?t?="(?:https?:)?//', html), url
        assert not re.search(
            r'<link\b[^>]*rel="(?:stylesheet|icon|preload)"[^>]*href="(?:https?:)?//', html
        ), url
        for img in re.findall(r"<img\b[^>]*>", html):
            assert "width=" in img and "height=" in img, f"{url}: {img}"
        assert html.count('rel="stylesheet"') == 1, url
