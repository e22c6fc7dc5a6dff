"""One 填写说明 for many warnings of the same rule, chosen together (on main: one at a time)."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.reports_page import ReportsPage
from desktop.services.returns.checks import list_explanations, run_checks
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, staffed: dict[str, int]) -> ReportsPage:
    p = ReportsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1366, 720)
    p.show()
    p.load()
    wait_idle(qtbot, ctx.taskman)
    return p


def test_select_same_rule_and_explain_them_all_at_once(qtbot: QtBot, page: ReportsPage, ctx: AppContext) -> None:
    warnings = [i for i in page.items if i.finding.severity.value == "warning"]
    rule, n = Counter(i.finding.rule for i in warnings).most_common(1)[0]
    assert n >= 2, "the fixture school has several warnings of one rule"
    first = next(r for r, i in enumerate(page.items) if i.finding.rule == rule)
    page.view.findings.selectRow(first)
    qtbot.mouseClick(page.view.select_same_rule, Qt.MouseButton.LeftButton)
    assert len(page.chosen_warnings()) == n
    assert str(n) in page.view.chosen_count.text() and str(n) in page.view.save_explanation.text()
    page.view.explanation.setPlainText("均为新入职教师，已报名本学年培训")
    qtbot.mouseClick(page.view.save_explanation, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.taskman)
    wait_idle(qtbot, ctx.taskman)
    stored = [e for e in list_explanations(ctx.db, ctx.unit.id, ctx.period.id) if e.rule == rule]
    assert len(stored) == n and {e.text for e in stored} == {"均为新入职教师，已报名本学年培训"}
    assert f"已为 {n} 条警告保存填写说明" in page.view.message.text()
    left = [i for i in run_checks(ctx.db, ctx.unit.id, ctx.period.id).unexplained() if i.finding.rule == rule]
    assert left == []


def test_ctrl_click_chooses_several_and_errors_are_left_out(qtbot: QtBot, page: ReportsPage) -> None:
    rows = [r for r, i in enumerate(page.items) if i.finding.severity.value == "warning"][:2]
    table = page.view.findings
    for k, r in enumerate(rows):
        rect = table.visualRect(table.model().index(r, 1))
        mods = Qt.KeyboardModifier.ControlModifier if k else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, mods, rect.center())
    assert [page.items.index(c) for c in page.chosen_warnings()] == rows
