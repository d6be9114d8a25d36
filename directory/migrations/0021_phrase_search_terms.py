"""Phrases whose words alone mean something else, added to the starter search terms (0012) after that
migration ran: "khoon ki kami" (a shortage of blood) is anaemia, not bleeding, and "peshab mein jalan"
(burning when passing urine, a possible infection) is not heartburn. This adds the phrases a database is
missing, as 0012 does."""

from importlib import import_module

from django.db import migrations

starter = import_module("directory.migrations.0012_starter_search_terms")


class Migration(migrations.Migration):
    dependencies = [("directory", "0020_notification_queued_again")]

    operations = [migrations.RunPython(starter.add_terms, migrations.RunPython.noop)]
