"""The shell around the pages: error hook, translations, fonts, remembered columns, title."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.appdirs import logs_dir
from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.staff_page import StaffPage
from desktop.gui.errors import install_excepthook
from desktop.gui.fonts import register_fonts
from desktop.gui.i18n import install_language, tr
from tests.gui.conftest import wait_idle


def test_unexpected_error_is_logged_and_explained_and_the_app_keeps_running(qtbot: QtBot, window: MainWindow) -> None:
    old = sys.excepthook
    install_excepthook()
    try:
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        assert boxes, "a dialog tells the user"
        assert "没有丢失" in boxes[0].text()
        log = (logs_dir() / "errors.log").read_text(encoding="utf-8")
        assert "boom in a slot" in log and "Traceback" in log
        for box in boxes:
            box.close()
        assert window.isVisible()
        window.show_page("staff")  # still works
        wait_idle(qtbot, window.ctx.taskman)
    finally:
        sys.excepthook = old


def test_english_catalogue_translates_the_ui(qapp: QApplication) -> None:
    try:
        assert install_language(qapp, "en")
        assert tr("教职工") == "Staff"
        assert tr("培训记录") == "Training"
    finally:
        install_language(qapp, "zh_CN")
    assert tr("教职工") == "教职工"


def test_bundled_font_is_registered_and_covers_rare_name_characters(qapp: QApplication) -> None:
    family = register_fonts()
    assert family is not None
    from PySide6.QtGui import QFont, QFontMetrics

    metrics = QFontMetrics(QFont(family))
    for ch in "张三堃喆赟玥䶮":
        assert metrics.inFontUcs4(ord(ch)), ch
    assert family in QFontDatabase.families()


def test_hidden_columns_are_remembered_per_table(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> None:
    page = window.show_page("staff")
    assert isinstance(page, StaffPage)
    phone = page.model.column_index("phone")
    page.column_actions[phone].setChecked(False)
    assert page.view.table.isColumnHidden(phone)
    again = StaffPage(ctx)
    qtbot.addWidget(again)
    assert again.view.table.isColumnHidden(phone)
    assert not again.view.table.isColumnHidden(page.model.column_index("name"))


def test_window_title_shows_unit_period_and_file(window: MainWindow, ctx: AppContext) -> None:
    title = window.windowTitle()
    assert ctx.unit.name in title and ctx.period.label in title and ctx.path.name in title


def test_many_signal_emits_do_not_drain_the_reference_count_of_true(qapp: QApplication) -> None:
    """PySide6 6.12 on Python 3.11 loses a reference to True per emit; compat.emit pays it back."""
    from PySide6.QtCore import QObject, Signal

    from desktop.gui.compat import emit

    class Sender(QObject):
        changed = Signal()

    sender = Sender()
    before = sys.getrefcount(True)
    for _ in range(5000):
        emit(sender.changed)
    assert sys.getrefcount(True) >= before - 50
