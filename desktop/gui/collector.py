"""Python's cycle collector runs on the GUI thread only, while the GUI has worker threads.

CPython collects on whichever thread happens to allocate, and a collection destroys every
piece of cyclic garbage it finds: Qt objects the GUI thread made included. A Qt object
destroyed on a worker thread can crash the whole process (CI met a segmentation fault
while the 报表 page's checks ran on the background worker and a test's widgets were
garbage). So, while a ``TaskManager`` has threads, automatic collection is off and this
collector runs it from a timer on the GUI thread instead, by CPython's own thresholds, and
waits while a worker's ``paused_gc`` section builds (``desktop/collection.py``). When
the last task manager shuts down, automatic collection comes back.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

from desktop import collection

TICK_MS = 500  # how often the GUI thread looks at the allocation counts (a few µs when nothing is due)


def due_generation(counts: tuple[int, int, int], thresholds: tuple[int, int, int]) -> int | None:
    """The generation CPython's automatic collection would collect now, or None.

    The oldest generation whose count is over its threshold, as in CPython 3.11's
    ``collect_generations``, without its extra rule that defers a full collection until a
    quarter of the long-lived objects are new: at one tick per half second a full
    collection comes at most every 100 ticks, some 50 seconds, in the busiest case.
    """
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            return generation
    return None


class GuiThreadCollector(QObject):
    """Collects on the thread that made it (the GUI thread), from a timer."""

    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()

    @Slot()
    def tick(self) -> None:
        if collection.collection_paused():
            return  # a build is running on a worker: collect once it is over
        generation = due_generation(gc.get_count(), gc.get_threshold())
        if generation is not None:
            gc.collect(generation)


_collector: GuiThreadCollector | None = None
_users = 0


def acquire() -> None:
    """A task manager starts threads: from now on only the GUI thread collects. Call on the GUI thread."""
    global _collector, _users
    if _users == 0:
        if _collector is None:
            _collector = GuiThreadCollector()
        _collector.start()
    _users += 1


def release() -> None:
    """A task manager's threads have ended; the last one gives collection back to CPython."""
    global _users
    _users -= 1
    if _users == 0 and _collector is not None:
        _collector.stop()
