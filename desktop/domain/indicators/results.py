"""What the engine returns: one result per indicator (and stage), with drill-down.

These frozen dataclasses are the public contract the returns and the GUI read.
``gap`` is always ``value − target`` (negative means short of a ``>=`` target,
positive means over a ``<=`` target); ``passed`` is None when there is no value
(nothing to measure) or no target in the chosen set.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DrillItem:  # a person, class or school behind a failure
    record_type: str  # staff | class | unit | credential
    record_id: int
    unit_id: int
    label: str
    detail: str


@dataclass(frozen=True)
class IndicatorResult:
    code: str
    name: str
    stage: str | None
    unit: str  # "%", "学时", "人", "个", "生/师"
    value: float | None
    target: float | None
    comparison: str | None  # ">=" or "<="
    gap: float | None
    passed: bool | None
    numerator: float | None
    denominator: float | None
    source: str  # document + paragraph of the target
    failures: tuple[DrillItem, ...]


@dataclass(frozen=True)
class IndicatorReport:
    unit_id: int
    period_id: int
    target_set_code: str
    results: tuple[IndicatorResult, ...]

    def get(self, code: str, stage: str | None = None) -> IndicatorResult | None:
        for r in self.results:
            if r.code == code and r.stage == stage:
                return r
        return None
