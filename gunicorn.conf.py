"""gunicorn's settings for this site, read by gunicorn from the working directory (the repository root,
where `make serve`, the benchmarks and the tests start it). Command-line options still override them."""

# The access log (when one is asked for, e.g. `--access-logfile -`) leaves out admin query strings and
# private-link tokens: see portal/accesslog.py.
logger_class = "portal.accesslog.SanitisingLogger"
