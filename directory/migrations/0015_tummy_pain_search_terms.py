"""Tummy pain as patients type it ("pet dard", "पेट दर्द", "abdominal pain"), added to the starter
search terms (0012) after that migration ran: this adds the phrases a database is missing, as 0012 does.
Severe tummy pain is one of the danger signs, so the search must find it however it is written."""

from importlib import import_module

from django.db import migrations

starter = import_module("directory.migrations.0012_starter_search_terms")


class Migration(migrations.Migration):
    dependencies = [("directory", "0014_enquiry_language")]

    operations = [migrations.RunPython(starter.add_terms, migrations.RunPython.noop)]
