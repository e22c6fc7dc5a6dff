"""A filled return (ReturnData), its canonical serialisation and data fingerprint.

The fingerprint is the sha256 of a canonical JSON of what the return *says*
(return code, unit, period, column keys, every row's code, label and values
formatted as printed), never of file bytes, so the Excel and the PDF made from
the same data carry the same fingerprint, and any changed value changes it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from desktop.domain.numbers import count_text, fixed
from desktop.reports.definition import Column, ReturnDefinition, Variant
from desktop.reports.yoy import YoyLine

Value = int | float | str | None

FINGERPRINT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Row:  # 主栏 row
    code: str  # 行代码 01, 02 … (or 序号 for lists)
    label: str  # 甲 column
    values: tuple[Value, ...]
    group: str = "detail"  # total | detail | stage | school … (row relations refer to groups)
    indent: int = 0


@dataclass(frozen=True, slots=True)
class SignOff:  # 表尾
    head: str = ""  # 单位负责人
    statistician: str = ""  # 统计负责人
    preparer: str = ""  # 填表人
    phone: str = ""  # 联系电话
    report_date: date | None = None  # 报出日期
    proxy_by: str = ""  # 代报: the office that entered this school's data ("本表由…代报")


@dataclass(frozen=True, slots=True)
class ExplanationLine:  # 填写说明
    rule: str
    text: str
    record_key: str = ""


@dataclass(frozen=True)
class ReturnData:
    definition: ReturnDefinition
    variant: Variant
    unit_code: str
    unit_name: str
    school_year: int
    census_date: date
    rows: tuple[Row, ...]
    header: dict[str, str]  # 表号, 制定机关, 批准文号 … after per-unit overrides
    info: tuple[tuple[str, str], ...] = ()  # extra header facts (学校类别 …)
    signoff: SignOff = field(default_factory=SignOff)
    explanations: tuple[ExplanationLine, ...] = ()
    # The sum relations this return fails (one sentence each). Non-empty makes the
    # printed files a draft: watermarked 草稿（校验未通过） with these listed on them.
    failed_relations: tuple[str, ...] = ()
    # 上年、本年、增减（%） lines (reports.yoy); not in the fingerprint: they are last year's data.
    yoy: tuple[YoyLine, ...] = ()

    @property
    def is_draft(self) -> bool:
        return bool(self.failed_relations)

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.variant.columns

    @property
    def code(self) -> str:
        return self.definition.code

    @property
    def time_label(self) -> str:
        tp = self.definition.time_point
        if tp == "census":
            d = self.census_date
            return f"{d.year}年{d.month}月{d.day}日"
        if tp == "cycle":
            return self.header.get("周期", f"{self.school_year}学年")
        return f"{self.school_year}学年"

    def canonical(self) -> bytes:
        """UTF-8 JSON with sorted keys and values formatted exactly as printed."""
        doc = {
            "v": FINGERPRINT_VERSION,
            "return": self.definition.code,
            "scope": self.variant.scope,
            "unit": self.unit_code,
            "year": self.school_year,
            "columns": [c.key for c in self.columns],
            "rows": [
                [r.code, r.label, [format_value(c, v) for c, v in zip(self.columns, r.values, strict=True)]]
                for r in self.rows
            ],
        }
        return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")

    @cached_property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()

    @property
    def short_fingerprint(self) -> str:
        """First 16 hex digits in groups of four, upper case: short enough to read aloud."""
        head = self.fingerprint[:16].upper()
        return "-".join(head[i : i + 4] for i in range(0, 16, 4))

    @property
    def qr_payload(self) -> str:
        return f"EDURETURNS|{self.unit_code}|{self.school_year}|{self.definition.code}|{self.fingerprint}"


PLACES = {"dec1": 1, "pct": 1, "dec2": 2}


def format_value(col: Column, value: Value) -> str | None:
    """The printed text of a cell; the same text goes into the fingerprint and, as a number, into the
    Excel cell. Half-up rounding through ``Decimal`` (domain.numbers); a count (an int, even in a
    decimal column) prints as a whole number; text in a number column (未填) prints as it is."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if col.type == "int" or (col.type in PLACES and isinstance(value, int)):
        return count_text(value)
    if col.type in PLACES:
        return fixed(value, PLACES[col.type])
    return str(value)


def relation_text(variant: Variant) -> str:
    """说明 line with the column and row relations, e.g. 列关系 (1)=(2)+(3)；行关系 (01)=(02)+…"""
    parts: list[str] = []
    if variant.column_relations:
        rels = []
        for rel in variant.column_relations:
            nums = [str(variant.index(k) + 1) for k in rel.parts]
            rels.append(f"({variant.index(rel.target) + 1})=" + "+".join(f"({n})" for n in nums))
        parts.append("列关系：" + "，".join(rels))
    if variant.row_relations:
        parts.append("行关系：" + "，".join(f"合计行＝各{group_name(r.parts)}行之和" for r in variant.row_relations))
    return "；".join(parts)


def group_name(group: str) -> str:
    return {"stage": "学段", "school": "学校", "detail": "明细", "county": "县区"}.get(group, group)
