"""Excel renderer (openpyxl, write-only): one sheet per return, laid out as a statistical form.

Write-only mode streams rows, so the 8,000-row roster costs about what raw
openpyxl costs; styles are a handful of named styles shared by every cell.
Every text cell goes through ``safe.neutralise``: no export contains a formula.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.header_footer import HeaderFooter

from desktop.domain.numbers import amount
from desktop.reports.formats import ReturnFormat, register
from desktop.reports.layout import column_codes, column_widths, header_boxes
from desktop.reports.model import ReturnData, format_value, relation_text
from desktop.reports.safe import clean, header_footer_text, neutralise
from desktop.reports.text import (
    DRAFT_MARK,
    EMPTY,
    draft_lines,
    explanation_rows,
    footer_line,
    marker_lines,
    unit_lines,
)
from desktop.reports.yoy import MARK as YOY_MARK

FONT = "宋体"
_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_HDR_FILL = PatternFill("solid", fgColor="F2F2F2")
_MARK_FILL = PatternFill("solid", fgColor="FFE699")  # a year-over-year change beyond the band


def _styles() -> list[NamedStyle]:
    def ns(name: str, *, size: float = 10, bold: bool = False, h: str = "left", wrap: bool = False,
           border: bool = False, fmt: str = "General", fill: PatternFill | None = None) -> NamedStyle:
        s = NamedStyle(name=name)
        s.font = Font(name=FONT, size=size, bold=bold)
        s.alignment = Alignment(horizontal=h, vertical="center", wrap_text=wrap)
        if border:
            s.border = _BORDER
        s.number_format = fmt
        if fill is not None:
            s.fill = fill
        return s

    return [
        ns("er_title", size=16, bold=True, h="center", wrap=True),
        ns("er_sub", size=10, h="center"),
        ns("er_info", size=10),
        ns("er_info_r", size=10),
        ns("er_hdr", bold=True, h="center", wrap=True, border=True, fill=_HDR_FILL),
        ns("er_code", size=9, h="center", border=True, fill=_HDR_FILL),
        ns("er_text", border=True),
        ns("er_text_wrap", border=True, wrap=True),
        ns("er_text_c", h="center", border=True, fmt="@"),
        ns("er_id", h="center", border=True, fmt="@"),
        ns("er_int", h="right", border=True, fmt="0"),
        ns("er_dec", h="right", border=True, fmt="0.0"),
        ns("er_dec2", h="right", border=True, fmt="0.00"),
        ns("er_total", bold=True, border=True),
        ns("er_total_int", bold=True, h="right", border=True, fmt="0"),
        ns("er_total_dec", bold=True, h="right", border=True, fmt="0.0"),
        ns("er_note", size=9, wrap=True),
        ns("er_num", h="right", border=True),
        ns("er_mark", bold=True, h="right", border=True, fill=_MARK_FILL),
        ns("er_sign", size=10),
    ]


_VALUE_STYLE = {"int": "er_int", "dec1": "er_dec", "dec2": "er_dec2", "pct": "er_dec", "id": "er_id",
                "date": "er_text_c", "text": "er_text"}
_TOTAL_STYLE = {"int": "er_total_int", "dec1": "er_total_dec", "dec2": "er_total_dec", "pct": "er_total_dec"}


def sheet_title(data: ReturnData, used: set[str]) -> str:
    base = f"{data.header.get('表号', data.definition.table_no)} {data.definition.title}"
    base = clean(base)
    for bad in '[]:*?/\\':
        base = base.replace(bad, "-")
    name = base[:31]
    n = 2
    while name in used:
        suffix = f"({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


class _BodyCell(Cell):  # type: ignore[misc]
    """A pooled body cell whose style id is looked up once per style, not once per cell.

    openpyxl's ``style_id`` hashes the cell's style array into the workbook's style
    list for every cell written, and ``has_style`` scans the array: together a fifth
    of the roster's time. Body cells always carry a style, so both become constants.
    """

    __slots__ = ("_sid",)
    _sid: int
    has_style = True

    @property
    def style_id(self) -> int:
        return self._sid


_MAX_TEXT = 32767  # Excel's limit; openpyxl truncates to it too


def _cells_to_row(cells: list[Cell | None], row_idx: int) -> Iterator[Cell]:
    for col_idx, cell in enumerate(cells, 1):
        if cell is not None:
            cell.column, cell.row = col_idx, row_idx
            yield cell


class _Sheet:
    """Streams one return into a write-only sheet, keeping track of merges and row numbers."""

    def __init__(self, ws: Any, ncols: int) -> None:
        self.ws, self.ncols, self.row = ws, ncols, 0
        # Body rows reuse one cell per column: write-only mode serialises a row as soon as it
        # is appended, so the same objects can carry the next row (as raw openpyxl does).
        self._pool: list[Any] = [_BodyCell(ws, row=1, column=1) for _ in range(ncols)]
        self._styles: dict[str, Any] = {}
        self._style_ids: dict[str, int] = {}
        # openpyxl first tries ``cell.value = <Cell>`` for every appended Cell and builds an
        # error message (with repr) before falling back: half the cost of a styled row. We only
        # ever append Cells or None, so hand them straight to the writer (openpyxl < 4).
        ws._values_to_row = _cells_to_row

    def style_array(self, name: str) -> Any:
        array = self._styles.get(name)
        if array is None:
            probe = WriteOnlyCell(self.ws)
            probe.style = name
            array = self._styles[name] = probe._style
        return array

    def style_id(self, name: str) -> int:
        sid = self._style_ids.get(name)
        if sid is None:
            sid = self._style_ids[name] = self.ws.parent._cell_styles.add(self.style_array(name))
        return sid

    def body_row(self, values: list[Any], styles: list[str]) -> int:
        cells = self._pool
        for cell, value, style in zip(cells, values, styles, strict=True):
            kind = value.__class__
            # The common types are bound directly: text is neutralised here (so it can never
            # be a formula or an error code) and numbers need no type sniffing.
            if kind is str:
                cell._value, cell.data_type = neutralise(value)[:_MAX_TEXT], "s"
            elif kind is int or kind is float or value is None:
                cell._value, cell.data_type = value, "n"
            else:
                cell.value = value
            cell._sid = self.style_id(style)
        return self.append(cells)

    def cell(self, value: Any, style: str) -> Cell:
        if isinstance(value, str):
            value = neutralise(value)
        c = WriteOnlyCell(self.ws, value=value)
        c.style = style
        return c

    def append(self, cells: list[Cell | None]) -> int:
        self.ws.append(cells)
        self.row += 1
        return self.row

    def merge(self, r0: int, c0: int, r1: int, c1: int) -> None:
        if (r0, c0) != (r1, c1):
            self.ws.merged_cells.add(f"{get_column_letter(c0)}{r0}:{get_column_letter(c1)}{r1}")

    def line(self, text: str, style: str, *, c0: int = 1, c1: int | None = None) -> int:
        c1 = c1 or self.ncols
        row: list[Cell | None] = [None] * (c0 - 1) + [self.cell(text, style)]
        r = self.append(row)
        self.merge(r, c0, r, c1)
        return r

    def split_line(self, left: str, right: str, split: int) -> None:
        r = self.append([self.cell(left, "er_info"), *([None] * (split - 2)), self.cell(right, "er_info_r")])
        self.merge(r, 1, r, split - 1)
        self.merge(r, split, r, self.ncols)


def _write_return(wb: Workbook, data: ReturnData, title: str) -> None:
    ws = wb.create_sheet(title)
    variant = data.variant
    widths = column_widths(variant)
    ncols = len(widths)
    depth = variant.header_depth
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w * 1.15 + 1
    left, right = unit_lines(data), marker_lines(data)
    block = max(len(left), len(right))
    draft = draft_lines(data)
    hdr_first = 3 + len(draft) + block
    ws.row_dimensions[1].height = 30
    for r in range(hdr_first, hdr_first + depth):
        ws.row_dimensions[r].height = 30 if depth > 1 else 36
    code_row_no = hdr_first + depth
    # Sheet properties and the sheet view are streamed before the first row: set them now.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.freeze_panes = f"{get_column_letter(3 if variant.freeze_label else 1)}{code_row_no + 1}"
    text_style = "er_text"
    if variant.row_lines > 1:  # long texts wrap; row heights must be known before streaming
        text_style = "er_text_wrap"
        for r in range(code_row_no + 1, code_row_no + 1 + len(data.rows)):
            ws.row_dimensions[r].height = 13 * variant.row_lines
    sheet = _Sheet(ws, ncols)
    sheet.line(data.definition.title, "er_title")
    sheet.line(f"（{data.time_label}）", "er_sub")
    for line in draft:  # a draft says so, and why, above the table
        sheet.line(line, "er_note")
    split = max(3, ncols - max(4, ncols // 3) + 1)
    for i in range(block):
        sheet.split_line(left[i] if i < len(left) else "", right[i] if i < len(right) else "", split)
    # Header block: every position gets a bordered cell so merged areas keep their frame.
    grid: list[list[Cell | None]] = [[sheet.cell(None, "er_hdr") for _ in range(ncols)] for _ in range(depth)]
    boxes = header_boxes(variant)
    for b in boxes:
        grid[b.row0][b.col0] = sheet.cell(b.text, "er_hdr")
    for r in range(depth):
        sheet.append(grid[r])
    for b in boxes:
        sheet.merge(hdr_first + b.row0, b.col0 + 1, hdr_first + b.row1, b.col1 + 1)
    code_row = sheet.append([sheet.cell(t, "er_code") for t in column_codes(variant)])
    types = [c.type for c in variant.columns]
    body_styles = ["er_text", "er_text_c", *(text_style if _VALUE_STYLE[t] == "er_text" else _VALUE_STYLE[t]
                                              for t in types)]
    total_styles = ["er_total", "er_text_c", *(_TOTAL_STYLE.get(t, "er_total") for t in types)]
    columns = variant.columns
    for row in data.rows:
        styles = total_styles if row.group == "total" else body_styles
        values: list[Any] = [("　" * row.indent) + row.label, row.code, *row.values]
        styles = list(styles)
        for i, (col, v) in enumerate(zip(columns, row.values, strict=True), start=2):
            if v is None:
                values[i], styles[i] = EMPTY, "er_text_c"
            elif col.numeric and isinstance(v, str):  # 未填 in a number column
                styles[i] = "er_text_c"
            elif col.numeric and not isinstance(v, bool):
                # The cell holds exactly the number the PDF prints (half-up), so Excel's own
                # display rounding cannot make the two disagree; counts get the integer style.
                text = format_value(col, v)
                assert text is not None
                values[i] = int(text) if "." not in text else float(text)
                if isinstance(values[i], int) and col.type != "int":
                    styles[i] = "er_total_int" if row.group == "total" else "er_int"
        sheet.body_row(values, styles)
    notes = [n for n in (data.definition.notes, relation_text(variant)) if n]
    if notes:
        sheet.line("说明：" + "；".join(n.rstrip("。；") for n in notes) + "。", "er_note")
    if data.yoy:
        _write_yoy(sheet, data)
    if data.explanations:
        sheet.line(f"填写说明：共 {len(data.explanations)} 条，见“填写说明”工作表。", "er_note")
    sheet.append([])
    sheet.line(footer_line(data), "er_sign")
    sheet.line("（单位盖章）", "er_sign", c0=max(1, ncols - 3))
    sheet.line(f"数据指纹：{data.short_fingerprint}　（SHA-256：{data.fingerprint}）", "er_note")
    assert code_row == code_row_no
    ws.print_title_rows = f"{hdr_first}:{code_row}"
    hf = HeaderFooter()
    hf.oddHeader.left.text = header_footer_text(f"{data.unit_name}（{data.unit_code}）")
    hf.oddHeader.right.text = header_footer_text(data.header.get("表号", ""))
    hf.oddFooter.left.text = f"数据指纹 {data.short_fingerprint}"
    hf.oddFooter.center.text = "第 &P 页 共 &N 页"
    if data.is_draft:
        hf.oddHeader.center.text = header_footer_text(DRAFT_MARK)
    ws.HeaderFooter = hf


def _write_yoy(sheet: _Sheet, data: ReturnData) -> None:
    """上年、本年、增减（%） under the table; a change beyond the band is filled and marked ※."""
    spec = data.definition.year_over_year
    band = amount(spec.band, 1) if spec else ""
    sheet.line(f"与上年比较（{data.school_year - 1}学年→{data.school_year}学年；{YOY_MARK} 表示增减超过 ±{band}%）",
               "er_note")
    wide = max(1, sheet.ncols - 4)
    r = sheet.append([sheet.cell("项目", "er_hdr"), *([None] * (wide - 1)),
                      *(sheet.cell(t, "er_hdr") for t in ("上年", "本年", "增减（%）", "标记"))])
    sheet.merge(r, 1, r, wide)
    for line in data.yoy:
        label, *_ = line.cells
        style = "er_mark" if line.beyond else "er_num"
        change: Any = line.change if line.change is not None else line.cells[3]
        r = sheet.append([sheet.cell(label, "er_text"), *([None] * (wide - 1)),
                          sheet.cell(line.last if line.last is not None else "无上年数据", "er_num"),
                          sheet.cell(line.now, "er_num"), sheet.cell(change, style),
                          sheet.cell(YOY_MARK if line.beyond else "", style)])
        sheet.merge(r, 1, r, wide)


def _write_explanations(wb: Workbook, data: ReturnData) -> None:
    ws = wb.create_sheet("填写说明")
    for col, w in zip("ABCD", (6, 16, 60, 30), strict=True):
        ws.column_dimensions[col].width = w
    sheet = _Sheet(ws, 4)
    sheet.line("填写说明", "er_title")
    sheet.line(f"{data.unit_name}　{data.school_year}学年", "er_sub")
    sheet.append([sheet.cell(t, "er_hdr") for t in ("序号", "检查项", "说明", "相关记录")])
    for cells in explanation_rows(data):
        sheet.append([sheet.cell(cells[0], "er_text_c"), sheet.cell(cells[1], "er_text"),
                      sheet.cell(cells[2], "er_text"), sheet.cell(cells[3], "er_text")])
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9


def write_workbook(returns: Sequence[ReturnData], path: Path) -> None:
    wb = Workbook(write_only=True)
    for s in _styles():
        wb.add_named_style(s)
    used: set[str] = set()
    for data in returns:
        _write_return(wb, data, sheet_title(data, used))
    if returns and returns[0].explanations:
        _write_explanations(wb, returns[0])
    wb.save(path)


@register
class XlsxFormat(ReturnFormat):
    name = "xlsx"
    label = "Excel 工作簿 (*.xlsx)"
    suffix = ".xlsx"

    def render(self, returns: Sequence[ReturnData], path: Path) -> None:
        write_workbook(returns, path)
