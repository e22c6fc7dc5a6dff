"""The 上报情况 table of an office: one line per expected unit with its reporting state."""

from __future__ import annotations

from typing import Any

from desktop.gui.i18n import tr
from desktop.gui.models.base import Column, RowTableModel
from desktop.gui.operations.shapes import DashboardRow


def _time(row: DashboardRow) -> str:
    return row.received_at.strftime("%Y-%m-%d %H:%M") if row.received_at else ""


def dashboard_columns() -> list[Column]:
    return [
        Column("code", tr("单位代码"), width=110),
        Column("name", tr("单位名称"), width=220),
        Column("status", tr("状态"), width=80, display=lambda r: tr(r.status_label)),
        Column("received_at", tr("接收时间"), width=140, display=_time),
        Column("deadline", tr("截止日期"), kind="date", width=100),
        Column("late", tr("逾期"), width=60, display=lambda r: tr("逾期") if r.late else ""),
        Column("errors", tr("错误"), kind="int", width=60),
        Column("warnings", tr("警告"), kind="int", width=60),
        Column("key_fingerprint", tr("签名密钥指纹"), width=200, display=lambda r: r.key_fingerprint or ""),
        Column("comment", tr("退回意见"), width=260, display=lambda r: r.comment or ""),
        Column("proxy_by", tr("代报"), width=140,
               display=lambda r: tr("本局代报") if r.proxy_by else ""),
    ]


(COL_CODE, COL_NAME, COL_STATUS, COL_RECEIVED, COL_DEADLINE, COL_LATE, COL_ERRORS, COL_WARNINGS,
 COL_KEY, COL_COMMENT, COL_PROXY) = range(11)


class DashboardModel(RowTableModel[DashboardRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(dashboard_columns(), parent)
