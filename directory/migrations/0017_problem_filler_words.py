"""Words for "a problem" ("problems", "issue", "trouble", "samasya", "समस्या", "परेशानी") as filler
words, and words for food in pregnancy ("diet", "poshan", "पोषण", "आहार") read as the Nutrition topic,
added to the starter search terms (0012) after that migration ran: this adds the phrases a database is
missing, as 0012 does. No article calls its subject a problem, so "sleep problems" found the articles
that mention problems in passing and not the sleep article."""

from importlib import import_module

from django.db import migrations

starter = import_module("directory.migrations.0012_starter_search_terms")


class Migration(migrations.Migration):
    dependencies = [("directory", "0016_bleeding_search_terms")]

    operations = [migrations.RunPython(starter.add_terms, migrations.RunPython.noop)]
