"""On PostgreSQL the text searches can use their GIN indexes (the index expressions match the queries).

The tables here are tiny, so sequential scans are switched off for the EXPLAIN: the test proves that an
index *can* answer each query, which is what breaks if a query's expression drifts from its index's.
"""

import pytest
from django.db import connection

from articles.models import Article
from directory.models import Gynecologist, MaternityPackage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres_only(reason="PostgreSQL indexes"),
]


def explain(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda: Gynecologist.objects.search("kothrud"), "doctor_search_trgm"),
        (lambda: MaternityPackage.objects.search("sahyadri"), "package_search_trgm"),
        (lambda: Article.objects.search("leg cramps"), "article_fulltext"),
        (lambda: Gynecologist.objects.ranked_search("kulkarni"), "doctor_fulltext"),
        (lambda: MaternityPackage.objects.ranked_search("normal"), "package_fulltext"),
    ],
    ids=["doctor-trigram", "package-trigram", "article-fulltext", "doctor-fulltext", "package-fulltext"],
)
def test_text_searches_can_use_their_gin_index(queryset, index):
    assert index in explain(queryset())
