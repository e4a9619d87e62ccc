# Peerpath: `make run` starts the demo site, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-latest install install-dev interop-deps setup lint lock check-lock bench clean system-deps guide-screenshots messages

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Peerpath needs Python 3.11 or newer"'
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing python3-venv (Debian ships venv separately)"; \
	    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); \
	  else \
	    echo "Could not create a virtual environment: run 'sudo apt-get install python3-venv' and try again." >&2; exit 1; \
	  fi; }

# WeasyPrint (certificate PDFs) needs Pango from the system. As root on Debian
# it is installed here; otherwise the message says what to install.
system-deps:
	@if ! ldconfig -p 2>/dev/null | grep -q libpango-1.0 || ! ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Pango and fonts for WeasyPrint"; \
	    apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null; \
	  else \
	    echo "WeasyPrint needs Pango: run 'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0'" >&2; exit 1; \
	  fi; fi
	@if ! command -v msgfmt >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing gettext (translations: make messages, and the catalogue's tests)"; \
	    apt-get update -qq && apt-get install -y -qq gettext >/dev/null; \
	  else \
	    echo "Note: the translation tools need gettext ('sudo apt-get install gettext'); the site runs without it" >&2; \
	  fi; fi

# Every install comes from the lock (requirements*.txt, made by `make lock`):
# pinned versions with their hashes, pip and setuptools included. Peerpath
# itself is then installed without dependencies and built by the locked
# setuptools, so nothing outside the lock can slip in.
INSTALL_LOCK = $(PY) -m pip install --quiet --require-hashes -r
# (PYTHONWARNINGS: setuptools warns on every editable install that folders named
# like the package take precedence; here that is the point.)
INSTALL_SELF = PYTHONWARNINGS=ignore $(PY) -m pip install --quiet --no-deps --no-build-isolation -e .

$(VENV)/.installed: $(PY) requirements.txt pyproject.toml | system-deps
	$(INSTALL_LOCK) requirements.txt
	$(INSTALL_SELF)
	@touch $@

$(VENV)/.installed-dev: $(PY) requirements-dev.txt pyproject.toml | system-deps
	$(INSTALL_LOCK) requirements-dev.txt
	$(INSTALL_SELF)
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Other people's code that checks Peerpath's credentials in the tests
# (tests/interop): JavaScript from the npm registry, exactly as its lock says.
INTEROP := tests/interop
$(INTEROP)/node_modules/.installed: $(INTEROP)/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix $(INTEROP) --no-audit --no-fund --silent && touch $@; \
	else \
	  echo "Node.js and npm are missing: the JavaScript checks of the credentials are skipped (sudo apt-get install nodejs npm)" >&2; \
	fi
interop-deps: $(INTEROP)/node_modules/.installed

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_site

# The web server and, beside it, the task worker that makes certificate PDFs
# and sends emails (training/management/commands/run_dev.py).
run: setup
	$(PY) manage.py seed_demo
	@echo
	@echo "Peerpath is starting at http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	$(PY) manage.py run_dev $(HOST):$(PORT)

test: install-dev interop-deps
	$(PY) -m pytest $(PYTEST_ARGS)

# Refresh the screenshots in docs/guides/ from the browser tests that take them.
guide-screenshots: install-dev
	GUIDE_SCREENSHOTS=1 $(PY) -m pytest tests/browser/test_journey.py \
		tests/browser/test_credit.py tests/browser/test_program_form.py \
		tests/certificates/test_suspension_browser.py \
		tests/certificates/test_name_change_browser.py \
		tests/browser/test_ce_log.py tests/browser/test_renewal.py \
		tests/certificates/test_sharing_browser.py \
		tests/certificates/test_verify_upload_browser.py

# After marking strings or writing translations: refresh every language's
# catalogue from the code and templates, then compile it (both are committed;
# tests/i18n/test_catalogue.py fails while a string has no translation).
messages: install-dev
	$(PY) manage.py makemessages --all --no-obsolete
	$(PY) manage.py compilemessages
	@for po in locale/*/LC_MESSAGES/django.po; do echo "$$po: $$(msgfmt --statistics -o /dev/null $$po 2>&1)"; done

lint: install-dev check-lock
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

# Refresh the lock from pyproject.toml's ranges. Keeps today's pins where the
# ranges allow; `make lock UPGRADE=1` moves every pin to the newest allowed.
# Try a refresh with `make test-latest` first. requirements-dev.txt is
# compiled with requirements.txt as constraints, so the two agree on every
# runtime pin.
UV_COMPILE = $(VENV)/bin/uv pip compile pyproject.toml requirements-install.in \
	--python-version 3.11 --generate-hashes --custom-compile-command "make lock" --quiet \
	$(if $(UPGRADE),--upgrade)
lock: install-dev
	$(UV_COMPILE) -o requirements.txt
	$(UV_COMPILE) --extra dev -c requirements.txt -o requirements-dev.txt
	$(PY) .ci/check_lock.py

# pyproject.toml's ranges and the lock must agree (CI runs this through lint).
check-lock: install-dev
	$(PY) .ci/check_lock.py

# The suite against the newest releases the ranges allow, in a throwaway venv
# (not part of CI): what a `make lock UPGRADE=1` would bring, tried first.
LATEST_VENV := $(or $(TMPDIR),/tmp)/peerpath-latest-venv
test-latest: | system-deps
	rm -rf $(LATEST_VENV)
	$(PYTHON) -m venv $(LATEST_VENV)
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade pip setuptools
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e ".[dev]"
	$(LATEST_VENV)/bin/python -m pip list --format=freeze --exclude-editable > $(LATEST_VENV)/versions.txt
	@echo "test-latest: the versions tried are in $(LATEST_VENV)/versions.txt"
	$(LATEST_VENV)/bin/python -m pytest $(PYTEST_ARGS)

# Needs PostgreSQL and Redis on 127.0.0.1 (DATABASE_URL / REDIS_URL override);
# BENCH_ARGS="--learners 1000" for a quicker run, `bench/run.py --help` for more.
# BENCH_COMPARE: the commit measured side by side with this checkout (issue 20:
# main as it was on 2026-12-06); empty to skip.
BENCH_COMPARE ?= a92255c
bench: install-dev
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing wrk (the load generator)"; \
	    apt-get update -qq && apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "The benchmark needs wrk: run 'sudo apt-get install wrk' and try again." >&2; exit 1; \
	  fi; }
	$(PY) bench/run.py $(if $(BENCH_COMPARE),--compare $(BENCH_COMPARE)) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles test-artifacts
