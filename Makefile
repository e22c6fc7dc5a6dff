# EduReturns developer tasks. `make help` lists them.
# Everything runs in the project's virtual environment (Debian 12 / Ubuntu 24.04 refuse
# pip into the system Python, PEP 668); `make install` creates it.
VENV ?= .venv
PY ?= $(VENV)/bin/python

.PHONY: help install run demo test lint typecheck bench
help:  ## this list
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

install:  ## create .venv and install the project with test and dev tools (editable)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -e ".[test,dev]"

run:  ## start the desktop app
	$(PY) -m desktop

demo:  ## build the demo county into demo-county.db
	$(PY) -m desktop.cli demo --scale county --db demo-county.db

test:  ## the test suite (the README's command)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint:  ## ruff and mypy
	$(PY) -m ruff check .
	$(PY) -m mypy

bench:  ## timed runs at school, county and city scale (appends to benchmarks/RESULTS.md; needs the bench extra)
	$(PY) -m pip install -q -e ".[bench]"
	$(PY) -m benchmarks
