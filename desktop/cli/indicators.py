"""`edureturns-cli indicators`: the indicators of a unit against its target set, as a table or JSON."""

from __future__ import annotations

import argparse
import dataclasses
import json
import unicodedata
from typing import Any

from desktop.cli.common import (
    add_db_arguments,
    open_database,
    resolve_period,
    resolve_unit,
    run_safely,
)
from desktop.domain.codes import Stage
from desktop.domain.indicators import IndicatorResult
from desktop.domain.numbers import amount, fixed


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("indicators", help="计算指标并与指标方案的目标比较")
    add_db_arguments(p)
    p.add_argument("--unit", help="单位代码（默认：本单位；县、市为其下全部学校的汇总）")
    p.add_argument("--year", type=int, help="学年（默认：最新）")
    p.add_argument("--target-set", help="指标方案代码（默认：该单位本学年选定的方案）")
    p.add_argument("--json", action="store_true", help="输出 JSON（含每项未达标的人员、班级或学校）")
    p.add_argument("--details", type=int, default=0, metavar="N",
                   help="表格中每项未达标指标列出前 N 条明细")
    p.set_defaults(handler=run_safely(_indicators))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    space = " " * max(width - _width(text), 0)
    return space + text if right else text + space


def _num(x: float) -> str:
    """12 → '12', 1234.5 → '1234.5', 3249050.0 → '3249050' (never exponent notation)."""
    return amount(x, 2)


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "%":
        return f"{fixed(value, 2)}%"
    if unit == "生/师":
        return fixed(value, 2)
    return f"{_num(value)}{unit}"


def _mark(r: IndicatorResult) -> str:
    if r.value is None:
        return "无数据"
    if r.passed is None:
        return "—"
    return "达标" if r.passed else "未达标"


def _row(r: IndicatorResult) -> list[str]:
    target = f"{r.comparison}{format_value(r.target, r.unit)}" if r.target is not None else "—"
    gap = "—" if r.gap is None else (("+" if r.gap >= 0 else "") + fixed(r.gap, 2) if r.unit in ("%", "生/师") else ("+" if r.gap >= 0 else "") + _num(r.gap))
    if r.denominator is None:
        basis = ""
    elif r.numerator is None:
        basis = f"共{_num(r.denominator)}"
    else:
        basis = f"{_num(r.numerator)}/{_num(r.denominator)}"
    return [r.name, Stage.label_of(r.stage) or "", format_value(r.value, r.unit), target, gap, _mark(r), basis]


HEADERS = ["指标", "学段", "数值", "目标", "差距", "结果", "分子/分母"]


def render_table(results: tuple[IndicatorResult, ...], details: int = 0) -> str:
    rows = [_row(r) for r in results]
    widths = [max(_width(h), *(_width(row[i]) for row in rows)) if rows else _width(h) for i, h in enumerate(HEADERS)]
    right = {2, 3, 4, 6}
    lines = ["  ".join(_pad(h, widths[i], right=i in right) for i, h in enumerate(HEADERS)),
             "  ".join("-" * w for w in widths)]
    for r, row in zip(results, rows, strict=True):
        lines.append("  ".join(_pad(c, widths[i], right=i in right) for i, c in enumerate(row)).rstrip())
        if details and r.passed is False:
            for item in r.failures[:details]:
                lines.append(f"      · {item.label}：{item.detail}")
            if len(r.failures) > details:
                lines.append(f"      … 另有 {len(r.failures) - details} 条")
    return "\n".join(lines)


def report_json(unit: Any, period: Any, report: Any) -> dict[str, Any]:
    return {
        "unit": {"id": unit.id, "code": unit.code, "name": unit.name, "kind": unit.kind},
        "period": {"id": period.id, "school_year": period.school_year, "census_date": period.census_date.isoformat()},
        "target_set": report.target_set_code,
        "results": [dataclasses.asdict(r) for r in report.results],
    }


def _indicators(args: argparse.Namespace) -> int:
    from desktop.services.indicators.compute import compute_indicators
    from desktop.services.indicators.targets import get_target_set

    db = open_database(args)
    try:
        unit = resolve_unit(db, args.unit)
        period = resolve_period(db, args.year)
        report = compute_indicators(db, unit.id, period.id, target_set=args.target_set)
        spec = get_target_set(db, report.target_set_code)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(report_json(unit, period, report), ensure_ascii=False, indent=2))
        return 0
    failed = sum(1 for r in report.results if r.passed is False)
    passed = sum(1 for r in report.results if r.passed)
    print(f"{unit.name}（{unit.code}） {period.label}  统计时点 {period.census_date.isoformat()}")
    print(f"指标方案：{spec.name}（{spec.code}）  发布机关：{spec.issuer}")
    print(render_table(report.results, args.details))
    print(f"共 {len(report.results)} 项：达标 {passed} 项，未达标 {failed} 项，无目标或无数据 "
          f"{len(report.results) - passed - failed} 项。")
    return 0
