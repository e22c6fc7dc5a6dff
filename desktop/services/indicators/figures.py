"""概览's figures as plain data, and their JSON form: the standard library only.

``Overview`` is what ``overview.overview`` computes; ``encode_overview``/``decode_overview``
are the body of the files it is kept in (``startpage``, ``early``). This module imports no
SQLAlchemy and no model, so the start-up's light read (``early``) can show kept figures
before those are imported (benchmarks/RESULTS.md, "cold start, fourth pass").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Overview:  # 概览
    as_of: date
    active_staff: int
    staff_by_category: dict[str, int]
    teachers_by_stage: dict[str, int]
    certs_overdue: list[int]  # credential ids
    certs_due_soon: list[int]
    behind_on_hours: list[int]  # staff ids
    hours_due: float
    large_classes: list[int]  # class ids, 56–65
    huge_classes: list[int]  # class ids, 66+
    seats_by_stage: dict[str, tuple[int, int]]  # stage → (approved, enrolled)
    hours_histogram: list[tuple[str, int]]
    education_by_stage: dict[str, dict[str, int]] = field(default_factory=dict)


# ---------------------------------------------------------------- checks of decoded JSON values

def _typed(kind: type | tuple[type, ...], optional: bool = False) -> Callable[[Any], Any]:
    def check(v: Any) -> Any:
        if (v is None and optional) or (isinstance(v, kind) and not (isinstance(v, bool) and kind is not bool)):
            return v
        raise TypeError(v)
    return check


STR, OPT_STR = _typed(str), _typed(str, True)
INT = _typed(int)
NUM = _typed((int, float), True)
OPT_BOOL = _typed(bool, True)


def day(v: Any) -> date:
    return date.fromisoformat(STR(v))


def _counts(v: Any) -> dict[str, int]:
    if not isinstance(v, dict):
        raise TypeError(v)
    return {STR(k): INT(n) for k, n in v.items()}


def _ids(v: Any) -> list[int]:
    return [INT(i) for i in v]


def encode_overview(o: Overview) -> list[Any]:
    return [o.as_of.isoformat(), o.active_staff, o.staff_by_category, o.teachers_by_stage, o.certs_overdue,
            o.certs_due_soon, o.behind_on_hours, o.hours_due, o.large_classes, o.huge_classes,
            {s: list(v) for s, v in o.seats_by_stage.items()}, [list(b) for b in o.hours_histogram],
            o.education_by_stage]


def decode_overview(raw: Any) -> Overview:
    """Checks every field (ValueError, KeyError, TypeError or IndexError on anything else)."""
    (as_of, active, by_category, by_stage, overdue, soon, behind, hours_due, large, huge, seats, histogram,
     education) = raw
    if not isinstance(seats, dict) or not isinstance(education, dict):
        raise TypeError(raw)
    return Overview(
        as_of=day(as_of), active_staff=INT(active), staff_by_category=_counts(by_category),
        teachers_by_stage=_counts(by_stage), certs_overdue=_ids(overdue), certs_due_soon=_ids(soon),
        behind_on_hours=_ids(behind), hours_due=float(NUM(hours_due)), large_classes=_ids(large),
        huge_classes=_ids(huge), seats_by_stage={STR(s): (INT(a), INT(e)) for s, (a, e) in seats.items()},
        hours_histogram=[(STR(label), INT(n)) for label, n in histogram],
        education_by_stage={STR(s): _counts(c) for s, c in education.items()})
