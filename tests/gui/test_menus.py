"""The main window's menus are owned and kept, so they still work after Python collects garbage.

On Windows with PySide6 6.8, building MainWindow stopped at trust_menus with
``Internal C++ object (QMenu) already deleted``: the 文件 menu was looked up again through
``menuBar().actions()[0].menu()`` instead of through a reference the window kept.
"""

from __future__ import annotations

import gc

import pytest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.audit_log import AuditLogDialog
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.i18n import tr
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui


def test_menus_are_kept_by_the_window_and_usable_after_a_collection(qtbot: QtBot, ctx: AppContext,
                                                                     staffed: dict[str, int]) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    gc.collect()
    bar = win.menuBar()
    menus = (win.file_menu, win.edit_menu, win.go_menu, win.period_menu.menu, win.tools_menu, win.help_menu)
    assert all(isinstance(m, QMenu) and m.parent() is bar for m in menus)
    # 工具 before 帮助, which stays last. (Not through QAction.menu(): with PySide6 6.8 that
    # hands back a wrapper Python already counts as deleted; the product no longer uses it.)
    assert [a.text() for a in bar.actions()] == [m.title() for m in menus]
    assert all(a is m.menuAction() for a, m in zip(bar.actions(), menus, strict=True))
    file_texts = [a.text() for a in win.file_menu.actions()]
    assert file_texts[-1] == tr("退出") and file_texts[-2] == ""  # separator, then 退出 last
    assert tr("切换用户…") in file_texts and tr("退出登录") in file_texts
    win.show()
    win.tools_menu.actions()[0].trigger()  # 操作日志… opens the audit log
    wait_idle(qtbot, ctx.taskman)
    assert any(isinstance(w, AuditLogDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    win.audit_dialog.close()
