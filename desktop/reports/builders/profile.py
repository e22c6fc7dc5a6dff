"""教填-01 学校基本情况及学位: classes, enrolment, seats, 大班额 and new public seats."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import case, func, select

from desktop.data.models import SchoolClass, SeatAddition, StageCapacity
from desktop.domain import classsize
from desktop.domain.codes import Grade, Ownership, SchoolCategory, SeatMethod, Stage, UrbanRural
from desktop.reports.builders.common import (
    BuildContext,
    Built,
    ordered_stages,
    row_values,
    schools,
    stage_label,
    total_row,
)
from desktop.reports.definition import Variant
from desktop.reports.model import Row, Value

_METHOD_KEY = {
    SeatMethod.NEW_BUILD.value: "added_new",
    SeatMethod.EXPANSION.value: "added_expand",
    SeatMethod.PRIVATE_TO_PUBLIC.value: "added_p2p",
    SeatMethod.PURCHASE.value: "added_buy",
}
_COUNT_KEYS = ("classes", "enrolled", "boarders", "disabled", "approved", "entered", "large", "xlarge",
               *_METHOD_KEY.values())
NOT_ENTERED = "未填"  # 核定学位 never entered: not zero, left out of 学位余缺 as the indicator does


def _stage_of_grade(grade: str) -> str:
    member = Grade.from_label(grade)
    return member.stage.value if member is not None else Stage.SPECIAL.value


def _collect(ctx: BuildContext) -> dict[tuple[int, str], dict[str, int]]:
    """(school id, stage) → counts."""
    acc: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(_COUNT_KEYS, 0))
    c = SchoolClass
    stmt = (
        select(
            c.unit_id, c.grade, func.count(), func.sum(c.enrolled), func.sum(c.boarders), func.sum(c.disabled),
            func.sum(case((c.enrolled.between(classsize.LARGE_MIN, classsize.OVERSIZED_MIN - 1), 1), else_=0)),
            func.sum(case((c.enrolled >= classsize.OVERSIZED_MIN, 1), else_=0)),
        )
        .where(c.period_id == ctx.period.id, c.unit_id.in_(ctx.school_ids))
        .group_by(c.unit_id, c.grade)
    )
    for unit_id, grade, n, enrolled, boarders, disabled, large, xlarge in ctx.session.execute(stmt):
        a = acc[(unit_id, _stage_of_grade(grade))]
        a["classes"] += n
        a["enrolled"] += int(enrolled or 0)
        a["boarders"] += int(boarders or 0)
        a["disabled"] += int(disabled or 0)
        if classsize.counts_for_size(grade):  # one 大班额 definition: 中小学 classes only
            a["large"] += int(large or 0)
            a["xlarge"] += int(xlarge or 0)
    cap = StageCapacity
    for unit_id, stage, seats in ctx.session.execute(
        select(cap.unit_id, cap.stage, cap.approved_seats)
        .where(cap.period_id == ctx.period.id, cap.unit_id.in_(ctx.school_ids))
    ):
        acc[(unit_id, stage)]["approved"] += int(seats or 0)
        acc[(unit_id, stage)]["entered"] = 1  # 核定学位 entered (an empty one is not zero)
    add = SeatAddition
    for unit_id, stage, method, seats in ctx.session.execute(
        select(add.unit_id, add.stage, add.method, func.sum(add.seats))
        .where(add.period_id == ctx.period.id, add.unit_id.in_(ctx.school_ids))
        .group_by(add.unit_id, add.stage, add.method)
    ):
        key = _METHOD_KEY.get(method)
        if key:
            acc[(unit_id, stage)][key] += int(seats or 0)
    return acc


def _values(counts: dict[str, int], *, stage: str | None = None) -> dict[str, Value]:
    """A row's values. 学位余缺 counts only what has a 核定学位 (``balanced``: the enrolment of
    those stages), so the county total equals the indicator 学位余缺; a row with no 核定学位
    at all shows 未填, never 0 or a deficit of its whole enrolment."""
    v: dict[str, Value] = dict(counts)
    if counts["entered"]:
        v["balance"] = counts["approved"] - counts.get("balanced", counts["enrolled"])
    else:
        v["approved"] = v["balance"] = NOT_ENTERED
    v["added"] = sum(counts[k] for k in _METHOD_KEY.values())
    if stage is not None and stage not in classsize.STAGES:
        v["large"] = v["xlarge"] = None  # 幼儿园、中职、特教: outside the 大班额 bands
    return v


def _stages(category: str | None, found: set[str]) -> set[str]:
    """The stages a school reports: those its classes are in and those its 学校类别 has."""
    member = SchoolCategory.from_label(category) if category else None
    return found | ({s.value for s in member.stages} if member is not None else set())


def _total(variant: Variant, parts: list[dict[str, Value]], *, code: str) -> Row:
    """The 合计 row; a column none of whose rows has a number (no 核定学位 anywhere) stays 未填/—."""
    row = total_row(variant, parts, code=code)
    values = list(row.values)
    for i, col in enumerate(variant.columns):
        given = [p.get(col.key) for p in parts]
        if col.numeric and parts and not any(isinstance(v, int | float) for v in given):
            values[i] = next((v for v in given if isinstance(v, str)), None)
    return Row(row.code, row.label, tuple(values), group=row.group, indent=row.indent)


def build(ctx: BuildContext) -> Built:
    acc = _collect(ctx)
    variant = ctx.variant
    if ctx.scope == "school":
        unit = ctx.unit
        category = SchoolCategory.label_of(unit.category)
        stages = _stages(unit.category, {s for (_, s) in acc})
        parts = []
        rows: list[Row] = []
        for i, stage in enumerate(ordered_stages(stages), start=2):
            vals = _values(acc.get((unit.id, stage or ""), dict.fromkeys(_COUNT_KEYS, 0)), stage=stage or "")
            parts.append(vals)
            rows.append(Row(f"{i:02d}", stage_label(stage), row_values(variant, vals), group="stage", indent=1))
        info = (
            ("学校类别", category),
            ("办学性质", Ownership.label_of(unit.ownership)),
            ("城乡分类", UrbanRural.label_of(unit.urban_rural)),
            ("寄宿制学校", "是" if unit.boarding else "否"),
            ("乡镇中心校", "是" if unit.township_central else "否"),
        )
        return Built((_total(variant, parts, code="01"), *rows), info)
    per_school: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_COUNT_KEYS, 0))
    for (unit_id, _), counts in acc.items():
        totals = per_school[unit_id]
        for k, n in counts.items():
            totals[k] += n
        if counts["entered"]:
            totals["balanced"] = totals.get("balanced", 0) + counts["enrolled"]
    for totals in per_school.values():
        totals["entered"] = int(totals["entered"] > 0)
    stages_of: dict[int, set[str]] = defaultdict(set)
    for unit_id, stage in acc:
        stages_of[unit_id].add(stage)
    parts, rows = [], []
    for school in schools(ctx):
        vals = _values(per_school.get(school.id, dict.fromkeys(_COUNT_KEYS, 0)))
        if not (_stages(school.category, stages_of[school.id]) & set(classsize.STAGES)):
            vals["large"] = vals["xlarge"] = None  # a 幼儿园 or 中职 school: outside the bands, as in its own return
        vals |= {
            "category": SchoolCategory.label_of(school.category),
            "ownership": Ownership.label_of(school.ownership),
            "urban_rural": UrbanRural.label_of(school.urban_rural),
        }
        parts.append(vals)
        rows.append(Row(school.code, school.name, row_values(variant, vals), group="school"))
    return Built((_total(variant, parts, code=""), *rows), (("学校数", str(len(rows))),))
