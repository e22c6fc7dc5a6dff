"""教填-05 培训学时: hours per person in the 5-year cycle, and the compliance summary.

One SQL pass groups the training rows of the unit's people by person (800,000 rows
in a county); everything after that is per person, in Python.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import and_, case, func, literal, or_, select

from desktop.data.models import Staff, TrainingRecord, Unit
from desktop.domain.codes import (
    Post,
    StaffCategory,
    Stage,
    TrainingCategory,
    TrainingMode,
    TrainingTopic,
)
from desktop.reports.builders.common import BuildContext, Built, pct, row_values, schools, total_row
from desktop.reports.model import Row, Value

_PRINCIPAL_POSTS = (Post.PRINCIPAL.value, Post.KG_HEAD.value)
_HOUR_KEYS = ("hours", "public", "prof", "elective", "it3", "f2f", "online")


def _it_start(census: date, years: int) -> date:
    return census.replace(year=census.year - years)


def people_filter() -> object:
    """Who must train: 专任教师, 教研员, and principals / kindergarten heads."""
    s = Staff
    return or_(s.category.in_((StaffCategory.TEACHER.value, StaffCategory.RESEARCHER.value)),
               s.post.in_(_PRINCIPAL_POSTS))


def hours_by_person(ctx: BuildContext) -> dict[int, dict[str, float]]:
    t, s = TrainingRecord, Staff
    rules = ctx.training
    it_from = _it_start(ctx.period.census_date, rules.it_years)
    topics = literal(";").concat(t.topics).concat(";")

    def part(cond: object) -> object:
        return func.sum(case((cond, t.hours), else_=0.0))  # type: ignore[arg-type]

    stmt = (
        select(
            t.staff_id,
            func.sum(t.hours),
            part(t.category == TrainingCategory.PUBLIC.value),
            part(t.category == TrainingCategory.PROFESSIONAL.value),
            part(t.category == TrainingCategory.ELECTIVE.value),
            part(and_(topics.like(f"%;{TrainingTopic.IT.value};%"), t.end_date >= it_from)),
            part(t.mode.in_([m.value for m in TrainingMode if m.is_face_to_face])),
            part(t.mode == TrainingMode.ONLINE.value),
        )
        .join(s, s.id == t.staff_id)
        .where(s.unit_id.in_(ctx.school_ids), s.status == "active", people_filter(),  # type: ignore[arg-type]
               t.end_date >= rules.cycle_start, t.end_date < rules.cycle_end)
        .group_by(t.staff_id)
    )
    return {r[0]: dict(zip(_HOUR_KEYS, (float(x or 0) for x in r[1:]), strict=True))
            for r in ctx.session.execute(stmt)}


def _person_rows(ctx: BuildContext) -> list[tuple[int, int, str, str | None, str | None]]:
    s = Staff
    stmt = (
        select(s.id, s.unit_id, s.name, s.post, s.teaching_stage)
        .join(Unit, Unit.id == s.unit_id)
        .where(s.unit_id.in_(ctx.school_ids), s.status == "active", people_filter())  # type: ignore[arg-type]
        .order_by(Unit.code, s.name_pinyin, s.id)
    )
    return [tuple(r) for r in ctx.session.execute(stmt)]  # type: ignore[misc]


def build(ctx: BuildContext) -> Built:
    rules = ctx.training
    required = rules.required_to_date(ctx.period.census_date)
    hours = hours_by_person(ctx)
    people = _person_rows(ctx)
    variant = ctx.variant
    zero = dict.fromkeys(_HOUR_KEYS, 0.0)
    info = [("培训周期", rules.label), ("周期要求学时", f"{rules.required_hours:g}"),
            ("截至统计时点应达学时", f"{required:g}")]
    header = {"周期": rules.label}
    if ctx.scope == "school":
        rows: list[Row] = []
        parts: list[dict[str, Value]] = []
        ok = 0
        for n, (staff_id, _, name, post, stage) in enumerate(people, start=1):
            h = hours.get(staff_id, zero)
            passed = h["hours"] + 1e-9 >= required
            ok += passed
            vals: dict[str, Value] = {k: round(v, 1) for k, v in h.items()}
            vals |= {"post": Post.label_of(post) if post != Post.NONE.value else "",
                     "stage": Stage.label_of(stage), "required": required,
                     "status": "达标" if passed else "未达标"}
            parts.append(vals)
            rows.append(Row(str(n), name, row_values(variant, vals)))
        total = total_row(variant, parts, code="", label="合计")
        info += [("应参训人数", str(len(people))), ("达标人数", str(ok)),
                 ("达标率", f"{pct(ok, len(people)) or 0:.1f}%")]
        return Built((total, *rows), tuple(info), header)
    per_school: dict[int, dict[str, float]] = defaultdict(lambda: {"people": 0, "hours": 0.0, "compliant": 0})
    for staff_id, unit_id, *_ in people:
        h = hours.get(staff_id, zero)["hours"]
        a = per_school[unit_id]
        a["people"] += 1
        a["hours"] += h
        a["compliant"] += h + 1e-9 >= required
    rows, parts = [], []
    for u in schools(ctx):
        a = per_school.get(u.id, {"people": 0, "hours": 0.0, "compliant": 0})
        vals = _office_values(a)
        parts.append(vals)
        rows.append(Row(u.code, u.name, row_values(variant, vals), group="school"))
    total = total_row(variant, parts, code="")
    tv = dict(zip((c.key for c in variant.columns), total.values, strict=True))
    tv |= _office_values({"people": float(tv["people"] or 0), "hours": float(tv["hours"] or 0),
                          "compliant": float(tv["compliant"] or 0)})
    total = Row(total.code, total.label, row_values(variant, tv), group="total")
    return Built((total, *rows), tuple(info), header)


def _office_values(a: dict[str, float]) -> dict[str, Value]:
    people, compliant = int(a["people"]), int(a["compliant"])
    return {
        "people": people,
        "hours": round(a["hours"], 1),
        "average": round(a["hours"] / people, 1) if people else None,
        "compliant": compliant,
        "behind": people - compliant,
        "rate": pct(compliant, people),
    }
