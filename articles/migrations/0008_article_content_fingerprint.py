import hashlib

from django.db import migrations, models


def fingerprint_existing(apps, schema_editor):
    """The same digest as Article.fingerprint(), for the articles saved before this field existed."""
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("title", "standfirst", "body_text").iterator():
        text = "\n".join([article.title, article.standfirst, article.body_text])
        Article.objects.filter(pk=article.pk).update(content_fingerprint=hashlib.sha256(text.encode()).hexdigest())


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_hindi_names_and_translations"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="content_fingerprint",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(fingerprint_existing, migrations.RunPython.noop),
    ]
