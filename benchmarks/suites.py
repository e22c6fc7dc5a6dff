"""Cases contributed by the capabilities beyond the foundation (picked up by ``python -m benchmarks``)."""

from __future__ import annotations

from benchmarks.harness import Case

IMPORT = [
    Case("import: calamine read + executemany, 100k training rows", "baseline",
         "benchmarks.cases_import:bare_read_insert", runs=1),
    Case("import: preview 100k training rows", "≤ 5 s", "benchmarks.cases_import:training_preview",
         max_seconds=5.0),
    Case("import: commit 100k training rows", "≥ 50 % of baseline throughput",
         "benchmarks.cases_import:training_commit",
         baseline="import: calamine read + executemany, 100k training rows", min_throughput_ratio=0.5),
]

GUI = [
    Case("gui: bare PySide6 window with one table, cold", "baseline", "benchmarks.cold_start:bare_cold_start"),
    Case("gui: cold start to usable window, county", "≤ 2 s, ≤ 4× baseline", "benchmarks.cold_start:app_cold_start",
         baseline="gui: bare PySide6 window with one table, cold", max_seconds=2.0, max_ratio=4.0),
    Case("gui: cold start, county unchanged since the last start (kept 概览)", "≤ 4× baseline",
         "benchmarks.cold_start:app_cold_start_kept", baseline="gui: bare PySide6 window with one table, cold",
         max_ratio=4.0),
    Case("gui: cold start until the reminders are on screen too, county", "report",
         "benchmarks.cold_start:app_cold_start_complete", baseline="gui: bare PySide6 window with one table, cold"),
    Case("gui: cold start after a session that changed a record and closed normally, county", "≤ 4× baseline",
         "benchmarks.cold_start:app_cold_start_after_edit", baseline="gui: bare PySide6 window with one table, cold",
         max_ratio=4.0),
    Case("gui: normal close after a change of one record, before the next cold start, county", "report",
         "benchmarks.cold_start:app_close_after_edit"),
    Case("gui: staff table first paint, county", "< 0.3 s", "benchmarks.cases_gui:staff_first_paint",
         max_seconds=0.3),
    Case("gui: staff filter per keystroke (median), county", "< 0.1 s", "benchmarks.cases_gui:staff_filter",
         max_seconds=0.1),
    Case("gui: training table first paint, county", "< 1 s", "benchmarks.cases_gui:training_first_paint",
         max_seconds=1.0, max_rss_mb=400),
    Case("gui: training search 'zs', county", "< 0.3 s", "benchmarks.cases_gui:training_search", max_seconds=0.3),
    Case("gui: training filter category + year, county", "< 0.3 s", "benchmarks.cases_gui:training_filter",
         max_seconds=0.3),
]

def _returns() -> list[Case]:
    from benchmarks import returns_bench

    return list(returns_bench.CASES)


def _packages() -> list[Case]:
    from benchmarks import packages_bench

    return list(packages_bench.CASES)


def _floor() -> list[Case]:
    from benchmarks import floor_bench

    return list(floor_bench.COUNTY_CASES)


def _office_screens() -> list[Case]:
    from benchmarks import preview_gui_bench, reports_gui_bench

    return [*reports_gui_bench.CASES, *preview_gui_bench.CASES]


def _postgres() -> list[Case]:
    """The county's 300 school packages into PostgreSQL against the same into SQLite, alternating in one run;
    only with a server to use (``EDURETURNS_TEST_DATABASE_URL``, for instance from ``bash .ci/pg.sh start``)."""
    import os

    if not os.environ.get("EDURETURNS_TEST_DATABASE_URL"):
        return []
    sqlite = "300 school packages into SQLite (the PostgreSQL import's baseline)"
    return [Case(sqlite, "baseline", "benchmarks.pg_packages_bench:sqlite"),
            Case("300 school packages into PostgreSQL", "≤ 1.5× SQLite", "benchmarks.pg_packages_bench:postgres",
                 baseline=sqlite, max_ratio=1.5)]


EXTRA: list[Case] = [*_returns(), *IMPORT, *GUI, *_office_screens(), *_packages(), *_floor(), *_postgres()]
