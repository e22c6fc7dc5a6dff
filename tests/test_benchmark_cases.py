"""Every case `python -m benchmarks` lists names a function that exists, and every baseline a listed case.

A case is run by name in a child process (``benchmarks/child.py``); a renamed or removed function
showed only as an ERROR row in a full benchmark run (``groupby_county`` was lost that way, and with
it the county indicators' baseline). Nothing is run here: the names are resolved.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest

from benchmarks.__main__ import all_cases
from benchmarks.harness import Case


def _every_case(monkeypatch: pytest.MonkeyPatch) -> Iterator[Case]:
    # With a server named, the PostgreSQL cases are listed too (their module needs no server to import).
    monkeypatch.setenv("EDURETURNS_TEST_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    import benchmarks.suites as suites

    yield from all_cases(growth=True, city=True)
    yield from suites._postgres()


def test_every_case_names_a_function_that_exists_and_every_baseline_a_listed_case(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cases = list(_every_case(monkeypatch))
    names = {c.name for c in cases}
    assert len(cases) > 40 and any(c.name.startswith("gui:") for c in cases)
    missing = []
    for case in cases:
        module, _, func = case.fn.partition(":")
        if not callable(getattr(importlib.import_module(module), func, None)):
            missing.append(case.fn)
    assert missing == []
    assert [c.name for c in cases if c.baseline is not None and c.baseline not in names] == []
