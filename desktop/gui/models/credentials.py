"""The 资格证书 table: one line per certificate with its holder and 定期注册 due date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from desktop.domain.codes import CredentialKind, TeacherCertType
from desktop.domain.registration import (
    CURRENT,
    DUE_SOON,
    NO_RECORD,
    OVERDUE,
    REVOKED,
    registration_state,
)
from desktop.gui.i18n import tr
from desktop.gui.models.base import Column, RowTableModel
from desktop.gui.models.staff import name_matcher
from desktop.gui.operations.shapes import CredentialRow


def due_status(row: CredentialRow, today: date) -> str:
    """The 注册状态 column: the rule 概览's cards count by (``domain.registration``)."""
    state = registration_state(teacher=row.kind == CredentialKind.TEACHER.value, revoked=row.revoked,
                               next_due=row.next_due, as_of=today)
    return {REVOKED: tr("已注销"), NO_RECORD: tr("无注册记录"), OVERDUE: tr("注册已逾期"),
            DUE_SOON: tr("半年内到期"), CURRENT: tr("正常")}.get(state or "", "")


def credential_columns(today: date) -> list[Column]:
    # What a clerk looks for first (who, which certificate, when due) fits without scrolling.
    return [
        Column("staff_name", tr("姓名"), width=80, sort_key="name_pinyin"),
        Column("kind", tr("证书类别"), kind="enum", enum=CredentialKind, editable=True, width=110),
        Column("cert_type", tr("资格种类"), kind="enum", enum=TeacherCertType, editable=True, width=90),
        Column("number", tr("证书编号"), editable=True, width=150),
        Column("next_due", tr("下次注册"), kind="date", width=92),
        Column("status", tr("注册状态"), width=92, display=lambda r: due_status(r, today)),
        Column("issue_date", tr("发证日期"), kind="date", editable=True, width=92),
        Column("last_registration", tr("最近注册"), kind="date", width=92),
        Column("subject", tr("任教学科"), editable=True, width=80),
        Column("unit_name", tr("单位"), width=150),  # moved next to the name for an office
    ]


(COL_NAME, COL_KIND, COL_CERT_TYPE, COL_NUMBER, COL_NEXT_DUE, COL_STATUS, COL_ISSUE, COL_LAST_REG,
 COL_SUBJECT) = range(9)


def credential_predicate(*, search: str = "", kind: str = "", status: str = "", today: date,
                         ids: set[int] | None = None, unit_id: str = "") -> Callable[[CredentialRow], bool]:
    match = name_matcher(search, "staff_name")

    def accept(row: CredentialRow) -> bool:
        if ids is not None and row.id not in ids:
            return False
        if kind and row.kind != kind:
            return False
        if unit_id and str(row.unit_id) != unit_id:
            return False
        if status and due_status(row, today) != status:
            return False
        return match(row)

    return accept


class CredentialTableModel(RowTableModel[CredentialRow]):
    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(credential_columns(today), parent)
        self.today = today
