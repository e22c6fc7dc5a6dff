"""Training cycles (培训周期): which five-year cycle a date or a record belongs to.

The cycle years are a setting of the target set (``cycle_anchor_year`` and
``cycle_years``: cycles run 2021–2025, 2026–2030 …) and so are the hours a
teacher owes per cycle (``cycle_hours_teacher``, 450 in Guangdong). A record
counts in the cycle of its end date; a person's totals for a period follow the
cycle containing the period's 统计时点. The pace rule is the indicator engine's
(``desktop.domain.indicators.training``), so 概览 and the return never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.domain.indicators.training import required_to_date, windows
from desktop.domain.targetset import DEFAULT_SETTINGS, TargetSetSpec

#: Shown next to every cycle total in the UI (概览, person page, returns).
BOUNDARY_RULE = (
    "培训学时按培训结束日期计入周期：结束日期落在哪个周期，就计入哪个周期"
    "（例如 2025年12月31日结束的培训计入 2021–2025 周期，2026年1月1日结束的计入 2026–2030 周期）。"
    "本统计期的学时和进度按统计时点所在的周期计算。"
)


@dataclass(frozen=True, slots=True)
class CycleRule:  # the locality's cycle setting, from the target set
    anchor_year: int = int(DEFAULT_SETTINGS["cycle_anchor_year"])
    years: int = int(DEFAULT_SETTINGS["cycle_years"])
    required_hours: float = float(DEFAULT_SETTINGS["cycle_hours_teacher"])

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> CycleRule:
        merged = {**DEFAULT_SETTINGS, **settings}
        return cls(int(merged["cycle_anchor_year"]), int(merged["cycle_years"]), float(merged["cycle_hours_teacher"]))

    @classmethod
    def from_spec(cls, spec: TargetSetSpec) -> CycleRule:
        return cls(int(spec.setting("cycle_anchor_year")), int(spec.setting("cycle_years")),
                   float(spec.setting("cycle_hours_teacher")))

    def as_spec(self) -> TargetSetSpec:
        """A minimal spec carrying only these settings, to reuse the indicator engine's date rules."""
        return TargetSetSpec(code="cycle", name="cycle", issuer="", document="", targets=(),
                             settings={"cycle_anchor_year": self.anchor_year, "cycle_years": self.years,
                                       "cycle_hours_teacher": self.required_hours})


@dataclass(frozen=True, slots=True)
class Cycle:  # one training cycle, first and last day inclusive
    start: date
    end: date

    @property
    def label(self) -> str:
        return f"{self.start.year}–{self.end.year}周期"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def clamp(self, day: date) -> date:
        """``day`` moved into the cycle (a date after the cycle measures the whole cycle)."""
        return min(max(day, self.start), self.end)


def cycle_containing(day: date, rule: CycleRule = CycleRule()) -> Cycle:
    w = windows(rule.as_spec(), day)
    return Cycle(w.cycle_start, w.cycle_end)


def cycle_of_record(end_date: date, rule: CycleRule = CycleRule()) -> Cycle:
    """The cycle a training record counts in: the one containing its end date."""
    return cycle_containing(end_date, rule)


def due_by(rule: CycleRule, as_of: date) -> float:
    """Hours a teacher should have by ``as_of`` to be on track in the cycle containing it."""
    return required_to_date(rule.as_spec(), as_of, rule.required_hours)  # one pace rule, as 教填-05 prints it


@dataclass(frozen=True, slots=True)
class CycleStanding:  # one person's position in a cycle
    cycle: Cycle
    hours: float
    required: float  # for the whole cycle
    due_by_now: float  # at the reference date
    as_of: date

    @property
    def on_track(self) -> bool:
        return self.hours >= self.due_by_now

    @property
    def missing(self) -> float:
        return max(0.0, round(self.required - self.hours, 1))


def standing(rule: CycleRule, census_date: date, today: date, records: Iterable[tuple[date, float]]) -> CycleStanding:
    """Totals of (end date, hours) records in the cycle containing ``census_date``, measured at ``today``.

    Only records ending in that cycle and not after the reference date count; the
    reference date is ``today`` moved into the cycle, so an old period is judged
    at its cycle's end and a future-dated record does not count yet.
    """
    cycle = cycle_containing(census_date, rule)
    as_of = cycle.clamp(today)
    hours = sum(h for end, h in records if cycle.start <= end <= as_of)
    return CycleStanding(cycle, round(hours, 1), rule.required_hours, due_by(rule, as_of), as_of)
