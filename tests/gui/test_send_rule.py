"""The rule for sending, decided and shown (issue 18 item 8).

On main a package could be exported, and the period set 已提交, with 26 warnings unexplained
and no 可上报 mark. Now the export keeps the same rule as 标记为可上报: no error and every
warning explained. The 上报 page prints the rule next to the button, and a refused export says
on the page how many warnings lack a 填写说明 and what to do; nothing is written or submitted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.submit_page import SubmitPage
from desktop.services.core.errors import ServiceError
from desktop.services.office.send_back import reporting_state
from desktop.services.packages.export import export_package
from desktop.services.returns.checks import run_checks
from desktop.services.returns.readiness import ready_status
from tests.explained import explain_warnings
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui


def test_a_package_waits_for_every_warning_to_be_explained(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                           tmp_path: Path) -> None:
    window.resize(1366, 768)
    missing = len(run_checks(ctx.db, ctx.unit.id, ctx.period.id).unexplained())
    assert missing > 0 and not ready_status(ctx.db, ctx.unit.id, ctx.period.id).ready
    page = window.show_page("submit")
    assert isinstance(page, SubmitPage)
    page.load()
    wait_idle(qtbot, ctx.taskman)
    rule = page.view.send_rule
    assert rule.isVisible() and "每条警告都已填写说明" in rule.text() and "可上报" in rule.text()

    page.export_to(tmp_path / "out")
    qtbot.waitUntil(lambda: "填写说明" in page.view.result.text(), timeout=30000)
    assert f"还有 {missing} 条警告没有填写说明" in page.view.result.text()
    assert "报表" in page.view.result.text()  # where to fix it
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.erp"))
    assert reporting_state(ctx.db)[0] != "submitted"

    assert explain_warnings(ctx.db) == missing  # in bulk, one text per rule
    page.export_to(tmp_path / "out")
    qtbot.waitUntil(lambda: "已导出" in page.view.result.text(), timeout=30000)
    wait_idle(qtbot, ctx.taskman)
    assert list((tmp_path / "out").glob("*.erp"))
    assert reporting_state(ctx.db)[0] == "submitted"


def test_the_service_refuses_with_the_count(ctx: AppContext, staffed: dict[str, int], tmp_path: Path) -> None:
    missing = len(run_checks(ctx.db, ctx.unit.id, ctx.period.id).unexplained())
    with pytest.raises(ServiceError, match=f"还有 {missing} 条警告没有填写说明"):
        export_package(ctx.db, tmp_path, with_returns=False)
    assert reporting_state(ctx.db)[0] != "submitted"
