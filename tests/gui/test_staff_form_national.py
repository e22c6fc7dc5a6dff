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


def test_courses_typed_in_the_form_are_saved_main_first_and_undone(qtbot: QtBot, window: MainWindow,
                                                                   ctx: AppContext) -> None:
    from desktop.services.records.courses import staff_courses

    staff_page = window.show_page("staff")
    wait_idle(qtbot, window.ctx.taskman)
    staff_page.add_new()  # type: ignore[attr-defined]
    assert not staff_page.form.courses.isEnabled()  # type: ignore[attr-defined]  # courses once the person exists
    page = add_zhao_min(qtbot, window)
    row = next(page.model.row(i) for i in range(page.model.rowCount()) if page.model.row(i).name == "赵敏")
    page.form.show_row(row)
    assert page.form.courses.isEnabled() and page.form.courses.text() == ""
    page.form.courses.setText("数学、科学")
    page.form.save.click()
    wait_idle(qtbot, window.ctx.taskman)
    zhao = next(s for s in list_staff(ctx.db) if s.name == "赵敏")
    assert [(c.label, c.main) for c in staff_courses(ctx.db, zhao.id)] == [("数学", True), ("科学", False)]
    row = next(page.model.row(i) for i in range(page.model.rowCount()) if page.model.row(i).name == "赵敏")
    assert row.courses == "数学、科学"
    undo(qtbot, window)
    assert staff_courses(ctx.db, zhao.id) == []
    page.form.show_row(row)
    page.form.courses.setText("数学、体操")
    page.form.save.click()
    wait_idle(qtbot, window.ctx.taskman)
    assert staff_courses(ctx.db, zhao.id) == []  # refused with the reason; nothing half-saved
    assert page.form.courses.text() == "数学、体操"  # and what was typed is still there


def test_kindergarten_posts_are_offered_and_saved_from_the_form(qtbot: QtBot, window: MainWindow,
                                                                ctx: AppContext) -> None:
    """教基4148 counts 保育员 and 卫生保健人员 by 岗位: the form's 岗位 list offers them and saves the code."""
    page = add_zhao_min(qtbot, window)
    row = next(page.model.row(i) for i in range(page.model.rowCount()) if page.model.row(i).name == "赵敏")
    page.form.show_row(row)
    post = page.form.post
    assert {post.itemText(i) for i in range(post.count())} >= {"园长", "副园长", "保育员", "卫生保健人员"}
    post.setCurrentIndex(post.findData("07"))
    page.form.category.setCurrentIndex(page.form.category.findData("12"))
    page.form.save.click()
    wait_idle(qtbot, window.ctx.taskman)
    zhao = next(s for s in list_staff(ctx.db) if s.name == "赵敏")
    assert (zhao.post, zhao.category) == ("07", "12")
