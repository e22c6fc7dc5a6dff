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
from desktop.reports.builders.common import (
    BuildContext,
    Built,
    chunks,
    pct,
    row_values,
    schools,
    total_row,
)
from desktop.reports.model import Row, Value

_SPLIT_KEYS = ("public", "prof", "elective", "f2f", "online")
FACE_TO_FACE = tuple(m.value for m in TrainingMode if m.is_face_to_face)


def _split_by_person(ctx: BuildContext, ids: list[int], cycle_start: Any, as_of: Any) -> dict[int, dict[str, float]]:
    """科目类别 and mode sums of exactly the people the engine counts (``ids``: in post on the census date).

    The people are the engine's, not "still active": someone who left after the census
    date counts for the period, and her hours must be in the parts as in the total.
    """
    t = TrainingRecord

    def part(cond: Any) -> Any:
        return func.sum(case((cond, t.hours), else_=0.0))

    out: dict[int, dict[str, float]] = {}
    for chunk in chunks(ids, 900):
        stmt = (
            select(
                t.staff_id,
                part(t.category == TrainingCategory.PUBLIC.value),
                part(t.category == TrainingCategory.PROFESSIONAL.value),
                part(t.category == TrainingCategory.ELECTIVE.value),
                part(t.mode.in_(FACE_TO_FACE)),
                part(t.mode == TrainingMode.ONLINE.value),
            )
            .where(t.staff_id.in_(chunk), t.end_date >= cycle_start, t.end_date <= as_of, t.hours > 0)
            .group_by(t.staff_id)
        )
        for r in ctx.session.execute(stmt):
            out[r[0]] = dict(zip(_SPLIT_KEYS, (float(x or 0) for x in r[1:]), strict=True))
    return out


def _by_category(have: float, split: dict[str, float]) -> dict[str, Value]:
    """本周期学时 合计 and its three parts, so that 合计 = 公需 + 专业 + 选修 holds by construction.

    公需 and 专业 are summed by category; 选修 is the rest of the engine's cycle hours
    (a category outside the three codes, which validation does not let in, would
    show there rather than break the printed relation). Rounded parts are adjusted
    so the printed parts add up to the printed total.
    """
    total = rounded(have, 1)
    public, prof = rounded(split["public"], 1), rounded(split["prof"], 1)
    return {"hours": total, "public": public, "prof": prof, "elective": rounded(total - public - prof, 1)}


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
    people = _people(engine)
    split = _split_by_person(ctx, [s.id for s, _ in people], w.cycle_start, as_of) if ctx.scope == "school" else {}
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
            vals: dict[str, Value] = {"f2f": rounded(h["f2f"], 1), "online": rounded(h["online"], 1)}
            vals |= _by_category(have, h)
            vals |= {
                "post": Post.label_of(s.post) if s.post and s.post != Post.NONE.value else "",
                "stage": _stage(engine, s),
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
