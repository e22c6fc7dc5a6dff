"""Benchmark cases contributed by the capabilities beyond the foundation (see ``__main__.all_cases``)."""

from __future__ import annotations

from benchmarks.harness import Case
from benchmarks.packages_bench import CASES as PACKAGE_CASES

EXTRA: list[Case] = [*PACKAGE_CASES]
