"""Foundation cases: demo builds, indicators against the single GROUP BY, checks."""

from __future__ import annotations

import os
import time

from sqlalchemy import text

from benchmarks.fixtures import Fixtures
from benchmarks.harness import Measurement
from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.services.demo import build_demo
from desktop.services.records.units import home_unit


def _build(fx: Fixtures, scale: str) -> Measurement:
    path = fx.scratch(f"demo-{scale}") / "demo.db"
    db = Database.for_path(path)
    upgrade(db)
    started = time.perf_counter()
    summary = build_demo(db, scale)
    seconds = time.perf_counter() - started
    db.dispose()
    return Measurement(seconds, summary.training, f"{summary.staff} staff, {summary.training} training")


def demo_school(fx: Fixtures) -> Measurement:
    return _build(fx, "school")


def demo_county(fx: Fixtures) -> Measurement:
    return _build(fx, "county")


def _home_and_period(db: Database) -> tuple[int, int]:
    unit = home_unit(db)
    assert unit is not None
    with db.session() as s:
        period_id = int(s.execute(text("SELECT MAX(id) FROM periods")).scalar_one())
    return unit.id, period_id


def _empty_cache(fx: Fixtures, name: str) -> None:
    """An empty cache folder for the indicators kept under the data stamp: the case computes (cold)."""
    os.environ["EDURETURNS_CACHE"] = str(fx.scratch(f"cache-{name}"))


def _indicators(fx: Fixtures, scale: str) -> Measurement:
    from desktop.services.indicators.compute import compute_indicators

    _empty_cache(fx, f"indicators-{scale}")  # nothing kept from an earlier run: these cases measure the computation
    db = Database.for_path(fx.database(scale))
    unit_id, period_id = _home_and_period(db)
    started = time.perf_counter()
    report = compute_indicators(db, unit_id, period_id)
    seconds = time.perf_counter() - started
    db.dispose()
    return Measurement(seconds, len(report.results))


def indicators_county(fx: Fixtures) -> Measurement:
    return _indicators(fx, "county")


def indicators_city2(fx: Fixtures) -> Measurement:
    return _indicators(fx, "city2")


def indicators_city4(fx: Fixtures) -> Measurement:
    return _indicators(fx, "city4")


def indicators_city(fx: Fixtures) -> Measurement:
    return _indicators(fx, "city")


def indicators_city_cold(fx: Fixtures) -> Measurement:
    """City indicators when the data changed: the stamp, no report kept for it, the computation, the cache written."""
    return _indicators(fx, "city")


def indicators_city_compute(fx: Fixtures) -> Measurement:
    """The computation alone (``indicators_in``: load and compute, no stamp, no cache), as in every revision."""
    from desktop.services.indicators.compute import indicators_in

    db = Database.for_path(fx.database("city"))
    unit_id, period_id = _home_and_period(db)
    with db.session() as s:
        started = time.perf_counter()
        report = indicators_in(s, unit_id, period_id)
        seconds = time.perf_counter() - started
    db.dispose()
    return Measurement(seconds, len(report.results))


def indicators_city_kept(fx: Fixtures) -> Measurement:
    """City indicators on unchanged data after a restart: the stamp, then the report read from the cache file.

    A first call (not timed) computes and keeps the report, as the last session would have; the timed
    call runs in a fresh Database with the process's memory emptied, so only the file can answer.
    A revision without the cache computes twice.
    """
    from desktop.services.indicators.compute import compute_indicators

    _empty_cache(fx, "indicators-city-kept")
    path = fx.database("city")
    db = Database.for_path(path)
    unit_id, period_id = _home_and_period(db)
    compute_indicators(db, unit_id, period_id)
    db.dispose()
    try:
        from desktop.services.indicators import cache

        cache.forget_memory()
    except ImportError:  # the revision before the cache
        pass
    db = Database.for_path(path)
    started = time.perf_counter()
    report = compute_indicators(db, unit_id, period_id)
    seconds = time.perf_counter() - started
    db.dispose()
    return Measurement(seconds, len(report.results))


def training_city(fx: Fixtures) -> Measurement:
    """The training sums alone: ``_training`` with every sum asked for, one grouped scan of 4.8 million records."""
    from desktop.services.indicators.compute import _resolve, _training

    db = Database.for_path(fx.database("city"))
    unit_id, period_id = _home_and_period(db)
    with db.session() as s:
        period, spec = _resolve(s, unit_id, period_id, None)
        started = time.perf_counter()
        rows = _training(s, [unit_id], spec, period, whole_database=True)
        seconds = time.perf_counter() - started
    db.dispose()
    return Measurement(seconds, len(rows))


def groupby_county(fx: Fixtures) -> Measurement:
    """The limit: one GROUP BY summing training hours per person."""
    return _groupby(fx, "county")


def groupby_city(fx: Fixtures) -> Measurement:
    return _groupby(fx, "city")


def _groupby(fx: Fixtures, scale: str) -> Measurement:
    db = Database.for_path(fx.database(scale))
    with db.session() as s:
        started = time.perf_counter()
        rows = s.execute(text("SELECT staff_id, SUM(hours) FROM training_records GROUP BY staff_id")).all()
        seconds = time.perf_counter() - started
    db.dispose()
    return Measurement(seconds, len(rows))


def checks_county(fx: Fixtures) -> Measurement:
    from desktop.services.returns.checks import run_checks

    db = Database.for_path(fx.database("county"))
    unit_id, period_id = _home_and_period(db)
    started = time.perf_counter()
    result = run_checks(db, unit_id, period_id)
    seconds = time.perf_counter() - started
    db.dispose()
    return Measurement(seconds, len(result.findings))
