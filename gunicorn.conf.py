"""gunicorn's settings for this site, read by gunicorn from the working directory (the repository root,
where `make serve`, the benchmarks and the tests start it). Command-line options still override them."""

# The access log (when one is asked for, e.g. `--access-logfile -`) leaves out admin query strings and
# private-link tokens: see portal/accesslog.py.
logger_class = "portal.accesslog.SanitisingLogger"

# Threaded workers: each of the `--workers` processes serves up to `threads` connections at once, so a few
# clients that send their request slowly (a phone on a weak signal, or someone doing it on purpose) hold a
# thread each, never every worker (tests/portal/test_slow_clients.py). Django and this site are
# thread-safe; each thread keeps its own database connection. In production a buffering proxy in front
# (nginx, or the load balancer) also reads whole requests before passing them on: README, "Production".
worker_class = "gthread"
threads = 8
