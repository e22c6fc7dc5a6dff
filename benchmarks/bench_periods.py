"""Time 开始新学年 and the 概览 reminders on a demo database (not a test: speed lives here).

    edureturns-cli demo --scale county --db /tmp/county.db
    python -m benchmarks.bench_periods /tmp/county.db

Works on a copy (rollover writes). Targets for a county (300 schools, 2,400
classes, 8,000 staff, 800,000 training records): preview ≤ 2 s, apply ≤ 3 s,
reminders ≤ 2 s. Measured on the 2-core project machine, warm cache: preview
0.85 s, apply 1.8 s, second apply (no-op) 0.46 s, reminders 1.0–1.5 s, late
list 0.09 s; on a fresh copy while the test suite ran, wall rose to 0.8 / 2.5 /
0.8 / 4.4 s with CPU 0.12 / 0.32 / 0.10 / 0.49 s (the rest is I/O wait).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from desktop.data.engine import Database
from desktop.services.indicators import reminders
from desktop.services.records.units import home_unit
from desktop.services.year import periods, rollover


def timed(label: str, fn: Callable[[], Any]) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    print(f"{label:<28} wall {time.perf_counter() - wall:6.2f} s   cpu {time.process_time() - cpu:6.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bench.db"
        shutil.copy(args.db, copy)
        db = Database.for_path(copy)
        unit = home_unit(db)
        period = periods.latest_period(db)
        assert unit and period
        plan = timed("preview_rollover", lambda: rollover.preview_rollover(db, unit.id, period.id))
        result = timed("apply_rollover", lambda: rollover.apply_rollover(db, unit.id, period.id))
        again = timed("apply_rollover (again)", lambda: rollover.apply_rollover(db, unit.id, period.id))
        census = period.census_date
        found = timed("reminders", lambda: reminders.reminders(db, unit.id, period.id, today=census))
        timed("unit_deadlines", lambda: reminders.unit_deadlines(db, unit.id, period.id, today=date.today()))
        print(f"{len(plan.units)} units, {result.classes_created} classes created, no-op again: {again.already_done}; "
              f"reminders {found.counts}")
        db.dispose()


if __name__ == "__main__":
    main()
