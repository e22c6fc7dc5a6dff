"""End a teacher after 统计时点 in the 教职工 page, then export from 报表: nothing is blocked.

On main the export refused ("《教填-05》… 合计 row does not add up"); the dialog now also
says what the chosen date means for the period being prepared.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.end_staff import EndStaffDialog
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.reports_page import ReportsPage
from desktop.reports import builders
from desktop.reports.builders.common import BuildContext, Built
from desktop.reports.model import Row
from desktop.reports.text import DRAFT_MARK
from tests.gui.conftest import wait_idle
from tests.gui.test_staff_page import COL_NAME, staff_page

pytestmark = pytest.mark.gui


def _reports(qtbot: QtBot, ctx: AppContext) -> ReportsPage:
    p = ReportsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1366, 700)
    p.show()
    p.load()
    wait_idle(qtbot, ctx.taskman)
    return p


def test_ending_a_teacher_after_the_census_date_does_not_block_the_export(
        qtbot: QtBot, window: MainWindow, ctx: AppContext, staffed: dict[str, int], tmp_path: Path) -> None:
    page = staff_page(qtbot, window)
    page.view.table.setCurrentIndex(page.model.index(page.model.row_of_id(staffed["李四"]), COL_NAME))
    page.view.table.setFocus()
    qtbot.keyClick(page.view.table, Qt.Key.Key_Delete)
    dialog = page.findChild(EndStaffDialog)
    assert dialog is not None
    census = ctx.period.census_date
    after = QDate(census.year, census.month, census.day).addDays(30)
    dialog.end_date.setDate(after)
    assert "之后" in dialog.meaning.text() and "照常计入" in dialog.meaning.text()
    dialog.end_date.setDate(QDate(census.year, census.month, census.day))
    assert "不计入" in dialog.meaning.text()
    dialog.end_date.setDate(after)
    dialog.buttons.accepted.emit()
    wait_idle(qtbot, ctx.taskman)

    reports = _reports(qtbot, ctx)
    reports.export_to(tmp_path)
    wait_idle(qtbot, ctx.taskman)
    assert sorted(p.suffix for p in reports.exported) == [".pdf", ".xlsx"]
    assert "草稿" not in reports.view.message.text() and not any("草稿" in p.name for p in reports.exported)
    wb = openpyxl.load_workbook(next(p for p in reports.exported if p.suffix == ".xlsx"))
    training = next(ws for ws in wb.worksheets if ws.title.startswith("教填-05"))
    names = [row[0] for row in training.iter_rows(values_only=True)]
    assert "李四" in names


def _broken(real: Any) -> Any:
    def build(ctx: BuildContext) -> Built:
        built = real(ctx)
        total = built.rows[0]
        return replace(built, rows=(Row(total.code, total.label, (int(total.values[0] or 0) + 1, *total.values[1:]),
                                        total.group), *built.rows[1:]))
    return build


def test_a_failed_relation_gives_draft_files_and_says_why(qtbot: QtBot, ctx: AppContext, staffed: dict[str, int],
                                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(builders.BUILDERS, "structure", _broken(builders.BUILDERS["structure"]))
    reports = _reports(qtbot, ctx)
    reports.export_to(tmp_path)
    wait_idle(qtbot, ctx.taskman)
    assert len(reports.exported) == 2 and all(p.exists() and "草稿" in p.name for p in reports.exported)
    text = reports.view.message.text()
    assert DRAFT_MARK in text and "第 01 行（总计）" in text and "数据包" in text
