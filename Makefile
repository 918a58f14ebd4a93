# ecareer: `make run` serves the app with a demo account, `make test` runs every check.
# Both set up .venv from uv.lock first; a second run reuses it and starts fast.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export UV_NO_PROGRESS := 1

MO_FILES := locale/de/LC_MESSAGES/django.mo

.PHONY: run test lint format bench lighthouse plotly-js demo-password system-packages messages clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(UV):
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 13), "ecareer needs Python 3.13 (see .python-version), got " + sys.version'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.run-installed: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --inexact --no-dev
	@touch $@

$(VENV)/.dev-installed: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --inexact
	@touch $@ $(VENV)/.run-installed

# The German catalogue is compiled here (pure Python, Babel), never committed.
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(VENV)/.run-installed
	$(VENV)/bin/pybabel compile --statistics -D django -d locale -l $*

messages: $(VENV)/.dev-installed  ## re-extract the strings to translate into locale/de (needs gettext)
	$(PY) manage.py makemessages -l de --no-obsolete --ignore ".venv/*" --ignore "tests/*" --ignore "bench/*" --ignore "staticfiles/*"

# The task queue's worker (long computations, mail) runs beside the server and stops with it.
run: $(VENV)/.run-installed $(MO_FILES)  ## serve the app on http://127.0.0.1:$(PORT) with its worker (SQLite, DEBUG, demo account)
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py ensure_demo
	DEBUG=1 $(PY) manage.py db_worker --queue-name '*' --interval 0.5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

demo-password: $(VENV)/.run-installed  ## give the demo account a new random password
	DEBUG=1 $(PY) manage.py ensure_demo --reset-password

system-packages:  ## make sure Debian's chromium and gettext are there for the tests
	@bash scripts/ensure-system-packages

test: $(VENV)/.dev-installed $(MO_FILES) system-packages  ## ruff check, ruff format --check, the whole pytest suite
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed  ## fix what ruff can fix and format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(VENV)/.dev-installed $(MO_FILES)  ## print the speed figures of bench/
	@for f in bench/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

lighthouse: $(VENV)/.dev-installed $(MO_FILES)  ## Lighthouse scores of the scenario page and report (npm, chromium)
	$(PY) bench/lighthouse.py

# UPDATE=1 records the hashes of the plotly.js version a new plotly ships (see vendor.lock.json).
plotly-js: $(VENV)/.dev-installed  ## fetch plotly.js's basic bundle (npm, hash-checked) into static/vendor
	$(PY) scripts/vendor_plotly.py $(if $(UPDATE),--update)

clean:  ## remove the virtualenv, the SQLite database and collected static files
	rm -rf $(VENV) staticfiles db.sqlite3 db.sqlite3-wal db.sqlite3-shm
