# Nine Months: the commands a developer and an operator need. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip --disable-pip-version-check
PORT ?= 8000
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# Compiled translation catalogues (.mo), built from the .po files in git with polib (no gettext needed).
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

.DEFAULT_GOAL := help
.PHONY: help messages run test serve lint format seed static bench bench-search loadtest scaleout screenshots wrk backup audit clean

help:
	@echo "make run     serve the site with demo data on http://127.0.0.1:$(PORT)/ (debug on, SQLite)"
	@echo "make test    run the whole test suite (DATABASE_URL=postgres://... runs it on PostgreSQL)"
	@echo "make serve   gunicorn with debug off on PORT (needs DJANGO_SECRET_KEY, GRIEVANCE_OFFICER_NAME and _EMAIL)"
	@echo "make messages  gather translatable strings into locale/hi/LC_MESSAGES/django.po (needs gettext)"
	@echo "make lint    ruff check and format check"
	@echo "make seed    load (or top up) the demo data"
	@echo "make backup  online backup of the database to var/backups/"
	@echo "make audit   pip-audit of the pinned requirements (needs a reachable vulnerability database)"
	@echo "make loadtest  60 s of mixed load at 32 connections; checks no 5xx and no lost enquiry"
	@echo "make scaleout  two app servers on one PostgreSQL + Redis: edits, sessions, rate limit shared"
	@echo "make bench   benchmark every page against /healthz on 100,000 doctors (see README)"
	@echo "make bench-search  the search query set: pass rate on the demo data and uncached timings"

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a requirements file changes, so a second `make run` starts in seconds.
$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install -q -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install -q -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

# The job worker runs beside the web server, so notification emails really go out (with debug on they
# are printed in this terminal); both stop together on Ctrl-C.
run: $(VENV)/.installed $(CATALOGUES)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput -v 0
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo --if-empty
	DJANGO_DEBUG=1 $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

%.mo: %.po $(VENV)/.installed
	$(PY) scripts/compile_catalogues.py $<

# Gather every marked string into locale/hi/LC_MESSAGES/django.po (needs GNU gettext's xgettext);
# then translate the new entries and `make run` compiles them.
messages: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l hi --no-obsolete --add-location=file \
	  --ignore='.venv*' --ignore=var --ignore=tests --ignore=bench --ignore=scripts --ignore='templates/admin/*'

seed: $(VENV)/.installed $(CATALOGUES)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput -v 0
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo

# One pytest worker per CPU (pytest-xdist); the browser journeys share one demo server on one worker.
test: $(VENV)/.installed-dev $(CATALOGUES)
	$(VENV)/bin/pytest -n $${PYTEST_WORKERS:-auto} --dist loadgroup -rs

static: $(VENV)/.installed $(CATALOGUES)
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-collectstatic-only} GRIEVANCE_OFFICER_NAME=$${GRIEVANCE_OFFICER_NAME:-unset} \
	  GRIEVANCE_OFFICER_EMAIL=$${GRIEVANCE_OFFICER_EMAIL:-unset@example.in} $(PY) manage.py collectstatic --noinput -v 0

# Production shape: debug off, static files hashed and compressed, gunicorn on PORT.
serve: static
	$(PY) manage.py migrate --noinput -v 0
	DJANGO_SERVE_MEDIA=$${DJANGO_SERVE_MEDIA:-1} $(VENV)/bin/gunicorn portal.wsgi --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) .venv-audit var/static .pytest_cache

# wrk comes from Debian's packages; install it when missing and we are allowed to.
wrk:
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { apt-get update -qq && apt-get install -y -qq wrk; }
	@command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }

bench: $(VENV)/.installed wrk $(CATALOGUES)
	$(PY) bench/run.py

# The search query set (tests/portal/search_queries.py): pass rate and uncached timings per query, on the
# demo data, then on 100,000 doctors (DATABASE_URL=postgres://... for PostgreSQL; see bench/search_queries.py).
bench-search: $(VENV)/.installed-dev $(CATALOGUES)
	$(PY) bench/search_queries.py
	$(PY) bench/search_queries.py --scale

# Online backup (SQLite backup API or pg_dump); restore with `python manage.py restore_db FILE`.
backup: $(VENV)/.installed
	$(PY) manage.py backup_db

# pip-audit lives in its own virtualenv; fails loudly when it audited nothing (no database reachable).
.venv-audit/.installed: requirements-audit.txt
	$(PYTHON) -m venv .venv-audit
	.venv-audit/bin/pip install --disable-pip-version-check -q -r requirements-audit.txt
	@touch $@

audit: .venv-audit/.installed
	$(PYTHON) scripts/audit.py

# 60 s of mixed load on gunicorn, then a burst against the enquiry rate limit (see bench/loadtest.py).
loadtest: $(VENV)/.installed wrk $(CATALOGUES)
	$(PY) bench/loadtest.py

# Two app servers sharing PostgreSQL and Redis (set DATABASE_URL and REDIS_URL; see bench/scaleout.py).
scaleout: $(VENV)/.installed $(CATALOGUES)
	$(PY) bench/scaleout.py

# Phone and desktop screenshots of every page type into var/screenshots/ (needs /usr/bin/chromium).
screenshots: $(VENV)/.installed-dev $(CATALOGUES)
	$(PY) scripts/screenshots.py
