"""What every data builder gets (BuildContext) and gives back (Built), plus shared helpers.

Builders aggregate in SQL (a county has 8,000 staff and 800,000 training rows) and
return plain rows; they never commit and never import services.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from desktop.data.models import Period, Unit
from desktop.domain.codes import Stage
from desktop.domain.numbers import percent, rounded
from desktop.reports.definition import Variant
from desktop.reports.model import Row, Value

STAGE_ORDER: tuple[Stage, ...] = tuple(Stage)
NO_STAGE = "未填学段"


@dataclass(frozen=True)
class BuildContext:
    session: Session
    unit: Unit
    period: Period
    school_ids: tuple[int, ...]  # the unit itself for a school; every school below an office
    scope: str  # school | office
    variant: Variant
    full_ids: bool = False
    # The indicator engine's input, target set and report (indicator_input, target_spec,
    # indicator_report), loaded once by the service for the returns that use them.
    extra: dict[str, Any] = field(default_factory=dict)


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
        value = acc[k]
        if isinstance(value, float):
            acc[k] = rounded(value, 1)
    return Row(code, label, row_values(variant, acc), group="total")


def pct(num: float, den: float) -> float | None:
    return percent(num, den, 1)


def schools(ctx: BuildContext) -> list[Unit]:
    """The schools of an office return, ordered by code."""
    from sqlalchemy import select

    stmt = select(Unit).where(Unit.id.in_(ctx.school_ids)).order_by(Unit.code)
    return list(ctx.session.scalars(stmt))


def chunks(ids: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    """Keep IN lists below every database's parameter limit."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
