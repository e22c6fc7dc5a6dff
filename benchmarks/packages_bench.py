"""Package import at county scale: 300 school packages (8,000 staff, 800,000 training records).

Cases (each in a fresh process, see ``harness``):

- ``import_county`` — ``services.packages.import_packages`` of the 300 packages into an
  empty county database: verification (hashes, counts), backup, diff check, bulk
  insert, conflict findings, one transaction per package;
- ``raw_limit_county`` — the limit: read the same rows from the same files and
  insert them with executemany in one transaction, no checks at all (the
  approval-lock triggers off, as the import has them);
- ``pandas_county`` — the peer a power user would write: each school's staff and
  training sheets read with ``pandas.read_excel`` and written with ``to_sql``.

The fixtures (the 300 packages, cut from the county demo database, and the 300
equivalent workbooks) are built once by ``prepare_county`` and reused.
Issue targets: import ≤ 15 s, within 2× of the raw limit, ≥ 4× faster than pandas,
peak RSS ≤ 500 MB. No assertions: the harness table reports met / MISSED.
"""

from __future__ import annotations

import gzip
import json
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.fixtures import Fixtures
from benchmarks.harness import Case, Measurement
from benchmarks.measure import cpu_seconds
from desktop import __version__
from desktop.data import guards
from desktop.data.bulk import insert_rows
from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.domain.records import UnitData
from desktop.exchange import tables as T
from desktop.exchange.package import Manifest, PackageWriter, package_file_name
from desktop.exchange.package_sign import new_private_key
from desktop.services.packages.receive import IMPORT_CACHE_KIB
from desktop.services.records.units import create_home_unit
from desktop.services.year.periods import ensure_period

COUNTY = ("441622", "龙川县教育局", "441600")


def _cpu(children: bool = False) -> float:
    """User + system CPU seconds of this process (or its finished children): a load-independent companion."""
    return cpu_seconds(children)


def _dirs(fx: Fixtures) -> tuple[Path, Path]:
    return fx.root / "packages-county", fx.root / "excel-county"


def school_packages(fx: Fixtures) -> Path:
    """Cut one package per school out of the county demo (built once)."""
    from sqlalchemy import select

    from desktop.data.models import Period, Unit

    folder, _ = _dirs(fx)
    # Signed since session 2, with their returns' fingerprints since issue #20 (packages without are refused).
    done = folder / ".complete-fingerprinted"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    db = Database.for_path(fx.database("county"))
    with db.session() as s:
        period = s.scalars(select(Period)).one()
        schools = s.execute(select(Unit.id, Unit.code, Unit.name, Unit.parent_code)
                            .where(Unit.kind == "school").order_by(Unit.code)).all()
        for sid, code, name, parent in schools:
            cut_package(s, period, [sid], (code, name, "school", parent), folder)
    db.dispose()
    done.touch()
    return folder


def cut_package(session: Any, period: Any, unit_ids: list[int], unit: tuple[str, str, str, str | None],
                folder: Path) -> Path:
    """Write the package of one unit (its detail rows over ``unit_ids``) as that unit's export would.

    Each unit signs with a key of its own, as a real unit's first export does; the
    human-readable returns are left out (the import does not read them).
    """
    from desktop.services.packages.rows import DetailReader

    code, name, kind, parent = unit
    m = Manifest(unit_code=code, unit_name=name, unit_kind=kind, parent_code=parent,
                 school_year=period.school_year, census_date=period.census_date.isoformat(),
                 created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), app_version=__version__)
    from desktop.services.returns.build import all_return_codes, data_fingerprints

    # Every package carries its returns' fingerprints (a package without them is refused, issue #20).
    m.fingerprints = data_fingerprints(session, unit_ids[0], period.id, all_return_codes())
    writer = PackageWriter(m)
    reader = DetailReader(session, unit_ids, period.id)
    for table in T.TABLES:
        writer.add_table(table.name, [] if table.name == "findings" else reader.rows(table.name))
    return writer.write(folder / package_file_name(code, period.school_year, kind), signing_key=new_private_key())


def _school_workbooks(fx: Fixtures) -> Path:
    """The same staff and training rows as one workbook per school (built once; slow, openpyxl)."""
    from openpyxl import Workbook

    packages = school_packages(fx)
    _, folder = _dirs(fx)
    done = folder / ".complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for pkg in sorted(packages.glob("*.erp")):
        wb = Workbook(write_only=True)
        for table in ("staff", "training"):
            ws = wb.create_sheet(table)
            ws.append(list(T.BY_NAME[table].columns))
            for row in _rows(pkg, table):
                ws.append(row)
        wb.save(folder / f"{pkg.stem}.xlsx")
    done.touch()
    return folder


def prepare_county(fx: Fixtures) -> Measurement:
    started = time.perf_counter()
    school_packages(fx)
    try:
        import pandas  # noqa: F401
    except ImportError:
        return Measurement(time.perf_counter() - started, 300, "pandas not installed: no workbooks")
    _school_workbooks(fx)
    return Measurement(time.perf_counter() - started, 300, "fixtures ready")


def _empty_county(fx: Fixtures, name: str) -> Database:
    path = fx.scratch(name) / "county.db"
    db = Database.for_path(path)
    upgrade(db)
    create_home_unit(db, UnitData(code=COUNTY[0], name=COUNTY[1], kind="county", parent_code=COUNTY[2]))
    ensure_period(db, 2025)
    return db


def import_county(fx: Fixtures) -> Measurement:
    from desktop.services.packages.export import import_packages

    folder = school_packages(fx)
    db = _empty_county(fx, "import-county")
    started, cpu, worker = time.perf_counter(), _cpu(), _cpu(children=True)
    summary = import_packages(db, [folder])
    seconds, cpu, worker = time.perf_counter() - started, _cpu() - cpu, _cpu(children=True) - worker
    ok = summary.count("imported")
    training = sum(r.counts.get("training", 0) for r in summary.results if r.ok)
    db.dispose()
    return Measurement(seconds, training, f"{ok} of {len(summary.results)} packages imported, {summary.staged} "
                                          f"decoded by the worker process; CPU {cpu:.1f} s + worker {worker:.1f} s")


def _rows(path: Path, table: str) -> list[list[Any]]:
    with zipfile.ZipFile(path) as zf:
        name = T.member_name(table)
        if name not in zf.namelist():
            return []
        with zf.open(name) as raw, gzip.GzipFile(fileobj=raw) as gz:
            gz.readline()
            return [row for line in gz for row in json.loads(line)]


def raw_limit_county(fx: Fixtures) -> Measurement:
    """Same files, same rows, executemany into the same schema; no verification, one transaction."""
    folder = school_packages(fx)
    return raw_insert(_empty_county(fx, "raw-county"), sorted(folder.glob("*.erp")), COUNTY[0])


def raw_insert(db: Database, packages: list[Path], home_code: str) -> Measurement:
    """The limit: the packages' rows inserted with executemany in one transaction, no checks at all."""
    now = "2025-09-01 00:00:00.000000"  # the stored form: every value is plain, none needs adapting
    started, cpu = time.perf_counter(), _cpu()
    total = 0
    # No checks: the approval-lock triggers are off too, as in the import (they are checks).
    with db.session(write=True) as s, guards.replacing(s.connection()):
        conn = s.connection()
        conn.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")  # the same cache as the import
        unit_ids: dict[str, int] = {home_code: 1}
        staff_ids: dict[str, int] = {}
        cred_ids: dict[str, int] = {}
        for pkg in packages:
            urows = []
            for u in _rows(pkg, "units"):  # parents come before children in a package
                unit_ids[u[0]] = len(unit_ids) + 1
                urows.append((unit_ids[u[0]], unit_ids.get(u[3], 1), *u, False, 1, now, now))
            insert_rows(conn, "units", ("id", "parent_id", *T.UNITS.columns, "is_home", "version", "created_at",
                                        "updated_at"), urows, plain=True)
            srows = []
            for r in _rows(pkg, "staff"):
                staff_ids[r[0]] = len(staff_ids) + 1
                srows.append((staff_ids[r[0]], r[0], unit_ids[r[1]], *r[2:8], "", *r[8:], 1, now, now))
            insert_rows(conn, "staff", ("id", "uid", "unit_id", *T.STAFF.columns[2:8], "id_digest",
                                        *T.STAFF.columns[8:], "version", "created_at", "updated_at"), srows, plain=True)
            crows = []
            for r in _rows(pkg, "credentials"):
                cred_ids[r[0]] = len(cred_ids) + 1
                crows.append((cred_ids[r[0]], r[0], staff_ids[r[1]], *r[2:], 1, now, now))
            insert_rows(conn, "credentials", ("id", "uid", "staff_id", *T.CREDENTIALS.columns[2:], "version",
                                              "created_at", "updated_at"), crows, plain=True)
            insert_rows(conn, "registrations", ("uid", "credential_id", *T.REGISTRATIONS.columns[2:], "created_at",
                                                "updated_at"),
                        [(r[0], cred_ids[r[1]], *r[2:], now, now) for r in _rows(pkg, "registrations")], plain=True)
            total += insert_rows(conn, "training_records", ("uid", "staff_id", *T.TRAINING.columns[2:], "version",
                                                            "created_at", "updated_at"),
                                 [(r[0], staff_ids[r[1]], *r[2:], 1, now, now) for r in _rows(pkg, "training")], plain=True)
            insert_rows(conn, "classes", ("uid", "unit_id", "period_id", *T.CLASSES.columns[2:], "version",
                                          "created_at", "updated_at"),
                        [(r[0], unit_ids[r[1]], 1, *r[2:], 1, now, now) for r in _rows(pkg, "classes")], plain=True)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    db.dispose()
    return Measurement(seconds, total, f"units, staff, credentials, registrations, training, classes; CPU {cpu:.1f} s")




def _not_null(frame: Any, table: str) -> Any:
    """What the power user learns after the first IntegrityError: empty cells of NOT NULL text columns are ''."""
    from sqlalchemy import String

    from desktop.data.models import Base

    cols = Base.metadata.tables[table].columns
    fill = {c.name: "" for c in cols if not c.nullable and c.name in frame.columns and isinstance(c.type, String)}
    return frame.fillna(fill)


def pandas_county(fx: Fixtures) -> Measurement:
    """The power user's pipeline: read_excel each school's workbook, to_sql staff and training."""
    import pandas as pd
    from sqlalchemy import create_engine

    folder = _school_workbooks(fx)
    path = fx.scratch("pandas-county") / "county.db"
    db = Database.for_path(path)
    upgrade(db)
    db.dispose()
    engine = create_engine(f"sqlite:///{path}")
    started, cpu = time.perf_counter(), _cpu()
    total, next_staff = 0, 1
    with engine.begin() as conn:
        for book in sorted(folder.glob("*.xlsx")):
            sheets = pd.read_excel(book, sheet_name=["staff", "training"], dtype={"id_number": str})
            staff = sheets["staff"]
            staff.insert(0, "id", range(next_staff, next_staff + len(staff)))
            next_staff += len(staff)
            ids = dict(zip(staff["uid"], staff["id"], strict=True))
            staff = _not_null(staff.drop(columns=["unit_code"]).assign(unit_id=1, id_digest="", version=1), "staff")
            staff.to_sql("staff", conn, if_exists="append", index=False)
            training = sheets["training"]
            training["staff_id"] = training.pop("staff_uid").map(ids)
            training = _not_null(training.assign(version=1), "training_records")
            total += int(training.to_sql("training_records", conn, if_exists="append", index=False) or 0)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    engine.dispose()
    return Measurement(seconds, total, f"staff + training only; CPU {cpu:.1f} s")


CASES = [
    Case("package fixtures (300 school packages + workbooks)", "—", "benchmarks.packages_bench:prepare_county",
         runs=1),
    Case("raw limit: executemany of the package rows (county)", "limit", "benchmarks.packages_bench:raw_limit_county"),
    Case("import 300 school packages (county)", "≤ 15 s, ≤ 2× raw, ≤ 500 MB",
         "benchmarks.packages_bench:import_county", baseline="raw limit: executemany of the package rows (county)",
         max_seconds=15.0, max_ratio=2.0, max_rss_mb=500),
    Case("pandas read_excel + to_sql (county)", "peer: import ≥ 4× faster", "benchmarks.packages_bench:pandas_county",
         runs=1),
]
CASES.append(Case("import 300 school packages vs pandas (county)", "≥ 4× faster than pandas",
                  "benchmarks.packages_bench:import_county", baseline="pandas read_excel + to_sql (county)",
                  min_speedup=4.0, runs=1))


def main() -> None:
    """`python -m benchmarks.packages_bench [RUNS]`: these cases only, with each case's note (CPU seconds)."""
    import sys

    from benchmarks.__main__ import FIXTURES
    from benchmarks.harness import run_cases, table

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    results = run_cases(CASES, FIXTURES, runs, lambda m: print(m, file=sys.stderr))
    print(table(results))
    for r in results:
        print(f"- {r.case.name}: {r.note or r.error}")


if __name__ == "__main__":
    main()
