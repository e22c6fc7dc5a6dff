"""Check a filled return's printed sum relations (列关系 / 行关系).

The builders make every relation hold by construction (every person lands in
exactly one part, 未填 included; the parts are counted over the same people as
the total). A failure is therefore a fault in the program or in data written
past it, not something the clerk left empty: the finding names the row and the
columns, and says so. A return that fails still prints, as a draft watermarked
草稿（校验未通过） with the failures listed; only the package is refused.
"""

from __future__ import annotations

from desktop.domain.findings import Finding, error
from desktop.domain.numbers import amount
from desktop.reports.definition import Variant
from desktop.reports.model import ReturnData, group_name


def _num(v: object) -> float:
    return float(v) if isinstance(v, int | float) else 0.0


CAUSE = ("本表的合计与分项由程序按同一批记录统计，本应总是相等；出现不一致说明程序或数据库有误，"
         "请把这条信息告知技术支持。")


def _row_name(code: str, label: str) -> str:
    return f"第 {code} 行（{label.strip('　')}）" if code else f"“{label.strip('　')}”行"


def _col_name(variant: Variant, i: int) -> str:
    return f"第 {i + 1} 列（{'/'.join(variant.columns[i].header)}）"


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
                names = "、".join(f"第 {i + 1} 列" for i in idx)
                out.append(error(
                    f"{data.code}.{rel.target}",
                    f"《{title}》{_row_name(row.code, row.label)}：{_col_name(variant, t)}为 {amount(total, 2)}，"
                    f"但{names}之和为 {amount(parts, 2)}，相差 {amount(total - parts, 2)}。{CAUSE}",
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
                        f"《{title}》{_col_name(variant, i)}：{_row_name(trow.code, trow.label)}为 {amount(total, 2)}，"
                        f"但各{group_name(rrel.parts)}行之和为 {amount(parts, 2)}，相差 {amount(total - parts, 2)}。{CAUSE}",
                        "return.row_relation",
                    ))
    return out
