"""Run every indicator over one unit's input, in the order the returns print them."""

from __future__ import annotations

from collections.abc import Callable

from desktop.domain.indicators import certs, schools, staffing, training
from desktop.domain.indicators.common import Context
from desktop.domain.indicators.inputs import IndicatorInput
from desktop.domain.indicators.results import IndicatorResult
from desktop.domain.targetset import TargetSetSpec

STEPS: tuple[Callable[[Context], None], ...] = (
    staffing.education,
    staffing.principal_education,
    staffing.urban_rural_gap,
    certs.valid_for_stage,
    certs.registration,
    training.cycle_pace,
    training.it_hours,
    training.three_zone,
    training.county_high,
    training.researchers,
    staffing.temporary_ratio,
    staffing.backbone,
    staffing.senior_titles,
    staffing.rotation,
    schools.student_teacher,
    schools.class_sizes,
    schools.school_size,
    schools.seats,
    schools.seat_progress,
    schools.kindergarten_shares,
    schools.psychology_teachers,
    schools.resource_rooms,
)


def compute(inp: IndicatorInput, spec: TargetSetSpec) -> tuple[IndicatorResult, ...]:
    """Every indicator that has something to measure in ``inp``; each carries its target (if any)."""
    ctx = Context(inp, spec)
    for step in STEPS:
        step(ctx)
    return tuple(ctx.results)
