"""From a grid and a column mapping to parsed rows with their problems.

Each data row becomes a ``ParsedRow``: the clean values by field key, the
Excel row number and sheet name, and every problem as a Chinese sentence that
names the column (``C列“出生日期”：…``). Sheet-level observations — blank rows
in the middle, merged data cells, hidden sheets with data, footer rows that
were skipped — go to ``notices``. Nothing here knows the database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.exchange.fields import TOPIC_TABLE, FieldSpec
from desktop.exchange.headers import ColumnMapping
from desktop.exchange.normalise import (
    CellError,
    cell_text,
    is_blank,
    parse_bool,
    parse_code,
    parse_date,
    parse_id,
    parse_name,
    parse_number,
)
from desktop.exchange.sheets import Cell, Grid, column_letter

_FOOTER = re.compile(r"^(填表人|填报人|制表人|审核人|负责人|合计|总计|小计|说明|备注[:：]|注[:：])")
_TOPIC_SPLIT = re.compile(r"[;；,，、/\s]+")


@dataclass
class ParsedRow:
    sheet: str
    row: int  # Excel row number (1-based)
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)  # the row as text, for the error workbook


@dataclass
class Notice:
    """A sheet-level observation; ``row`` is an Excel row number or None."""

    sheet: str
    row: int | None
    message: str


def _merged_data_cells(grid: Grid, start: int) -> dict[tuple[int, int], str]:
    """Cells covered by (not the top-left of) a merged range in the data area."""
    covered: dict[tuple[int, int], str] = {}
    for r0, c0, r1, c1 in grid.merged:
        if r1 < start:
            continue
        ref = f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
        for r in range(max(r0, start), r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = ref
    return covered


def parse_value(spec: FieldSpec, value: Cell, *, date1904: bool) -> Any:
    """One cell to its field value; raises CellError with the reason."""
    p = spec.parser
    if p == "id":
        return parse_id(value)
    if p == "name":
        return parse_name(value)
    if p == "text":
        return cell_text(value)
    if p == "date":
        return parse_date(value, date1904=date1904)
    if p == "code":
        assert spec.table is not None
        return parse_code(value, spec.table, spec.label)
    if p == "int":
        return int(parse_number(value, spec.label, integer=True))
    if p == "float":
        return parse_number(value, spec.label)
    if p == "year":
        return int(parse_number(value, spec.label, integer=True))
    if p == "bool":
        return parse_bool(value, spec.label)
    if p == "topics":
        items = [t for t in _TOPIC_SPLIT.split(cell_text(value)) if t]
        return tuple(parse_code(t, TOPIC_TABLE, "专题") for t in items)
    raise ValueError(f"unknown parser {p!r}")


def parse_rows(
    grid: Grid,
    mapping: ColumnMapping,
    spec: Sequence[FieldSpec],
    *,
    defaults: Mapping[str, Any] | None = None,
) -> tuple[list[ParsedRow], list[Notice]]:
    """Every data row below the header, parsed; blank and footer rows become notices."""
    specs = {f.key: f for f in spec}
    columns = [(specs[c.field], c.column, c.header) for c in mapping.columns if c.field in specs]
    defaults = dict(defaults or {})
    covered = _merged_data_cells(grid, mapping.data_start)
    formula_gaps = grid.formulas_without_value
    notices: list[Notice] = []
    out: list[ParsedRow] = []
    pending_blank: list[int] = []
    width = len(mapping.columns)
    date1904 = grid.date1904
    for r in range(mapping.data_start, len(grid.rows)):
        raw = grid.rows[r]
        if all(is_blank(v) for v in raw) and not any((r, c) in formula_gaps for c in range(width)):
            pending_blank.append(r + 1)
            continue
        first = next((cell_text(v) for v in raw if not is_blank(v)), "")
        if _FOOTER.match(first):
            notices.append(Notice(grid.sheet, r + 1, f"第 {r + 1} 行“{first[:20]}”看起来是表尾说明，已跳过。"))
            continue
        if pending_blank and out:
            rows_text = "、".join(str(n) for n in pending_blank[:5]) + ("…" if len(pending_blank) > 5 else "")
            notices.append(Notice(grid.sheet, pending_blank[0],
                                  f"第 {rows_text} 行是空行，夹在数据中间，已跳过；请确认下面的数据属于这张表。"))
        pending_blank = []
        row = ParsedRow(grid.sheet, r + 1, {}, cells=[cell_text(v) for v in raw])
        for spec_f, c, header in columns:
            value: Cell = raw[c] if c < len(raw) else ""
            where = f"{column_letter(c)}列“{header}”"
            if (r, c) in formula_gaps:
                row.errors.append(f"{where}是公式，但文件里没有保存计算结果（可能由其他程序生成）。"
                                  "请在 Excel 中打开并保存一次，或把公式改为数值后再导入。")
                continue
            if is_blank(value):
                if (r, c) in covered:
                    row.errors.append(f"{where}处于合并单元格 {covered[(r, c)]} 中，只有合并区域的第一行有值。"
                                      "请取消合并，并在每一行填写后再导入。")
                    continue
                if spec_f.key in defaults:
                    row.values[spec_f.key] = defaults[spec_f.key]
                elif spec_f.required:
                    row.errors.append(f"{where}不能为空。")
                continue
            try:
                row.values[spec_f.key] = parse_value(spec_f, value, date1904=date1904)
            except CellError as exc:
                row.errors.append(f"{where}：{exc.message}")
        for key, value in defaults.items():
            row.values.setdefault(key, value)
        out.append(row)
    return out, notices
