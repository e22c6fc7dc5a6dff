"""Check a filled return's printed sum relations (列关系 / 行关系) before it is exported.

A broken relation means the data behind the return is incomplete (e.g. a teacher
without 学历 is counted in the total but in no 学历 column); the finding says
which row and column, and what to fill in.
"""

from __future__ import annotations

from desktop.domain.findings import Finding, error
from desktop.domain.numbers import amount
from desktop.reports.model import ReturnData


def _num(v: object) -> float:
    return float(v) if isinstance(v, int | float) else 0.0


def check_relations(data: ReturnData) -> list[Finding]:
    variant = data.variant
    title = data.definition.title
    out: list[Finding] = []
    for rel in variant.column_relations:
        t = variant.index(rel.target)
        idx = [variant.index(k) for k in rel.parts]
        tol = 0.05 * (len(idx) + 1)
        for row in data.rows:
            if row.values[t] is None:
                continue
            total = _num(row.values[t])
            parts = sum(_num(row.values[i]) for i in idx)
            if abs(total - parts) > tol:
                out.append(error(
                    f"{data.code}.{rel.target}",
                    f"《{title}》第 {row.code} 行（{row.label}）：第 {t + 1} 列为 {amount(total, 2)}，"
                    f"但各分项之和为 {amount(parts, 2)}。请检查相关人员或班级的信息是否填写完整（如学历、职称未填）。",
                    "return.column_relation",
                ))
    for rrel in variant.row_relations:
        totals = [r for r in data.rows if r.group == rrel.total]
        parts_rows = [r for r in data.rows if r.group == rrel.parts]
        if not parts_rows:
            continue
        for trow in totals:
            for i, col in enumerate(variant.columns):
                if not (col.numeric and col.summable) or trow.values[i] is None:
                    continue
                total = _num(trow.values[i])
                parts = sum(_num(r.values[i]) for r in parts_rows)
                if abs(total - parts) > 0.05 * (len(parts_rows) + 1):
                    out.append(error(
                        f"{data.code}.{col.key}",
                        f"《{title}》第 {i + 1} 列（{'/'.join(col.header)}）：合计行为 {amount(total, 2)}，"
                        f"但各行之和为 {amount(parts, 2)}。请重新生成报表；如仍不一致，请联系技术支持。",
                        "return.row_relation",
                    ))
    return out
