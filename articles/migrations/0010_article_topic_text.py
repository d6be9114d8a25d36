"""Articles store the names of their topics for search (`topic_text`, kept by articles.receivers):
"nutrition" finds what is filed under Nutrition, weighted with the title. Filled here for the articles
there are; on PostgreSQL the full-text index (0002) is built again on the vector that now includes it."""

from django.db import migrations, models

ARTICLE_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, COALESCE(title, '') || ' ' || COALESCE(topic_text, '')), "
    "'A') || setweight(to_tsvector('english'::regconfig, COALESCE(standfirst, '') || ' ' || "
    "COALESCE(body_text, '')), 'B'))"
)
PREVIOUS_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(standfirst, '') || ' ' || "
    "COALESCE(body_text, '')), 'B'))"
)


def fill_topic_text(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    names = {pk: [] for pk in Article.objects.values_list("pk", flat=True)}
    rows = Article.topics.through.objects.order_by("topic__name", "topic_id").values_list(
        "article_id", "topic__name", "topic__name_hi"
    )
    for article_id, name, name_hi in rows:
        names[article_id] += [name, name_hi]
    Article.objects.bulk_update(
        [Article(pk=pk, topic_text=" ".join(filter(None, words))) for pk, words in names.items()],
        ["topic_text"],
        batch_size=500,
    )


def index(vector):
    def build(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("DROP INDEX IF EXISTS article_fulltext")
            schema_editor.execute(f"CREATE INDEX article_fulltext ON articles_article USING gin ({vector})")

    return build


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_draft_contributors")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="topic_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_topic_text, migrations.RunPython.noop),
        migrations.RunPython(index(ARTICLE_VECTOR), index(PREVIOUS_VECTOR), elidable=False),
    ]
