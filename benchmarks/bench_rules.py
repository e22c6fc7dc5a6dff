"""Time the checks with the rule files, over one year and over two (not a test: speed lives here).

    edureturns-cli demo --scale county --db /tmp/county.db
    python -m benchmarks.bench_rules /tmp/county.db

Works on a copy: times run_checks for the county (every rule over 300 schools, 2,400
classes), rolls over to the next year, then times run_checks again (the year-over-year and
plausibility rules load last year's figures), the rule bench over both years, and the export
of the four returns with 上年、本年、增减% lines. Measured on the 2-core project machine, warm,
best of three (docs/rules.md): run_checks 1.38 s one year (1.21 s before the rules), 2.22 s
with last year (1.13 s before); the export of the four returns 3.9 s (1.8 s before).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.data.engine import Database
from desktop.services.records.units import home_unit
from desktop.services.returns.bench import bench_rule_file
from desktop.services.returns.build import export_returns
from desktop.services.returns.checks import run_checks
from desktop.services.returns.rules import rules_dir
from desktop.services.year import periods, rollover


def best(label: str, fn: Callable[[], Any], times: int = 3) -> Any:
    walls, result = [], None
    for _ in range(times):
        wall = time.perf_counter()
        result = fn()
        walls.append(time.perf_counter() - wall)
    print(f"{label:<40} best {min(walls):6.2f} s   ({', '.join(f'{w:.2f}' for w in walls)})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bench.db"
        shutil.copy(args.db, copy)
        db = Database.for_path(copy)
        unit, first = home_unit(db), periods.latest_period(db)
        assert unit and first
        run_checks(db, unit.id, first.id)  # warm
        best("run_checks, one year", lambda: run_checks(db, unit.id, first.id))
        second = rollover.apply_rollover(db, unit.id, first.id).period
        run_checks(db, unit.id, second.id)
        found = best("run_checks, with last year", lambda: run_checks(db, unit.id, second.id))
        best("rules test 03_plausibility (both years)",
             lambda: bench_rule_file(db, rules_dir() / "03_plausibility.toml", unit.id), times=1)
        best("export 4 returns with 上年 lines", lambda: export_returns(
            db, unit.id, second.id, ["profile", "structure", "credentials", "training"], ["xlsx", "pdf"],
            Path(tmp) / "out"), times=2)
        print(f"{len(found.items)} findings; by rule: {found.counts_by_rule()}")
        db.dispose()


if __name__ == "__main__":
    main()
