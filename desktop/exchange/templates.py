"""Downloadable import templates (导入模板), one per import kind.

Each template has the data sheet with the expected headers (required ones
marked ``*``), dropdown lists (data validation) fed from the code tables on a
hidden list sheet, ID and certificate columns formatted as text so Excel keeps
every digit, an instruction sheet in Chinese, and a hidden ``_模板信息`` sheet
carrying the kind and template version so an import knows where the file came
from. Written with openpyxl (formatting and validation are needed here).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from desktop.exchange.fields import KIND_LABELS, FieldSpec, spec_for

TEMPLATE_VERSION = "1"
META_SHEET = "_模板信息"
LIST_SHEET = "_代码表"
DATA_ROWS = 2000  # rows that carry the dropdowns and text format

_PARSER_HINTS = {
    "date": "日期：可写 1985-03-01、1985.3.1、1985年3月；只有年月时按当月 1 日。",
    "birth": "日期：可写 1985-03-01 或只写年月 1985.03、1985年3月。",
    "bool": "填“是”或“否”。",
    "int": "整数。",
    "float": "数字，可有半学时（如 3.5）。",
    "year": "四位年份，如 2023。",
}


def _hint(f: FieldSpec) -> str:
    parts = [f.hint] if f.hint else []
    if f.table is not None and f.parser == "codes":  # several values: no single-choice list
        shown = "、".join(label for _, label in f.table.choices()[:8])
        parts.append(f"可填：{shown}…")
    elif f.table is not None:
        labels = [label for _, label in f.table.choices()]
        shown = "、".join(labels[:12]) + ("…" if len(labels) > 12 else "")
        parts.append(f"从下拉列表选择：{shown}。")
    elif f.parser in _PARSER_HINTS:
        parts.append(_PARSER_HINTS[f.parser])
    if f.synonyms:
        parts.append(f"也认得列名：{'、'.join(f.synonyms[:6])}。")
    return "".join(parts)


def write_template(kind: str, path: str | Path) -> Path:
    """Write the template for ``kind`` (roster | credentials | training | classes) to ``path``."""
    spec = spec_for(kind)
    title = KIND_LABELS[kind]
    wb = Workbook()
    data = wb.active
    assert data is not None
    data.title = title
    lists = wb.create_sheet(LIST_SHEET)
    lists.sheet_state = "hidden"
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    for c, f in enumerate(spec, start=1):
        letter = get_column_letter(c)
        cell = data.cell(row=1, column=c, value=("*" if f.required else "") + f.label)
        cell.font = Font(bold=True, color="C00000" if f.required else "000000")
        cell.fill = head_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        data.column_dimensions[letter].width = f.width
        if f.parser in ("id", "text", "free", "name"):
            # Text format on the whole column so 18-digit IDs are not rounded.
            for r in range(2, DATA_ROWS + 2):
                data.cell(row=r, column=c).number_format = "@"
        if f.table is not None and f.parser != "codes":
            labels = [label for _, label in f.table.choices()]
            for r, label in enumerate(labels, start=1):
                lists.cell(row=r, column=c, value=label)
            source = f"'{LIST_SHEET}'!${letter}$1:${letter}${len(labels)}"
            dv = DataValidation(type="list", formula1=f"={source}", allow_blank=True, showErrorMessage=True,
                                errorTitle="不在列表中", error=f"请从下拉列表中选择{f.label}。")
            dv.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
            data.add_data_validation(dv)
        elif f.parser in ("int", "float"):
            dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                showErrorMessage=True, error=f"{f.label}应为不小于 0 的数字。")
            dv.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
            data.add_data_validation(dv)
    data.freeze_panes = "A2"
    _instructions(wb, kind, spec)
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    for r, (k, v) in enumerate((("kind", kind), ("version", TEMPLATE_VERSION), ("app", "EduReturns")), start=1):
        meta.cell(row=r, column=1, value=k)
        meta.cell(row=r, column=2, value=v)
    out = Path(path)
    wb.save(out)
    return out


def _instructions(wb: Workbook, kind: str, spec: tuple[FieldSpec, ...]) -> None:
    ws = wb.create_sheet("填写说明")
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 8
    ws.column_dimensions["C"].width = 90
    lines = [
        f"{KIND_LABELS[kind]}导入模板（第 {TEMPLATE_VERSION} 版）填写说明",
        "1. 在第一个工作表中每行填写一条记录，不要修改第一行的列名，不要合并单元格，中间不要留空行。",
        "2. 带 * 的列必须填写；有下拉箭头的列请从列表中选择。",
        "3. 证件号码、证书编号列已设为文本格式，请直接输入或“选择性粘贴—数值”，不要改成数字格式。",
        "4. 导入前会先预览：新增哪些、更新哪些、哪些行有错误及原因；确认后才会写入。",
        "",
    ]
    for r, text in enumerate(lines, start=1):
        ws.cell(row=r, column=1, value=text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)  # one line across the sheet
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    r = len(lines) + 1
    for c, text in enumerate(("列名", "必填", "说明"), start=1):
        ws.cell(row=r, column=c, value=text).font = Font(bold=True)
    for f in spec:
        r += 1
        ws.cell(row=r, column=1, value=f.label)
        ws.cell(row=r, column=2, value="是" if f.required else "")
        ws.cell(row=r, column=3, value=_hint(f)).alignment = Alignment(wrap_text=True)


def template_kind(meta_rows: Sequence[Sequence[object]]) -> tuple[str, str] | None:
    """(kind, version) from the rows of a template's hidden info sheet, if it is one."""
    values = {str(r[0]): str(r[1]) for r in meta_rows if len(r) >= 2}
    if values.get("app") == "EduReturns" and "kind" in values:
        return values["kind"], values.get("version", "")
    return None
