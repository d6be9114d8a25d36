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


def test_the_article_search_reads_the_stored_document_and_it_follows_every_change():
    """The generated column (articles migration 0011): no article's body is turned into a vector at
    search time, and the column follows the title, the sections and the topics' names as they change."""
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ArticleFactory, ArticleSectionFactory, TopicFactory

    article = ArticleFactory(title="Sleep in pregnancy")
    section = ArticleSectionFactory(article=article, answer="Lie on your left side.")
    article.refresh_body_text()
    topic = TopicFactory(name="Rest", slug="rest")
    article.topics.add(topic)

    def found(words):
        return list(Article.objects.search(words).values_list("title", flat=True))

    with CaptureQueriesContext(connection) as queries:
        assert found("left side") == ["Sleep in pregnancy"]
    assert "to_tsvector" not in queries[0]["sql"] and '"search_document"' in queries[0]["sql"]
    assert '"search_document"' not in queries[0]["sql"].split(" FROM ")[0]  # matched on, not fetched
    article.title = "Sleeping positions"
    article.save()
    section.answer = "Use a pillow between your knees."
    section.save()
    article.refresh_body_text()
    topic.name = "Bedtime"
    topic.save()
    assert found("left side") == []
    assert found("pillow knees") == found("positions") == found("bedtime") == ["Sleeping positions"]
    # The title and the topics' names weigh more than the body, as before the column.
    ArticleSectionFactory(article=ArticleFactory(title="Pillows for back pain"), answer="Any shape.")
    Article.objects.get(title="Pillows for back pain").refresh_body_text()
    assert found("pillow") == ["Pillows for back pain", "Sleeping positions"]
