"""The 教职工 picker on 新增 in 培训记录 and 资格证书 (issue: a record saved to the wrong person).

On main the picker kept whoever was on the last selected row, initials did not
match, Ctrl+S saved to that previous person, and a new record inherited the
shown row's 层级/形式.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.records import TrainingData
from desktop.gui.context import AppContext
from desktop.gui.controllers.credentials_page import CredentialsPage
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.training_page import TrainingPage
from desktop.services.records import credentials, staff, training
from tests.gui.conftest import wait_idle
from tests.gui.picking import matches_shown, pick_staff, type_in

pytestmark = pytest.mark.gui


def _training(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> TrainingPage:
    page = window.show_page("training")
    assert isinstance(page, TrainingPage)
    wait_idle(qtbot, ctx.taskman)
    return page


def test_new_starts_empty_and_does_not_inherit_the_shown_row(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                             staffed: dict[str, int]) -> None:
    training.create_training(ctx.db, staffed["张三"], TrainingData(
        title="国家级远程培训", start_date=date(2025, 4, 1), end_date=date(2025, 4, 30), hours=50, level="1",
        mode="02", category="1"))
    page = _training(qtbot, window, ctx)
    page.load()
    wait_idle(qtbot, ctx.taskman)
    row = next(i for i in range(page.model.rowCount()) if page.model.row(i).title == "国家级远程培训")
    page.view.table.selectRow(row)
    form = page.form
    assert form.staff.chosen_id == staffed["张三"] and form.level.currentData() == "1"
    page.add_new()
    assert form.editing is None and form.staff.isEnabled()
    assert form.staff.chosen_id is None and form.staff.currentText() == ""
    assert (form.level.currentData(), form.mode.currentData(), form.category.currentData()) == ("4", "01", "2")
    assert form.hours.value() == 8


def test_ctrl_s_is_refused_until_a_person_is_chosen(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                    staffed: dict[str, int]) -> None:
    page = _training(qtbot, window, ctx)
    page.view.table.selectRow(0)  # 李四's record
    page.add_new()
    form = page.form
    form.title.setText("校本研修")
    form.title.setFocus()
    qtbot.keyClick(form.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx.taskman)
    assert "请先选择教职工" in form.errors["staff"].text()
    assert [t.title for t in training.list_training(ctx.db, staffed["李四"])] == ["县级班主任培训"]
    type_in(qtbot, form.staff, "王")  # typed but not chosen: still refused
    qtbot.keyClick(form.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx.taskman)
    assert training.list_training(ctx.db, staffed["王芳"]) == []
    pick_staff(qtbot, form.staff, "wf")
    assert form.staff.chosen_id == staffed["王芳"]
    form.title.setText("校本研修")
    qtbot.keyClick(form.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx.taskman)
    assert [t.title for t in training.list_training(ctx.db, staffed["王芳"])] == ["校本研修"]
    assert form.staff.chosen_id is None  # the next new record starts empty again


def test_initials_full_pinyin_and_id_digits_match(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                  staffed: dict[str, int]) -> None:
    page = window.show_page("credentials")
    assert isinstance(page, CredentialsPage)
    wait_idle(qtbot, ctx.taskman)
    page.add_new()
    picker = page.form.staff
    type_in(qtbot, picker, "oynn")
    assert [m.split("（")[0] for m in matches_shown(picker)] == ["欧阳娜娜"]
    type_in(qtbot, picker, "zhangsan")
    assert [m.split("（")[0] for m in matches_shown(picker)] == ["张三"]
    tail = staff.get_staff(ctx.db, staffed["王芳"]).id_number[-4:]
    type_in(qtbot, picker, tail)
    assert [m.split("（")[0] for m in matches_shown(picker)] == ["王芳"]
    pick_staff(qtbot, picker, "ls")
    assert picker.chosen_id == staffed["李四"]
    type_in(qtbot, picker, "zs")  # typing again undoes the choice
    assert picker.chosen_id is None
    assert credentials.list_credentials(ctx.db, staff_id=staffed["张三"])[0].staff_id == staffed["张三"]
