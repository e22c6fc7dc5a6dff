"""Ctrl+Z undoes adds too: a new person, certificate, training record or class goes
again through a service call, and Ctrl+Shift+Z (redo) brings it back."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.classes_page import ClassesPage
from desktop.gui.controllers.credentials_page import CredentialsPage
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.staff_page import StaffPage
from desktop.gui.controllers.training_page import TrainingPage
from desktop.gui.delegates import to_qdate
from desktop.services.core import audit
from desktop.services.records import classes, credentials, training
from desktop.services.records.staff import list_staff
from tests.gui.conftest import resident_id, wait_idle
from tests.gui.picking import pick_staff


def undo(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.ctx.taskman)
    wait_idle(qtbot, window.ctx.taskman)  # the page reloads after the undo


def redo(qtbot: QtBot, window: MainWindow) -> None:
    window.redo_action.trigger()
    wait_idle(qtbot, window.ctx.taskman)
    wait_idle(qtbot, window.ctx.taskman)


def names(ctx: AppContext) -> list[str]:
    return [s.name for s in list_staff(ctx.db, include_ended=True)]


def add_zhao_min(qtbot: QtBot, window: MainWindow) -> StaffPage:
    """Add 赵敏 through the staff form, as a clerk would."""
    page = window.show_page("staff")
    assert isinstance(page, StaffPage)
    wait_idle(qtbot, window.ctx.taskman)
    page.add_new()
    page.form.name.setText("赵敏")
    page.form.id_number.setText(resident_id("441622", "19900101", "002"))
    page.form.save.click()
    wait_idle(qtbot, window.ctx.taskman)
    return page


def test_undo_of_adding_a_person_removes_the_record_and_redo_adds_it(qtbot: QtBot, window: MainWindow,
                                                                       ctx: AppContext) -> None:
    page = add_zhao_min(qtbot, window)
    assert "赵敏" in names(ctx)
    undo(qtbot, window)
    assert "赵敏" not in names(ctx)  # gone, not ended
    assert all(page.model.row(i).name != "赵敏" for i in range(page.model.rowCount()))
    assert page.form.editing is None
    redo(qtbot, window)
    assert "赵敏" in names(ctx)
    assert any(page.model.row(i).name == "赵敏" for i in range(page.model.rowCount()))
    with ctx.db.session() as session:  # the add, the removal and the re-add are all in the log
        assert audit.verify_chain(session) is None


def test_a_person_with_training_is_not_removed_by_undo(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> None:
    page = add_zhao_min(qtbot, window)
    from desktop.domain.records import TrainingData

    new_id = next(s.id for s in list_staff(ctx.db) if s.name == "赵敏")
    training.create_training(ctx.db, new_id, TrainingData(
        title="岗前培训", start_date=date(2025, 9, 1), end_date=date(2025, 9, 1), hours=8, level="5",
        mode="01", category="2"))
    undo(qtbot, window)
    assert "赵敏" in names(ctx)
    assert "培训记录" in page.view.status.text()


def test_undo_of_adding_a_certificate_and_a_training_record(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                            staffed: dict[str, int]) -> None:
    page = window.show_page("credentials")
    assert isinstance(page, CredentialsPage)
    wait_idle(qtbot, ctx.taskman)
    form = page.form
    form.start_new()
    pick_staff(qtbot, form.staff, "ls")
    form.cert_type.setCurrentIndex(form.cert_type.findData("2"))
    form.number.setText("20124400122000002")
    form.issue_date.setDate(to_qdate(date(2012, 7, 1)))
    form.save.click()
    wait_idle(qtbot, ctx.taskman)
    assert len(credentials.list_credentials(ctx.db, staff_id=staffed["李四"])) == 1
    undo(qtbot, window)
    assert credentials.list_credentials(ctx.db, staff_id=staffed["李四"]) == []
    redo(qtbot, window)
    assert len(credentials.list_credentials(ctx.db, staff_id=staffed["李四"])) == 1

    tpage = window.show_page("training")
    assert isinstance(tpage, TrainingPage)
    wait_idle(qtbot, ctx.taskman)
    tform = tpage.form
    tform.start_new()
    pick_staff(qtbot, tform.staff, "wf")
    tform.title.setText("校本研修")
    tform.save.click()
    wait_idle(qtbot, ctx.taskman)
    assert [t.title for t in training.list_training(ctx.db, staffed["王芳"])] == ["校本研修"]
    undo(qtbot, window)
    assert training.list_training(ctx.db, staffed["王芳"]) == []


def test_undo_of_adding_a_class(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> None:
    page = window.show_page("classes")
    assert isinstance(page, ClassesPage)
    wait_idle(qtbot, ctx.taskman)
    page.new_name.setText("一年级(1)班")
    page.new_enrolled.setValue(40)
    page.new_save.click()
    wait_idle(qtbot, ctx.taskman)

    def class_names() -> list[str]:
        return [c.name for c in classes.list_classes(ctx.db, ctx.unit.id, ctx.period.id)]

    assert "一年级(1)班" in class_names()
    undo(qtbot, window)
    assert "一年级(1)班" not in class_names()
    assert all(page.model.row(i).name != "一年级(1)班" for i in range(page.model.rowCount()))
    redo(qtbot, window)
    assert "一年级(1)班" in class_names()
