# Zhongtai: `make run` starts the platform, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export ZT_DATA_DIR ?= $(CURDIR)/var
WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/tsconfig*.json -type f 2>/dev/null)

.PHONY: run test lint typecheck pytest web web-dev web-test schema check-schema e2e test-debian-postgres clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The embedding model needs PyTorch; its CPU build is pinned and installed on its own first,
# so nothing later pulls in a multi-gigabyte CUDA build.
$(VENV)/.installed-torch: | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	touch $@

$(VENV)/.installed-run: pyproject.toml $(VENV)/.installed-torch
	$(BIN)/pip install --quiet -e '.[embeddings]'
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-torch
	$(BIN)/pip install --quiet -e '.[test,dev,embeddings]'
	touch $@ $(VENV)/.installed-run

web/node_modules/.installed: web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

web/dist/index.html: web/node_modules/.installed $(WEB_SOURCES)
	cd web && npm run build --silent

web: web/dist/index.html

## run: install, migrate, create the admin and demo data, serve on 127.0.0.1:$(PORT) with a worker.
run: $(VENV)/.installed-run web
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py bootstrap
	$(BIN)/python manage.py serve --port $(PORT)

## web-dev: Vite's dev server (hot reload) proxying /api to a running `make run`.
web-dev: web/node_modules/.installed
	cd web && ZT_API_PORT=$(PORT) npm run dev

## schema: regenerate the OpenAPI schema and the portal's TypeScript client from it.
schema: $(VENV)/.installed-run web/node_modules/.installed
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --format openapi-json --file web/openapi.json
	cd web && npm run gen:api --silent

## check-schema: fail when the committed schema or client is stale.
check-schema: $(VENV)/.installed-test web/node_modules/.installed
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --format openapi-json --file $(ZT_DATA_DIR)/openapi.json
	cd web && npm run check:api --silent -- $(ZT_DATA_DIR)/openapi.json

## lint: ruff, and the checker of the project's own conventions (infra/scripts/check_conventions.py).
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python infra/scripts/check_conventions.py

## typecheck: mypy over the packages pyproject's [tool.mypy] files names (every *_platform app).
typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n 2 --dist loadgroup -p no:logging

web-test: web/node_modules/.installed
	cd web && npm run lint --silent && npm test --silent

## e2e: the portal in headless Chromium against a real server on a free port.
e2e: $(VENV)/.installed-test web
	infra/scripts/e2e.sh

## test: everything CI runs.
test: lint typecheck pytest check-schema web-test e2e

## test-debian-postgres: the Python suite against a Debian PostgreSQL server (DATABASE_URL).
test-debian-postgres: $(VENV)/.installed-test
	infra/scripts/with-debian-postgres.sh $(BIN)/python -m pytest -n 2 --dist loadgroup -p no:logging

clean:
	rm -rf $(VENV) web/node_modules web/dist
