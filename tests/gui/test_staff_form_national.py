"""The staff form holds what the national forms count: 本学年不授课, 校外教师, 外籍, 港澳台侨."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.services.records.staff import list_staff
from tests.gui.conftest import wait_idle
from tests.gui.test_undo_adds import add_zhao_min, undo


def test_new_person_with_national_fields_and_an_edit_of_them(qtbot: QtBot, window: MainWindow,
                                                              ctx: AppContext) -> None:
    page = add_zhao_min(qtbot, window)
    zhao = next(s for s in list_staff(ctx.db) if s.name == "赵敏")
    assert (zhao.not_teaching, zhao.external_teacher, zhao.foreign_national, zhao.overseas) == (False, False, False, None)
    row = next(page.model.row(i) for i in range(page.model.rowCount()) if page.model.row(i).name == "赵敏")
    page.form.show_row(row)
    page.form.external_teacher.setChecked(True)
    page.form.overseas.setCurrentIndex(page.form.overseas.findData("5"))
    page.form.save.click()
    wait_idle(qtbot, window.ctx.taskman)
    zhao = next(s for s in list_staff(ctx.db) if s.name == "赵敏")
    assert (zhao.external_teacher, zhao.overseas, zhao.not_teaching) == (True, "5", False)
    undo(qtbot, window)
    zhao = next(s for s in list_staff(ctx.db) if s.name == "赵敏")
    assert (zhao.external_teacher, zhao.overseas) == (False, None)
