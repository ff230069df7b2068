# The two commands of the README: `make run` and `make test`. Everything else is set-up they need.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint setup setup-test setup-bench worker messages clean

# Links in console output and development e-mails point at the address the server listens on.
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py bootstrap
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup-test
	@bash scripts/ensure-chromium.sh
	$(PY) -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

setup: $(VENV)/.installed-run
setup-test: $(VENV)/.installed-test

$(VENV)/.installed-run: requirements.txt scripts/make-venv.sh
	@bash scripts/make-venv.sh $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed-run requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@

# Benchmark tools (locust for bench/load_test.py); not needed to run or test the platform.
setup-bench: setup
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt

# Background tasks (imports, index builds) in development.
worker: setup
	$(PY) manage.py run_worker

lint: setup-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

messages: setup
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=bench --ignore=tests --no-location
	$(PY) manage.py compilemessages -l en --ignore=.venv

clean:
	rm -rf var/test.sqlite3 var/test-media
