"""PostgreSQL only: a full-text index on exactly the weighted vector ArticleQuerySet.search uses."""

from django.db import migrations

ARTICLE_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(standfirst, '') || ' ' || "
    "COALESCE(body_text, '')), 'B'))"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS article_fulltext ON articles_article USING gin ({ARTICLE_VECTOR})"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_fulltext")


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
