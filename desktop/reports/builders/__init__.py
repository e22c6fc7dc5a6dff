"""Data builders: one function per ``builder`` name used in a return definition."""

from __future__ import annotations

from collections.abc import Callable

from desktop.reports.builders import (
    credentials,
    indicators,
    office,
    profile,
    roster,
    structure,
    training,
)
from desktop.reports.builders.common import BuildContext, Built

Builder = Callable[[BuildContext], Built]

BUILDERS: dict[str, Builder] = {
    "profile": profile.build,
    "roster": roster.build,
    "structure": structure.build,
    "credentials": credentials.build,
    "training": training.build,
    "indicators": indicators.build,
    "submissions": office.build_submissions,
    "seat_progress": office.build_seat_progress,
}

__all__ = ["BUILDERS", "BuildContext", "Builder", "Built"]
