"""Settings for the test suite: the real settings, with test-only keys and fast hashing."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DJANGO_HTTPS", "0")
os.environ.setdefault("GRIEVANCE_OFFICER_NAME", "Test Grievance Officer")
os.environ.setdefault("GRIEVANCE_OFFICER_EMAIL", "grievance@example.in")

from portal.settings import *  # noqa: F403
from portal.settings import CACHES, REDIS_URL, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests never need hashed file names: plain storage avoids requiring collectstatic first.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="ninemonths-test-media-")
# Each worker's own, empty: WhiteNoise lists STATIC_ROOT whenever a test client loads the middleware,
# and a collectstatic elsewhere (`make run`, once the browser journeys' servers too) must not rename files
# under that listing (it failed a test with FileNotFoundError).
STATIC_ROOT = tempfile.mkdtemp(prefix="ninemonths-test-static-")
PAGE_CACHE_VERSION_FILE = os.path.join(tempfile.mkdtemp(prefix="ninemonths-test-pagecache-"), "version")
# The login lockout is switched on by the tests that check it (client.login has no request for axes).
AXES_ENABLED = False
# Under pytest-xdist each worker gets its own Redis database (9, 8, ...), so one worker's cache.clear()
# or content-version bump never reaches another's pages.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
_base, _, _db = REDIS_URL.rpartition("/")
if _WORKER.startswith("gw") and _db.isdigit() and "default" in CACHES and "LOCATION" in CACHES["default"]:
    # Counting down from the given database, within Redis's default 16 (a given 15 gives 15, 14, ...).
    CACHES["default"]["LOCATION"] = f"{_base}/{(int(_db) - int(_WORKER[2:])) % 16}"
