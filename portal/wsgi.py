"""The production entry point (`gunicorn portal.wsgi`). With debug off it refuses to start while a demo
account made by `make run` is still in the database (portal/checks.py)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

application = get_wsgi_application()

if not settings.DEBUG:
    from portal.checks import refuse_to_start_with_demo_accounts

    refuse_to_start_with_demo_accounts()
