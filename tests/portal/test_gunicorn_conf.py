"""gunicorn.conf.py: what each worker does besides serving (the access log is tested in test_access_log.py,
threaded workers in test_slow_clients.py)."""

import gc
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def test_a_worker_freezes_what_it_holds_early_in_its_life_only():
    conf = runpy.run_path(str(CONF))
    assert gc.get_freeze_count() == 0
    try:
        counts = []
        for _ in range(150):
            garbage = [[] for _ in range(100)]  # objects made by each request  # noqa: F841
            conf["post_request"](None, None, {}, None)
            counts.append(gc.get_freeze_count())
        assert counts[0] > 1000  # after the first request: the modules and objects loaded so far
        # Frozen again after the 10th and 100th requests only: what later requests make stays collectable.
        grew = [n + 1 for n in range(1, 150) if counts[n] > counts[n - 1]]
        assert grew == [10, 100]
    finally:
        gc.unfreeze()
