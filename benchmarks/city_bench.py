"""City scale and growth: a city office importing its counties' packages.

The city demo (6 counties × 300 schools: 48,000 staff, 4.8 million training
records) is cut into one county package per county, each carrying its schools'
detail, exactly what ``package export`` writes for a county (without the
human-readable returns, which the import does not read). Cases:

- ``import_city`` — the city imports the 6 county packages; ``raw_limit_city`` —
  the same rows read from the same files and inserted with executemany, no checks;
- ``indicators_city`` (in ``cases_core``) — all indicators over the 6 counties;
- growth: ``import_counties_1/2/4`` — the city imports the first 1, 2 and 4 county
  packages, to see how the import cost grows with the data (1×, 2×, 4× a county);
  the indicators' growth uses the ``city2`` / ``city4`` fixtures in ``cases_core``.

Fixtures are built once into benchmarks/fixtures (git-ignored) and reused.
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.fixtures import Fixtures
from benchmarks.harness import Case, Measurement
from benchmarks.packages_bench import _cpu, cut_package, raw_insert
from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.domain.records import UnitData
from desktop.services.records.units import create_home_unit
from desktop.services.year.periods import ensure_period

CITY = ("441600", "河源市教育局", "440000")


def county_packages(fx: Fixtures) -> list[Path]:
    """One package per county of the city demo, cut once (sorted by county code)."""
    from sqlalchemy import select

    from desktop.data.models import Period, Unit
    from desktop.data.queries import unit_tree

    folder = fx.root / "packages-city"
    # Signed since session 2, with their returns' fingerprints since issue #20 (packages without are refused).
    done = folder / ".complete-fingerprinted"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        db = Database.for_path(fx.database("city"))
        with db.session() as s:
            period = s.scalars(select(Period)).one()
            counties = s.execute(select(Unit.id, Unit.code, Unit.name, Unit.parent_code)
                                 .where(Unit.kind == "county").order_by(Unit.code)).all()
            for cid, code, name, parent in counties:
                cut_package(s, period, [u.id for u in unit_tree(s, cid, include_closed=True)], (code, name, "county", parent), folder)
        db.dispose()
        done.touch()
    return sorted(folder.glob("*.erp"))


def prepare_city(fx: Fixtures) -> Measurement:
    started = time.perf_counter()
    n = len(county_packages(fx))
    return Measurement(time.perf_counter() - started, n, "city demo + county packages ready")


def _empty_city(fx: Fixtures, name: str) -> Database:
    db = Database.for_path(fx.scratch(name) / "city.db")
    upgrade(db)
    create_home_unit(db, UnitData(code=CITY[0], name=CITY[1], kind="city", parent_code=CITY[2]))
    ensure_period(db, 2025)
    return db


def _import(fx: Fixtures, count: int | None) -> Measurement:
    from desktop.services.packages.export import import_packages

    packages = county_packages(fx)[:count]
    db = _empty_city(fx, f"import-city-{count or 'all'}")
    started, cpu = time.perf_counter(), _cpu()
    summary = import_packages(db, packages)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    training = sum(r.counts.get("training", 0) for r in summary.results if r.ok)
    ok = summary.count("imported")
    db.dispose()
    if ok != len(packages):
        reasons = "; ".join(r.message for r in summary.results if not r.ok)
        raise RuntimeError(f"only {ok} of {len(packages)} county packages imported: {reasons}")
    return Measurement(seconds, training, f"{ok} county packages, CPU {cpu:.1f} s")


def import_city(fx: Fixtures) -> Measurement:
    return _import(fx, None)


def import_counties_1(fx: Fixtures) -> Measurement:
    return _import(fx, 1)


def import_counties_2(fx: Fixtures) -> Measurement:
    return _import(fx, 2)


def import_counties_4(fx: Fixtures) -> Measurement:
    return _import(fx, 4)


def raw_limit_city(fx: Fixtures) -> Measurement:
    """Same files, same rows, executemany into the same schema; no verification, one transaction."""
    return raw_insert(_empty_city(fx, "raw-city"), county_packages(fx), CITY[0])


_RAW = "raw limit: executemany of the package rows (city, 6 counties)"
CITY_CASES = [
    Case("city fixtures (demo city + 6 county packages)", "—", "benchmarks.city_bench:prepare_city", runs=1),
    Case(_RAW, "limit", "benchmarks.city_bench:raw_limit_city"),
    Case("import 6 county packages (city)", "report", "benchmarks.city_bench:import_city", baseline=_RAW),
]
GROWTH_CASES = [
    Case("city fixtures (demo city + 6 county packages)", "—", "benchmarks.city_bench:prepare_city", runs=1),
    Case("growth: import 1 county package (1×)", "growth", "benchmarks.city_bench:import_counties_1"),
    Case("growth: import 2 county packages (2×)", "growth", "benchmarks.city_bench:import_counties_2",
         baseline="growth: import 1 county package (1×)"),
    Case("growth: import 4 county packages (4×)", "growth", "benchmarks.city_bench:import_counties_4",
         baseline="growth: import 1 county package (1×)"),
]
