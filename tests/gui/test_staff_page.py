"""The 教职工 page: adding with a live ID check, pinyin search, ending employment, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.end_staff import EndStaffDialog
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.staff_form import StaffForm
from desktop.gui.controllers.staff_page import StaffPage
from desktop.gui.models.staff import COL_NAME, COL_SUBJECT
from desktop.services.records.staff import get_staff, list_staff
from tests.gui.conftest import resident_id, wait_idle


def staff_page(qtbot: QtBot, window: MainWindow) -> StaffPage:
    page = window.show_page("staff")
    wait_idle(qtbot, window.ctx.taskman)
    assert isinstance(page, StaffPage)
    return page


def visible_names(page: StaffPage) -> list[str]:
    return [page.model.row(i).name for i in range(page.model.rowCount())]


def test_wrong_id_shows_reason_and_saves_nothing_then_fixing_saves(qtbot: QtBot, window: MainWindow,
                                                                    ctx: AppContext) -> None:
    page = staff_page(qtbot, window)
    before = len(list_staff(ctx.db))
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.form
    assert form.editing is None
    form.name.setText("赵敏")
    good = resident_id("441622", "19900101", "002")
    wrong = good[:-1] + ("1" if good[-1] != "1" else "2")  # wrong check digit
    qtbot.keyClicks(form.id_number, wrong)
    # The live check says why before saving …
    assert "校验" in form.errors["id_number"].text()
    form.save.click()
    wait_idle(qtbot, ctx.taskman)
    # … and saving is refused with the reason next to the field; the typing is kept.
    assert form.errors["id_number"].isVisible() or form.errors["id_number"].text()
    assert "校验" in form.errors["id_number"].text()
    assert form.id_number.text() == wrong
    assert form.name.text() == "赵敏"
    assert len(list_staff(ctx.db)) == before
    # Fixing the last digit saves.
    form.id_number.setText(good)
    assert form.errors["id_number"].text() == ""
    form.save.click()
    wait_idle(qtbot, ctx.taskman)
    assert len(list_staff(ctx.db)) == before + 1
    assert "赵敏" in visible_names(page)
    assert "已保存" in page.view.status.text()


def test_search_by_pinyin_initials_finds_the_person(qtbot: QtBot, window: MainWindow) -> None:
    page = staff_page(qtbot, window)
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.view.search, "zs")
    assert visible_names(page) == ["张三"]
    page.view.search.clear()
    qtbot.keyClicks(page.view.search, "zhangsan")
    assert visible_names(page) == ["张三"]
    page.view.search.clear()
    qtbot.keyClicks(page.view.search, "oyn")  # 欧阳娜娜
    assert visible_names(page) == ["欧阳娜娜"]


def test_ending_employment_hides_the_row_and_keeps_the_record(qtbot: QtBot, window: MainWindow,
                                                             ctx: AppContext, staffed: dict[str, int]) -> None:
    page = staff_page(qtbot, window)
    row = page.model.row_of_id(staffed["王芳"])
    page.view.table.setCurrentIndex(page.model.index(row, COL_NAME))
    page.view.table.setFocus()
    qtbot.keyClick(page.view.table, Qt.Key.Key_Delete)
    dialog = page.findChild(EndStaffDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reason.setCurrentIndex(dialog.reason.findText("退休"))
    dialog.buttons.accepted.emit()
    wait_idle(qtbot, ctx.taskman)
    assert "王芳" not in visible_names(page)
    kept = get_staff(ctx.db, staffed["王芳"])
    assert kept.status == "ended" and kept.end_reason == "2"
    page.view.show_ended.setChecked(True)
    assert "王芳" in visible_names(page)


def test_undo_restores_the_previous_value(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                          staffed: dict[str, int]) -> None:
    page = staff_page(qtbot, window)
    row = page.model.row_of_id(staffed["张三"])
    index = page.model.index(row, COL_SUBJECT)
    assert page.model.data(index) == "语文"
    assert page.model.setData(index, "02")  # 数学, as the combo delegate would
    wait_idle(qtbot, ctx.taskman)
    assert get_staff(ctx.db, staffed["张三"]).subject == "02"
    assert page.model.data(page.model.index(page.model.row_of_id(staffed["张三"]), COL_SUBJECT)) == "数学"
    window.undo_action.trigger()
    wait_idle(qtbot, ctx.taskman)
    assert get_staff(ctx.db, staffed["张三"]).subject == "01"
    assert page.model.data(page.model.index(page.model.row_of_id(staffed["张三"]), COL_SUBJECT)) == "语文"
    window.redo_action.trigger()
    wait_idle(qtbot, ctx.taskman)
    assert get_staff(ctx.db, staffed["张三"]).subject == "02"


def test_refused_inline_edit_keeps_the_typed_value_and_says_why(qtbot: QtBot, window: MainWindow,
                                                                 ctx: AppContext, staffed: dict[str, int]) -> None:
    page = staff_page(qtbot, window)
    row = page.model.row_of_id(staffed["李四"])
    index = page.model.index(row, page.model.column_index("id_masked"))
    page.model.setData(index, "123456")
    wait_idle(qtbot, ctx.taskman)
    assert page.model.data(index) == "123456"
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert page.view.status.text() == page.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert get_staff(ctx.db, staffed["李四"]).id_number != "123456"


def enter_through(qtbot: QtBot, form: StaffForm, typing: dict[str, str]) -> list[str]:
    """Press Enter in each focused field in turn, typing ``typing[key]`` first; the fields reached."""
    reached: list[str] = []
    widgets = {id(getattr(form, key)): key for key in form.FIELDS}
    while len(reached) <= len(form.FIELDS):
        focused = QApplication.focusWidget()
        key = widgets.get(id(focused))
        assert focused is not None and key is not None, f"Enter left the form after {reached}"
        reached.append(key)
        if key in typing:
            qtbot.keyClicks(focused, typing[key])
        qtbot.keyClick(focused, Qt.Key.Key_Return)
        if QApplication.focusWidget() is focused:  # Enter saved instead of moving on
            break
    return reached


def test_enter_moves_through_the_form_and_saves_on_the_last_field(qtbot: QtBot, window: MainWindow,
                                                                   ctx: AppContext) -> None:
    page = staff_page(qtbot, window)
    page.add_new()
    form = page.form
    form.name.setText("钱七")
    form.name.setFocus()
    reached = enter_through(qtbot, form, {"id_number": resident_id("441622", "19920202", "005")})
    # Every field of the form in its own order; 任教课程 is filled once the person exists.
    assert reached == [key for key in form.FIELDS if key != "courses"]
    wait_idle(qtbot, ctx.taskman)
    assert "钱七" in [r.name for r in list_staff(ctx.db)]


def test_enter_reaches_the_courses_of_a_shown_person_and_saves_the_change(
        qtbot: QtBot, window: MainWindow, ctx: AppContext, staffed: dict[str, int]) -> None:
    page = staff_page(qtbot, window)
    page.view.table.selectRow(page.model.row_of_id(staffed["张三"]))
    form = page.form
    assert form.editing is not None and form.editing.id == staffed["张三"]
    form.phone.clear()
    form.name.setFocus()
    reached = enter_through(qtbot, form, {"phone": "13800138000"})
    assert reached == list(form.FIELDS)
    wait_idle(qtbot, ctx.taskman)
    assert get_staff(ctx.db, staffed["张三"]).phone == "13800138000"
