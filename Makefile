# The front door. `make run` and `make test` are all a newcomer needs; the rest are for developers.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= opengov.settings.dev
# The suite runs on every core (pytest-xdist; a test file stays on one worker). PYTEST_XDIST= runs it in one process.
PYTEST_XDIST ?= -n auto --dist loadfile

.PHONY: run install setup demo test lint typecheck format check-migrations messages bench serve clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

setup: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_data

## Set up a SQLite database with demo data and serve http://127.0.0.1:8000
run: setup
	$(PY) manage.py runserver $(HOST):$(PORT)

## Lint, then the whole test suite (DATABASE_URL picks PostgreSQL; SQLite otherwise)
# The test settings, whatever the shell exported: pytest-django prefers the environment's DJANGO_SETTINGS_MODULE
# (the dev settings exported above) to the one in pyproject.toml.
test: install lint typecheck check-migrations
	DJANGO_SETTINGS_MODULE=opengov.settings.test $(PY) -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## Static types: mypy with django-stubs, strict by default (exceptions per module, with reasons, in pyproject.toml)
typecheck: install
	mkdir -p var
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-migrations: install
	mkdir -p var
	DJANGO_SETTINGS_MODULE=opengov.settings.test $(PY) manage.py makemigrations --check --dry-run

## Extract interface strings and compile translations (needs gettext's msgfmt)
messages: install
	cd opengov && ../$(PY) ../manage.py makemessages -l es -l fr --no-obsolete --add-location=file --ignore='*/tests/*' --ignore='migrations/*'
	cd opengov && ../$(PY) ../manage.py compilemessages

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var
