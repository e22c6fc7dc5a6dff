"""From a grid and a column mapping to parsed rows with their problems.

Each data row becomes a ``ParsedRow``: the clean values by field key, the
Excel row number and sheet name, and every problem as a Chinese sentence that
names the column (``C列“出生日期”：…``). Sheet-level observations — blank rows
in the middle, merged data cells, hidden rows and columns with data, footer
rows that were skipped — go to ``notices``. Nothing here knows the database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.domain.birth import YearMonth
from desktop.domain.codes import Post, StaffCategory
from desktop.exchange.fields import TOPIC_TABLE, FieldSpec
from desktop.exchange.headers import ColumnMapping
from desktop.exchange.normalise import (
    CellError,
    cell_text,
    is_blank,
    parse_bool,
    parse_code,
    parse_code_noted,
    parse_date,
    parse_id,
    parse_name,
    parse_number,
    parse_year_month,
    typed_text,
)
from desktop.exchange.safety import FileRefused
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
    raw: Sequence[Cell] = ()  # the row as read, for the error workbook
    failed: set[str] = field(default_factory=set)  # fields whose cell could not be read

    @property
    def cells(self) -> list[str]:
        return [cell_text(v) for v in self.raw]


@dataclass
class Notice:
    """A sheet-level observation; ``row`` is an Excel row number or None."""

    sheet: str
    row: int | None
    message: str


MAX_MERGED_CELLS = 200_000


def _merged_data_cells(grid: Grid, start: int) -> dict[tuple[int, int], str]:
    """Cells covered by (not the top-left of) a merged range in the data area."""
    covered: dict[tuple[int, int], str] = {}
    for r0, c0, r1, c1 in grid.merged:
        if r1 < start:
            continue
        if (r1 - max(r0, start) + 1) * (c1 - c0 + 1) + len(covered) > MAX_MERGED_CELLS:
            raise FileRefused(f"工作表“{grid.sheet}”的数据区有大片合并单元格，无法逐行导入。"
                              "请在 Excel 中全选后“取消合并单元格”，并在每一行填写后再导入。")
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
    if p == "free":
        return typed_text(value)
    if p == "date":
        return parse_date(value, date1904=date1904)
    if p == "birth":
        return parse_year_month(value, date1904=date1904)
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
    if p == "codes":  # several codes of one table (任教课程: 数学、科学), the first the main one
        assert spec.table is not None
        items = [t for t in _TOPIC_SPLIT.split(cell_text(value)) if t]
        return tuple(dict.fromkeys(parse_code(t, spec.table, spec.label) for t in items))
    if p == "topics":
        items = [t for t in _TOPIC_SPLIT.split(cell_text(value)) if t]
        return tuple(parse_code(t, TOPIC_TABLE, "专题") for t in items)
    raise ValueError(f"unknown parser {p!r}")


_MEMO_LIMIT = 50_000  # distinct values remembered per column
_MISS = object()
_BLANK = object()


class _Column:
    """One mapped column: its parser with a memo, since a column repeats few distinct values."""

    __slots__ = ("date1904", "index", "memo", "month_header", "spec", "synonyms", "where")

    def __init__(self, spec: FieldSpec, index: int, header: str, date1904: bool) -> None:
        self.spec, self.index, self.date1904 = spec, index, date1904
        self.where = f"{column_letter(index)}列“{header}”"
        self.memo: dict[tuple[type, Cell], Any] = {}
        self.synonyms: dict[str, str] = {}  # spelling in the sheet → standard value it was read as
        # A date cell under a 出生年月 heading is a year and month shown as a date.
        self.month_header = spec.parser == "birth" and "年月" in header

    def parse(self, value: Cell) -> Any:
        """The parsed value, or the ``CellError`` (returned, not raised), remembered."""
        try:
            found: Any
            if self.spec.parser == "code":
                assert self.spec.table is not None
                found, shown = parse_code_noted(value, self.spec.table, self.spec.label)
                if shown is not None:
                    self.synonyms[cell_text(value)] = shown
                if found == "":
                    found = _BLANK  # a spelling that means "no value" (骨干级别 “无”)
            else:
                found = parse_value(self.spec, value, date1904=self.date1904)
            if self.month_header and isinstance(found, date) and found.day == 1:
                found = YearMonth(found.year, found.month)
        except CellError as exc:
            found = exc
        if len(self.memo) >= _MEMO_LIMIT:
            self.memo.clear()
        self.memo[(type(value), value)] = found
        return found


_KG_POSTS = frozenset({Post.KG_NURSE.value, Post.KG_HEALTH.value})


def _post_in_category(columns: Sequence[_Column]) -> Callable[[Sequence[Cell]], str] | None:
    """For a roster whose 教职工类别 column names a 幼儿园 post (保育员, 卫生保健人员: read as 教辅人员),
    the post it names, so 教基4148 counts them in their column without a 岗位 column."""
    category = next((c.index for c in columns if c.spec.key == "category" and c.spec.table is StaffCategory), None)
    if category is None:
        return None
    memo: dict[str, str] = {}

    def post_of(raw: Sequence[Cell]) -> str:
        text = cell_text(raw[category]) if category < len(raw) else ""
        if text not in memo:
            try:
                code = parse_code(text, Post, "岗位") if text else ""
            except CellError:
                code = ""
            memo[text] = code if code in _KG_POSTS else ""
        return memo[text]
    return post_of


def _blank(raw: Sequence[Cell]) -> bool:
    return all(v == "" or v is None or (isinstance(v, str) and not v.strip()) for v in raw)


def parse_rows(
    grid: Grid,
    mapping: ColumnMapping,
    spec: Sequence[FieldSpec],
    *,
    defaults: Mapping[str, Any] | None = None,
) -> tuple[list[ParsedRow], list[Notice]]:
    """Every data row below the header, parsed; blank and footer rows become notices."""
    specs = {f.key: f for f in spec}
    columns = [_Column(specs[c.field], c.column, c.header, grid.date1904)
               for c in mapping.columns if c.field in specs]
    defaults = dict(defaults or {})
    covered = _merged_data_cells(grid, mapping.data_start)
    formula_gaps = grid.formulas_without_value
    special = covered.keys() | formula_gaps
    special_rows = {r for r, _c in special}
    notices: list[Notice] = []
    out: list[ParsedRow] = []
    pending_blank: list[int] = []
    sheet = grid.sheet
    plan = [(col, col.index, col.spec.key, col.spec.required, col.memo) for col in columns]
    kg_post = _post_in_category(columns)
    for r in range(mapping.data_start, len(grid.rows)):
        raw = grid.rows[r]
        lead = raw[0] if raw else ""
        # Fast path: a row whose first cell holds a number or text is neither blank
        # nor (unless the text says so) a footer; only the rest get the full checks.
        if isinstance(lead, str) and (not lead.strip() or _FOOTER.match(lead.strip())):
            if r not in special_rows and _blank(raw):
                pending_blank.append(r + 1)
                continue
            first = next((cell_text(v) for v in raw if not is_blank(v)), "")
            if _FOOTER.match(first):
                notices.append(Notice(sheet, r + 1, f"第 {r + 1} 行“{first[:20]}”看起来是表尾说明，已跳过。"))
                continue
        if pending_blank:
            if out:
                rows_text = "、".join(str(n) for n in pending_blank[:5]) + ("…" if len(pending_blank) > 5 else "")
                notices.append(Notice(sheet, pending_blank[0],
                                      f"第 {rows_text} 行是空行，夹在数据中间，已跳过；请确认下面的数据属于这张表。"))
            pending_blank = []
        values: dict[str, Any] = {}
        errors: list[str] = []
        failed: set[str] = set()
        width = len(raw)
        check_special = r in special_rows
        for col, c, key, required, memo in plan:
            value: Cell = raw[c] if c < width else ""
            if check_special and (r, c) in special:
                if (r, c) in formula_gaps:
                    failed.add(key)
                    errors.append(f"{col.where}是公式，但文件里没有保存计算结果（可能由其他程序生成）。"
                                  "请在 Excel 中打开并保存一次，或把公式改为数值后再导入。")
                    continue
                if is_blank(value):
                    failed.add(key)
                    errors.append(f"{col.where}处于合并单元格 {covered[(r, c)]} 中，只有合并区域的第一行有值。"
                                  "请取消合并，并在每一行填写后再导入。")
                    continue
            found = memo.get((type(value), value), _MISS)
            if found is _MISS:
                if value == "" or value is None or (isinstance(value, str) and not value.strip()):
                    found = _BLANK
                else:
                    found = col.parse(value)
            if found is _BLANK:
                if key in defaults:
                    values[key] = defaults[key]
                elif required:
                    failed.add(key)
                    errors.append(f"{col.where}不能为空。")
            elif type(found) is CellError:
                failed.add(key)
                errors.append(f"{col.where}：{found.message}")
            else:
                values[key] = found
        if kg_post is not None and values.get("post", Post.NONE.value) == Post.NONE.value:
            post = kg_post(raw)
            if post:
                values["post"] = post
        for key, default in defaults.items():
            values.setdefault(key, default)
        out.append(ParsedRow(sheet, r + 1, values, errors, [], raw, failed))
    if grid.hidden_rows or grid.hidden_cols:
        notices += _hidden_notices(grid, mapping, out)
    for col in columns:
        if col.synonyms:
            pairs = "，".join(f"{typed} → {shown}" for typed, shown in sorted(col.synonyms.items()))
            notices.append(Notice(sheet, None, f"{col.where}按常见写法换算：{pairs}。"))
    notices += unmapped_notices(grid, mapping, out)
    return out, notices


def unmapped_notices(grid: Grid, mapping: ColumnMapping, parsed: Sequence[ParsedRow]) -> list[Notice]:
    """Every column that holds data in the data rows but fills no field: never dropped silently."""
    notices: list[Notice] = []
    for c in mapping.columns:
        if c.field is not None or c.column in grid.hidden_cols:
            continue  # hidden columns have their own notice
        sample = next((cell_text(p.raw[c.column]) for p in parsed
                       if c.column < len(p.raw) and not is_blank(p.raw[c.column])), None)
        if sample is None:
            continue
        name = f"{c.letter}列" + (f"“{c.header}”" if c.header else "（无列名）")
        notices.append(Notice(grid.sheet, None, f"{name}有数据（如“{sample[:20]}”），但没有对应任何字段，本次不导入。"
                              "如需导入，请在列映射中为它选择字段（命令行用 --map 列名=字段）。"))
    return notices


def _numbers(rows: Sequence[int]) -> str:
    return "、".join(str(n) for n in rows[:10]) + (f" 等 {len(rows)} " if len(rows) > 10 else " ")


def _hidden_notices(grid: Grid, mapping: ColumnMapping, parsed: list[ParsedRow]) -> list[Notice]:
    """Hidden rows and columns that hold data (R10): imported like any other cell, but said so,
    because a clerk who hid or filtered them out may not mean them to be imported."""
    notices: list[Notice] = []
    hidden = [p for p in parsed if p.row - 1 in grid.hidden_rows]
    for p in hidden:
        p.warnings.append("这一行在 Excel 中被隐藏（或被筛选掉）；如不应导入，请取消勾选。")
    if hidden:
        notices.append(Notice(grid.sheet, hidden[0].row,
                              f"第 {_numbers([p.row for p in hidden])}行在 Excel 中被隐藏（或被筛选掉）但有数据，"
                              "预览中照常列出；不需要导入的请取消勾选。"))
    fields = {c.column: c for c in mapping.columns}
    for c in sorted(grid.hidden_cols):
        if not any(c < len(row) and not is_blank(row[c]) for row in grid.rows[mapping.data_start:]):
            continue
        match = fields.get(c)
        name = f"{column_letter(c)}列" + (f"“{match.header}”" if match and match.header else "")
        if match is not None and match.field:
            notices.append(Notice(grid.sheet, None, f"{name}在 Excel 中被隐藏但有数据，已按列名导入；"
                                  "请在列映射中确认这一列确实要导入。"))
        else:
            notices.append(Notice(grid.sheet, None, f"{name}在 Excel 中被隐藏但有数据，没有对应任何字段，本次不导入；"
                                  "如需导入，请在 Excel 中取消隐藏，或在列映射中为它选择字段。"))
    return notices
