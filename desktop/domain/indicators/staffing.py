"""Teacher-structure indicators: 学历, 校长学历, 城乡差距, 临聘, 骨干, 高级岗位, 交流轮岗."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from desktop.domain.codes import EducationLevel, EmploymentForm, Ownership, Title, UrbanRural
from desktop.domain.indicators.common import (
    STAGE_ORDER,
    TEACHER,
    Context,
    add_years,
    pct,
    school_stages,
)
from desktop.domain.indicators.inputs import StaffRow
from desktop.domain.indicators.results import DrillItem
from desktop.domain.numbers import rounded

TEMPORARY = (EmploymentForm.TEMPORARY.value, EmploymentForm.SUBSTITUTE.value)
SENIOR_TITLES = (Title.FULL_SENIOR.value, Title.SENIOR.value)


_EDU_RANK = {level.value: level.rank for level in EducationLevel}


def edu_rank(code: str | None) -> int:
    """Rank of a stored 学历 code (0 when empty or unknown); a dict lookup, called per teacher."""
    if not code:
        return 0
    rank = _EDU_RANK.get(code)
    if rank is None:
        level = EducationLevel.from_label(code)
        rank = level.rank if level else 0
    return rank


def meets_degree(s: StaffRow, threshold: str) -> bool:
    return edu_rank(s.education) >= edu_rank(threshold)


def _edu_detail(s: StaffRow, threshold: str) -> str:
    have = EducationLevel.label_of(s.education) or "未填写"
    return f"最高学历{have}，低于{EducationLevel.label_of(threshold)}"


def schools_below(ctx: Context, code: str, people: Iterable[StaffRow], hit: Callable[[StaffRow], bool],
                  *, stage: str | None = None) -> list[DrillItem]:
    """At an office: the schools whose own share falls short of the target (the drill-down for a shortage)."""
    target = ctx.spec.target_for(code, stage)
    if not ctx.is_office or target is None:
        return []
    num: dict[int, int] = defaultdict(int)
    den: dict[int, int] = defaultdict(int)
    for s in people:
        den[s.unit_id] += 1
        num[s.unit_id] += int(hit(s))
    out = []
    for uid in sorted(den):
        share = pct(num[uid], den[uid]) or 0.0
        if share < target.value:
            out.append(ctx.school_item(ctx.units[uid], f"{share}%（{num[uid]}/{den[uid]}人）"))
    return out


def education(ctx: Context) -> None:
    thresholds: dict[str, str] = ctx.setting("degree_thresholds")
    for stage in STAGE_ORDER:
        threshold = thresholds.get(stage)
        people = ctx.teachers_by_stage.get(stage, [])
        if not threshold or not people:
            continue
        below = [s for s in people if not meets_degree(s, threshold)]
        ctx.add_share("edu.higher", len(people) - len(below), len(people),
                      [ctx.person(s, _edu_detail(s, threshold)) for s in below], stage=stage)


def principal_education(ctx: Context) -> None:
    rules: dict[str, str] = ctx.setting("principal_degree")
    if not ctx.principals:
        return
    below = []
    for s in ctx.principals:
        unit = ctx.units[s.unit_id]
        kg = school_stages(unit.category) == ("preschool",)
        need = rules.get("preschool", "31") if kg else rules.get("other", "21")
        if not meets_degree(s, need):
            below.append(ctx.person(s, _edu_detail(s, need)))
    n = len(ctx.principals)
    ctx.add_share("edu.principal", n - len(below), n, below)


def urban_rural_gap(ctx: Context) -> None:
    rules: dict[str, str] = ctx.setting("gap_degree")
    for stage in STAGE_ORDER:
        threshold = rules.get(stage)
        if not threshold:
            continue
        groups: dict[str, list[StaffRow]] = {UrbanRural.URBAN.value: [], UrbanRural.RURAL.value: []}
        for s in ctx.teachers_by_stage.get(stage, []):
            ur = ctx.units[s.unit_id].urban_rural
            if ur in groups:
                groups[ur].append(s)
        urban, rural = groups[UrbanRural.URBAN.value], groups[UrbanRural.RURAL.value]
        if not urban or not rural:
            continue
        u = pct(sum(meets_degree(s, threshold) for s in urban), len(urban)) or 0.0
        r = pct(sum(meets_degree(s, threshold) for s in rural), len(rural)) or 0.0
        gap = rounded(u - r, 2)
        target = ctx.spec.target_for("edu.urban_rural_gap", stage)
        failing = target is not None and gap > target.value
        fails = [ctx.person(s, "乡村学校，" + _edu_detail(s, threshold))
                 for s in rural if not meets_degree(s, threshold)] if failing else []
        ctx.add("edu.urban_rural_gap", stage=stage, value=gap, numerator=u, denominator=r, failures=fails)


def temporary_ratio(ctx: Context) -> None:
    public = {u.id for u in ctx.schools if u.ownership in (None, Ownership.PUBLIC.value)}
    staff = [s for s in ctx.inp.staff if s.unit_id in public]
    temps = [s for s in staff if s.employment_form in TEMPORARY]
    est = EmploymentForm.ESTABLISHED.value
    established = sum(1 for s in staff if s.employment_form == est)
    if not staff:
        return
    value = pct(len(temps), established)
    target = ctx.spec.target_for("staff.temporary_ratio")
    over = value is not None and target is not None and value > target.value
    fails = [ctx.person(s, EmploymentForm.label_of(s.employment_form)) for s in temps] if over else []
    ctx.add("staff.temporary_ratio", value=value, numerator=len(temps), denominator=established, failures=fails)


def backbone(ctx: Context) -> None:
    levels = set(ctx.setting("backbone_levels"))
    teachers = ctx.teachers
    if not teachers:
        return

    def is_backbone(s: StaffRow) -> bool:
        return s.honour_level in levels

    num = sum(1 for s in teachers if is_backbone(s))
    ctx.add_share("staff.backbone_ratio", num, len(teachers),
                  schools_below(ctx, "staff.backbone_ratio", teachers, is_backbone))
    if not ctx.is_office:
        return
    county = [s for s in teachers if s.honour_level == "4"]
    town = (UrbanRural.TOWN.value, UrbanRural.RURAL.value)
    urban = [s for s in county if ctx.units[s.unit_id].urban_rural not in town]
    target = ctx.spec.target_for("staff.backbone_township")
    share = pct(len(county) - len(urban), len(county))
    failing = share is not None and target is not None and share < target.value
    ctx.add_share("staff.backbone_township", len(county) - len(urban), len(county),
                  [ctx.person(s, "县级骨干，任教于城区学校") for s in urban] if failing else [])


def senior_titles(ctx: Context) -> None:
    for stage in STAGE_ORDER:
        people = ctx.teachers_by_stage.get(stage, [])
        if not people:
            continue

        def senior(s: StaffRow) -> bool:
            return s.title in SENIOR_TITLES

        num = sum(1 for s in people if senior(s))
        ctx.add_share("staff.senior_title", num, len(people),
                      schools_below(ctx, "staff.senior_title", people, senior, stage=stage), stage=stage)


def rotation(ctx: Context) -> None:
    """交流轮岗 (002 二、（三）3): eligible teachers of 城镇 schools who rotated in the last school year."""
    rules = ctx.setting("rotation")
    kinds = set(rules.get("kinds", ()))
    areas = set(rules.get("urban_rural", ()))
    min_years = int(rules.get("min_years_at_school", 0))
    start = add_years(ctx.inp.as_of, -1)
    rotated_ids = {r.staff_id for r in ctx.inp.rotations if r.kind in kinds and start <= r.start_date < ctx.inp.as_of}

    def eligible(s: StaffRow) -> bool:
        if ctx.units[s.unit_id].urban_rural not in areas:
            return False
        since = s.join_date or s.first_work_date
        return since is None or add_years(since, min_years) <= ctx.inp.as_of

    # Those who left by a rotation-kind 调出 this year count at the school they left, in both parts.
    gone = [s for s in ctx.inp.rotated_out
            if s.category == TEACHER and s.unit_id in ctx.school_ids and s.id not in rotated_ids and eligible(s)]
    rotated_ids |= {s.id for s in gone}
    pool = [s for s in ctx.teachers if eligible(s)] + gone
    if not pool:
        return
    rotated = [s for s in pool if s.id in rotated_ids]
    ctx.add_share("rotation.ratio", len(rotated), len(pool),
                  schools_below(ctx, "rotation.ratio", pool, lambda s: s.id in rotated_ids))
    if rotated:
        levels = set(ctx.setting("backbone_levels"))
        backbone_n = sum(1 for s in rotated if s.honour_level in levels)
        ctx.add_share("rotation.backbone", backbone_n, len(rotated), [])
