"""The 资格证书 and 培训记录 side panels show the selected record and save changes:
saved at once, undone with Ctrl+Z, a refusal keeps the typing with the reason by the field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.credentials_page import CredentialsPage
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.training_page import TrainingPage
from desktop.gui.delegates import to_qdate
from desktop.services.records import credentials, training
from desktop.services.records import tables as browse
from tests.gui.conftest import wait_idle
from tests.gui.picking import pick_staff


def credentials_page(qtbot: QtBot, window: MainWindow) -> CredentialsPage:
    page = window.show_page("credentials")
    assert isinstance(page, CredentialsPage)
    wait_idle(qtbot, window.ctx.taskman)
    return page


def training_page(qtbot: QtBot, window: MainWindow) -> TrainingPage:
    page = window.show_page("training")
    assert isinstance(page, TrainingPage)
    wait_idle(qtbot, window.ctx.taskman)
    return page


def test_selecting_a_certificate_shows_it_and_a_change_is_saved_and_undone(
        qtbot: QtBot, window: MainWindow, ctx: AppContext, staffed: dict[str, int]) -> None:
    page = credentials_page(qtbot, window)
    page.view.table.selectRow(0)
    form = page.form
    row = page.model.row(0)
    assert form.editing is not None and form.editing.id == row.id
    assert form.number.text() == "20104400121000001"
    assert "张三" in form.heading.text()
    assert not form.staff.isEnabled()  # the holder is not changed here
    form.issuer.setText("某某县教育局")
    form.save.click()
    wait_idle(qtbot, ctx.taskman)
    assert credentials.list_credentials(ctx.db, staff_id=staffed["张三"])[0].issuer == "某某县教育局"
    assert "已保存" in page.view.status.text()
    window.undo_action.trigger()
    wait_idle(qtbot, ctx.taskman)
    assert credentials.list_credentials(ctx.db, staff_id=staffed["张三"])[0].issuer is None
    assert form.issuer.text() == ""  # the form follows the undo
    window.redo_action.trigger()
    wait_idle(qtbot, ctx.taskman)
    assert credentials.list_credentials(ctx.db, staff_id=staffed["张三"])[0].issuer == "某某县教育局"


def test_a_newer_registration_entered_on_a_shown_certificate_moves_the_due_date(
        qtbot: QtBot, window: MainWindow, ctx: AppContext, staffed: dict[str, int]) -> None:
    page = credentials_page(qtbot, window)
    page.view.table.selectRow(0)
    form = page.form
    assert "2019-06-01" in form.registered.text()
    form.registered.setChecked(True)
    form.reg_date.setDate(to_qdate(date(2024, 6, 1)))
    form.save.click()
    wait_idle(qtbot, ctx.taskman)
    assert credentials.list_credentials(ctx.db, staff_id=staffed["张三"])[0].next_due == date(2029, 6, 1)
    window.undo_action.trigger()  # the added registration goes again
    wait_idle(qtbot, ctx.taskman)
    assert credentials.list_credentials(ctx.db, staff_id=staffed["张三"])[0].next_due == date(2024, 6, 1)


def test_a_refused_certificate_change_keeps_the_typing_and_says_why_by_the_field(
        qtbot: QtBot, window: MainWindow, ctx: AppContext, staffed: dict[str, int]) -> None:
    page = credentials_page(qtbot, window)
    page.view.table.selectRow(0)
    form = page.form
    form.issue_date.setDate(QDate.currentDate().addYears(1))
    form.issuer.setText("某某县教育局")
    form.save.click()
    wait_idle(qtbot, ctx.taskman)
    assert "晚于今天" in form.errors["issue_date"].text()
    assert not form.errors["issue_date"].isHidden()
    assert form.issuer.text() == "某某县教育局"  # nothing typed is lost
    stored = credentials.list_credentials(ctx.db, staff_id=staffed["张三"])[0]
    assert stored.issuer is None and stored.issue_date == date(2010, 7, 1)


def test_selecting_a_training_record_shows_it_and_a_change_is_saved_and_undone(
        qtbot: QtBot, window: MainWindow, ctx: AppContext, staffed: dict[str, int]) -> None:
    page = training_page(qtbot, window)
    page.view.table.selectRow(0)
    form = page.form
    record = page.model.row(0)
    assert form.editing is not None and form.editing.id == record.id
    assert form.title.text() == "县级班主任培训" and form.hours.value() == 16
    form.hours.setValue(20)
    form.topics["it"].setChecked(True)
    form.save.click()
    wait_idle(qtbot, ctx.taskman)
    saved = training.list_training(ctx.db, staffed["李四"])[0]
    assert saved.hours == 20 and saved.topics == ("it",)
    window.undo_action.trigger()
    wait_idle(qtbot, ctx.taskman)
    saved = training.list_training(ctx.db, staffed["李四"])[0]
    assert saved.hours == 16 and saved.topics == ()
    assert form.hours.value() == 16


def test_a_refused_training_change_keeps_the_typing_and_says_why_by_the_field(
        qtbot: QtBot, window: MainWindow, ctx: AppContext, staffed: dict[str, int]) -> None:
    page = training_page(qtbot, window)
    page.view.table.selectRow(0)
    form = page.form
    form.title.setText("县级班主任培训（第二期）")
    form.end_date.setDate(to_qdate(date(2025, 2, 1)))  # before the start
    form.save.click()
    wait_idle(qtbot, ctx.taskman)
    assert "早于开始日期" in form.errors["end_date"].text()
    assert form.title.text() == "县级班主任培训（第二期）"
    row = browse.training_row(ctx.db, form.editing.id if form.editing else -1)
    assert row is not None and row.title == "县级班主任培训"


def test_new_after_showing_a_record_adds_instead_of_changing(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                             staffed: dict[str, int]) -> None:
    page = training_page(qtbot, window)
    page.view.table.selectRow(0)
    page.add_new()
    form = page.form
    assert form.editing is None and form.staff.isEnabled()
    pick_staff(qtbot, form.staff, "wf")
    form.title.setText("校本研修")
    form.save.click()
    wait_idle(qtbot, ctx.taskman)
    assert [t.title for t in training.list_training(ctx.db, staffed["王芳"])] == ["校本研修"]
    assert [t.title for t in training.list_training(ctx.db, staffed["李四"])] == ["县级班主任培训"]
