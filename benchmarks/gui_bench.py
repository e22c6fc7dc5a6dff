"""GUI responsiveness at office scale (issue 3 item 7), measured offscreen.

    python -m desktop.cli demo --scale county --db demo-county.db
    QT_QPA_PLATFORM=offscreen python -m benchmarks.gui_bench demo-county.db

Prints milliseconds for: staff table first paint (query + model + painted table),
filtering per keystroke, the training table's first paint (COUNT + first page),
scrolling deep into it, SQL-side search and sort, and the overview numbers.
Targets: staff first paint < 300 ms, filter < 100 ms a keystroke, training < 1 s.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


CPU: dict[str, float] = {}  # CPU time of the same steps: close to wall time on an idle machine


def _ms(fn: Callable[[], object], name: str = "") -> float:
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    if name:
        CPU[name] = (time.process_time() - cpu) * 1000
    return (time.perf_counter() - start) * 1000


def run(db_path: Path) -> dict[str, float]:
    from datetime import date

    from PySide6.QtWidgets import QTableView

    from desktop.data.engine import Database
    from desktop.gui.compat import application
    from desktop.gui.look import apply_look
    from desktop.gui.models.staff import StaffTableModel, staff_predicate
    from desktop.gui.models.training import TrainingTableModel
    from desktop.gui.operations.staff import FIRST_SCREEN
    from desktop.services.indicators.overview import overview
    from desktop.services.records import tables as browse
    from desktop.services.records.tables import TrainingQuery
    from desktop.services.year.periods import latest_period

    app = application(sys.argv)
    apply_look(app)  # type: ignore[arg-type]
    db = Database.for_path(db_path)
    out: dict[str, float] = {}

    # Staff: query → model → painted table.
    staff_view = QTableView()
    staff_view.resize(1200, 700)
    staff_model = StaffTableModel()

    def first_staff_paint() -> None:
        # As the staff page does: the first screenful from a LIMIT query, painted.
        staff_model.set_rows(browse.staff_rows(db, limit=FIRST_SCREEN))
        staff_view.setModel(staff_model)
        staff_view.show()
        staff_view.grab()

    def all_staff() -> None:
        # Then the whole list (read on the worker in the app) replaces it.
        staff_model.set_rows(browse.staff_rows(db))
        staff_view.grab()

    out["staff_first_paint_ms"] = _ms(first_staff_paint, "staff_first_paint_ms")
    out["staff_all_rows_ms"] = _ms(all_staff, "staff_all_rows_ms")
    out["staff_rows"] = len(staff_model.all_rows())
    keystrokes = ["z", "zh", "zha", "zhan", "zhang", "l", "li", "w", "wa", "wan", "张", "李", "0", "01", "012"]

    def filter_to(text: str) -> Callable[[], None]:
        def go() -> None:
            staff_model.set_filter(staff_predicate(search=text))
            staff_view.grab()
        return go

    timings = [_ms(filter_to(k), "f") for k in keystrokes]
    cpu_filter = []
    for k in keystrokes:
        _ms(filter_to(k), "f")
        cpu_filter.append(CPU["f"])
    CPU["staff_filter_median_ms"] = statistics.median(cpu_filter)
    CPU["staff_filter_max_ms"] = max(cpu_filter)
    out["staff_filter_median_ms"] = statistics.median(timings)
    out["staff_filter_max_ms"] = max(timings)

    # Training: windowed model, COUNT + one page.
    training_view = QTableView()
    training_view.resize(1200, 700)
    training_model = TrainingTableModel(lambda q: browse.count_training(db, q),
                                        lambda q, o, n: browse.training_page(db, q, o, n))

    def first_training_paint() -> None:
        training_model.set_query(TrainingQuery())
        training_view.setModel(training_model)
        training_view.show()
        training_view.grab()

    out["training_first_paint_ms"] = _ms(first_training_paint, "training_first_paint_ms")
    out["training_rows"] = training_model.rowCount()
    out["training_pages_in_memory"] = training_model.cached_pages()

    def scroll_to(fraction: float) -> Callable[[], None]:
        def go() -> None:
            training_view.scrollTo(training_model.index(int(training_model.rowCount() * fraction), 0))
            training_view.grab()
        return go

    out["training_scroll_middle_ms"] = _ms(scroll_to(0.5), "training_scroll_middle_ms")
    out["training_scroll_end_ms"] = _ms(scroll_to(0.999), "training_scroll_end_ms")

    def query(q: TrainingQuery) -> Callable[[], None]:
        def go() -> None:
            training_model.set_query(q)
            training_view.scrollToTop()
            training_view.grab()
        return go

    out["training_search_zs_ms"] = _ms(query(TrainingQuery(search="zs")), "training_search_zs_ms")
    out["training_filter_category_year_ms"] = _ms(query(TrainingQuery(category="1", year=2024)), "training_filter_category_year_ms")
    out["training_sort_hours_ms"] = _ms(query(TrainingQuery(sort="hours", descending=True)), "training_sort_hours_ms")
    out["training_pages_in_memory_after"] = training_model.cached_pages()

    period = latest_period(db)
    out["overview_ms"] = _ms(lambda: overview(db, period_id=period.id if period else None, as_of=date.today()), "overview_ms")
    db.dispose()
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    results = run(Path(argv[0]))
    print(f"{'measure':36s} {'wall':>10s} {'cpu':>10s}")
    for key, value in results.items():
        cpu = CPU.get(key)
        print(f"{key:36s} {value:10.1f} {cpu:10.1f}" if cpu is not None else f"{key:36s} {value:10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
