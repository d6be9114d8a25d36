"""The pages the benchmark drives, resolved from the scale database, and their per-request figures."""

import gzip
from dataclasses import dataclass
from urllib.parse import urlencode

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Topic  # noqa: E402
from directory.models import City, Gynecologist, Language, MaternityPackage  # noqa: E402


@dataclass
class Page:
    name: str
    path: str
    search: bool = False  # a search: with every cache off its goal is 0.1x /healthz (bench/run.py)


def bench_pages() -> list[Page]:
    today = timezone.localdate()
    article = Article.objects.published().order_by("-publish_at").first()
    topic = Topic.objects.order_by("order").first()
    city = City.objects.get(slug="pune")
    language = Language.objects.get(slug="marathi")
    doctor = (
        Gynecologist.objects.filter(is_active=True, city=city).order_by("-experience_years", "name").first()
    )
    listed = MaternityPackage.objects.filter(is_active=True, city=city).exclude(valid_until__lt=today)
    packages = list(listed.order_by("price").values_list("slug", flat=True)[:3])
    doctor_query = urlencode(
        {"city": city.slug, "language": language.slug, "max_fee": 1500, "sort": "experience"}
    )
    package_query = urlencode({"city": city.slug, "delivery_type": "normal", "max_price": 150000})
    hindi_article = Article.objects.published().filter(language="hi").order_by("-publish_at").first()
    english = [
        Page("healthz", "/healthz"),
        Page("home", "/"),
        Page("article list", "/articles/"),
        Page("article", article.get_absolute_url()),
        Page("topic", topic.get_absolute_url()),
        Page("doctor search", f"/gynecologists/?{doctor_query}", search=True),
        Page("city page", f"/gynecologists/{city.slug}/", search=True),
        Page("doctor profile", doctor.get_absolute_url()),
        Page("package search", f"/maternity-packages/?{package_query}", search=True),
        Page("package page", f"/packages/{packages[0]}/"),
        Page("compare", "/maternity-packages/compare/?" + urlencode([("p", slug) for slug in packages])),
        Page("site search", "/search/?q=back+pain", search=True),
        Page("calculator", "/due-date-calculator/"),
    ]
    # The Hindi twins of the busiest pages (same views under /hi/), and a search typed in Hindi.
    hindi = [
        Page("hi home", "/hi/"),
        Page("hi article", hindi_article.get_absolute_url()),
        Page("hi doctor search", f"/hi/gynecologists/?{doctor_query}", search=True),
        Page("hi city page", f"/hi/gynecologists/{city.slug}/", search=True),
        Page("hi doctor profile", "/hi" + doctor.get_absolute_url()),
        Page("hi package search", f"/hi/maternity-packages/?{package_query}", search=True),
        Page("hi site search", "/hi/search/?" + urlencode({"q": "कमर दर्द"}), search=True),
        Page("hi calculator", "/hi/due-date-calculator/"),
    ]
    return english + hindi


def probe(page: Page) -> dict:
    """Queries per request with an empty and a warm cache, and the gzip size of the HTML."""
    client = Client(HTTP_HOST="127.0.0.1")
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        response = client.get(page.path)
    if response.status_code != 200:
        raise SystemExit(f"{page.name}: {page.path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as warm:
        client.get(page.path)
    return {
        "queries_cold": len(cold.captured_queries),
        "queries_warm": len(warm.captured_queries),
        "html_bytes": len(response.content),
        "gzip_bytes": len(gzip.compress(response.content, 6)),
    }
