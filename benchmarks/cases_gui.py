"""GUI cases for the harness (issue 3 item 7): tables at county scale, measured offscreen.

Each case runs ``benchmarks.gui_bench.run`` on the county demo in a fresh process
and reports one of its numbers; the note carries the main-thread CPU time, which
is what an idle office PC would see when this machine is busy.
"""

from __future__ import annotations

from benchmarks.fixtures import Fixtures
from benchmarks.gui_bench import CPU, run
from benchmarks.harness import Measurement


def _measure(fx: Fixtures, key: str, items_key: str) -> Measurement:
    out = run(fx.copy_of("county", "gui"))
    return Measurement(out[key] / 1000, int(out[items_key]), f"cpu {CPU.get(key, float('nan')):.0f} ms")


def staff_first_paint(fx: Fixtures) -> Measurement:
    return _measure(fx, "staff_first_paint_ms", "staff_rows")


def staff_filter(fx: Fixtures) -> Measurement:
    return _measure(fx, "staff_filter_median_ms", "staff_rows")


def training_first_paint(fx: Fixtures) -> Measurement:
    return _measure(fx, "training_first_paint_ms", "training_rows")


def training_search(fx: Fixtures) -> Measurement:
    return _measure(fx, "training_search_zs_ms", "training_rows")


def training_filter(fx: Fixtures) -> Measurement:
    return _measure(fx, "training_filter_category_year_ms", "training_rows")
