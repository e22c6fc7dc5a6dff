"""The 上报 page's two state lines agree: after the package is exported both say 已提交 (on main the
审核流程 box still said 草稿)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.submit_page import SubmitPage
from desktop.gui.controllers.workflow_panel import WorkflowPanel
from tests.explained import explain_warnings
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui


def test_both_state_lines_say_submitted_after_the_export(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                         tmp_path: Path) -> None:
    page = window.show_page("submit")
    assert isinstance(page, SubmitPage)
    wait_idle(qtbot, ctx.taskman)
    panel = page.findChild(WorkflowPanel)
    assert panel is not None and "草稿" in panel.state.text() and "草稿" in page.view.state.text()
    explain_warnings(ctx.db)  # the rule for sending
    page.export_to(tmp_path)
    qtbot.waitUntil(lambda: "已导出" in page.view.result.text(), timeout=60000)
    wait_idle(qtbot, ctx.taskman)
    assert "已提交" in page.view.state.text()
    assert "已提交" in panel.state.text() and "草稿" not in panel.state.text()


def test_disabled_workflow_steps_say_why_on_screen(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> None:
    page = window.show_page("submit")
    wait_idle(qtbot, ctx.taskman)
    panel = page.findChild(WorkflowPanel)
    assert panel is not None
    assert not panel.buttons["approve"].isEnabled()
    assert panel.why.isVisible() and "审核通过" in panel.why.text() and "不可用" in panel.why.text()
    assert panel.buttons["approve"].toolTip() in panel.why.text()
