"""Unsaved input in a side form (教职工, 培训记录, 资格证书) is never discarded silently.

On main, clicking another row replaced what was typed without a word. Now the page
asks: 保存, 放弃输入的内容 or 继续编辑; the table stays on the record being edited meanwhile.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.credentials_page import CredentialsPage
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.staff_page import StaffPage
from desktop.gui.controllers.training_page import TrainingPage
from desktop.services.records import staff, training
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui


def click_row(qtbot: QtBot, page: object, row: int) -> None:
    table = page.view.table  # type: ignore[attr-defined]
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_chinese(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def asked(qtbot: QtBot, page: QWidget) -> QMessageBox:
    qtbot.waitUntil(lambda: any(b.isVisible() for b in page.findChildren(QMessageBox)), timeout=3000)
    return next(b for b in page.findChildren(QMessageBox) if b.isVisible())


def press(box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if isinstance(b, QPushButton) and b.text() == text)
    button.click()


def test_a_new_person_typed_and_not_saved_is_kept_when_another_row_is_clicked(
        qtbot: QtBot, window: MainWindow, ctx: AppContext, staffed: dict[str, int]) -> None:
    page = window.show_page("staff")
    assert isinstance(page, StaffPage)
    wait_idle(qtbot, ctx.taskman)
    page.add_new()
    page.form.name.setFocus()
    type_chinese(page.form.name, "赵新")
    click_row(qtbot, page, 0)
    box = asked(qtbot, page)
    assert "还没有保存" in box.text()
    press(box, "继续编辑")
    assert page.form.editing is None and page.form.name.text() == "赵新"
    qtbot.waitUntil(lambda: not page.view.table.selectionModel().hasSelection(), timeout=2000)
    click_row(qtbot, page, 0)
    press(asked(qtbot, page), "放弃输入的内容")
    assert page.form.editing is not None and page.form.editing.id == page.model.row(0).id
    assert page.form.name.text() == page.model.row(0).name


def test_an_edit_in_the_training_form_is_saved_when_the_clerk_says_so(
        qtbot: QtBot, window: MainWindow, ctx: AppContext, staffed: dict[str, int]) -> None:
    from datetime import date

    from desktop.domain.records import TrainingData

    training.create_training(ctx.db, staffed["王芳"], TrainingData(
        title="校本研修", start_date=date(2025, 5, 1), end_date=date(2025, 5, 1), hours=4, level="5", mode="01",
        category="2"))
    page = window.show_page("training")
    assert isinstance(page, TrainingPage)
    page.load()
    wait_idle(qtbot, ctx.taskman)
    click_row(qtbot, page, 0)
    first = page.form.editing
    assert first is not None
    page.form.title.setFocus()
    page.form.title.selectAll()
    type_chinese(page.form.title, "改过的名称")
    click_row(qtbot, page, 1)
    box = asked(qtbot, page)
    qtbot.waitUntil(lambda: page.view.table.currentIndex().row() == 0, timeout=2000)
    assert page.form.editing is first
    press(box, "保存")
    wait_idle(qtbot, ctx.taskman)
    titles = [t.title for t in training.list_training(ctx.db, first.staff_id)]
    assert "改过的名称" in titles


def test_a_certificate_edit_is_not_dropped_either(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                  staffed: dict[str, int]) -> None:
    from desktop.domain.records import CredentialData
    from desktop.services.records import credentials

    credentials.create_credential(ctx.db, staffed["李四"], CredentialData(kind="other", number="X-1"))
    page = window.show_page("credentials")
    assert isinstance(page, CredentialsPage)
    page.load()
    wait_idle(qtbot, ctx.taskman)
    click_row(qtbot, page, 0)
    page.form.issuer.setFocus()
    type_chinese(page.form.issuer, "龙川县教育局")
    click_row(qtbot, page, 1)
    press(asked(qtbot, page), "继续编辑")
    assert page.form.issuer.text().endswith("龙川县教育局")
    assert staff.get_staff(ctx.db, staffed["李四"]).name == "李四"
