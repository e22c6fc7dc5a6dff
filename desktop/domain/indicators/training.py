"""Training indicators: the 5-year cycle pace, IT hours, “三区” hours, 县中 and 教研员 hours.

A record counts in the cycle of its end date, and only up to the reference
date. On track means hours ≥ required × elapsed years ÷ cycle years, elapsed
counted in whole months since the cycle began.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain.codes import StaffCategory
from desktop.domain.indicators.common import Context, add_years
from desktop.domain.indicators.inputs import StaffRow
from desktop.domain.numbers import amount, rounded
from desktop.domain.targetset import TargetSetSpec


@dataclass(frozen=True, slots=True)
class Windows:
    """Date windows (start inclusive, end = the reference date inclusive) the SQL sums over."""

    as_of: date
    cycle_start: date
    cycle_end: date  # last day of the cycle (for labels)
    it_start: date
    three_zone_start: date
    county_high_start: date
    year_start: date

    @property
    def earliest(self) -> date:
        return min(self.cycle_start, self.it_start, self.three_zone_start, self.county_high_start, self.year_start)


def windows(spec: TargetSetSpec, as_of: date) -> Windows:
    anchor, length = int(spec.setting("cycle_anchor_year")), int(spec.setting("cycle_years"))
    start_year = anchor + ((as_of.year - anchor) // length) * length
    three = spec.setting("three_zone")
    return Windows(
        as_of=as_of,
        cycle_start=date(start_year, 1, 1),
        cycle_end=date(start_year + length - 1, 12, 31),
        # Windows of N years end at the reference date and start the day after N years back.
        it_start=add_years(as_of, -int(spec.setting("it_window_years"))),
        three_zone_start=add_years(as_of, -int(three.get("window_years", 3))),
        county_high_start=add_years(as_of, -int(spec.setting("county_high_window_years"))),
        year_start=add_years(as_of, -1),
    )


# The pace rule as 教填-05's note prints it (templates/returns/05_training.toml); a test keeps them equal.
PACE_FORMULA = "应达学时＝周期要求学时 × 周期内已过整月数 ÷ 周期月数"


def elapsed_months(w: Windows, cycle_years: int) -> int:
    """Whole months of the cycle gone by on the reference date (1 Sep after 4 years 8 months: 56)."""
    months = (w.as_of.year - w.cycle_start.year) * 12 + (w.as_of.month - w.cycle_start.month)
    return min(max(months, 0), cycle_years * 12)


def elapsed_years(w: Windows, cycle_years: int) -> float:
    return elapsed_months(w, cycle_years) / 12.0


def pace_working(spec: TargetSetSpec, as_of: date, per_cycle: float) -> str:
    """The rule with this period's numbers: '450 × 56 ÷ 60 = 420'."""
    length = int(spec.setting("cycle_years"))
    months = elapsed_months(windows(spec, as_of), length)
    return f"{amount(per_cycle)} × {months} ÷ {length * 12} = {amount(required_to_date(spec, as_of, per_cycle))}"


def required_to_date(spec: TargetSetSpec, as_of: date, per_cycle: float) -> float:
    length = int(spec.setting("cycle_years"))
    return rounded(per_cycle * elapsed_months(windows(spec, as_of), length) / (length * 12), 1)


def _pace(ctx: Context, code: str, people: list[StaffRow], per_cycle: float) -> None:
    if not people:
        return
    need = required_to_date(ctx.spec, ctx.inp.as_of, per_cycle)
    w = windows(ctx.spec, ctx.inp.as_of)
    span = f"{w.cycle_start.year}–{w.cycle_end.year}周期"
    behind = []
    tail = f"学时，按进度应完成{amount(need)}学时（全周期{amount(per_cycle)}学时）"  # the same for everyone
    for s in people:
        have = ctx.hours(s.id).cycle
        if have < need:
            behind.append(ctx.person(s, f"{span}已完成{amount(have)}{tail}"))
    ctx.add_share(code, len(people) - len(behind), len(people), behind)


def cycle_pace(ctx: Context) -> None:
    teachers = ctx.teachers
    _pace(ctx, "training.on_track", teachers, float(ctx.setting("cycle_hours_teacher")))
    if teachers:
        total = sum(ctx.hours(s.id).cycle for s in teachers)
        ctx.add("training.avg_hours", unit="学时", value=rounded(total / len(teachers), 1),
                numerator=rounded(total, 1), denominator=len(teachers))
    _pace(ctx, "training.principal_on_track", ctx.principals, float(ctx.setting("cycle_hours_principal")))


def it_hours(ctx: Context) -> None:
    need = float(ctx.setting("it_hours"))
    years = ctx.setting("it_window_years")
    if not ctx.teachers:
        return
    tail = f"学时，应不少于{amount(need)}学时"
    short = []
    for s in ctx.teachers:
        it = ctx.hours(s.id).it
        if it < need:
            short.append(ctx.person(s, f"近{years}年信息技术应用能力培训{amount(it)}{tail}"))
    ctx.add_share("training.it", len(ctx.teachers) - len(short), len(ctx.teachers), short)


def three_zone(ctx: Context) -> None:
    rules = ctx.setting("three_zone")
    if not rules.get("applies"):
        return
    f2f, online = float(rules.get("face_to_face_hours", 72)), float(rules.get("online_hours", 60))
    people = {s.id: s for s in [*ctx.teachers, *ctx.principals]}
    if not people:
        return
    short = []
    for s in people.values():
        h = ctx.hours(s.id)
        if h.face_to_face < f2f or h.online < online:
            short.append(ctx.person(s, f"近{rules.get('window_years', 3)}年面授{amount(h.face_to_face)}学时（应≥{amount(f2f)}）、"
                                       f"网络研修{amount(h.online)}学时（应≥{amount(online)}）"))
    ctx.add_share("training.three_zone", len(people) - len(short), len(people), short)


def county_high(ctx: Context) -> None:
    schools = {u.id for u in ctx.schools if u.county_high_school}
    people = {s.id: s for s in [*ctx.teachers, *ctx.principals] if s.unit_id in schools}
    if not people:
        return
    need = float(ctx.setting("county_high_hours"))
    years = ctx.setting("county_high_window_years")
    short = [ctx.person(s, f"近{years}年培训{amount(ctx.hours(s.id).county_high)}学时，应不少于{amount(need)}学时")
             for s in people.values() if ctx.hours(s.id).county_high < need]
    ctx.add_share("training.county_high", len(people) - len(short), len(people), short)


def researchers(ctx: Context) -> None:
    researcher = StaffCategory.RESEARCHER.value
    people = [s for s in ctx.inp.staff if s.category == researcher]
    if not people:
        return
    need = float(ctx.setting("researcher_hours_per_year"))
    short = [ctx.person(s, f"近一年培训{amount(ctx.hours(s.id).last_year)}学时，应不少于{amount(need)}学时")
             for s in people if ctx.hours(s.id).last_year < need]
    ctx.add_share("training.researcher", len(people) - len(short), len(people), short)
