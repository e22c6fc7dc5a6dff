"""Shared machinery: the computation context, stage resolution and result building.

Percentages are rounded to two decimals and compared as rounded, so the mark
a user sees always agrees with the number printed next to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from desktop.domain.codes import SchoolCategory, StaffCategory, Stage, UnitKind
from desktop.domain.indicators.inputs import (
    CertRow,
    IndicatorInput,
    StaffRow,
    TrainingSums,
    UnitRow,
)
from desktop.domain.indicators.results import DrillItem, IndicatorResult
from desktop.domain.numbers import percent, rounded
from desktop.domain.targetset import INDICATORS, TargetSetSpec

STAGE_ORDER = ("preschool", "primary", "junior", "senior", "vocational", "special")
PRINCIPAL_POSTS = ("01", "03")  # 校长, 园长
# Plain strings: an enum member's .value is a property lookup, too slow inside loops over 8,000 people.
TEACHER = StaffCategory.TEACHER.value
SCHOOL = UnitKind.SCHOOL.value


def pct(num: float, den: float) -> float | None:
    return percent(num, den, 2)


def school_stages(category: str | None) -> tuple[str, ...]:
    member = SchoolCategory.from_label(category) if category else None
    return tuple(s.value for s in member.stages) if member else ()


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


@dataclass
class Context:
    inp: IndicatorInput
    spec: TargetSetSpec
    results: list[IndicatorResult] = field(default_factory=list)

    # ---------------------------------------------------------------- lookups
    @cached_property
    def units(self) -> dict[int, UnitRow]:
        return {u.id: u for u in self.inp.units}

    @cached_property
    def schools(self) -> list[UnitRow]:
        return [u for u in self.inp.units if u.kind == SCHOOL]

    @property
    def is_office(self) -> bool:
        return self.inp.unit.kind != SCHOOL

    def stage_of(self, s: StaffRow) -> str | None:
        """The stage a person teaches: the record's, else the school's only stage."""
        if s.stage:
            return s.stage
        unit = self.units.get(s.unit_id)
        stages = school_stages(unit.category if unit else None)
        return stages[0] if len(stages) == 1 else None

    @cached_property
    def teachers(self) -> list[StaffRow]:  # 专任教师 at schools
        return [s for s in self.inp.staff
                if s.category == TEACHER and s.unit_id in self.school_ids]

    @cached_property
    def school_ids(self) -> set[int]:
        return {u.id for u in self.schools}

    @cached_property
    def teachers_by_stage(self) -> dict[str, list[StaffRow]]:
        out: dict[str, list[StaffRow]] = defaultdict(list)
        for s in self.teachers:
            st = self.stage_of(s)
            if st:
                out[st].append(s)
        return out

    @cached_property
    def principals(self) -> list[StaffRow]:
        return [s for s in self.inp.staff if s.post in PRINCIPAL_POSTS and s.unit_id in self.school_ids]

    @cached_property
    def training(self) -> dict[int, TrainingSums]:
        return {t.staff_id: t for t in self.inp.training}

    def hours(self, staff_id: int) -> TrainingSums:
        return self.training.get(staff_id) or TrainingSums(staff_id)

    @cached_property
    def certs_by_staff(self) -> dict[int, list[CertRow]]:
        out: dict[int, list[CertRow]] = defaultdict(list)
        for c in self.inp.certs:
            out[c.staff_id].append(c)
        return out

    def setting(self, key: str) -> Any:
        return self.spec.setting(key)

    # ---------------------------------------------------------------- drill items
    def person(self, s: StaffRow, detail: str) -> DrillItem:
        unit = self.units.get(s.unit_id)
        label = f"{s.name}（{unit.name}）" if unit and self.is_office else s.name
        return DrillItem("staff", s.id, s.unit_id, label, detail)

    def school_item(self, u: UnitRow, detail: str) -> DrillItem:
        return DrillItem("unit", u.id, u.id, u.name, detail)

    # ---------------------------------------------------------------- results
    def add(self, code: str, *, stage: str | None = None, unit: str = "%", value: float | None,
            numerator: float | None = None, denominator: float | None = None,
            failures: Iterable[DrillItem] = ()) -> None:
        target = self.spec.target_for(code, stage)
        tvalue: float | None = target.value if target else None
        source = target.source if target else ""
        if target is not None:
            tvalue, source = self._alternative(code, stage, target.value, target.comparison, source)
        comparison = target.comparison if target else None
        gap = passed = None
        if value is not None and tvalue is not None:
            gap = rounded(value - tvalue, 2)
            passed = value >= tvalue if comparison == ">=" else value <= tvalue
        self.results.append(IndicatorResult(
            code=code, name=INDICATORS[code], stage=stage, unit=target.unit if target else unit,
            value=value, target=tvalue, comparison=comparison, gap=gap, passed=passed,
            numerator=numerator, denominator=denominator, source=source, failures=tuple(failures)))

    def add_share(self, code: str, num: int, den: int, failures: Iterable[DrillItem], *,
                  stage: str | None = None) -> None:
        self.add(code, stage=stage, value=pct(num, den), numerator=num, denominator=den,
                 failures=failures if den else ())

    def _alternative(self, code: str, stage: str | None, fixed: float, cmp: str,
                     source: str) -> tuple[float, str]:
        """帮扶方案: pass with the fixed target OR with the unit's baseline moved N points a year."""
        inc = self.setting("annual_increase")
        if not inc.get("enabled") or code not in ("edu.higher", "edu.urban_rural_gap"):
            return fixed, source
        base = inc.get("baselines", {}).get(self.inp.unit.code, {}).get(f"{code}:{stage}")
        if base is None:
            return fixed, source
        years = self.inp.school_year - int(inc.get("baseline_year", self.inp.school_year))
        if code == "edu.higher":
            alt = float(base) + float(inc.get("points_per_year", 2)) * years
            eff = min(fixed, alt)
            note = f"（或每年提升{inc.get('points_per_year')}个百分点：{inc.get('baseline_year')}年基线{base}%）"
        else:
            alt = float(base) - float(inc.get("gap_points_per_year", 1)) * years
            eff = max(fixed, alt)
            note = f"（或每年缩小{inc.get('gap_points_per_year')}个百分点：{inc.get('baseline_year')}年基线{base}）"
        return rounded(eff, 2), source + note


def stage_label(stage: str | None) -> str:
    return Stage.label_of(stage)
