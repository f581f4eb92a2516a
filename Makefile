# Newsroom: `make run` to browse the demo site, `make test` to prove it works.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint fmt check bench bench-images bench-rename serve clean

$(PY):
	$(PYTHON) -c 'import sys; sys.exit("Python 3.12 or newer is needed (found %s)" % sys.version.split()[0]) if sys.version_info < (3, 12) else None'
	$(PYTHON) -m venv $(VENV)

# Installs the pinned versions the tests passed with; reinstalls when the pins change.
$(STAMP): requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

run: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	DJANGO_DEBUG=1 $(PY) manage.py ensure_editor
	@# The task worker (issue 15) runs beside the development server; Ctrl-C stops both.
	@DJANGO_DEBUG=1 $(PY) manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# In parallel, a worker per core (pytest-xdist), each with its own test database; then the
# browser tests, in one process of their own: their live server shares the process, and nothing
# another test does to its database (tests/ops take it down on purpose) reaches them.
# PYTEST_ARGS narrows it: "tests/caching" (no browser test there: exit code 5 is "none").
test: $(STAMP)
	$(PY) -m pytest -n auto --dist loadgroup -m "not browser" $(PYTEST_ARGS)
	$(PY) -m pytest -m browser $(PYTEST_ARGS) || [ $$? -eq 5 ]

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

fmt: $(STAMP)
	$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

check: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py check
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# Time and peak memory to check and render the renditions of a 24-megapixel JPEG (issue 4).
bench-images: $(STAMP)
	$(PY) bench/images.py

# Renaming an author of 10,000 stories: the save with the search refresh in it, as before, and
# with it left to background tasks, as now, in one run (issue 15). DATABASE_URL for PostgreSQL.
bench-rename: $(STAMP)
	$(PY) bench/rename.py

# The production configuration on this machine: migrations and static files first, then gunicorn
# (gunicorn.conf.py) on 127.0.0.1:$(PORT). Without DJANGO_SECRET_KEY it makes a random key for
# this run only, never written down: enough to try it locally, useless to anyone else; sessions
# end when it stops. Set DJANGO_SECRET_KEY (and REDIS_URL, DATABASE_URL) to serve for real.
# NEWSROOM_SITE_URL defaults to http://127.0.0.1:$(PORT): one origin, so canonical links, sitemaps
# and feeds name one address and http://localhost:$(PORT)/ answers 301 to it (issue 17).
# Background tasks (issue 15) need workers beside gunicorn: start N of them, on this machine or
# others, each with the same settings, e.g.
#   for i in $$(seq 4); do .venv/bin/python manage.py run_worker & done
# (the database queue by default; with NEWSROOM_TASKS_URL=redis://... they are RQ workers).
# WORKERS=N here starts N of them with gunicorn and stops them with it.
WORKERS ?= 1
serve: $(STAMP)
	@export DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}"; \
	export NEWSROOM_SITE_URL="$${NEWSROOM_SITE_URL:-http://127.0.0.1:$(PORT)}"; \
	set -e; \
	$(PY) manage.py migrate --noinput; \
	$(PY) manage.py collectstatic --noinput -v0; \
	echo "Serving the production configuration on http://127.0.0.1:$(PORT)/ (site URL $$NEWSROOM_SITE_URL) with $(WORKERS) task worker(s)"; \
	workers=""; for _ in $$(seq $(WORKERS)); do $(PY) manage.py run_worker & workers="$$workers $$!"; done; \
	trap 'kill $$workers 2>/dev/null; wait $$workers 2>/dev/null' EXIT INT TERM; \
	PORT=$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py

# The load benchmark (issue 6, bench/run.py) and the newsroom workload, readers while an editor
# publishes (issue 12, bench/workload.py): BENCH_STORIES=N for fewer stories while iterating,
# BENCH_PARTS=pages or BENCH_PARTS=newsroom for one part.
bench: $(STAMP)
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) staticfiles cache bench/tmp .pytest_cache .ruff_cache
