"""Timed runs for the returns (issue 4 item 7); speed lives here, never in tests.

    python -m benchmarks.returns_bench --db county.db      # a database from `edureturns-cli demo --scale county`

``CASES`` plugs the same measurements into the harness (``python -m benchmarks``):
add ``*returns_bench.CASES`` to ``benchmarks/suites.py:EXTRA``.

Measures, in the same run so the ratios hold on a busy machine:
- the full county workbook (every return, Excel) and the full county PDF;
- the roster PDF (8,000 rows, ~200 pages) against a bare reportlab canvas loop that
  draws the same strings at the same places in the same font (target ≤ 3×, ≤ 5 s);
- the roster Excel against raw openpyxl write-only of the same values (target ≥ 70 %).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from reportlab.pdfgen.canvas import Canvas

from desktop.data.engine import Database
from desktop.reports.model import ReturnData, format_value
from desktop.reports.pdf import PAGE_H, PAGE_W, register_font, write_pdf
from desktop.reports.xlsx import write_workbook


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def _cells(data: ReturnData) -> list[list[str]]:
    return [[r.label, r.code, *(format_value(c, v) or "" for c, v in zip(data.columns, r.values, strict=True))]
            for r in data.rows]


def bare_canvas(data: ReturnData, path: Path, rows_per_page: int = 36) -> None:
    """The baseline: the same strings, same font and positions, nothing else (no grid, header, QR)."""
    font = register_font()
    rows = _cells(data)
    c = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), initialFontName=font, initialFontSize=7.5)
    step = (PAGE_W - 56) / max(1, len(rows[0]) if rows else 1)
    for start in range(0, len(rows), rows_per_page):
        c.setFont(font, 7.5)
        for k, cells in enumerate(rows[start : start + rows_per_page]):
            y = PAGE_H - 120 - k * 12
            for j, text in enumerate(cells):
                c.drawString(28 + j * step, y, text)
        c.showPage()
    c.save()


def bare_text_object(data: ReturnData, path: Path, rows_per_page: int = 36) -> None:
    """A stricter baseline: the same strings through one text object per page (the fastest plain way)."""
    font = register_font()
    rows = _cells(data)
    c = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), initialFontName=font, initialFontSize=7.5)
    step = (PAGE_W - 56) / max(1, len(rows[0]) if rows else 1)
    for start in range(0, len(rows), rows_per_page):
        t = c.beginText()
        t.setFont(font, 7.5)
        for k, cells in enumerate(rows[start : start + rows_per_page]):
            y = PAGE_H - 120 - k * 12
            for j, text in enumerate(cells):
                t.setTextOrigin(28 + j * step, y)
                t.textOut(text)
        c.drawText(t)
        c.showPage()
    c.save()


def raw_openpyxl(data: ReturnData, path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("raw")
    for r in data.rows:
        ws.append([r.label, r.code, *r.values])
    wb.save(path)


def run(db_path: Path, unit_code: str | None = None, year: int | None = None) -> dict[str, float]:
    from desktop.services.records.units import find_unit, home_unit
    from desktop.services.returns.build import build_return, build_returns, export_returns
    from desktop.services.year.periods import latest_period, list_periods

    db = Database.for_path(db_path)
    unit = find_unit(db, unit_code) if unit_code else home_unit(db)
    period = (next(p for p in list_periods(db) if p.school_year == year) if year else latest_period(db))
    assert unit is not None and period is not None
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        out["build all returns"], returns = timed(lambda: build_returns(db, "all", unit.id, period.id))
        out["write county workbook (xlsx, all returns)"], _ = timed(lambda: write_workbook(returns, d / "all.xlsx"))
        out["write county PDF (all returns)"], _ = timed(lambda: write_pdf(returns, d / "all.pdf"))
        out["export county workbook end to end"], _ = timed(
            lambda: export_returns(db, unit.id, period.id, "all", ["xlsx"], d / "e2e"))
        roster = build_return(db, "roster", unit.id, period.id)
        out["roster rows"] = float(len(roster.rows))
        register_font()
        out["roster PDF"], _ = timed(lambda: write_pdf([roster], d / "roster.pdf"))
        out["bare canvas loop, same rows"], _ = timed(lambda: bare_canvas(roster, d / "bare.pdf"))
        out["roster PDF / bare canvas"] = out["roster PDF"] / out["bare canvas loop, same rows"]
        out["bare text-object loop, same rows"], _ = timed(lambda: bare_text_object(roster, d / "bare2.pdf"))
        out["roster PDF / bare text-object loop"] = out["roster PDF"] / out["bare text-object loop, same rows"]
        out["roster xlsx"], _ = timed(lambda: write_workbook([roster], d / "roster.xlsx"))
        out["raw openpyxl write-only, same values"], _ = timed(lambda: raw_openpyxl(roster, d / "raw.xlsx"))
        out["Excel throughput vs raw"] = out["raw openpyxl write-only, same values"] / out["roster xlsx"]
    db.dispose()
    return out


# ---------------------------------------------------------------- harness cases

def _county_roster(fx: Any) -> tuple[Database, int, int, ReturnData]:
    from desktop.services.returns.build import build_return

    db = Database.for_path(fx.database("county"))
    unit_id, period_id = _home_and_period(db)
    return db, unit_id, period_id, build_return(db, "roster", unit_id, period_id)


def _home_and_period(db: Database) -> tuple[int, int]:
    from desktop.services.records.units import home_unit
    from desktop.services.year.periods import latest_period

    unit, period = home_unit(db), latest_period(db)
    assert unit is not None and period is not None
    return unit.id, period.id


def case_county_workbook(fx: Any) -> Any:
    """Every return of the county as one workbook, end to end (indicator engine included)."""
    from benchmarks.harness import Measurement
    from desktop.services.returns.build import export_returns

    db = Database.for_path(fx.database("county"))
    unit_id, period_id = _home_and_period(db)
    out = fx.scratch("returns-workbook")
    seconds, _ = timed(lambda: export_returns(db, unit_id, period_id, "all", ["xlsx"], out))
    db.dispose()
    return Measurement(seconds, 8, "8 returns")


def case_roster_pdf(fx: Any) -> Any:
    from benchmarks.harness import Measurement

    db, _, _, roster = _county_roster(fx)
    register_font()
    seconds, _ = timed(lambda: write_pdf([roster], fx.scratch("returns-roster-pdf") / "roster.pdf"))
    db.dispose()
    return Measurement(seconds, len(roster.rows), "roster rows")


def case_bare_canvas(fx: Any) -> Any:
    from benchmarks.harness import Measurement

    db, _, _, roster = _county_roster(fx)
    register_font()
    seconds, _ = timed(lambda: bare_canvas(roster, fx.scratch("returns-bare") / "bare.pdf"))
    db.dispose()
    return Measurement(seconds, len(roster.rows), "roster rows")


def case_bare_text_object(fx: Any) -> Any:
    from benchmarks.harness import Measurement

    db, _, _, roster = _county_roster(fx)
    register_font()
    seconds, _ = timed(lambda: bare_text_object(roster, fx.scratch("returns-bare2") / "bare.pdf"))
    db.dispose()
    return Measurement(seconds, len(roster.rows), "roster rows")


def case_roster_xlsx(fx: Any) -> Any:
    from benchmarks.harness import Measurement

    db, _, _, roster = _county_roster(fx)
    seconds, _ = timed(lambda: write_workbook([roster], fx.scratch("returns-roster-xlsx") / "roster.xlsx"))
    db.dispose()
    return Measurement(seconds, len(roster.rows) * (len(roster.columns) + 2), "cells")


def case_raw_openpyxl(fx: Any) -> Any:
    from benchmarks.harness import Measurement

    db, _, _, roster = _county_roster(fx)
    seconds, _ = timed(lambda: raw_openpyxl(roster, fx.scratch("returns-raw") / "raw.xlsx"))
    db.dispose()
    return Measurement(seconds, len(roster.rows) * (len(roster.columns) + 2), "cells")


def _cases() -> list[Any]:
    from benchmarks.harness import Case

    mod = "benchmarks.returns_bench"
    return [
        Case("county workbook, all returns (xlsx)", "≤ 5 s", f"{mod}:case_county_workbook", max_seconds=5.0),
        Case("bare reportlab canvas, roster rows", "baseline", f"{mod}:case_bare_canvas"),
        Case("roster PDF (8,000 rows)", "≤ 5 s, ≤ 3× bare canvas", f"{mod}:case_roster_pdf",
             baseline="bare reportlab canvas, roster rows", max_seconds=5.0, max_ratio=3.0),
        Case("bare text-object loop, roster rows", "stricter baseline", f"{mod}:case_bare_text_object"),
        Case("roster PDF vs text-object loop", "≤ 3×", f"{mod}:case_roster_pdf",
             baseline="bare text-object loop, roster rows", max_ratio=3.0),
        Case("raw openpyxl write-only, roster cells", "baseline", f"{mod}:case_raw_openpyxl"),
        Case("roster xlsx", "≥ 70 % of raw throughput", f"{mod}:case_roster_xlsx",
             baseline="raw openpyxl write-only, roster cells", min_throughput_ratio=0.7),
    ]


def __getattr__(name: str) -> Any:  # CASES is built on first access: the harness is imported lazily
    if name == "CASES":
        return _cases()
    raise AttributeError(name)


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the county returns")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--unit")
    parser.add_argument("--year", type=int)
    args = parser.parse_args()
    for name, value in run(args.db, args.unit, args.year).items():
        print(f"{name:45s} {value:8.2f}")


if __name__ == "__main__":
    main()
