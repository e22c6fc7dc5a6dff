"""Operations behind the import wizard and the 下载模板 button (run on the task worker)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from desktop.services.admin.database import Database
from desktop.services.imports import files as import_files
from desktop.services.imports import spreadsheet as imports
from desktop.services.imports.spreadsheet import ImportPreview, ImportResult, SheetSummary


def list_sheets(*, path: Path) -> list[SheetSummary]:
    return imports.list_sheets(path)


def preview(*, db: Database, kind: str, path: Path, unit_id: int, sheet: str | None, year: int | None,
            overrides: Mapping[int, str | None] | None = None,
            defaults: Mapping[str, str] | None = None) -> ImportPreview:
    """Read and check the file; with ``overrides`` the corrected mapping is also remembered.
    ``defaults`` are the clerk's answers for the batch (教职工类别 when the file has no such column)."""
    result = imports.preview_import(db, kind, path, unit_id=unit_id, sheet=sheet, year=year, overrides=overrides,
                                    defaults=defaults)
    if overrides is not None:
        imports.remember_mapping(db, result, overrides)
    return result


def commit(*, db: Database, preview: ImportPreview, accept_rows: Collection[int]) -> ImportResult:
    return imports.commit_import(db, preview, accept_rows=accept_rows, actor="gui")


def save_errors(*, preview: ImportPreview, path: Path) -> int:
    return import_files.save_error_workbook(preview, path)


def write_template(*, kind: str, path: Path) -> Path:
    return import_files.write_template(kind, path)
