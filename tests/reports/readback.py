"""Read exported returns back as a person's tools would: openpyxl, python-calamine, PDFium (``tests.pdfread``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from python_calamine import CalamineWorkbook

from tests.pdfread import pdf_fonts, pdf_pages, pdf_text

__all__ = ["calamine_tables", "openpyxl_tables", "pdf_fonts", "pdf_pages", "pdf_text", "sheet"]


def _label(v: Any) -> str:
    return str(v or "").replace("　", "").strip()


def _key(r: Any) -> str:
    code = r[1] if len(r) > 1 else ""
    if isinstance(code, float) and code.is_integer():
        code = int(code)
    return f"{_label(r[0])}#{code if code is not None else ''}"


def openpyxl_tables(path: Path) -> dict[str, dict[str, list[Any]]]:
    """sheet title → {"label#code" (甲#乙) → data values (from column 3)} for every sheet."""
    wb = openpyxl.load_workbook(path)
    out: dict[str, dict[str, list[Any]]] = {}
    for ws in wb.worksheets:
        out[ws.title] = {_key(r): list(r[2:]) for r in ws.iter_rows(values_only=True) if r and r[0]}
    return out


def calamine_tables(path: Path) -> dict[str, dict[str, list[Any]]]:
    wb = CalamineWorkbook.from_path(str(path))
    out: dict[str, dict[str, list[Any]]] = {}
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python()
        out[name] = {_key(r): list(r[2:]) for r in rows if r and r[0] not in ("", None)}
    return out


def sheet(tables: dict[str, dict[str, list[Any]]], table_no: str) -> dict[str, list[Any]]:
    for title, rows in tables.items():
        if title.startswith(table_no):
            return rows
    raise AssertionError(f"no sheet for {table_no}: {list(tables)}")
