import pytest


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so cached pages never leak between tests."""
    from django.core.cache import cache

    from directory import lexicon

    cache.clear()
    lexicon.forget()  # what a search knows about words is kept in memory too
    yield
    cache.clear()
    lexicon.forget()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def run_jobs(db):
    """Run every job that is due now, as `manage.py db_worker --batch` does (the notifications)."""
    from django.core.management import call_command

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return run
