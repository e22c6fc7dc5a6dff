"""The 教职工 table: StaffRow adapter, search by name, pinyin, initials and ID tail."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from desktop.domain.codes import (
    EducationLevel,
    EmploymentForm,
    EndReason,
    Ethnicity,
    Gender,
    HonourLevel,
    PoliticalStatus,
    Post,
    StaffCategory,
    Stage,
    Subject,
    Title,
)
from desktop.gui.i18n import tr
from desktop.gui.models.base import Column, RowTableModel
from desktop.gui.operations.shapes import StaffRow


def _status(row: StaffRow) -> str:
    if row.status == "active":
        return tr("在职")
    return f"{EndReason.label_of(row.end_reason) or tr('已离开')} {row.end_date or ''}".strip()


def staff_columns() -> list[Column]:
    return [
        Column("name", tr("姓名"), editable=True, width=80, sort_key="name_pinyin"),
        Column("gender", tr("性别"), enum=Gender, width=50),
        Column("birth_date", tr("出生日期"), kind="date", width=95),
        Column("id_masked", tr("证件号码"), kind="id", editable=True, width=170),
        Column("category", tr("教职工类别"), kind="enum", enum=StaffCategory, editable=True, width=100),
        Column("employment_form", tr("用人形式"), kind="enum", enum=EmploymentForm, editable=True),
        Column("teaching_stage", tr("任教学段"), kind="enum", enum=Stage, editable=True, width=80),
        Column("subject", tr("任教学科"), kind="enum", enum=Subject, editable=True, width=90),
        Column("education", tr("最高学历"), kind="enum", enum=EducationLevel, editable=True, width=100),
        Column("title", tr("职称"), kind="enum", enum=Title, editable=True, width=80),
        Column("post", tr("岗位/职务"), kind="enum", enum=Post, editable=True, width=90),
        Column("honour_level", tr("骨干级别"), kind="enum", enum=HonourLevel, editable=True, width=80),
        Column("ethnicity", tr("民族"), kind="enum", enum=Ethnicity, editable=True, width=70),
        Column("political_status", tr("政治面貌"), kind="enum", enum=PoliticalStatus, editable=True, width=100),
        Column("join_date", tr("进本校日期"), kind="date", editable=True, width=100),
        Column("phone", tr("联系电话"), editable=True, width=110),
        Column("unit_name", tr("单位"), width=150),
        Column("status", tr("状态"), width=120, display=_status),
    ]


COLUMNS = staff_columns
(COL_NAME, COL_GENDER, COL_BIRTH, COL_ID, COL_CATEGORY, COL_EMPLOYMENT, COL_STAGE, COL_SUBJECT, COL_EDUCATION,
 COL_TITLE, COL_JOIN, COL_PHONE, COL_UNIT, COL_STATUS) = range(14)

FILTER_KEYS = ("category", "employment_form", "teaching_stage", "subject")


def name_matcher(text: str, name_attr: str = "name") -> Callable[[Any], bool]:
    """Predicate for the search box: Chinese name part, pinyin or initials prefix, ID tail."""
    q = text.strip().lower().replace(" ", "")
    if not q:
        return lambda row: True
    if q.isascii() and any(ch.isdigit() for ch in q):
        upper = q.upper()
        return lambda row: getattr(row, "id_tail", "").startswith(upper)
    if q.isascii():
        return lambda row: row.name_initials.startswith(q) or row.name_pinyin.startswith(q)
    return lambda row: q in getattr(row, name_attr)


def staff_predicate(*, search: str = "", include_ended: bool = False, values: Mapping[str, str] | None = None,
                    ids: set[int] | None = None) -> Callable[[StaffRow], bool]:
    match = name_matcher(search)
    wanted = {k: v for k, v in (values or {}).items() if v}

    def accept(row: StaffRow) -> bool:
        if not include_ended and row.status != "active":
            return False
        if ids is not None and row.id not in ids:
            return False
        for key, value in wanted.items():
            if str(getattr(row, key)) != value:  # combo data is text (unit ids too)
                return False
        return match(row)

    return accept


class StaffTableModel(RowTableModel[StaffRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(staff_columns(), parent)
        self.set_filter(staff_predicate())
