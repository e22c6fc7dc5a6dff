"""While a task manager has threads, Python's cycle collector runs on the GUI thread only.

CI crashed with a segmentation fault when the 报表 page's checks, on the background
worker, started with a full collection that destroyed Qt objects the GUI thread had let
go. These tests make such garbage (a QObject in a reference cycle) and let the workers
allocate and build; it must be collected, and on the GUI thread.
"""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from desktop import collection
from desktop.collection import paused_gc
from desktop.gui import collector
from desktop.gui.taskman import TaskManager

pytestmark = pytest.mark.gui

GUI_THREAD = threading.main_thread().name


class QtGarbage(QObject):
    """A Qt object in a reference cycle that records the thread it is destroyed on."""

    def __init__(self, seen: list[str]) -> None:
        super().__init__()
        self.seen = seen
        self.me = self

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def let_go(seen: list[str]) -> None:
    gc.collect()  # older garbage first, so the probe is the young generation's
    QtGarbage(seen)


def allocate() -> int:
    """A worker's build: many containers, some in cycles, as the ORM makes them."""
    rows = [[i, {"n": i}] for i in range(100_000)]
    for row in rows[::10]:
        row.append(row)
    return len(rows)


def test_a_paused_section_on_the_worker_leaves_the_collection_to_the_gui_thread(qtbot: QtBot) -> None:
    tm = TaskManager()
    seen: list[str] = []
    let_go(seen)
    built: list[int] = []

    def job() -> int:
        with paused_gc():  # what checks_and_indicators does on the background worker
            return allocate()

    tm.run_background(job, on_done=built.append)
    qtbot.waitUntil(lambda: bool(built) and bool(seen), timeout=30_000)
    assert seen == [GUI_THREAD]  # before: collected by the section's gc.collect() on edureturns-bg
    tm.shutdown()


def test_allocation_on_a_worker_never_collects_there(qtbot: QtBot) -> None:
    tm = TaskManager()
    seen: list[str] = []
    let_go(seen)
    built: list[int] = []
    tm.run(allocate, on_done=built.append)
    qtbot.waitUntil(lambda: bool(built), timeout=30_000)
    qtbot.waitUntil(lambda: bool(seen), timeout=5 * collector.TICK_MS)  # the timer's collection
    assert seen == [GUI_THREAD]  # before: CPython's own collection ran on edureturns-db
    tm.shutdown()


def test_the_timer_waits_while_a_worker_builds(qtbot: QtBot) -> None:
    tm = TaskManager()
    seen: list[str] = []
    inside, leave = threading.Event(), threading.Event()

    def job() -> None:
        with paused_gc():
            inside.set()
            leave.wait(30)

    tm.run_background(job)
    qtbot.waitUntil(inside.is_set, timeout=10_000)
    let_go(seen)
    kept = [[i] for i in range(5_000)]  # counts far over the threshold
    qtbot.wait(3 * collector.TICK_MS)
    assert seen == []  # the build is not interrupted by a collection
    leave.set()
    qtbot.waitUntil(lambda: tm.pending == 0 and bool(seen), timeout=10_000)
    assert seen == [GUI_THREAD]
    assert len(kept) == 5_000
    tm.shutdown()


def test_automatic_collection_comes_back_when_the_last_task_manager_shuts_down(qtbot: QtBot) -> None:
    first, second = TaskManager(), TaskManager()
    assert not gc.isenabled()
    first.shutdown()
    first.shutdown()  # twice is once
    assert not gc.isenabled()
    second.shutdown()
    assert gc.isenabled()
    assert not collection.collection_paused()


@pytest.mark.parametrize(("counts", "due"), [
    ((10, 0, 0), None),
    ((701, 0, 0), 0),
    ((701, 11, 0), 1),
    ((701, 11, 11), 2),
    ((0, 0, 11), 2),
])
def test_the_generation_due_follows_the_thresholds(counts: tuple[int, int, int], due: int | None) -> None:
    assert collector.due_generation(counts, (700, 10, 10)) == due

