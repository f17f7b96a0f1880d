# teilhabe – `make run` serves the product with demo data, `make test` runs the suite.
# Needs only Python 3.11 and make: uv (pinned) is installed into .tools/, the
# environment into .venv/ from uv.lock.

PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
PY := .venv/bin/python
MANAGE := $(PY) manage.py
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: run test test-fast lint bench install messages clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.synced: uv.lock pyproject.toml $(UV)
	$(UV) sync --frozen --quiet
	touch $@

install: .venv/.synced

messages: install
	$(MANAGE) compile_translations

run: messages
	mkdir -p var
	$(MANAGE) create_field_key
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	@$(MANAGE) demo_logins
	@echo ""
	@echo "teilhabe läuft auf http://127.0.0.1:8000  (Beenden mit Strg+C)"
	@$(MANAGE) serve 127.0.0.1:8000

# The whole suite: unit, view, tenancy walk and browser tests.
test: messages
	$(PY) -m pytest -n 2 --dist loadgroup -q

lint: messages
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy teilhabe config bench
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.prod SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(60))') \
	  TEILHABE_FIELD_KEYS=$$($(PY) -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())') \
	  $(MANAGE) check --deploy --fail-level WARNING
	$(MANAGE) compilemessages --ignore .venv --ignore .tools
	$(MANAGE) compile_translations --check

bench: messages
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf .venv .tools var
