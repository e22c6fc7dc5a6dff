"""Cyclic garbage collection on the GUI thread only.

Python runs its cycle collector in whichever thread happens to allocate when a
generation's threshold is crossed. The task manager's worker threads allocate a
great deal (SQLAlchemy queries, report building), so a collection can run there
and free a Qt wrapper that sits in a reference cycle (a closed dialog, a page
rebuilt after a period or language switch) away from the GUI thread: Qt objects
must be destroyed on their own thread, and the full test run crashed once that
way (SIGSEGV inside "Garbage-collecting" in a worker). While a collector is
installed, the automatic collector is off and a timer on the GUI thread runs
the same collections when Python's own thresholds are crossed (the approach of
pyqtgraph's ``GarbageCollector``). Reference counting, which frees most
objects, is unaffected.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Own the cycle collector from the GUI thread; ``stop()`` gives it back to Python."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 250) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> int:
        """Collect the oldest generation whose threshold is crossed; returns the generation or -1."""
        thresholds, counts = gc.get_threshold(), gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return generation
        return -1

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
