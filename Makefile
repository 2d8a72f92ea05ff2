# Samverkansportalen: `make demo` runs the portal, `make test` runs the whole test suite.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# The Nu Html Checker (tests/platform/test_valid_html.py), from npm; it runs on Java.
VNU_VERSION := 26.9.27
VNU_STAMP := $(VENV)/vnu/.installed-$(VNU_VERSION)
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs in this many parallel processes (pytest-xdist); 0 runs it in one process.
TEST_PROCESSES ?= 2

.PHONY: demo test install lock messages bench clean

# The portal's dependencies exactly as production has them (requirements.lock, hash-checked, as the
# Dockerfile installs them), then the project and the test tools.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $(STAMP)

VNU_JAR := $(abspath $(VENV))/vnu/node_modules/vnu-jar/build/dist/vnu.jar

install: $(STAMP)

# Without npm (a developer machine) the checker is left out and its test skips (fails in CI).
$(VNU_STAMP):
	if command -v npm >/dev/null; then \
		npm install --silent --no-audit --no-fund --prefix $(VENV)/vnu vnu-jar@$(VNU_VERSION) && touch $@ || echo "npm could not install vnu-jar"; \
	else echo "npm is missing: the Nu Html Checker is not installed"; fi

## Run the portal on http://127.0.0.1:8000 with SQLite, eager Celery and the demo data, with the
## settings in demo.env (DEBUG off: visitors get the portal's error pages, as in production).
demo: install
	set -a && . ./demo.env && set +a && \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) manage.py load_demo --force && \
	echo "Samverkansportalen: http://$(HOST):$(PORT)/  (stop with Ctrl+C)" && \
	echo "E-mails (notices, agendas, subscriptions) are printed in this terminal." && \
	$(PY) manage.py runserver $(HOST):$(PORT)

## Run the whole test suite (SQLite and eager Celery unless DATABASE_URL/CELERY_BROKER_URL are set).
test: install $(VNU_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	VNU_JAR=$(VNU_JAR) $(PY) -m pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS)

## Pin every dependency of pyproject.toml, with hashes, for the production image (Python 3.11, Linux).
lock: install
	$(VENV)/bin/pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --quiet --upgrade --generate-hashes --python-version 3.11.10 \
		--python-platform x86_64-manylinux_2_28 --custom-compile-command 'make lock' -o requirements.lock

## Extract and compile the Swedish translations: locale/ for the project and governance,
## <app>/locale/ for the other apps.
APPS_WITH_CATALOGUES := actionplans meetings reports
messages: install
	$(PY) manage.py makemessages --locale sv --no-obsolete --ignore '.venv/*' --ignore 'tests/*' \
		$(foreach app,$(APPS_WITH_CATALOGUES),--ignore '$(app)/*')
	for app in $(APPS_WITH_CATALOGUES); do \
		(cd $$app && ../$(PY) ../manage.py makemessages --locale sv --no-obsolete) || exit 1; done
	$(PY) manage.py compilemessages --locale sv --ignore '.venv/*'

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
