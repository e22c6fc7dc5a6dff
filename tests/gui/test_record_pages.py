"""资格证书, 培训记录 and 班级与学位 pages: adding, inline edits and seats."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.classes_page import ClassesPage
from desktop.gui.controllers.credentials_page import CredentialsPage
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.training_page import TrainingPage
from desktop.gui.delegates import to_qdate
from desktop.gui.models.training import COL_HOURS
from desktop.services.records import classes, credentials, training
from tests.gui.conftest import wait_idle
from tests.gui.picking import pick_staff


def test_adding_a_certificate_with_its_registration(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                    staffed: dict[str, int]) -> None:
    page = window.show_page("credentials")
    assert isinstance(page, CredentialsPage)
    wait_idle(qtbot, ctx.taskman)
    form = page.form
    pick_staff(qtbot, form.staff, "ls")
    form.cert_type.setCurrentIndex(form.cert_type.findData("2"))
    form.number.setText("20124400122000002")  # 2012, 小学 (2), 女 (0)
    form.issue_date.setDate(to_qdate(date(2012, 7, 1)))
    form.registered.setChecked(True)
    form.reg_date.setDate(to_qdate(date(2022, 6, 1)))
    form.save.click()
    wait_idle(qtbot, ctx.taskman)
    saved = credentials.list_credentials(ctx.db, staff_id=staffed["李四"])
    assert len(saved) == 1 and saved[0].next_due == date(2027, 6, 1)
    names = [page.model.row(i).staff_name for i in range(page.model.rowCount())]
    assert "李四" in names


def test_a_certificate_without_number_is_refused_by_the_field(qtbot: QtBot, window: MainWindow,
                                                              ctx: AppContext, staffed: dict[str, int]) -> None:
    page = window.show_page("credentials")
    wait_idle(qtbot, ctx.taskman)
    form = page.form
    pick_staff(qtbot, form.staff, "wf")
    form.save.click()
    wait_idle(qtbot, ctx.taskman)
    assert "证书编号" in form.errors["number"].text()
    assert credentials.list_credentials(ctx.db, staff_id=staffed["王芳"]) == []


def test_training_hours_edited_in_the_table_are_saved_and_undone(qtbot: QtBot, window: MainWindow,
                                                                  ctx: AppContext, staffed: dict[str, int]) -> None:
    page = window.show_page("training")
    assert isinstance(page, TrainingPage)
    wait_idle(qtbot, ctx.taskman)
    index = page.model.index(0, COL_HOURS)
    assert page.model.setData(index, 12.5)
    wait_idle(qtbot, ctx.taskman)
    record_id = page.model.row(0).id
    assert training.list_training(ctx.db, staffed["李四"])[0].hours == 12.5
    window.undo_action.trigger()
    wait_idle(qtbot, ctx.taskman)
    assert training.list_training(ctx.db, staffed["李四"])[0].hours == 16
    assert page.model.row(0).id == record_id


def test_approved_seats_edit_updates_the_seat_table(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> None:
    page = window.show_page("classes")
    assert isinstance(page, ClassesPage)
    wait_idle(qtbot, ctx.taskman)
    seats = page.capacity_model
    assert seats.rowCount() == 1  # a 小学 has one stage
    assert seats.setData(seats.index(0, seats.COL_APPROVED), 120)
    wait_idle(qtbot, ctx.taskman)
    assert classes.list_capacities(ctx.db, ctx.unit.id, ctx.period.id)[0].approved_seats == 120
    assert seats.data(seats.index(0, seats.COL_FREE)) == "25"  # 120 − 95 enrolled
