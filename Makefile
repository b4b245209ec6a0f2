# AcroJump: `make demo` serves the site with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install install-test messages compilemessages migrate seed serve lint bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test node_modules/.installed

compilemessages: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

# Refresh the catalogues after changing UI text (needs GNU gettext).
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l fr -l en --ignore=.venv --ignore=node_modules --ignore=var --no-obsolete

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --no-input -v 0

seed: migrate
	$(PY) manage.py seed_demo

demo: install compilemessages migrate
	$(PY) manage.py collectstatic --no-input -v 0
	$(PY) manage.py seed_demo
	@echo ""
	@echo "AcroJump runs on http://$(HOST):$(PORT)/  (site pages editor: http://$(HOST):$(PORT)/cms/)"
	@echo "Log in with one of the demo accounts above. Stop with Ctrl+C."
	$(VENV)/bin/daphne -b $(HOST) -p $(PORT) acrojump.asgi:application

test: install-test compilemessages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) var node_modules
