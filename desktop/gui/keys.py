"""Keyboard habits of people who type in Excel.

Forms: Enter moves to the next field, and Enter on the last field (or Ctrl+Enter /
Ctrl+S anywhere) saves the form. Tables: Enter commits the cell being edited and
moves to the next row in the same column (Enter on a cell that is not being edited
moves down too); Tab moves to the next field (Qt's tab key navigation)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QWidget,
)
from typing_extensions import override

ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterMoves(QObject):
    def __init__(self, fields: Sequence[QWidget], submit: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.fields, self.submit = list(fields), submit

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or event.key() not in ENTER:
            return False
        if isinstance(watched, QComboBox) and watched.view().isVisible():
            return False  # Enter picks the item in an open list
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier or watched is self.fields[-1]:
            self.submit()
            return True
        if isinstance(watched, QAbstractSpinBox):
            watched.interpretText()
        visible = [f for f in self.fields if f.isVisibleTo(f.window()) and f.isEnabled()]
        if watched in visible:
            following = visible[visible.index(watched) + 1:]
            if following:
                following[0].setFocus(Qt.FocusReason.TabFocusReason)
                return True
        self.submit()
        return True


def enter_moves_through(form: QWidget, fields: Sequence[QWidget], submit: Callable[[], None]) -> None:
    """Install the Enter behaviour on ``fields`` (in order) and Ctrl+S on the form."""
    keeper = _EnterMoves(fields, submit, form)
    for field in fields:
        field.installEventFilter(keeper)
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), form)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(submit)


class _EnterMovesDown(QObject):
    """Enter in a table: commit (the delegate does) and go one row down, same column."""

    def __init__(self, table: QAbstractItemView) -> None:
        super().__init__(table)
        self.table = table
        # Connected after the view's own slot, so the editor is closed and the value
        # handed to the model before the current cell moves.
        table.itemDelegate().closeEditor.connect(self._editor_closed)

    def _editor_closed(self, _editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter, not Esc or a click away
            self.move_down()

    def move_down(self) -> None:
        current = self.table.currentIndex()
        if not current.isValid():
            return
        below = current.siblingAtRow(current.row() + 1)
        if below.isValid():
            self.table.setCurrentIndex(below)
            self.table.scrollTo(below)

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in ENTER
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                and self.table.state() != QAbstractItemView.State.EditingState):
            self.move_down()
            return True
        return False


def enter_moves_down(table: QAbstractItemView) -> None:
    """Install the Excel Enter behaviour on ``table`` (call after its delegate is set)."""
    table.setTabKeyNavigation(True)
    table.installEventFilter(_EnterMovesDown(table))
