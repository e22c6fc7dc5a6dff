"""The one background worker: results reach the main thread, late ones for closed widgets are dropped."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.gui.taskman import TaskManager


def test_result_reaches_the_main_thread(qtbot: QtBot) -> None:
    tm = TaskManager()
    label = QLabel()
    qtbot.addWidget(label)
    seen: list[str] = []
    tm.run(lambda: threading.current_thread().name, on_done=lambda name: (seen.append(name), label.setText("done")))
    qtbot.waitUntil(lambda: label.text() == "done")
    assert seen[0].startswith("edureturns-db")
    tm.shutdown()


def test_a_result_for_a_closed_widget_is_dropped_not_raised(qtbot: QtBot) -> None:
    """A period or language switch closes the page that asked; its answer must not become an error."""
    tm = TaskManager()
    unhandled: list[BaseException] = []
    tm.on_unhandled = unhandled.append
    gate = threading.Event()
    bound, captured = QLabel(), QLabel()
    tm.run(lambda: (gate.wait(5), "late")[1], on_done=bound.setText)  # a method of the deleted label
    tm.run(lambda: "late too", on_done=lambda text: captured.setText(text))  # a closure over it
    bound.deleteLater()
    captured.deleteLater()
    qtbot.waitUntil(lambda: not _alive(bound) and not _alive(captured))
    gate.set()
    qtbot.waitUntil(lambda: tm.pending == 0)
    assert unhandled == []
    tm.shutdown()


def _alive(widget: QLabel) -> bool:
    from shiboken6 import Shiboken

    return bool(Shiboken.isValid(widget))
