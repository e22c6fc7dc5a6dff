"""教填-03 专任教师学历、职称及骨干结构, by stage (school) or by stage and school (office)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from desktop.data.models import Staff
from desktop.data.queries import in_post_on
from desktop.domain.codes import EducationLevel, Gender, HonourLevel, StaffCategory, Title
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

_EDU = {
    EducationLevel.DOCTOR.value: "edu_doc",
    EducationLevel.MASTER.value: "edu_mas",
    EducationLevel.BACHELOR.value: "edu_bac",
    EducationLevel.COLLEGE.value: "edu_col",
    EducationLevel.SENIOR_SECONDARY.value: "edu_sen",
    EducationLevel.BELOW_SENIOR.value: "edu_low",
}
_TITLE = {
    Title.FULL_SENIOR.value: "t_full",
    Title.SENIOR.value: "t_senior",
    Title.FIRST.value: "t_first",
    Title.SECOND.value: "t_second",
    Title.THIRD.value: "t_third",
    Title.NONE.value: "t_none",
}
_CITY_UP = {HonourLevel.NATIONAL.value, HonourLevel.PROVINCE.value, HonourLevel.CITY.value}
KEYS = ("teachers", "female", *_EDU.values(), "edu_none", *_TITLE.values(), "h_city", "h_county")


def _empty() -> dict[str, int]:
    return dict.fromkeys(KEYS, 0)


def _collect(ctx: BuildContext) -> dict[tuple[int, str | None], dict[str, int]]:
    s = Staff
    stmt = (
        select(s.unit_id, s.teaching_stage, s.gender, s.education, s.title, s.honour_level, func.count())
        .where(s.unit_id.in_(ctx.school_ids), in_post_on(ctx.period.census_date), s.category == StaffCategory.TEACHER.value)
        .group_by(s.unit_id, s.teaching_stage, s.gender, s.education, s.title, s.honour_level)
    )
    acc: dict[tuple[int, str | None], dict[str, int]] = defaultdict(_empty)
    for unit_id, stage, gender, edu, title, honour, n in ctx.session.execute(stmt):
        a = acc[(unit_id, stage)]
        a["teachers"] += n
        if gender == Gender.FEMALE.value:
            a["female"] += n
        # Every teacher lands in one 学历 column (未填 when none is recorded), so
        # 合计 = the sum of the 学历 columns holds for any data.
        a[_EDU.get(edu or "", "edu_none")] += n
        a[_TITLE.get(title, "t_none")] += n  # the column defaults to 未定级 ("9"); codes are validated on entry
        if honour in _CITY_UP:
            a["h_city"] += n
        elif honour == HonourLevel.COUNTY.value:
            a["h_county"] += n
    return acc


def build(ctx: BuildContext) -> Built:
    acc = _collect(ctx)
    variant = ctx.variant
    by_stage: dict[str | None, dict[str, int]] = defaultdict(_empty)
    by_school: dict[int, dict[str, int]] = defaultdict(_empty)
    for (unit_id, stage), counts in acc.items():
        for k, n in counts.items():
            by_stage[stage][k] += n
            by_school[unit_id][k] += n
    stage_rows: list[Row] = []
    stage_parts: list[dict[str, Value]] = []
    for i, stage in enumerate(ordered_stages(by_stage), start=2):
        vals: dict[str, Value] = dict(by_stage[stage])
        stage_parts.append(vals)
        stage_rows.append(Row(f"{i:02d}", stage_label(stage), row_values(variant, vals), group="stage", indent=1))
    total = total_row(variant, stage_parts, code="01")
    if ctx.scope == "school":
        return Built((total, *stage_rows))
    school_rows = [
        Row(u.code, u.name, row_values(variant, dict(by_school.get(u.id, _empty()))), group="school")
        for u in schools(ctx)
    ]
    return Built((total, *stage_rows, *school_rows), (("学校数", str(len(school_rows))),))
