"""Time the indicator engine and the checks on a demo database (not a test: speed lives here).

    edureturns-cli demo --scale county --db /tmp/county.db
    python benchmarks/bench_indicators.py /tmp/county.db

Prints wall and CPU seconds (CPU is what to compare on a busy machine; SQLite
runs in-process, so its work is counted). Target: all indicators for the
county in ≤ 2 s.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from desktop.data.engine import Database
from desktop.services.indicators.compute import compute_indicators, compute_indicators_by_school
from desktop.services.records.units import home_unit
from desktop.services.returns.checks import run_checks
from desktop.services.year.periods import latest_period


def timed(label: str, fn: Callable[[], Any], repeat: int) -> Any:
    best_wall = best_cpu = float("inf")
    result = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print(f"{label:<32} wall {best_wall:6.2f} s   cpu {best_cpu:6.2f} s   (best of {repeat})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    db = Database.for_path(args.db)
    unit, period = home_unit(db), latest_period(db)
    assert unit and period
    rep = timed("compute_indicators", lambda: compute_indicators(db, unit.id, period.id), args.repeat)
    by = timed("compute_indicators_by_school", lambda: compute_indicators_by_school(db, unit.id, period.id),
               args.repeat)
    checks = timed("run_checks", lambda: run_checks(db, unit.id, period.id), args.repeat)
    print(f"{len(rep.results)} results for {unit.name}; {len(by)} school reports; {len(checks.items)} findings")
    db.dispose()


if __name__ == "__main__":
    main()
