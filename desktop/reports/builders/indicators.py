"""教填-06 指标达成情况: one row per indicator result of the indicator engine.

The engine's report is computed by the service layer (``services.indicators``) and
handed in through ``ctx.extra["indicator_report"]``, so this module only lays it out.
"""

from __future__ import annotations

from typing import Any

from desktop.domain.codes import Stage
from desktop.domain.numbers import amount, rounded
from desktop.reports.builders.common import BuildContext, Built, row_values
from desktop.reports.model import Row, Value

_COMPARISON = {">=": "≥", "<=": "≤", ">": "＞", "<": "＜", "==": "＝", "=": "＝", "ge": "≥", "le": "≤"}


COUNT_UNITS = ("个", "人", "所", "名")  # indicators that count things print whole numbers


def _num_text(v: Any) -> str | None:
    if v is None:
        return None
    return amount(v, 1) if isinstance(v, int | float) else str(v)


def _dec(v: Any, unit: str = "") -> Value:
    if not isinstance(v, int | float) or isinstance(v, bool):
        return None
    if unit in COUNT_UNITS and float(v).is_integer():
        return int(v)  # a count: "2", not "2.00"
    return rounded(v, 2)


def _passed(v: Any) -> str:
    if v is None:
        return "—"
    return "达标" if v else "未达标"


def result_values(r: Any) -> dict[str, Value]:
    stage = getattr(r, "stage", None)
    unit = str(getattr(r, "unit", "") or "")
    return {
        "stage": Stage.label_of(str(stage)) if stage else "全部",
        "unit": str(getattr(r, "unit", "") or ""),
        "numerator": _num_text(getattr(r, "numerator", None)),
        "denominator": _num_text(getattr(r, "denominator", None)),
        "value": _dec(r.value, unit),
        "comparison": _COMPARISON.get(str(getattr(r, "comparison", "")), str(getattr(r, "comparison", "") or "")),
        "target": _dec(getattr(r, "target", None), unit),
        "gap": _dec(getattr(r, "gap", None), unit),
        "passed": _passed(getattr(r, "passed", None)),
        "failures": len(getattr(r, "failures", ()) or ()),
        "source": str(getattr(r, "source", "") or ""),
    }


def build(ctx: BuildContext) -> Built:
    report = ctx.extra.get("indicator_report")
    if report is None:
        return Built((), (("指标方案", "未选择"),))
    rows = [
        Row(f"{i:02d}", str(r.name), row_values(ctx.variant, result_values(r)))
        for i, r in enumerate(report.results, start=1)
    ]
    passed = sum(1 for r in report.results if getattr(r, "passed", None))
    judged = sum(1 for r in report.results if getattr(r, "passed", None) is not None)
    name = str(ctx.extra.get("target_set_name") or report.target_set_code)
    info = (("指标方案", name), ("达标指标", f"{passed}/{judged}"))
    return Built(tuple(rows), info)
