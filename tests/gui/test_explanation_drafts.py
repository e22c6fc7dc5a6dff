"""The 报表 page drafts the 填写说明 of a year-over-year warning; its records open from the list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Staff
from desktop.gui.context import AppContext
from desktop.gui.controllers.reports_page import ReportsPage
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.session import make_context
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import TaskManager
from desktop.services.demo import build_demo
from desktop.services.records.staff import end_staff
from desktop.services.records.units import home_unit
from desktop.services.returns.checks import list_explanations
from desktop.services.year.periods import latest_period
from desktop.services.year.rollover import apply_rollover
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture
def second_year(db: Database, db_path: Path, taskman: TaskManager) -> tuple[AppContext, list[int]]:
    build_demo(db, "school")
    unit, first = home_unit(db), latest_period(db)
    assert unit and first
    second = apply_rollover(db, unit.id, first.id).period
    with db.session() as s:
        left = s.scalars(select(Staff.id).where(Staff.category == "11").order_by(Staff.id)).all()[:4]
    for sid in left:
        end_staff(db, sid, date(2026, 5, 1), "调出")
    return make_context(OpenedDatabase(db_path, db, unit, second), taskman, AppSettings()), list(left)


def test_yoy_warning_gets_a_draft_naming_its_records(qtbot: QtBot, second_year: tuple[AppContext, list[int]],
                                                      tmp_path: Path) -> None:
    ctx, left = second_year
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.load()
    wait_idle(qtbot, ctx.taskman)
    row = next(r for r, i in enumerate(page.items) if i.finding.rule == "yoy.teachers")
    page.view.findings.selectRow(row)
    wait_idle(qtbot, ctx.taskman)
    text = page.view.explanation.toPlainText()
    assert text.startswith("专任教师 −4：调出 4 人（") and text.endswith("；新进 0 人")
    records = page.view.draft_records
    assert records.isVisible() and records.count() == 4
    opened: list[int] = []
    ctx.events.open_staff.connect(opened.append)
    records.itemDoubleClicked.emit(records.item(0))
    assert opened == [left[0]]
    page.grab().save(str(tmp_path / "drafts.png"))
    page.view.explanation.setPlainText(text + "均为县内交流调出。")
    page.view.save_explanation.click()
    wait_idle(qtbot, ctx.taskman)
    wait_idle(qtbot, ctx.taskman)
    stored = [e.text for e in list_explanations(ctx.db, ctx.unit.id, ctx.period.id) if e.rule == "yoy.teachers"]
    assert stored == [text + "均为县内交流调出。"]
    # Another warning, not year-over-year: no draft, no list.
    other = next(r for r, i in enumerate(page.items) if i.finding.rule.startswith("cert."))
    page.view.findings.selectRow(other)
    wait_idle(qtbot, ctx.taskman)
    assert not page.view.draft_records.isVisible()


def test_rules_bench_dialog_counts_and_refuses(qtbot: QtBot, second_year: tuple[AppContext, list[int]],
                                               tmp_path: Path) -> None:
    from desktop.gui.controllers.rules_bench import RulesBenchDialog
    from desktop.services.returns.bench import bench_rule_file
    from desktop.services.returns.rules import rules_dir

    ctx, _left = second_year
    dialog = RulesBenchDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    source = rules_dir() / "02_year_over_year.toml"
    dialog.run_file(source)
    wait_idle(qtbot, ctx.taskman)
    direct = bench_rule_file(ctx.db, source, ctx.unit.id)
    assert dialog.table.rowCount() == len(direct.lines)
    row = next(i for i, ln in enumerate(direct.lines) if ln.rule == "yoy.teachers" and ln.school_year == 2026)
    assert dialog.table.item(row, 5).text() == "1"
    dialog.table.selectRow(row)
    assert dialog.flagged.count() == 1 and "专任教师" in dialog.flagged.item(0).text()
    dialog.grab().save(str(tmp_path / "bench.png"))
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rules]]\ncode = "x.y"\nleft = "teachers"\nop = "<="\nright = "nobody"\n'
                   'severity = "warning"\nmessage = "m"\n', encoding="utf-8")
    dialog.run_file(bad)
    wait_idle(qtbot, ctx.taskman)
    assert "第 2 行" in dialog.message.text() and "名称“nobody”不认识" in dialog.message.text()
    assert dialog.table.rowCount() == 0
