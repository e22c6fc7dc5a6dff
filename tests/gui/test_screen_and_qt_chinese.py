"""The main window fits the screen it opens on, and Qt's own buttons and dialogs speak Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from desktop.gui import i18n
from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.screen import FRAME
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui


def test_the_window_opens_inside_the_available_screen(qtbot: QtBot, ctx: AppContext,
                                                      staffed: dict[str, int]) -> None:
    win = MainWindow(ctx)  # the offscreen screen is 800×800: 1280×800 did not fit
    qtbot.addWidget(win)
    win.show()
    wait_idle(qtbot, ctx.taskman)
    area = win.screen().availableGeometry()
    assert win.width() + FRAME.width() <= area.width() and win.height() + FRAME.height() <= area.height()
    assert area.contains(win.geometry())
    bar = win.statusBar()
    assert bar.isVisible() and bar.geometry().bottom() <= win.height()


@pytest.fixture
def chinese_qt(qapp: QApplication) -> object:
    assert i18n.install_language(qapp, "zh_CN")
    yield qapp
    for t in list(i18n._installed):
        qapp.removeTranslator(t)
    i18n._installed.clear()


def test_qt_standard_buttons_and_the_file_dialog_are_chinese(qtbot: QtBot, chinese_qt: object) -> None:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Ok).text().replace("&", "").startswith("确定")
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "").startswith("取消")
    dialog = QFileDialog(None, "选择文件夹")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert "查找范围" in labels and "Look in" not in labels
