"""The 报表 page on the county demo: switching to it until it is usable (issue 24), offscreen.

The main window is shown on its start page; then the clock starts and the
navigation switches to 报表. *Usable* means: the period, target set and returns
are listed, the findings of an earlier check are shown if there are any, and the
database worker answers (a probe query sent the moment the choices appear comes
back) — so a click on 预览, 导出 or 保存填写说明 is served at once rather than queued
behind a computation. Measured per visit:

- ``first``: the first visit of the session (nothing cached);
- ``back``: after a visit to the staff page, coming back (data unchanged);
- ``done``: the same visits until every job has finished (checks and indicators shown).

    QT_QPA_PLATFORM=offscreen python -m benchmarks.reports_gui_bench benchmarks/fixtures/county.db

The harness cases (``python -m benchmarks --only 报表``) run the same in a fresh process.
Nothing here asserts a time; the harness table reports met / MISSED against the targets.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.fixtures import Fixtures
from benchmarks.harness import Case, Measurement

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _spin(until: Callable[[], bool], limit: float = 120.0) -> None:
    from desktop.gui.compat import process_events

    end = time.perf_counter() + limit
    while not until():
        process_events()
        time.sleep(0.002)
        if time.perf_counter() > end:
            raise TimeoutError("the page did not get there in time")


def _window(db_path: Path) -> Any:
    from desktop.data.engine import Database
    from desktop.gui.compat import application
    from desktop.gui.controllers.main_window import MainWindow
    from desktop.gui.look import apply_look
    from desktop.gui.operations.setup import OpenedDatabase
    from desktop.gui.session import make_context
    from desktop.gui.settings import AppSettings
    from desktop.gui.taskman import TaskManager
    from desktop.services.records.units import home_unit
    from desktop.services.year.periods import latest_period

    app = application(sys.argv)
    apply_look(app)  # type: ignore[arg-type]
    db = Database.for_path(db_path)
    unit, period = home_unit(db), latest_period(db)
    assert unit is not None and period is not None
    ctx = make_context(OpenedDatabase(db_path, db, unit, period), TaskManager(), AppSettings())
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    _spin(lambda: ctx.taskman.pending == 0)
    return window, ctx


def _close(window: Any, ctx: Any) -> None:
    """Close the documents and the window before the interpreter ends (PDFium's finalisers run late)."""
    page = window.pages["reports"]
    page.view.preview.clear()
    page._tmp.cleanup()  # the case's process skips teardown (child.py): remove the preview's folder here
    window.close()
    ctx.taskman.shutdown()
    ctx.db.dispose()


def _visit(window: Any, ctx: Any, cached: bool) -> tuple[float, float]:
    """Seconds until usable, and until every job has finished, after switching to 报表."""
    from sqlalchemy import text

    started = time.perf_counter()
    page = window.show_page("reports")
    _spin(lambda: page.view.returns.count() > 0 and (not cached or page.view.findings.rowCount() > 0))
    answered: list[bool] = []

    def ping() -> None:
        with ctx.db.session() as s:
            s.execute(text("SELECT 1"))

    ctx.taskman.run(ping, on_done=lambda _r: answered.append(True))
    _spin(lambda: bool(answered))
    usable = time.perf_counter() - started
    _spin(lambda: ctx.taskman.pending == 0 and not getattr(page, "computing", False))
    return usable, time.perf_counter() - started


def run(db_path: Path) -> dict[str, float]:
    window, ctx = _window(db_path)
    first, first_done = _visit(window, ctx, cached=False)
    window.show_page("staff")
    _spin(lambda: ctx.taskman.pending == 0)
    back, back_done = _visit(window, ctx, cached=True)
    rows = window.show_page("reports").view.findings.rowCount()
    _close(window, ctx)
    return {"first": first, "first_done": first_done, "back": back, "back_done": back_done, "findings": rows}


def _case(key: str) -> Callable[[Fixtures], Measurement]:
    def case(fx: Fixtures) -> Measurement:
        out = run(fx.database("county"))
        return Measurement(out[key], int(out["findings"]),
                           "; ".join(f"{k} {v:.3f} s" for k, v in out.items() if k != "findings"))
    return case


first_usable = _case("first")
first_done = _case("first_done")
back_usable = _case("back")
back_done = _case("back_done")

CASES = [
    Case("gui: 报表 page switch to usable, county (first visit)", "≤ 1 s",
         "benchmarks.reports_gui_bench:first_usable", max_seconds=1.0),
    Case("gui: 报表 page checks + indicators shown, county (first visit)", "report (background)",
         "benchmarks.reports_gui_bench:first_done"),
    Case("gui: 报表 page back to usable, cached findings shown, county", "≤ 1 s",
         "benchmarks.reports_gui_bench:back_usable", max_seconds=1.0),
    Case("gui: 报表 page back, unchanged data confirmed, county", "report (no recompute)",
         "benchmarks.reports_gui_bench:back_done"),
]


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]))))
