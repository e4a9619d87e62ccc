# Peerpath: `make run` starts the demo site, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev setup lint bench clean system-deps guide-screenshots

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Peerpath needs Python 3.11 or newer"'
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing python3-venv (Debian ships venv separately)"; \
	    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); \
	  else \
	    echo "Could not create a virtual environment: run 'sudo apt-get install python3-venv' and try again." >&2; exit 1; \
	  fi; }
	@$(PY) -m pip install --quiet --upgrade pip

# WeasyPrint (certificate PDFs) needs Pango from the system. As root on Debian
# it is installed here; otherwise the message says what to install.
system-deps:
	@if ! ldconfig -p 2>/dev/null | grep -q libpango-1.0; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Pango and fonts for WeasyPrint"; \
	    apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null; \
	  else \
	    echo "WeasyPrint needs Pango: run 'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0'" >&2; exit 1; \
	  fi; fi

$(VENV)/.installed: $(PY) pyproject.toml | system-deps
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(PY) pyproject.toml | system-deps
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_site

run: setup
	$(PY) manage.py seed_demo
	@echo
	@echo "Peerpath is starting at http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

# Refresh the screenshots in docs/guides/ from the journey tests.
guide-screenshots: install-dev
	GUIDE_SCREENSHOTS=1 $(PY) -m pytest tests/browser/test_journey.py

lint: install-dev
	$(VENV)/bin/ruff check .

# Needs PostgreSQL and Redis on 127.0.0.1 (DATABASE_URL / REDIS_URL override);
# BENCH_ARGS="--learners 1000" for a quicker run, `bench/run.py --help` for more.
bench: install-dev
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles test-artifacts
