"""gunicorn's settings for this site, read by gunicorn from the working directory (the repository root,
where `make serve`, the benchmarks and the tests start it). Command-line options still override them."""

import gc
import os

# The access log (when one is asked for, e.g. `--access-logfile -`) leaves out admin query strings and
# private-link tokens: see portal/accesslog.py.
logger_class = "portal.accesslog.SanitisingLogger"

# Threaded workers: each of the `--workers` processes serves up to `threads` connections at once, so a few
# clients that send their request slowly (a phone on a weak signal, or someone doing it on purpose) hold a
# thread each, never every worker (tests/portal/test_slow_clients.py). Django and this site are
# thread-safe; each thread keeps its own database connection. But gunicorn has no timeout for request
# headers: workers x threads such clients (16 with two workers) still stop the site, so in production a
# buffering proxy in front (nginx, or the load balancer) must read whole requests before passing them
# on: README, "Production".
worker_class = "gthread"
threads = 8

# Each worker signals it is alive by touching a temporary file, and gunicorn's docs warn that on a
# disk-backed /tmp (this VM's, a container's) that call can block the worker. Memory-backed when we can.
if os.path.isdir("/dev/shm"):  # noqa: S108 (only gunicorn's own heartbeat files, as its docs advise)
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# Early in a worker's life (after its 1st, 10th and 100th requests: by then Django's URL patterns,
# templates and translation catalogues are loaded, whatever the first requests were), collect the garbage
# and move every object left out of the garbage collector's view: they live as long as the worker, and
# each full collection would walk all of them again (about 117,000 objects; in-process the collector took
# 0.85 ms of an uncached 16.7 ms search, 0.50 ms after freezing).
FREEZE_AFTER = frozenset({1, 10, 100})
_served = 0


def post_request(worker, req, environ, resp):
    global _served
    _served += 1
    if _served in FREEZE_AFTER:
        gc.collect()
        gc.freeze()
