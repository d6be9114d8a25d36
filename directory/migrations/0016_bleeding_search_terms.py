"""Bleeding as patients type it ("khoon", "खून", "ब्लीडिंग") and blood pressure ("bp", "high bp"),
added to the starter search terms (0012) after that migration ran: this adds the phrases a database is
missing, as 0012 does. Bleeding in pregnancy is a danger sign, so the search must find it however it
is written."""

from importlib import import_module

from django.db import migrations

starter = import_module("directory.migrations.0012_starter_search_terms")


class Migration(migrations.Migration):
    dependencies = [("directory", "0015_tummy_pain_search_terms")]

    operations = [migrations.RunPython(starter.add_terms, migrations.RunPython.noop)]
