"""The county's 300 school packages into PostgreSQL and into SQLite, one case each, for paired runs.

    EDURETURNS_TEST_DATABASE_URL=$(bash .ci/pg.sh start) \\
    python -m benchmarks.paired --before /tmp/before --after /tmp/after --runs 3 \\
        benchmarks.pg_packages_bench:postgres benchmarks.pg_packages_bench:sqlite

Each run imports into an empty county (a fresh server database, or a fresh file) exactly as
``postgres_bench`` does, with the import's own choice of the staging worker. The module
needs nothing the earlier revisions lack, so it can be copied into an exported older checkout.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from benchmarks.fixtures import Fixtures
from benchmarks.harness import Measurement
from benchmarks.packages_bench import COUNTY, school_packages


def _import(db: object, packages: Path) -> Measurement:
    from desktop.domain.records import UnitData
    from desktop.services.packages.export import import_packages
    from desktop.services.records.units import create_home_unit
    from desktop.services.year.periods import ensure_period

    create_home_unit(db, UnitData(code=COUNTY[0], name=COUNTY[1], kind="county", parent_code=COUNTY[2]))  # type: ignore[arg-type]
    ensure_period(db, 2025)  # type: ignore[arg-type]
    t0 = time.perf_counter()
    summary = import_packages(db, [packages])  # type: ignore[arg-type]
    seconds = time.perf_counter() - t0
    return Measurement(seconds, summary.count("imported"), f"staged {summary.staged}")


def postgres(fx: Fixtures) -> Measurement:
    from benchmarks.postgres_bench import server_database

    packages = school_packages(fx)
    with server_database(os.environ["EDURETURNS_TEST_DATABASE_URL"]) as db:
        return _import(db, packages)


def sqlite(fx: Fixtures) -> Measurement:
    from desktop.data.engine import Database
    from desktop.data.migrate import upgrade

    packages = school_packages(fx)
    with tempfile.TemporaryDirectory() as folder:
        db = Database.for_path(Path(folder) / "county.db")
        upgrade(db)
        try:
            return _import(db, packages)
        finally:
            db.dispose()
