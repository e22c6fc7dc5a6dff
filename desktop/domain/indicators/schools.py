"""School indicators: 生师比, 班额, 校额, 学位余缺 and 建设进度, 学前普惠, 心理教师, 资源教室."""

from __future__ import annotations

from collections import defaultdict

from desktop.domain import classsize
from desktop.domain.codes import Grade, Ownership
from desktop.domain.indicators.common import STAGE_ORDER, Context, pct, school_stages
from desktop.domain.indicators.inputs import ClassRow
from desktop.domain.indicators.results import DrillItem
from desktop.domain.numbers import fixed, rounded

CLASS_SIZE_STAGES = classsize.STAGES  # 大班额 bands apply to 中小学 (domain-notes §4.2)
SECONDARY = ("junior", "senior", "vocational")
PSYCHOLOGY_SUBJECT = "15"


_GRADE_STAGE = {g.value: g.stage.value for g in Grade}


def class_stage(c: ClassRow) -> str | None:
    stage = _GRADE_STAGE.get(c.grade)
    if stage is None:
        grade = Grade.from_label(c.grade)
        stage = grade.stage.value if grade else None
    return stage


def _enrolled(ctx: Context) -> dict[tuple[int, str], int]:
    out: dict[tuple[int, str], int] = defaultdict(int)
    for c in ctx.inp.classes:
        stage = class_stage(c)
        if stage:
            out[(c.unit_id, stage)] += c.enrolled
    return out


def _school_total(ctx: Context) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for c in ctx.inp.classes:
        out[c.unit_id] += c.enrolled
    return out


def _class_item(ctx: Context, c: ClassRow, detail: str) -> DrillItem:
    unit = ctx.units.get(c.unit_id)
    label = f"{unit.name} {c.name}" if unit and ctx.is_office else c.name
    return DrillItem("class", c.id, c.unit_id, label, detail)


def student_teacher(ctx: Context) -> None:
    enrolled = _enrolled(ctx)
    students: dict[str, int] = defaultdict(int)
    for (_, stage), n in enrolled.items():
        students[stage] += n
    for stage in STAGE_ORDER:
        teachers = ctx.teachers_by_stage.get(stage, [])
        if not teachers and not students.get(stage):
            continue
        value = rounded(students[stage] / len(teachers), 2) if teachers else None
        target = ctx.spec.target_for("ratio.student_teacher", stage)
        fails: list[DrillItem] = []
        if ctx.is_office and target is not None:
            per_school: dict[int, int] = defaultdict(int)
            for s in teachers:
                per_school[s.unit_id] += 1
            for (uid, st), n in sorted(enrolled.items()):
                if st == stage and n and (not per_school[uid] or n / per_school[uid] > target.value):
                    ratio = fixed(n / per_school[uid], 2) if per_school[uid] else "无专任教师"
                    fails.append(ctx.school_item(ctx.units[uid], f"{n}名学生、{per_school[uid]}名专任教师，生师比{ratio}"))
        ctx.add("ratio.student_teacher", stage=stage, unit="生/师", value=value,
                numerator=students[stage], denominator=len(teachers), failures=fails)


def class_sizes(ctx: Context) -> None:
    lo, hi = int(ctx.setting("class_large_min")), int(ctx.setting("class_oversized_min"))
    graded = [c for c in ctx.inp.classes if classsize.counts_for_size(c.grade)]
    if graded:
        bands = {c.id: classsize.band(c.grade, c.enrolled, large_min=lo, oversized_min=hi) for c in graded}
        large = [_class_item(ctx, c, f"{c.enrolled}人（{lo}–{hi - 1}人为大班额）")
                 for c in graded if bands[c.id] == "large"]
        huge = [_class_item(ctx, c, f"{c.enrolled}人（{hi}人及以上为超大班额）") for c in graded
                if bands[c.id] == "oversized"]
        ctx.add("class.large", unit="个", value=len(large), denominator=len(graded), failures=large)
        ctx.add("class.oversized", unit="个", value=len(huge), denominator=len(graded), failures=huge)
    sizes: dict[str, int] = ctx.setting("kg_standard_sizes")
    kg = [c for c in ctx.inp.classes if c.grade in sizes]
    if kg:
        over = [_class_item(ctx, c, f"{c.enrolled}人，标准班额{sizes[c.grade]}人") for c in kg if c.enrolled > sizes[c.grade]]
        ctx.add("class.over_standard", unit="个", value=len(over), denominator=len(kg), failures=over)


def school_size(ctx: Context) -> None:
    limit = int(ctx.setting("school_size_max"))
    totals = _school_total(ctx)
    highs = [u for u in ctx.schools if "senior" in school_stages(u.category)]
    if not highs:
        return
    over = [ctx.school_item(u, f"在校生{totals[u.id]}人，超过{limit}人") for u in highs if totals[u.id] > limit]
    ctx.add("school.oversize", unit="个", value=len(over), denominator=len(highs), failures=over)


def seats(ctx: Context) -> None:
    enrolled = _enrolled(ctx)
    caps: dict[tuple[int, str], int] = defaultdict(int)
    for cap in ctx.inp.capacities:
        if cap.unit_id in ctx.school_ids:
            caps[(cap.unit_id, cap.stage)] += cap.approved_seats
    for stage in STAGE_ORDER:
        keys = sorted(k for k in caps if k[1] == stage)
        if not keys:
            continue
        total_cap = sum(caps[k] for k in keys)
        total_in = sum(enrolled.get(k, 0) for k in keys)
        fails = [ctx.school_item(ctx.units[k[0]], f"核定学位{caps[k]}个，在校生{enrolled.get(k, 0)}人，缺{enrolled.get(k, 0) - caps[k]}个")
                 for k in keys if enrolled.get(k, 0) > caps[k]]
        ctx.add("seats.balance", stage=stage, unit="个", value=total_cap - total_in,
                numerator=total_cap, denominator=total_in, failures=fails)


def seat_progress(ctx: Context) -> None:
    own = [t for t in ctx.inp.seat_tasks if t.unit_id == ctx.inp.unit.id]
    tasks = own or [t for t in ctx.inp.seat_tasks if t.unit_id != ctx.inp.unit.id]
    tasks = [t for t in tasks if t.start_year <= ctx.inp.school_year <= t.end_year]
    for stage in STAGE_ORDER:
        task = sum(t.seats for t in tasks if t.stage == stage)
        if not task:
            continue
        added = sum(n for (uid, st), n in ctx.inp.seats_added.items() if st == stage and uid in ctx.units)
        ctx.add("seats.progress", stage=stage, value=pct(added, task), numerator=added, denominator=task)


def kindergarten_shares(ctx: Context) -> None:
    by_school: dict[int, int] = defaultdict(int)
    for c in ctx.inp.classes:
        if class_stage(c) == "preschool":
            by_school[c.unit_id] += c.enrolled
    total = sum(by_school.values())
    if not total:
        return
    public = (None, Ownership.PUBLIC.value)
    inclusive = (*public, Ownership.PRIVATE_INCLUSIVE.value)
    for code, kinds in (("kg.public_share", public), ("kg.inclusive_share", inclusive)):
        num = sum(n for uid, n in by_school.items() if ctx.units[uid].ownership in kinds)
        value = pct(num, total)
        target = ctx.spec.target_for(code)
        failing = ctx.is_office and value is not None and target is not None and value < target.value
        fails = [ctx.school_item(ctx.units[uid], f"{Ownership.label_of(ctx.units[uid].ownership)}，在园幼儿{n}人")
                 for uid, n in sorted(by_school.items()) if ctx.units[uid].ownership not in kinds and n] if failing else []
        ctx.add(code, value=value, numerator=num, denominator=total, failures=fails)


def psychology_teachers(ctx: Context) -> None:
    rules: dict[str, int] = ctx.setting("psych_min_students")
    totals = _school_total(ctx)
    have: dict[int, int] = defaultdict(int)
    for s in ctx.inp.staff:
        if s.subject == PSYCHOLOGY_SUBJECT and s.full_time:
            have[s.unit_id] += 1
    required, fails = 0, []
    for u in ctx.schools:
        stages = school_stages(u.category)
        if any(st in SECONDARY for st in stages):
            limit = rules.get("secondary", 1000)
        elif "primary" in stages:
            limit = rules.get("primary", 1200)
        else:
            continue
        if totals[u.id] < limit:
            continue
        required += 1
        need = max(u.campuses, 1)
        if have[u.id] < need:
            fails.append(ctx.school_item(u, f"在校生{totals[u.id]}人，应配专职心理教师{need}名，现有{have[u.id]}名"))
    if required:
        ctx.add_share("school.psych_teacher", required - len(fails), required, fails)


def resource_rooms(ctx: Context) -> None:
    need = int(ctx.setting("resource_room_min_disabled"))
    disabled: dict[int, int] = defaultdict(int)
    for c in ctx.inp.classes:
        disabled[c.unit_id] += c.disabled
    rooms = {cap.unit_id for cap in ctx.inp.capacities if cap.resource_room}
    required = [u for u in ctx.schools if disabled[u.id] >= need]
    if not required:
        return
    fails = [ctx.school_item(u, f"随班就读残疾学生{disabled[u.id]}人，未建资源教室") for u in required if u.id not in rooms]
    ctx.add_share("school.resource_room", len(required) - len(fails), len(required), fails)
