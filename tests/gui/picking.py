"""Choose a person in a form's 教职工 picker the way a clerk does: type, then pick from the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.gui.staff_picker import StaffPicker


def matches_shown(picker: StaffPicker) -> list[str]:
    return list(picker.matches.stringList())


def type_in(qtbot: QtBot, picker: StaffPicker, typed: str) -> None:
    line = picker.lineEdit()
    assert line is not None
    picker.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    if typed.isascii():
        qtbot.keyClicks(line, typed)
    else:  # Chinese comes from the input method as a committed string, as on a clerk's PC
        event = QInputMethodEvent()
        event.setCommitString(typed)
        QApplication.sendEvent(line, event)


def pick_staff(qtbot: QtBot, picker: StaffPicker, typed: str, row: int = 0) -> None:
    """Type ``typed`` and choose match ``row`` from the list with the keyboard (Enter)."""
    type_in(qtbot, picker, typed)
    popup = picker.finder.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    popup.setCurrentIndex(popup.model().index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.chosen_id is not None
    # The offscreen platform leaves a closed popup as the active window, which would keep
    # the form's Ctrl+S from firing; on a desktop the window is active again by now.
    window = picker.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
