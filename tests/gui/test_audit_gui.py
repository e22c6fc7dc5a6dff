"""工具 → 操作日志 filters by user, record type, action and date, shows masked IDs and exports;
the person page's 历史 tab lists that person's changes field by field."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.audit_log import AuditLogDialog
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.operations import staff as staff_ops
from desktop.gui.signin import set_actor
from desktop.services.core import users
from tests.gui.conftest import resident_id, wait_idle


def _log(qtbot: QtBot, window: MainWindow) -> AuditLogDialog:
    window.audit_action.trigger()
    dialog = window.audit_dialog
    qtbot.addWidget(dialog)
    wait_idle(qtbot, window.ctx.taskman)
    return dialog


def _column(dialog: AuditLogDialog, col: int) -> list[str]:
    return [dialog.table.item(i, col).text() for i in range(dialog.table.rowCount())]


def test_audit_log_filters_masks_and_exports(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                             staffed: dict[str, int], tmp_path: Path) -> None:
    admin = users.create_user(ctx.db, None, "admin", "王校长", "admin", "admin-pass-2025")
    set_actor(ctx.db, admin)
    new_id = resident_id("441622", "19850312", "009")
    staff_ops.edit_staff(db=ctx.db, staff_id=staffed["王芳"], changes={"id_number": new_id})
    staff_ops.edit_staff(db=ctx.db, staff_id=staffed["王芳"], changes={"subject": "02"})
    dialog = _log(qtbot, window)
    assert dialog.table.rowCount() > 5
    everything = " ".join(" ".join(_column(dialog, c)) for c in range(dialog.table.columnCount()))
    assert new_id not in everything and new_id[:6] + "********" + new_id[-4:] in everything

    dialog.user.setCurrentIndex(dialog.user.findData("admin"))
    dialog.table_kind.setCurrentIndex(dialog.table_kind.findData("staff"))
    dialog.search()
    wait_idle(qtbot, ctx.taskman)
    assert set(_column(dialog, 1)) == {"admin"} and set(_column(dialog, 3)) == {"教职工"}
    assert sorted(_column(dialog, 5)) == ["学科", "证件号码"]

    dialog.action.setCurrentIndex(dialog.action.findData("create"))
    dialog.user.setCurrentIndex(0)
    dialog.search()
    wait_idle(qtbot, ctx.taskman)
    assert set(_column(dialog, 2)) == {"新增"} and "admin" not in _column(dialog, 1)

    # A date range before today finds nothing; one that includes today finds the rows again.
    dialog.by_date.setChecked(True)
    dialog.start.setDate(QDate(2020, 1, 1))
    dialog.end.setDate(QDate(2020, 12, 31))
    dialog.search()
    wait_idle(qtbot, ctx.taskman)
    assert dialog.table.rowCount() == 0
    dialog.end.setDate(QDate.fromString((date.today() + timedelta(days=1)).isoformat(), "yyyy-MM-dd"))
    dialog.search()
    wait_idle(qtbot, ctx.taskman)
    assert dialog.table.rowCount() > 0

    out = tmp_path / "日志.xlsx"
    dialog.action.setCurrentIndex(0)
    dialog.export_to(out)
    wait_idle(qtbot, ctx.taskman)
    assert "已导出" in dialog.status.text()
    cells = [str(c.value) for row in load_workbook(out).active.iter_rows() for c in row if c.value]
    assert new_id not in " ".join(cells)


def test_history_tab_shows_an_edit_field_by_field(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                                  staffed: dict[str, int]) -> None:
    clerk = users.create_user(ctx.db, None, "admin", "王校长", "admin", "admin-pass-2025")
    set_actor(ctx.db, clerk)
    staff_ops.edit_staff(db=ctx.db, staff_id=staffed["张三"], changes={"subject": "02"})
    window.open_person(staffed["张三"])
    wait_idle(qtbot, ctx.taskman)
    history = window.person.history
    assert window.person.view.tabs.tabText(1) == "历史"
    rows = [[history.item(i, j).text() for j in range(history.columnCount())] for i in range(history.rowCount())]
    assert rows[0][1] == "admin" and rows[0][2] == "修改" and rows[0][4] == "学科"
    assert rows[0][5] == "01" and rows[0][6] == "02"
    assert any(r[2] == "新增" and r[3] == "资格证书" for r in rows)  # the certificate added in the fixture
    assert any(r[2] == "新增" and r[3] == "教职工" for r in rows)
