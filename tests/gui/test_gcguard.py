"""Cycle collection runs on the GUI thread only while the collector is installed (desktop/gui/gcguard.py)."""

from __future__ import annotations

import gc
import threading

from pytestqt.qtbot import QtBot

from desktop.gui.gcguard import GuiThreadCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collections_happen_on_the_gui_thread_not_in_workers(qtbot: QtBot) -> None:
    threads: list[int] = []

    def record(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    collector = GuiThreadCollector(interval_ms=10)
    gc.callbacks.append(record)
    try:
        assert not gc.isenabled()

        def worker() -> None:  # far past every threshold: Python would collect in this thread
            for _ in range(200_000):
                _Cycle()

        t = threading.Thread(target=worker)
        t.start()
        t.join()
        assert threads == []  # nothing collected while the worker allocated
        qtbot.waitUntil(lambda: len(threads) > 0, timeout=2000)
        assert set(threads) == {threading.get_ident()}
    finally:
        gc.callbacks.remove(record)
        collector.stop()


def test_stop_gives_the_collector_back_to_python(qtbot: QtBot) -> None:
    was = gc.isenabled()  # the GUI tests' own collector (conftest) has it off
    gc.enable()
    try:
        collector = GuiThreadCollector()
        assert not gc.isenabled()
        collector.stop()
        assert gc.isenabled()
    finally:
        if not was:
            gc.disable()


def test_check_collects_the_oldest_generation_past_its_threshold(qtbot: QtBot) -> None:
    collector = GuiThreadCollector(interval_ms=60_000)
    try:
        gc.collect()
        assert collector.check() == -1  # nothing pending right after a full collection
        for _ in range(gc.get_threshold()[0] + 10):
            _Cycle()
        assert collector.check() == 0
    finally:
        collector.stop()
