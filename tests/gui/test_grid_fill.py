"""Fill-down and column paste in the grids go through the same checks as typed input."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.staff_page import StaffPage
from desktop.services.records import staff
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui


def _page(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> StaffPage:
    page = window.show_page("staff")
    assert isinstance(page, StaffPage)
    wait_idle(qtbot, ctx.taskman)
    return page


def test_ctrl_d_fills_the_top_value_down_and_saves_each_cell(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                            staffed: dict[str, int]) -> None:
    page = _page(qtbot, window, ctx)
    table, model = page.view.table, page.model
    col = model.column_index("education")
    rows = [model.row_of_id(staffed[n]) for n in ("张三", "李四", "王芳")]
    assert model.setData(model.index(rows[0], col), "31")  # 专科 typed in the first cell
    wait_idle(qtbot, ctx.taskman)
    rows = sorted(model.row_of_id(staffed[n]) for n in ("张三", "李四", "王芳"))
    table.setFocus()
    table.setCurrentIndex(model.index(rows[0], col))
    table.selectionModel().clearSelection()
    for r in rows:
        table.selectionModel().select(model.index(r, col), QItemSelectionModel.SelectionFlag.Select)
    top = model.row(rows[0]).education
    qtbot.keyClick(table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx.taskman)
    assert {staff.get_staff(ctx.db, staffed[n]).education for n in ("张三", "李四", "王芳")} == {top}


def test_pasting_a_column_checks_each_value_like_typing(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                        staffed: dict[str, int]) -> None:
    page = _page(qtbot, window, ctx)
    table, model = page.view.table, page.model
    col = model.column_index("subject")
    first = min(model.row_of_id(staffed[n]) for n in ("张三", "李四", "王芳"))
    order = [model.row(first + i).id for i in range(3)]
    table.setFocus()
    table.setCurrentIndex(model.index(first, col))
    QGuiApplication.clipboard().setText("数学\n不存在的学科\n英语\n")
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx.taskman)
    assert staff.get_staff(ctx.db, order[0]).subject == "02"
    assert model.error_at(model.index(model.row_of_id(order[1]), col)) is not None  # marked, not saved
    assert "不是" in (model.error_at(model.index(model.row_of_id(order[1]), col)) or "")
    assert staff.get_staff(ctx.db, order[2]).subject == "03"
    join = model.column_index("join_date")
    table.setCurrentIndex(model.index(model.row_of_id(order[0]), join))
    QGuiApplication.clipboard().setText("2030-13-45")
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx.taskman)
    assert model.error_at(model.index(model.row_of_id(order[0]), join)) is not None
