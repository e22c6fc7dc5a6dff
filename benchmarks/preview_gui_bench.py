"""The 报表 page's PDF preview of the county's returns (277 pages), offscreen (issue 24).

On the county demo's main window, on the 报表 page with its findings shown, the clock
starts at 预览 PDF and stops when:

- ``first``: the first page is painted (its pixmap rendered);
- ``whole``: the whole document is there (printing allowed);
- ``scrolled``: after ``whole``, a jump to the middle page until that page is painted.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.preview_gui_bench benchmarks/fixtures/county.db

Nothing here asserts a time; the harness table reports met / MISSED against the targets.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.fixtures import Fixtures
from benchmarks.harness import Case, Measurement
from benchmarks.reports_gui_bench import _close, _spin, _window


def _painted(label: object) -> bool:
    pixmap = label.pixmap()  # type: ignore[attr-defined]
    return pixmap is not None and not pixmap.isNull()


def run(db_path: Path) -> dict[str, float]:
    window, ctx = _window(db_path)
    page = window.show_page("reports")
    _spin(lambda: page.view.returns.count() > 0 and ctx.taskman.pending == 0
          and not getattr(page, "computing", False))
    preview = page.view.preview
    started = time.perf_counter()
    page.make_preview()
    _spin(lambda: bool(preview.pages) and _painted(preview.pages[0]), limit=600)
    first = time.perf_counter() - started
    _spin(lambda: getattr(preview, "complete", preview.doc is not None) and ctx.taskman.pending == 0, limit=600)
    whole = time.perf_counter() - started
    pages = len(preview.pages)
    middle = pages // 2
    started = time.perf_counter()
    preview.page_box.setValue(middle + 1)
    _spin(lambda: _painted(preview.pages[middle]))
    scrolled = time.perf_counter() - started
    _close(window, ctx)
    return {"first": first, "whole": whole, "scrolled": scrolled, "pages": pages}


def _case(key: str) -> Callable[[Fixtures], Measurement]:
    def case(fx: Fixtures) -> Measurement:
        out = run(fx.database("county"))
        return Measurement(out[key], int(out["pages"]),
                           "; ".join(f"{k} {v:.3f} s" for k, v in out.items() if k != "pages"))
    return case


first_page = _case("first")
whole_document = _case("whole")
scrolled_page = _case("scrolled")

CASES = [
    Case("gui: PDF preview first page, county", "≤ 1 s", "benchmarks.preview_gui_bench:first_page",
         max_seconds=1.0),
    Case("gui: PDF preview whole document (printing allowed), county", "report",
         "benchmarks.preview_gui_bench:whole_document"),
    Case("gui: PDF preview jump to the middle page, painted, county", "report",
         "benchmarks.preview_gui_bench:scrolled_page"),
]


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]))))
