# EduReturns developer tasks. `make help` lists them.
PY ?= python3

.PHONY: help install run demo test lint typecheck bench
help:  ## this list
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

install:  ## install the project with test and dev tools (editable)
	$(PY) -m pip install -e ".[test,dev]"

run:  ## start the desktop app
	$(PY) -m desktop

demo:  ## build the demo county into demo-county.db
	$(PY) -m desktop.cli demo --scale county --db demo-county.db

test:  ## the test suite (the README's command)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint:  ## ruff and mypy
	ruff check .
	mypy

bench:  ## timed runs at school, county and city scale (appends to benchmarks/RESULTS.md)
	$(PY) -m benchmarks
