"""The national statistics workbook (教基 series): written in the national layout and read back.

One sheet per form, named ``教基NNNN_学校类型``: the title, the unit lines at the left and
the header block (表号, 制表机关, 批准机关, 批准文号, 有效期至) at the right, the column
names, the code row (甲, 乙, 1, 2 …), one row per row code (01, 02 …) with plain values
(no formulas) and the 说明 lines under the table. ``read_workbook`` finds the code row
(甲, 乙) on each sheet, so a school's own export or a hand-filled copy reads the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from desktop.domain.national.definition import HEADER_KEYS, FormDefinition

CodeCell = tuple[str, str]  # (row code, column code)
Value = int | str  # a count, or "-" for a cell that does not apply
HEADER_LABELS = {"表号": "表　　号"}
FIRST_BODY_ROW = 9  # title, 5 header lines, column names, code row
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class SheetData:
    """What one sheet prints: plain values, so this layer never sees a database."""

    name: str
    definition: FormDefinition
    grid: list[list[Value]]  # definition.rows × definition.columns
    unit_code: str
    unit_name: str
    school_type: str  # label, e.g. 九年一贯制学校
    census_date: date


def census_text(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def unit_lines(s: SheetData) -> list[str]:
    return [f"填报单位：{s.unit_name}", f"单位代码：{s.unit_code}", f"学校类型：{s.school_type}",
            f"统计时点：{census_text(s.census_date)}", f"计量单位：{s.definition.measure}"]


def header_lines(d: FormDefinition) -> list[str]:
    return [f"{HEADER_LABELS.get(k, k)}：{d.header.get(k, '')}" for k in HEADER_KEYS]


def note_lines(d: FormDefinition) -> list[str]:
    return [f"{i}. {t}" for i, t in enumerate(d.explanation_lines, start=1)]


def _write_sheet(wb: Workbook, s: SheetData) -> None:
    d = s.definition
    ws = wb.create_sheet(s.name)
    ncols = 2 + len(d.columns)
    ws.cell(1, 1, d.title).font = Font(size=14, bold=True)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    right = max(3, ncols - 3)
    for i, (left, head) in enumerate(zip(unit_lines(s), header_lines(d), strict=True), start=2):
        ws.cell(i, 1, left)
        ws.cell(i, right, head)
    names = [d.label_header, d.code_header, *(c.name for c in d.columns)]
    codes = ["甲", "乙", *(c.code for c in d.columns)]
    for j, (name, code) in enumerate(zip(names, codes, strict=True), start=1):
        for r, text in ((FIRST_BODY_ROW - 2, name), (FIRST_BODY_ROW - 1, code)):
            cell = ws.cell(r, j, text)
            cell.border = _BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, (row, values) in enumerate(zip(d.rows, s.grid, strict=True)):
        r = FIRST_BODY_ROW + i
        ws.cell(r, 1, row.name).border = _BOX
        code = ws.cell(r, 2, row.code)  # text: 01 stays 01
        code.border = _BOX
        code.alignment = Alignment(horizontal="center")
        for j, v in enumerate(values, start=3):
            cell = ws.cell(r, j, v)
            cell.border = _BOX
            cell.alignment = Alignment(horizontal="center" if v == "-" else "right")
    r = FIRST_BODY_ROW + len(d.rows) + 1
    ws.cell(r, 1, "说明：")
    for k, line in enumerate(note_lines(d), start=1):
        ws.cell(r + k, 1, line)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 6
    for j in range(3, ncols + 1):
        ws.column_dimensions[get_column_letter(j)].width = max(7, 2 * len(names[j - 1]) + 1)
    ws.row_dimensions[FIRST_BODY_ROW - 2].height = 42
    ws.freeze_panes = ws.cell(FIRST_BODY_ROW, 3)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write_workbook(sheets: list[SheetData], path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for s in sheets:
        _write_sheet(wb, s)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    wb.save(tmp)
    tmp.replace(path)


@dataclass
class ReadSheet:
    name: str
    unit_code: str
    columns: list[str]
    cells: dict[CodeCell, Value | None] = field(default_factory=dict)  # None: blank
    row_names: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _value(v: object) -> Value | ValueError | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool):
        return ValueError()
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return int(v) if v.is_integer() else ValueError()
    text = str(v).strip()
    if text in ("-", "—", "－", "——"):
        return "-"
    return int(text) if text.isdigit() else ValueError()


def read_workbook(path: Path) -> list[ReadSheet]:
    """Every sheet with a code row (甲, 乙, 1, 2 …) and its coded cells; other sheets are left out."""
    wb = load_workbook(path, read_only=True, data_only=True)
    out: list[ReadSheet] = []
    try:
        for ws in wb.worksheets:
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            code_row = next((i for i, r in enumerate(rows) if len(r) >= 2 and _text(r[0]) == "甲"
                             and _text(r[1]) == "乙"), None)
            if code_row is None:
                continue
            unit = ""
            for r in rows[:code_row]:
                for v in r:
                    t = _text(v)
                    if t.startswith("单位代码："):
                        unit = t.split("：", 1)[1].strip()
            cols = [_text(v) for v in rows[code_row][2:]]
            sheet = ReadSheet(ws.title, unit, [c for c in cols if c])
            for excel_row, r in enumerate(rows[code_row + 1:], start=code_row + 2):
                code = _text(r[1]) if len(r) > 1 else ""
                if not code:
                    break
                code = code.zfill(2)
                sheet.row_names[code] = _text(r[0])
                for j, col in enumerate(cols):
                    if not col:
                        continue
                    raw = r[2 + j] if 2 + j < len(r) else None
                    val = _value(raw)
                    if isinstance(val, ValueError):
                        sheet.problems.append(f"{ws.title} {get_column_letter(3 + j)}{excel_row}（第 {code} 行第 {col} 栏）"
                                              f"的“{_text(raw)}”不是人数，按空白处理；请改成整数。")
                        val = None
                    sheet.cells[(code, col)] = val
            out.append(sheet)
    finally:
        wb.close()
    return out
