"""The Hinglish and Hindi verbs around a symptom ("aana", "raha", "hai", "आना", "है") as filler words,
added to the starter search terms (0012) after that migration ran: "ulti aana" (vomiting) found nothing
while "ulti" found the article. This adds the phrases a database is missing, as 0012 does."""

from importlib import import_module

from django.db import migrations

starter = import_module("directory.migrations.0012_starter_search_terms")


class Migration(migrations.Migration):
    dependencies = [("directory", "0021_phrase_search_terms")]

    operations = [migrations.RunPython(starter.add_terms, migrations.RunPython.noop)]
