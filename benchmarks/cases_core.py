"""Foundation cases: demo builds, indicators against the single GROUP BY, checks."""

from __future__ import annotations

import os
import sqlite3
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


def _forget_sums(fx: Fixtures, scale: str, where: str = "") -> None:
    """Empty the kept training sums (``training_sums``) of everyone, or of the people ``where`` picks.

    Nothing happens on a revision before the kept sums (no such table).
    """
    with sqlite3.connect(fx.database(scale)) as conn:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'training_sums'").fetchone():
            conn.execute(f"DELETE FROM training_sums {where}")


def _indicators(fx: Fixtures, scale: str, *, forget: str | None = "") -> Measurement:
    """``compute_indicators`` with no report kept; ``forget``: whose kept training sums go first (None: nobody's)."""
    from desktop.services.indicators.compute import compute_indicators

    _empty_cache(fx, f"indicators-{scale}")  # nothing kept from an earlier run: these cases measure the computation
    if forget is not None:
        _forget_sums(fx, scale, forget)
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
    """City indicators after one teacher's training changed: no report kept, that person's sums summed again.

    The change is made as a SQL tool would (the trigger forgets the person's kept sums); the
    empty cache folder stands in for the moved data stamp. Before the kept sums: a full computation.
    """
    with sqlite3.connect(fx.database("city")) as conn:
        conn.execute("UPDATE training_records SET hours = CASE WHEN hours >= 1 THEN hours - 0.5 ELSE hours + 0.5 END "
                     "WHERE id = (SELECT MAX(id) FROM training_records)")
    return _indicators(fx, "city", forget=None)


def indicators_city_county_changed(fx: Fixtures) -> Measurement:
    """City indicators after one county's package replaced its data: that county's people (1 in 6) summed again."""
    return _indicators(fx, "city", forget="WHERE staff_id IN (SELECT s.id FROM staff s JOIN units u ON u.id = s.unit_id "
                                          "WHERE u.parent_id = (SELECT MIN(id) FROM units WHERE kind = 'county') "
                                          "OR u.id = (SELECT MIN(id) FROM units WHERE kind = 'county'))")


def indicators_city_nothing_kept(fx: Fixtures) -> Measurement:
    """City indicators with no training sums kept (the first computation after every county's package): everyone summed."""
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
    """The training sums alone, nothing kept: every sum asked for, one grouped scan of 4.8 million records."""
    from desktop.services.indicators.compute import _resolve
    from desktop.services.indicators.training_sums import training_sums

    _forget_sums(fx, "city")
    db = Database.for_path(fx.database("city"))
    unit_id, period_id = _home_and_period(db)
    with db.session() as s:
        period, spec = _resolve(s, unit_id, period_id, None)
        started = time.perf_counter()
        rows = training_sums(s, [unit_id], spec, period.census_date, whole_database=True)
        seconds = time.perf_counter() - started
    db.dispose()
    return Measurement(seconds, len(rows))


def groupby_county(fx: Fixtures) -> Measurement:
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
