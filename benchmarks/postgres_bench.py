"""SQLite next to PostgreSQL in one run: county demo build, package and spreadsheet import, indicators, returns, migrate-to.

Run: ``python -m benchmarks.postgres_bench [--url URL] [--import-rows N]``.
URL is a PostgreSQL login that may CREATE DATABASE (default: EDURETURNS_TEST_DATABASE_URL,
else a throwaway cluster from ``.ci/pg.sh start``). Every step runs on both engines with
the same seed; the run also moves the SQLite county into an empty server database with
``move_database`` and prints whether every table and every return fingerprint agrees.
Prints numbers; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.services.admin.move import move_database, result_fingerprints
from desktop.services.demo import build_demo

ROOT = Path(__file__).resolve().parents[1]


def _server_url(given: str | None) -> str:
    url = given or os.environ.get("EDURETURNS_TEST_DATABASE_URL")
    if url:
        return url
    return subprocess.run([str(ROOT / ".ci" / "pg.sh"), "start"], check=True, capture_output=True,
                          text=True).stdout.strip()


@contextmanager
def server_database(url: str) -> Iterator[Database]:
    name = f"edureturns_bench_{uuid.uuid4().hex[:8]}"
    admin = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    db = Database(make_url(url).set(database=name).render_as_string(hide_password=False))
    try:
        upgrade(db)
        yield db
    finally:
        db.dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]


def _timed(fn: Callable[[], Any], runs: int = 1) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def _home_period(db: Database) -> tuple[int, int]:
    from desktop.services.records.units import home_unit
    from desktop.services.year.periods import latest_period

    unit, period = home_unit(db), latest_period(db)
    assert unit is not None and period is not None
    return unit.id, period.id


def _indicators(db: Database) -> object:
    from desktop.services.indicators.compute import compute_indicators

    return compute_indicators(db, *_home_period(db))


def _returns(db: Database) -> object:
    from desktop.services.returns.build import build_returns, list_returns

    unit_id, period_id = _home_period(db)
    return build_returns(db, [r.code for r in list_returns(db, unit_id)], unit_id, period_id)


def _import(db: Database, folder: Path, rows: int) -> tuple[float, float]:
    """(preview s, commit s) for a training sheet of ``rows`` rows into a new school of the county."""
    from benchmarks.import_bench import write_files
    from desktop.domain.records import UnitData
    from desktop.services.imports.spreadsheet import commit_import, preview_import
    from desktop.services.records.units import create_unit

    roster, training = (folder / "roster.xlsx", folder / "training.xlsx")
    if not training.exists():
        write_files(folder, rows, 2_000)
    school = create_unit(db, UnitData(code="2144169999", name="基准测试学校", kind="school", parent_code="441622",
                                      category="211", ownership="1", urban_rural="2"))
    commit_import(db, preview_import(db, "roster", roster, unit_id=school.id, defaults={"category": "专任教师", "employment_form": "在编"}))
    preview_s, preview = _timed(lambda: preview_import(db, "training", training, unit_id=school.id))
    commit_s, _ = _timed(lambda: commit_import(db, preview))
    return preview_s, commit_s


def _package_import(db: Database) -> tuple[float, int]:
    """(seconds, packages imported) for the county demo's 300 school packages into an empty county."""
    from benchmarks.fixtures import Fixtures
    from benchmarks.packages_bench import COUNTY, school_packages
    from desktop.domain.records import UnitData
    from desktop.services.packages.export import import_packages
    from desktop.services.records.units import create_home_unit
    from desktop.services.year.periods import ensure_period

    packages = school_packages(Fixtures(ROOT / "benchmarks" / "fixtures"))
    create_home_unit(db, UnitData(code=COUNTY[0], name=COUNTY[1], kind="county", parent_code=COUNTY[2]))
    ensure_period(db, 2025)
    seconds, summary = _timed(lambda: import_packages(db, [packages]))
    return seconds, summary.count("imported")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url")
    parser.add_argument("--import-rows", type=int, default=50_000)
    args = parser.parse_args()
    url = _server_url(args.url)
    folder = Path(tempfile.mkdtemp(prefix="pg_bench_"))
    try:
        _run(url, folder, args.import_rows)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(url: str, folder: Path, import_rows: int) -> None:
    rows: list[tuple[str, str, str]] = []
    sqlite = Database.for_path(folder / "county.db")
    upgrade(sqlite)
    with server_database(url) as pg:
        for label, fn in [
            ("county demo build (8,000 staff, 800,000 training)", lambda db: _timed(lambda: build_demo(db, "county"))[0]),
            ("indicators, county (best of 3)", lambda db: _timed(lambda: _indicators(db), runs=3)[0]),
            ("all returns, county (best of 3)", lambda db: _timed(lambda: _returns(db), runs=3)[0]),
        ]:
            rows.append((label, f"{fn(sqlite):.2f}", f"{fn(pg):.2f}"))
            print(rows[-1], flush=True)
        same = result_fingerprints(sqlite) == result_fingerprints(pg)
        rows.append(("same seed, same return fingerprints on both", "—", "yes" if same else "NO"))
    with server_database(url) as target:
        seconds, report = _timed(lambda: move_database(sqlite, target))
        rows.append((f"migrate-to: copy + verify {report.rows:,} rows", "(source)", f"{seconds:.2f}"))
        bad = [t.table for t in report.tables if not t.ok] + [r.name for r in report.results if not r.ok]
        n_returns = sum(1 for r in report.results if r.name.startswith("return:"))
        rows.append((f"migrate-to: tables, indicators and {n_returns} return fingerprints identical",
                     "—", "yes" if not bad else f"NO: {bad}"))
    sqlite.dispose()
    s_db = Database.for_path(folder / "county.db")
    with server_database(url) as pg2:
        build_demo(pg2, "county")
        a = _import(s_db, folder, import_rows)
        b = _import(pg2, folder, import_rows)
        imp = [(f"import {import_rows:,} training rows: preview", f"{a[0]:.2f}", f"{b[0]:.2f}"),
               (f"import {import_rows:,} training rows: commit", f"{a[1]:.2f}", f"{b[1]:.2f}")]
    s_db.dispose()
    sqlite_pkg = Database.for_path(folder / "packages.db")
    upgrade(sqlite_pkg)
    a_pkg = _package_import(sqlite_pkg)
    sqlite_pkg.dispose()
    with server_database(url) as pg3:
        b_pkg = _package_import(pg3)
    imp.append((f"import the county's 300 school packages ({a_pkg[1]} / {b_pkg[1]} imported)",
                f"{a_pkg[0]:.2f}", f"{b_pkg[0]:.2f}"))
    print("\n| step | SQLite s | PostgreSQL s |\n|---|---:|---:|")
    for label, a_s, b_s in rows + imp:
        print(f"| {label} | {a_s} | {b_s} |")


if __name__ == "__main__":
    main()
