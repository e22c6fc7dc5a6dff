"""Excel habits in the four tables: Enter commits the cell and moves down the column,
Tab moves to the next field, Enter on a cell that is not being edited moves down."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QTableView
from pytestqt.qtbot import QtBot

from desktop.domain.records import CredentialData, TrainingData
from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.services.records import credentials, staff, training
from desktop.services.records import tables as browse
from tests.gui.conftest import wait_idle

# page key → (column key edited, text typed)
CASES = {
    "staff": ("phone", "13800000000"),
    "credentials": ("number", "20104400121000009"),
    "training": ("title", "Class teacher workshop"),  # QTest types ASCII only
    "classes": ("name", "Class 3A"),
}


@pytest.fixture
def second_rows(ctx: AppContext, staffed: dict[str, int]) -> None:
    """Two rows in every table, so there is a row below the first."""
    credentials.create_credential(ctx.db, staffed["李四"], CredentialData(
        kind="teacher", cert_type="2", number="20104400121000002", issue_date=date(2011, 7, 1)))
    training.create_training(ctx.db, staffed["王芳"], TrainingData(
        title="校本研修", start_date=date(2025, 4, 1), end_date=date(2025, 4, 1), hours=4, level="5",
        mode="01", category="2"))


def open_table(qtbot: QtBot, window: MainWindow, key: str) -> tuple[QTableView, int]:
    page = window.show_page(key)
    wait_idle(qtbot, window.ctx.taskman)
    table: QTableView = page.view.table  # type: ignore[attr-defined]
    column = page.model.column_index(CASES[key][0])  # type: ignore[attr-defined]
    assert table.model().rowCount() >= 2
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, column))
    return table, column


@pytest.mark.parametrize("key", list(CASES))
def test_enter_commits_the_cell_and_moves_down_the_column(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                           second_rows: None, key: str) -> None:
    table, column = open_table(qtbot, window, key)
    first = table.model().index(0, column)
    saved_id = table.model().row(0).id  # type: ignore[attr-defined]
    table.edit(first)
    assert table.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    typed = CASES[key][1]
    if typed is not None:
        assert isinstance(editor, QLineEdit)
        editor.selectAll()
        qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    wait_idle(qtbot, ctx.taskman)
    assert table.currentIndex().row() == 1
    assert table.currentIndex().column() == column
    if typed is not None:  # the value was saved, not only shown
        if key == "staff":
            assert staff.get_staff(ctx.db, saved_id).phone == typed
        elif key == "credentials":
            assert any(c.number == typed for c in browse.credential_rows(ctx.db))
        elif key == "classes":
            assert any(c.name == typed for c in browse.class_rows(ctx.db, ctx.period.id))
        else:
            saved = browse.training_row(ctx.db, saved_id)
            assert saved is not None and saved.title == typed


@pytest.mark.parametrize("key", list(CASES))
def test_enter_on_a_cell_not_being_edited_moves_down(qtbot: QtBot, window: MainWindow, second_rows: None,
                                                      key: str) -> None:
    table, column = open_table(qtbot, window, key)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (1, column)
    assert table.state() != QAbstractItemView.State.EditingState


def test_tab_while_editing_moves_to_the_next_field(qtbot: QtBot, window: MainWindow, second_rows: None) -> None:
    table, column = open_table(qtbot, window, "staff")
    table.edit(table.currentIndex())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: table.currentIndex().column() != column)
    assert table.currentIndex().row() == 0
    assert table.currentIndex().column() > column


def test_enter_in_a_code_combo_and_a_date_cell_moves_down_too(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                               second_rows: None) -> None:
    from PySide6.QtWidgets import QComboBox, QDateEdit

    page = window.show_page("staff")
    wait_idle(qtbot, ctx.taskman)
    table: QTableView = page.view.table  # type: ignore[attr-defined]
    for key, editor_type in (("subject", QComboBox), ("join_date", QDateEdit)):
        column = page.model.column_index(key)  # type: ignore[attr-defined]
        table.setFocus()
        table.setCurrentIndex(table.model().index(0, column))
        table.edit(table.currentIndex())
        editor = QApplication.focusWidget()
        assert isinstance(editor, editor_type), key
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
        wait_idle(qtbot, ctx.taskman)
        assert (table.currentIndex().row(), table.currentIndex().column()) == (1, column), key
