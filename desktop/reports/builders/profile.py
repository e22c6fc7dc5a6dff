"""教填-01 学校基本情况及学位: classes, enrolment, seats, 大班额 and new public seats."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import case, func, select

from desktop.data.models import SchoolClass, SeatAddition, StageCapacity
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
from desktop.reports.model import Row, Value

_METHOD_KEY = {
    SeatMethod.NEW_BUILD.value: "added_new",
    SeatMethod.EXPANSION.value: "added_expand",
    SeatMethod.PRIVATE_TO_PUBLIC.value: "added_p2p",
    SeatMethod.PURCHASE.value: "added_buy",
}
_COUNT_KEYS = ("classes", "enrolled", "boarders", "disabled", "approved", "large", "xlarge",
               *_METHOD_KEY.values())


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
            func.sum(case((c.enrolled.between(56, 65), 1), else_=0)),
            func.sum(case((c.enrolled >= 66, 1), else_=0)),
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
        a["large"] += int(large or 0)
        a["xlarge"] += int(xlarge or 0)
    cap = StageCapacity
    for unit_id, stage, seats in ctx.session.execute(
        select(cap.unit_id, cap.stage, cap.approved_seats)
        .where(cap.period_id == ctx.period.id, cap.unit_id.in_(ctx.school_ids))
    ):
        acc[(unit_id, stage)]["approved"] += int(seats or 0)
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


def _values(counts: dict[str, int]) -> dict[str, Value]:
    v: dict[str, Value] = dict(counts)
    v["balance"] = counts["approved"] - counts["enrolled"]
    v["added"] = sum(counts[k] for k in _METHOD_KEY.values())
    return v


def build(ctx: BuildContext) -> Built:
    acc = _collect(ctx)
    variant = ctx.variant
    if ctx.scope == "school":
        unit = ctx.unit
        category = SchoolCategory.label_of(unit.category)
        stages = {s for (_, s) in acc}
        if unit.category:
            category_member = SchoolCategory.from_label(unit.category)
            if category_member is not None:
                stages |= {s.value for s in category_member.stages}
        parts = []
        rows: list[Row] = []
        for i, stage in enumerate(ordered_stages(stages), start=2):
            vals = _values(acc.get((unit.id, stage or ""), dict.fromkeys(_COUNT_KEYS, 0)))
            parts.append(vals)
            rows.append(Row(f"{i:02d}", stage_label(stage), row_values(variant, vals), group="stage", indent=1))
        info = (
            ("学校类别", category),
            ("办学性质", Ownership.label_of(unit.ownership)),
            ("城乡分类", UrbanRural.label_of(unit.urban_rural)),
            ("寄宿制学校", "是" if unit.boarding else "否"),
            ("乡镇中心校", "是" if unit.township_central else "否"),
        )
        return Built((total_row(variant, parts, code="01"), *rows), info)
    per_school: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_COUNT_KEYS, 0))
    for (unit_id, _), counts in acc.items():
        for k, n in counts.items():
            per_school[unit_id][k] += n
    parts, rows = [], []
    for school in schools(ctx):
        vals = _values(per_school.get(school.id, dict.fromkeys(_COUNT_KEYS, 0)))
        vals |= {
            "category": SchoolCategory.label_of(school.category),
            "ownership": Ownership.label_of(school.ownership),
            "urban_rural": UrbanRural.label_of(school.urban_rural),
        }
        parts.append(vals)
        rows.append(Row(school.code, school.name, row_values(variant, vals), group="school"))
    return Built((total_row(variant, parts, code=""), *rows), (("学校数", str(len(rows))),))
