"""The 及时性与完整性 table of an office: one line per expected unit for the season, sortable."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from desktop.gui.i18n import tr
from desktop.gui.models.base import Column, RowTableModel
from desktop.gui.operations.shapes import CompletenessRow


def _received(row: CompletenessRow) -> str:
    at = row.first_received
    return at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M") if at else ""


def _first_time(row: CompletenessRow) -> str:
    return "" if row.first_time is None else tr("是") if row.first_time else tr("否")


def completeness_columns() -> list[Column]:
    return [
        Column("code", tr("单位代码"), width=100),
        Column("name", tr("单位名称"), width=150),
        Column("status", tr("状态"), width=70, display=lambda r: tr(r.status_label)),
        Column("first_received", tr("首次接收"), width=130, display=_received, sort_key="first_received"),
        Column("deadline", tr("截止日期"), kind="date", width=90),
        Column("days_late", tr("及时性"), width=150, display=lambda r: tr(r.timeliness), sort_key="days_late"),
        Column("returned", tr("退回次数"), kind="int", width=70),
        Column("first_time", tr("一次通过"), width=70, display=_first_time, sort_key="first_time"),
        Column("warnings_explained", tr("警告已说明"), kind="int", width=80),
        Column("warnings_unexplained", tr("警告未说明"), kind="int", width=80),
        Column("zero_report", tr("零上报"), width=60, display=lambda r: tr("零上报") if r.zero_report else "",
               sort_key="zero_report"),
        Column("absence_reason", tr("未报原因"), width=220, display=lambda r: r.absence_reason or ""),
    ]


(C_CODE, C_NAME, C_STATUS, C_RECEIVED, C_DEADLINE, C_TIMELINESS, C_RETURNED, C_FIRST_TIME, C_EXPLAINED,
 C_UNEXPLAINED, C_ZERO, C_REASON) = range(12)


class CompletenessModel(RowTableModel[CompletenessRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(completeness_columns(), parent)
