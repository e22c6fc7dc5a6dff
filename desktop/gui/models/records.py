"""Small tables on the person page and the 班级与学位 page (plain records, no filtering)."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain.codes import (
    CredentialKind,
    Grade,
    MovementKind,
    Stage,
    TeacherCertType,
    TrainingCategory,
    TrainingLevel,
    TrainingMode,
)
from desktop.gui.i18n import tr
from desktop.gui.models.base import Column, RowTableModel
from desktop.gui.operations.shapes import HUGE_CLASS, LARGE_CLASS, ClassRow


def class_size_label(enrolled: int) -> str:
    if enrolled >= HUGE_CLASS:
        return tr("超大班额")
    if enrolled >= LARGE_CLASS:
        return tr("大班额")
    return ""


def _due(row: Any) -> str:
    due: date | None = row.next_due
    return due.isoformat() if due else ""


class PersonCredentialModel(RowTableModel[Any]):  # CredentialRecord
    COL_KIND, COL_TYPE, COL_NUMBER, COL_ISSUE, COL_NEXT_DUE = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column("kind", tr("证书类别"), enum=CredentialKind, width=140),
            Column("cert_type", tr("资格种类"), enum=TeacherCertType),
            Column("number", tr("证书编号"), width=160),
            Column("issue_date", tr("发证日期"), kind="date"),
            Column("next_due", tr("下次注册"), kind="date", display=_due),
        ], parent)


class PersonTrainingModel(RowTableModel[Any]):  # TrainingRecordOut
    COL_TITLE, COL_END, COL_HOURS, COL_CATEGORY, COL_MODE, COL_LEVEL = range(6)

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column("title", tr("培训名称"), width=220),
            Column("end_date", tr("结束日期"), kind="date"),
            Column("hours", tr("学时"), kind="hours", width=60),
            Column("category", tr("科目类别"), enum=TrainingCategory),
            Column("mode", tr("培训形式"), enum=TrainingMode),
            Column("level", tr("培训层级"), enum=TrainingLevel),
        ], parent)


class MovementModel(RowTableModel[Any]):  # MovementRecord
    COL_KIND, COL_START, COL_END, COL_FROM, COL_TO = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column("kind", tr("类型"), enum=MovementKind),
            Column("start_date", tr("开始"), kind="date"),
            Column("end_date", tr("结束"), kind="date"),
            Column("from_unit_name", tr("原单位"), width=160),
            Column("to_unit_name", tr("去向单位"), width=160),
        ], parent)


class ClassTableModel(RowTableModel[ClassRow]):
    COL_UNIT, COL_GRADE, COL_NAME, COL_ENROLLED, COL_BOARDERS, COL_DISABLED, COL_FLAG = range(7)

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column("unit_name", tr("学校"), width=160),
            Column("grade", tr("年级"), kind="enum", enum=Grade, editable=True, sort_key="grade_rank"),
            Column("name", tr("班级名称"), editable=True, width=120),
            Column("enrolled", tr("学生数"), kind="int", editable=True, width=70),
            Column("boarders", tr("寄宿生"), kind="int", editable=True, width=70),
            Column("disabled", tr("残疾学生"), kind="int", editable=True, width=70),
            Column("flag", tr("班额"), width=90, display=lambda r: class_size_label(r.enrolled)),
        ], parent)


class CapacityModel(RowTableModel[Any]):  # (stage, approved, enrolled) rows
    COL_STAGE, COL_APPROVED, COL_ENROLLED, COL_FREE = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column("stage", tr("学段"), enum=Stage),
            Column("approved", tr("核定学位"), kind="int"),
            Column("enrolled", tr("在校生"), kind="int"),
            Column("free", tr("余缺"), kind="int"),
        ], parent)
