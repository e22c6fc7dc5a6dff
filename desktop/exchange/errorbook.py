"""The error workbook: rows that could not be imported, with the reason beside them.

The clerk fixes the rows in Excel and imports the file again, so the sheet
keeps the original header texts (the importer recognises them) and adds the
source row number and the reason at the right. Every cell is written as text:
nothing a clerk typed can turn into a live formula (reliability-notes §4.3),
and ID numbers keep every digit.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
REASON_HEADER = "错误原因"
ROW_HEADER = "原行号"


def safe_text(value: str) -> str:
    """Text that a spreadsheet will never read as a formula; control characters dropped."""
    text = "".join(ch for ch in value if ch >= " " or ch in "\t\n")
    return "'" + text if text.startswith(_TRIGGERS) else text


def _text_cell(cell: Cell, value: str) -> None:
    cell.value = safe_text(value)
    cell.data_type = "s"
    cell.number_format = "@"


def write_error_workbook(
    path: Path, headers: Sequence[str], rows: Sequence[tuple[str, int, Sequence[str], str]]
) -> None:
    """``rows``: (sheet, Excel row, cells as text, reason)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "待修改"
    bold = Font(bold=True)
    header = [h.split("/")[-1] for h in headers] + [ROW_HEADER, REASON_HEADER]
    for c, text in enumerate(header, start=1):
        cell = ws.cell(row=1, column=c)
        _text_cell(cell, text)
        cell.font = bold
    red = PatternFill("solid", fgColor="FFF2CC")
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, (sheet, row, cells, reasons) in enumerate(rows, start=2):
        for c in range(len(headers)):
            _text_cell(ws.cell(row=r, column=c + 1), cells[c] if c < len(cells) else "")
        _text_cell(ws.cell(row=r, column=len(headers) + 1), f"{sheet} 第 {row} 行")
        reason = ws.cell(row=r, column=len(headers) + 2)
        _text_cell(reason, reasons)
        reason.fill = red
        reason.alignment = wrap
    ws.column_dimensions["A"].width = 12
    from openpyxl.utils import get_column_letter

    for c in range(1, len(header) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 60 if c == len(header) else 16
    ws.freeze_panes = "A2"
    wb.save(path)
