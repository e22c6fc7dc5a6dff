"""What every data builder gets (BuildContext) and gives back (Built), plus shared helpers.

Builders aggregate in SQL (a county has 8,000 staff and 800,000 training rows) and
return plain rows; they never commit and never import services.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from desktop.data.models import Period, Unit
from desktop.domain.codes import Stage
from desktop.reports.definition import Variant
from desktop.reports.model import Row, Value

STAGE_ORDER: tuple[Stage, ...] = tuple(Stage)
NO_STAGE = "未填学段"


@dataclass(frozen=True)
class TrainingRules:  # locality settings of the 5-year cycle (from the target set when it has them)
    cycle_start: date = date(2021, 9, 1)
    cycle_years: int = 5
    required_hours: float = 450.0
    it_years: int = 3

    @property
    def cycle_end(self) -> date:
        return date(self.cycle_start.year + self.cycle_years, self.cycle_start.month, self.cycle_start.day)

    def elapsed_years(self, on: date) -> int:
        """Whole years of the cycle completed on ``on`` (0..cycle_years)."""
        days = (on - self.cycle_start).days
        return max(0, min(self.cycle_years, days // 365))

    def required_to_date(self, on: date) -> float:
        return round(self.required_hours * self.elapsed_years(on) / self.cycle_years, 1)

    @property
    def label(self) -> str:
        end = self.cycle_start.year + self.cycle_years - 1
        return f"{self.cycle_start.year}—{end}学年"


@dataclass(frozen=True)
class BuildContext:
    session: Session
    unit: Unit
    period: Period
    school_ids: tuple[int, ...]  # the unit itself for a school; every school below an office
    scope: str  # school | office
    variant: Variant
    full_ids: bool = False
    training: TrainingRules = field(default_factory=TrainingRules)
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. the IndicatorReport


@dataclass(frozen=True)
class Built:
    rows: tuple[Row, ...]
    info: tuple[tuple[str, str], ...] = ()
    header: dict[str, str] = field(default_factory=dict)


def stage_label(code: str | None) -> str:
    return Stage.label_of(code) if code else NO_STAGE


def ordered_stages(codes: Iterable[str | None]) -> list[str | None]:
    """Stage codes in the order of the Stage table; None (未填) last."""
    present = set(codes)
    out: list[str | None] = [s.value for s in STAGE_ORDER if s.value in present]
    out += sorted(c for c in present if c is not None and c not in {s.value for s in STAGE_ORDER})
    if None in present:
        out.append(None)
    return out


def row_values(variant: Variant, values: dict[str, Value]) -> tuple[Value, ...]:
    return tuple(values.get(c.key) for c in variant.columns)


def add_into(acc: dict[str, Value], values: dict[str, Value], keys: Sequence[str]) -> None:
    for k in keys:
        v = values.get(k)
        if isinstance(v, int | float):
            cur = acc.get(k) or 0
            assert isinstance(cur, int | float)
            acc[k] = cur + v


def summable_keys(variant: Variant) -> list[str]:
    return [c.key for c in variant.columns if c.numeric and c.summable]


def total_row(variant: Variant, parts: Sequence[dict[str, Value]], *, code: str, label: str = "总计") -> Row:
    acc: dict[str, Value] = {}
    keys = summable_keys(variant)
    for p in parts:
        add_into(acc, p, keys)
    for k in keys:
        acc.setdefault(k, 0)
        if isinstance(acc[k], float):
            acc[k] = round(float(acc[k]), 1)
    return Row(code, label, row_values(variant, acc), group="total")


def pct(num: float, den: float) -> float | None:
    return round(100.0 * num / den, 1) if den else None


def schools(ctx: BuildContext) -> list[Unit]:
    """The schools of an office return, ordered by code."""
    from sqlalchemy import select

    stmt = select(Unit).where(Unit.id.in_(ctx.school_ids)).order_by(Unit.code)
    return list(ctx.session.scalars(stmt))


def chunks(ids: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    """Keep IN lists below every database's parameter limit."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
