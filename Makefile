# The two front-door commands: `make run` and `make test`. Everything they need is set up here.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# production packages only (requirements.lock), or those plus the test tools (requirements-dev.lock)
PROD_STAMP := $(VENV)/.installed-prod-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
STAMP := $(VENV)/.installed-dev-$(shell cat requirements.lock requirements-dev.lock pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# No DJANGO_SETTINGS_MODULE here: manage.py defaults to salesops.settings, and pytest takes
# salesops.settings_test from pyproject.toml (an exported variable would override it).

.PHONY: run test test-unit test-e2e check ci-sqlite ci-postgres test-scale backup-check lint format bench load deploy-check system-deps clean lock

$(PROD_STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-prod-* && touch $@

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.lock
	rm -f $(VENV)/.installed-* && touch $@ $(PROD_STAMP)

system-deps:
	bash scripts/system-deps.sh

## Set up, migrate, load the demo data on first run, serve on http://$(HOST):$(PORT)
run: export SALESOPS_BASE_URL ?= http://$(HOST):$(PORT)
run: $(PROD_STAMP) system-deps
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	DJANGO_DEBUG=1 $(PY) manage.py send_reminders
	DJANGO_DEBUG=1 $(PY) manage.py deliver_reports
	@echo "Open http://$(HOST):$(PORT)/ and log in with one of the logins above."
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

## Install what the tests need and run the whole suite (unit tests, then browser journeys)
test: test-unit test-e2e

# pytest-xdist: tests spread over the machine's cores (XDIST= runs them in one process)
XDIST ?= -n auto --dist worksteal

test-unit: check system-deps
	$(VENV)/bin/pytest -m "not e2e" $(XDIST) $(PYTEST_ARGS)

test-e2e: $(STAMP)
	bash scripts/system-deps.sh --browser
	$(VENV)/bin/pytest -m e2e tests/e2e $(XDIST) $(PYTEST_ARGS)

## lint, mypy and missing migrations: once, whatever the database
check: lint
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

## CI's two halves (.ci/run): on SQLite every unit test but the SQL-heavy files (marker sql) and
## the PostgreSQL-only ones; on PostgreSQL (DATABASE_URL) those two and the browser journeys
ci-sqlite: $(STAMP) system-deps
	env -u DATABASE_URL $(VENV)/bin/pytest -m "not e2e and not sql and not postgres" $(XDIST) $(PYTEST_ARGS)

ci-postgres: $(STAMP) system-deps
	bash scripts/system-deps.sh --browser
	case "$$DATABASE_URL" in postgres*) ;; *) echo "ci-postgres needs DATABASE_URL=postgres://..."; exit 2;; esac
	$(VENV)/bin/pytest -m "postgres or sql or e2e" $(XDIST) $(PYTEST_ARGS)

## Two app servers (gunicorn, production settings) over one PostgreSQL, one Redis and one local
## S3-compatible store: sessions, frozen files, lockouts, scheduled jobs and the cache are shared
SCALE_PG ?= postgres://postgres@127.0.0.1:5432
SCALE_REDIS ?= redis://127.0.0.1:6379/15
test-scale: $(STAMP)
	$(PY) scripts/scale_check.py --pg $(SCALE_PG) --redis $(SCALE_REDIS)

## Backups proven by restore: pg_dump + stored files of a demo deployment, restored into a fresh
## database and store, row counts and SHA-256 compared (BACKUP_ARGS=--s3 for an object store)
backup-check: $(STAMP)
	$(PY) scripts/backup_check.py --pg $(SCALE_PG) $(BACKUP_ARGS)

## ruff (lint + format check) and mypy (services, rules, queries, salesops; see [tool.mypy])
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(PROD_STAMP) system-deps
	$(PY) bench/run.py
	$(PY) bench/pdf_bomb.py

## Production settings must pass Django's deployment checks
deploy-check: $(PROD_STAMP)
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$(openssl rand -hex 32) DJANGO_ALLOWED_HOSTS=sales.example.com \
		$(PY) manage.py check --deploy --fail-level WARNING

## Re-pin every dependency from pyproject.toml's ranges: production, then the dev extras on top
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install -q .
	( sed -n '/^#/p' requirements.lock; \
	  .lockenv/bin/pip freeze --exclude-editable | grep -v '^salesops' ) > .lockenv/prod.lock
	.lockenv/bin/pip install -q -c .lockenv/prod.lock ".[dev]"
	( sed -n '/^[#-]/p' requirements-dev.lock; \
	  .lockenv/bin/pip freeze --exclude-editable | grep -v '^salesops' | grep -vxFf .lockenv/prod.lock ) \
	  > requirements-dev.lock
	mv .lockenv/prod.lock requirements.lock
	rm -rf .lockenv

clean:
	rm -rf $(VENV) staticfiles

## Load test (issue 16): the department at LOAD_SCALE (1, or 10 = 1,000 salespeople / 2,000,000
## visits) in a throwaway PostgreSQL database, gunicorn in production settings, Locust headless;
## prints p50/p95/p99, req/s and errors per page against a bare-Django floor (README "Performance")
LOAD_SCALE ?= 1
load: $(STAMP)
	LOAD_SCALE=$(LOAD_SCALE) $(PY) bench/load/run.py
