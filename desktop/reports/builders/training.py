"""教填-05 培训学时: hours per person in the current cycle, and the compliance summary.

Who must train, the cycle window and the hours required to date are the indicator
engine's (``desktop.domain.indicators.training``), from the chosen target set, so
the 达标 marks here match the 培训学时达标进度 indicators. The split by 科目类别
and mode is one extra SQL pass over the same window (800,000 rows in a county).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import case, func, select

from desktop.data.models import Staff, TrainingRecord
from desktop.domain.codes import Post, TrainingCategory, TrainingMode
from desktop.domain.indicators.common import Context
from desktop.domain.indicators.inputs import StaffRow
from desktop.domain.indicators.training import pace_working, required_to_date, windows
from desktop.domain.numbers import amount, fixed, rounded
from desktop.reports.builders.common import BuildContext, Built, pct, row_values, schools, total_row
from desktop.reports.model import Row, Value

_SPLIT_KEYS = ("public", "prof", "elective", "f2f", "online")
FACE_TO_FACE = tuple(m.value for m in TrainingMode if m.is_face_to_face)


def _split_by_person(ctx: BuildContext, cycle_start: Any, as_of: Any) -> dict[int, dict[str, float]]:
    t, s = TrainingRecord, Staff

    def part(cond: Any) -> Any:
        return func.sum(case((cond, t.hours), else_=0.0))

    stmt = (
        select(
            t.staff_id,
            part(t.category == TrainingCategory.PUBLIC.value),
            part(t.category == TrainingCategory.PROFESSIONAL.value),
            part(t.category == TrainingCategory.ELECTIVE.value),
            part(t.mode.in_(FACE_TO_FACE)),
            part(t.mode == TrainingMode.ONLINE.value),
        )
        .join(s, s.id == t.staff_id)
        .where(s.unit_id.in_(ctx.school_ids), s.status == "active",
               t.end_date >= cycle_start, t.end_date <= as_of, t.hours > 0)
        .group_by(t.staff_id)
    )
    return {r[0]: dict(zip(_SPLIT_KEYS, (float(x or 0) for x in r[1:]), strict=True))
            for r in ctx.session.execute(stmt)}


def _people(engine: Context) -> list[tuple[StaffRow, bool]]:
    """(person, is principal): 专任教师 and principals of the schools, each once."""
    principals = {s.id for s in engine.principals}
    seen: set[int] = set()
    out: list[tuple[StaffRow, bool]] = []
    for s in [*engine.teachers, *engine.principals]:
        if s.id not in seen:
            seen.add(s.id)
            out.append((s, s.id in principals))
    return out


def build(ctx: BuildContext) -> Built:
    engine = Context(ctx.extra["indicator_input"], ctx.extra["target_spec"])
    as_of = engine.inp.as_of
    w = windows(engine.spec, as_of)
    need_teacher = required_to_date(engine.spec, as_of, float(engine.setting("cycle_hours_teacher")))
    need_principal = required_to_date(engine.spec, as_of, float(engine.setting("cycle_hours_principal")))
    # Only the per-person (school) layout shows the split by 科目类别 and mode.
    split = _split_by_person(ctx, w.cycle_start, as_of) if ctx.scope == "school" else {}
    people = _people(engine)
    span = f"{w.cycle_start.year}—{w.cycle_end.year}年"
    info = [("培训周期", span), ("统计截至", as_of.isoformat()),
            ("应达学时（教师/校长）", f"{amount(need_teacher)}/{amount(need_principal)}"),
            ("应达学时算式", "；".join(dict.fromkeys(pace_working(engine.spec, as_of, float(engine.setting(k)))
                                               for k in ("cycle_hours_teacher", "cycle_hours_principal"))))]
    header = {"周期": f"{span}周期（截至{as_of.year}年{as_of.month}月{as_of.day}日）"}
    variant = ctx.variant
    zero = dict.fromkeys(_SPLIT_KEYS, 0.0)
    results: list[tuple[StaffRow, bool, float, float]] = []
    for s, is_principal in people:
        need = need_principal if is_principal else need_teacher
        have = engine.hours(s.id).cycle
        results.append((s, is_principal, have, need))
    if ctx.scope == "school":
        names = _names(ctx, [s.id for s, *_ in results])
        results.sort(key=lambda r: (not r[1], names.get(r[0].id, ("", ""))[1], r[0].id))
        rows: list[Row] = []
        parts: list[dict[str, Value]] = []
        ok = 0
        for n, (s, _, have, need) in enumerate(results, start=1):
            passed = have >= need
            ok += passed
            h = split.get(s.id, zero)
            vals: dict[str, Value] = {k: rounded(v, 1) for k, v in h.items()}
            vals |= {
                "post": Post.label_of(s.post) if s.post and s.post != Post.NONE.value else "",
                "stage": _stage(engine, s), "hours": rounded(have, 1),
                "it3": rounded(engine.hours(s.id).it, 1), "required": need,
                "status": "达标" if passed else "未达标",
            }
            parts.append(vals)
            rows.append(Row(str(n), names.get(s.id, ("", ""))[0], row_values(variant, vals)))
        info += [("应参训人数", str(len(results))), ("达标人数", str(ok)),
                 ("达标率", f"{fixed(pct(ok, len(results)) or 0, 1)}%")]
        return Built((total_row(variant, parts, code="", label="合计"), *rows), tuple(info), header)
    per_school: dict[int, dict[str, float]] = defaultdict(lambda: {"people": 0, "hours": 0.0, "compliant": 0})
    for s, _, have, need in results:
        a = per_school[s.unit_id]
        a["people"] += 1
        a["hours"] += have
        a["compliant"] += have >= need
    rows, parts = [], []
    for u in schools(ctx):
        vals = _office_values(per_school.get(u.id, {"people": 0, "hours": 0.0, "compliant": 0}))
        parts.append(vals)
        rows.append(Row(u.code, u.name, row_values(variant, vals), group="school"))
    total = total_row(variant, parts, code="")
    tv = dict(zip((c.key for c in variant.columns), total.values, strict=True))
    tv |= _office_values({"people": float(tv["people"] or 0), "hours": float(tv["hours"] or 0),
                          "compliant": float(tv["compliant"] or 0)})
    return Built((Row(total.code, total.label, row_values(variant, tv), group="total"), *rows), tuple(info), header)


def _stage(engine: Context, s: StaffRow) -> str:
    from desktop.domain.codes import Stage

    return Stage.label_of(engine.stage_of(s))


def _names(ctx: BuildContext, ids: list[int]) -> dict[int, tuple[str, str]]:
    """id → (name, pinyin) for ordering and printing (the engine rows carry no names)."""
    out: dict[int, tuple[str, str]] = {}
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        for sid, name, py in ctx.session.execute(
            select(Staff.id, Staff.name, Staff.name_pinyin).where(Staff.id.in_(chunk))
        ):
            out[sid] = (name, py or "")
    return out


def _office_values(a: dict[str, float]) -> dict[str, Value]:
    people, compliant = int(a["people"]), int(a["compliant"])
    return {
        "people": people,
        "hours": rounded(a["hours"], 1),
        "average": rounded(a["hours"] / people, 1) if people else None,
        "compliant": compliant,
        "behind": people - compliant,
        "rate": pct(compliant, people),
    }
