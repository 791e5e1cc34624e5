# Commentariat: `make run` to use it, `make test` to check it. Both set up what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEV_INSTALLED := $(VENV)/.installed-dev
# Debian packages: what the app needs to run (PDF reports: pango and fonts), and what the tests add.
RUN_PACKAGES := fonts-dejavu-core fonts-dejavu-extra fonts-liberation libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
TEST_PACKAGES := chromium poppler-utils
BENCH_APT_PACKAGES := wrk
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench lint lock setup install runtime-packages system-packages db-stop help

help:
	@echo "make run    - set up everything and serve http://$(HOST):$(PORT) with the corpus loaded"
	@echo "make test   - run the whole test suite (PostgreSQL and headless Chromium included)"
	@echo "make bench  - measure extraction, importing, pages, exports and load on a synthetic 100,000-article database"
	@echo "make lint   - ruff"
	@echo "make lock   - pin requirements*.in into requirements*.txt (pip-compile; upgrades nothing)"
	@echo "make db-stop - stop the private PostgreSQL server in var/pgdata"

# The app installs from its lock, tests and tools from theirs. pip install only adds what is
# missing or pinned differently, so a second run changes nothing.
$(INSTALLED): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(DEV_INSTALLED): $(INSTALLED) requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

install: $(INSTALLED)

# The locks, from the direct dependencies in requirements.in and requirements-dev.in. pip-compile
# keeps every pin already in a lock that still fits; `make lock UPGRADE=django` moves one package.
LOCK := $(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	$(if $(UPGRADE),--upgrade-package $(UPGRADE))
lock: $(DEV_INSTALLED)
	$(LOCK) --output-file requirements.txt requirements.in
	$(LOCK) --output-file requirements-dev.txt requirements-dev.in

# Installs the Debian packages named in $(1) that are missing (root, or sudo).
define apt_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

runtime-packages:
	$(call apt_install,$(RUN_PACKAGES))

system-packages:
	$(call apt_install,$(RUN_PACKAGES) $(TEST_PACKAGES))

setup: $(INSTALLED) runtime-packages
	$(BIN)/python manage.py setup

# The job worker (re-tagging, re-extraction) runs beside the server, in a process group of its own
# that is stopped with the server, however the server ends.
run: setup
	export DEBUG=$${DEBUG:-true}; \
	setsid $(BIN)/python manage.py db_worker & worker=$$!; trap 'kill -- -$$worker 2>/dev/null' EXIT; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(DEV_INSTALLED) system-packages
	$(BIN)/ruff check .
	# The pipeline's tests first, without Django: analysis/ is plain Python and needs no database.
	$(BIN)/python -m pytest -p no:django -W ignore::pytest.PytestConfigWarning tests/analysis
	$(BIN)/python -m pytest --ignore=tests/analysis

# The benchmark (bench/): extraction, the batch importer on every core, then pages, exports and gunicorn
# under wrk on a synthetic 100,000-article database of its own (commentariat_bench, built on the first
# run, reused after); it ends with every miss against the targets. wrk only ever hits 127.0.0.1.
bench: $(INSTALLED)
	$(call apt_install,$(RUN_PACKAGES) $(BENCH_APT_PACKAGES))
	DATABASE_NAME=$${BENCH_DATABASE:-commentariat_bench} timeout 3600 $(BIN)/python manage.py bench \
		--database-name $${BENCH_DATABASE:-commentariat_bench}

lint: $(DEV_INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || true

db-stop: $(INSTALLED)
	$(BIN)/python manage.py embedded_db stop
