"""gunicorn.conf.py: what each worker does besides serving (the access log is tested in test_access_log.py,
threaded workers in test_slow_clients.py)."""

import gc
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def test_a_worker_freezes_what_it_holds_after_its_first_request_only():
    conf = runpy.run_path(str(CONF))
    assert gc.get_freeze_count() == 0
    try:
        conf["post_request"](None, None, {}, None)
        frozen = gc.get_freeze_count()
        assert frozen > 1000  # the modules and objects loaded so far
        garbage = [[] for _ in range(100)]  # objects made after the first request
        conf["post_request"](None, None, {}, None)
        assert gc.get_freeze_count() == frozen and gc.is_tracked(garbage[0])
    finally:
        gc.unfreeze()
