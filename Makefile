# The two commands a newcomer needs: `make run` (the portal at http://127.0.0.1:8000) and
# `make test` (the whole suite on a real Postgres). Both work from a fresh clone, as root or not.

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
# Tests never need a real secret; production must set its own (settings refuse to start without).
TEST_ENV := SECURE_SSL_REDIRECT=false SECRET_KEY=test-only-secret-key-not-for-production-0123456789abcdefghijklmnop

.PHONY: run dev first-install-note stop serve serve-edge test lint format venv lock clean-db backup restore load bench bench-scale bench-edge

venv: $(VENV)/.installed

# Production sets DATABASE_URL; locally the embedded cluster's URL stands in (a shell expression).
DATABASE_URL_OR_EMBEDDED = "$${DATABASE_URL:-$$($(PY) -m dossier_portal.devtools.embedded_pg url)}"

# Python 3.12+ (pyenv reads .python-version); a clear error naming what was found otherwise.
# Exactly the versions and files of requirements.lock (hashes checked), then the project itself.
$(VENV)/.installed: pyproject.toml requirements.lock
	@./scripts/find-python.sh > /dev/null
	@test -x $(PY) || "$$(./scripts/find-python.sh)" -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@$(PY) -m pip check --disable-pip-version-check > /dev/null || \
	  { echo 'requirements.lock does not satisfy pyproject.toml: run make lock'; exit 1; }
	@touch $@

# After a change to the dependencies in pyproject.toml: the newest versions it allows, locked.
lock: venv
	@$(PY) -m pip install --quiet --disable-pip-version-check pip-tools
	@$(VENV)/bin/pip-compile --quiet --extra=dev --generate-hashes --no-emit-find-links \
	  --no-emit-index-url --output-file=requirements.lock --strip-extras pyproject.toml

# `make run` serves the site as readers get it: DEBUG off, so a wrong address gets the designed
# 404 page, a bug the 500 page and a database outage the 503 page. `DEBUG=1 make run` (or
# `make dev`) shows Django's debug pages instead. A key made once for this checkout
# (.dev-secret-key, ignored by git) stands in for production's SECRET_KEY; plain HTTP on the
# loopback. Ctrl-C stops the server and then the embedded Postgres (the trap) and ends quietly
# with exit 0: `set -m` runs the server as a job of its own holding the terminal, so Ctrl-C
# reaches the server alone and not make, which would report it as an error.
RUN_ENV = DEBUG=$${DEBUG:-false} SECURE_SSL_REDIRECT=false \
  SECRET_KEY=$${SECRET_KEY:-$$(cat .dev-secret-key)}

# The first install is the one slow step: say so before it starts (make runs a rule's
# prerequisites in order). Later runs skip it.
FIRST_INSTALL_NOTE = $(if $(wildcard $(VENV)/.installed),,first-install-note)
first-install-note:
	@echo "First run: creating .venv and installing the portal's Python packages (about 2 minutes; later runs skip this)."

run: $(FIRST_INSTALL_NOTE) venv .dev-secret-key
	@$(PY) -m dossier_portal.devtools.embedded_pg start
	@trap '$(PY) -m dossier_portal.devtools.embedded_pg stop' EXIT; trap 'exit 130' INT TERM; \
	  set -m 2>/dev/null; export $(RUN_ENV); \
	  $(PY) -m dossier_portal.devtools.prepare_portal --port $(PORT) --development-editor && \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

dev:
	@DEBUG=true $(MAKE) --no-print-directory run

.dev-secret-key: | venv
	@$(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

# Stops the embedded Postgres if something left it running.
stop: venv
	@$(PY) -m dossier_portal.devtools.embedded_pg stop

# Production shape: gunicorn + whitenoise, settings from the environment (see README).
serve: venv
	@$(PY) -m dossier_portal.devtools.embedded_pg start
	@export DATABASE_URL=$(DATABASE_URL_OR_EMBEDDED); \
	  $(PY) manage.py check --deploy && \
	  $(PY) manage.py migrate --noinput && \
	  $(PY) manage.py collectstatic --noinput -v0 && \
	  exec $(PY) -m gunicorn dossier_portal.wsgi --config python:dossier_portal.gunicorn_conf

# Varnish (deploy/varnish.vcl) on EDGE_PORT in front of the production gunicorn on PORT, purged by
# it after every change; plain HTTP on the loopback, a fresh key unless SECRET_KEY is set.
EDGE_PORT ?= 6081
serve-edge: venv
	@$(PY) -m dossier_portal.devtools.embedded_pg start
	@export DATABASE_URL=$(DATABASE_URL_OR_EMBEDDED) DEBUG=false SECURE_SSL_REDIRECT=false \
	  SECRET_KEY=$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}; \
	  $(PY) -m dossier_portal.devtools.prepare_portal && \
	  $(PY) -m dossier_portal.devtools.edge serve --port $(EDGE_PORT) --app-port $(PORT)

# The whole database (content, history, users) to backups/, and back: the newest, or FILE=….
backup: venv
	@$(PY) -m dossier_portal.devtools.embedded_pg start
	@DATABASE_URL=$(DATABASE_URL_OR_EMBEDDED) $(PY) -m dossier_portal.editing.backups create

# A restore changes content behind Django's back: content_changed gives it a new content version
# (no page of other content keeps its ETag) and purges PURGE_FRONTENDS.
restore: venv
	@$(PY) -m dossier_portal.devtools.embedded_pg start
	@export DATABASE_URL=$(DATABASE_URL_OR_EMBEDDED); [ -n "$$SECRET_KEY" ] || export DEBUG=true; \
	  $(PY) -m dossier_portal.editing.backups restore $(FILE) && $(PY) manage.py content_changed

# 50 concurrent readers for 60 s against gunicorn on loopback; the figures are in docs/LOAD.md.
load: venv
	@$(PY) scripts/load.py

# A throwaway embedded cluster for the run, or the server named by DATABASE_URL. The tests are
# shared among TEST_WORKERS processes (pytest-xdist; 0 runs them in this one): most wait on a
# browser, a server or Postgres, so one per core keeps both busy. A test marked xdist_group runs
# on the same worker as the rest of its group.
TEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest --numprocesses=$(TEST_WORKERS) --dist=loadgroup
test: venv
	@if [ -n "$$DATABASE_URL" ]; then \
	  $(TEST_ENV) $(PYTEST) $(PYTEST_ARGS); \
	else \
	  $(TEST_ENV) $(PY) -m dossier_portal.devtools.embedded_pg throwaway -- $(PYTEST) $(PYTEST_ARGS); \
	fi

lint: venv
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

format: venv
	@$(VENV)/bin/ruff check --fix .
	@$(VENV)/bin/ruff format .

# Figures anyone can rerun (docs/PERFORMANCE.md): production settings with a fresh key, plain
# HTTP on the loopback. BENCH_ARGS e.g. "--seconds 10 --rounds 3".
BENCH_ENV := DEBUG=false SECURE_SSL_REDIRECT=false

bench: venv
	@$(PY) -m dossier_portal.devtools.embedded_pg start
	@export $(BENCH_ENV) SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))'); \
	  $(PY) -m dossier_portal.devtools.prepare_portal && $(PY) -m dossier_portal.devtools.bench $(BENCH_ARGS)

# The synthetic corpus goes into a database of its own: SCALE_DATABASE_URL, else a second
# database on the embedded cluster.
bench-scale: venv
	@if [ -n "$$DATABASE_URL" ] && [ -z "$$SCALE_DATABASE_URL" ]; then \
	  echo "bench-scale empties its database: set SCALE_DATABASE_URL to one of its own"; exit 2; fi
	@export $(BENCH_ENV) SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))'); \
	  export DATABASE_URL=$${SCALE_DATABASE_URL:-$$($(PY) -m dossier_portal.devtools.embedded_pg database dossier_scale)}; \
	  $(PY) manage.py migrate --noinput -v0 && $(PY) manage.py collectstatic --noinput -v0 && \
	  $(PY) -m dossier_portal.devtools.bench --scale $(BENCH_ARGS)

# Every page through Varnish against nginx serving the same bytes, at 50 connections; then a
# cold read of each after a purge (docs/PERFORMANCE.md). Needs varnish, nginx-light and wrk.
bench-edge: venv
	@$(PY) -m dossier_portal.devtools.embedded_pg start
	@export $(BENCH_ENV) SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))'); \
	  $(PY) -m dossier_portal.devtools.prepare_portal && $(PY) -m dossier_portal.devtools.bench_edge $(BENCH_ARGS)
