# The two commands of the README: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
# Tests run on every core; those that assert a wall-clock budget (marker `timing`) run alone afterwards,
# so a neighbour's work never counts against them. Exit code 5 means the selection held no such test.
TEST_WORKERS ?= auto
# The embedded default: development mode (SQLite and eager Celery unless DATABASE_URL/REDIS_URL).
export DEBUG ?= true

.PHONY: run test install lint migrations-check deploy-check bench lighthouse

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Browser tests drive Debian's Chromium, never a browser downloaded by a test tool.
/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "Browser tests need Debian's Chromium: sudo apt-get install chromium" >&2; exit 1; \
	fi

# WeasyPrint (the report PDFs) needs Pango and a font from Debian.
/usr/share/doc/libpangoft2-1.0-0:
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; \
	else \
		echo "Report PDFs need Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core" >&2; exit 1; \
	fi

install: $(BIN)/.installed node_modules/.installed /usr/share/doc/libpangoft2-1.0-0

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Serving Demo Academy at http://127.0.0.1:8000 (Ctrl+C stops)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install /usr/bin/chromium
	$(BIN)/python -m pytest -n $(TEST_WORKERS) -m "not timing" $(PYTEST_ARGS)
	$(BIN)/python -m pytest -m timing $(PYTEST_ARGS) || [ $$? -eq 5 ]

# The layers (pyproject.toml, [tool.importlinter]): lower apps never import higher ones.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# The performance benchmark (README, "Benchmark"): a trust-sized PostgreSQL dataset served by gunicorn
# with production settings and driven by locust on the loopback; results in bench/results.md.
# locust gets a venv of its own: its pytest plugin must not load into the test suite.
.venv-bench/.installed: requirements-bench.txt
	test -x .venv-bench/bin/python || $(PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

bench: install .venv-bench/.installed
	bench/run.sh

# Lighthouse (npm devDependency, Debian's Chromium, mobile) over four pupil pages, as a signed-in pupil,
# against the production settings on a throwaway demo database; results in docs/lighthouse.md.
# Too slow for .ci/run (a minute a page): run it after a change to the look or the assets.
lighthouse: install /usr/bin/chromium
	bench/lighthouse.sh
