"""How much of the PostgreSQL import's excess over SQLite is the training records' insert, and its foreign key.

    EDURETURNS_TEST_DATABASE_URL=$(bash .ci/pg.sh start) \\
    python -m benchmarks.pg_training_share [--fixtures DIR] [--runs 3]

Imports the county's 300 school packages, alternating, into: a fresh SQLite file; a fresh
server database; and a fresh server database whose ``training_records`` has lost its foreign
key to ``staff`` (an experiment only: no program database is ever without it). For each it
prints the whole import and the training records' step (``apply._insert_staged_training``:
the staged rows moved by ``INSERT … SELECT`` on SQLite, by binary ``COPY`` on the server),
then the medians and the issue's allowance (PostgreSQL ≤ 1.5× SQLite). Prints figures;
asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.fixtures import Fixtures
from benchmarks.packages_bench import school_packages
from benchmarks.pg_packages_bench import _import

_FK = "fk_training_records_staff_id_staff"


@contextmanager
def _training_timer() -> Iterator[list[float]]:
    """Seconds spent in the training step of each package, while the block runs."""
    from desktop.services.packages import apply

    spent: list[float] = []
    original: Callable[..., Any] = apply._insert_staged_training

    def timed(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - t0)

    apply._insert_staged_training = timed
    try:
        yield spent
    finally:
        apply._insert_staged_training = original


def _sqlite(packages: Path) -> tuple[float, float]:
    from desktop.data.engine import Database
    from desktop.data.migrate import upgrade

    with tempfile.TemporaryDirectory() as folder, _training_timer() as spent:
        db = Database.for_path(Path(folder) / "county.db")
        upgrade(db)
        try:
            return _import(db, packages).seconds, sum(spent)
        finally:
            db.dispose()


def _server(packages: Path, *, foreign_key: bool) -> tuple[float, float]:
    from benchmarks.postgres_bench import server_database

    with server_database(os.environ["EDURETURNS_TEST_DATABASE_URL"]) as db, _training_timer() as spent:
        if not foreign_key:
            with db.engine.begin() as conn:
                conn.exec_driver_sql(f"ALTER TABLE training_records DROP CONSTRAINT {_FK}")
        return _import(db, packages).seconds, sum(spent)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pg_training_share")
    parser.add_argument("--fixtures", type=Path, default=Path(__file__).parent / "fixtures")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    packages = school_packages(Fixtures(args.fixtures))
    sides: dict[str, Callable[[], tuple[float, float]]] = {
        "SQLite": lambda: _sqlite(packages),
        "PostgreSQL": lambda: _server(packages, foreign_key=True),
        "PostgreSQL, no training foreign key (experiment)": lambda: _server(packages, foreign_key=False),
    }
    seen: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    for run in range(args.runs):
        for name, side in sides.items():
            seen[name].append(side())
            whole, training = seen[name][-1]
            print(f"run {run + 1}  {name}: import {whole:.2f} s, training step {training:.2f} s", flush=True)
    print("\n| import | median s | training step, median s | the rest, median s | / SQLite |\n|---|---:|---:|---:|---:|")
    base = statistics.median(w for w, _ in seen["SQLite"])
    for name, runs in seen.items():
        whole, training = statistics.median(w for w, _ in runs), statistics.median(t for _, t in runs)
        print(f"| {name} | {whole:.2f} | {training:.2f} | {whole - training:.2f} | {whole / base:.2f}× |")
    sqlite_training = statistics.median(t for _, t in seen["SQLite"])
    server_training = statistics.median(t for _, t in seen["PostgreSQL"])
    print(f"\nAllowance at 1.5×: {0.5 * base:.2f} s over SQLite's {base:.2f} s. The training step alone takes "
          f"{server_training - sqlite_training:.2f} s more on the server than on SQLite.")


if __name__ == "__main__":
    main()
