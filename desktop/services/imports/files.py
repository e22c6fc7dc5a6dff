"""Files the import writes for the clerk: the empty template of a kind and the rows to fix.

Both are written where the clerk chose; a file held open by Excel/WPS, or a folder
that does not allow writing, gives a Chinese sentence saying what to do instead.
"""

from __future__ import annotations

from pathlib import Path

from desktop.exchange.errorbook import write_error_workbook
from desktop.exchange.fields import KIND_LABELS
from desktop.exchange.templates import write_template as _write_template
from desktop.services.core.errors import ServiceError
from desktop.services.imports.plan import join_reasons
from desktop.services.imports.spreadsheet import ImportPreview


def save_error_workbook(preview: ImportPreview, path: str | Path) -> int:
    """Write the error rows, as read plus a reason column, to ``path``; returns the row count."""
    rows = preview.error_rows
    try:
        write_error_workbook(Path(path), preview.headers,
                             [(r.sheet, r.row, r.cells, join_reasons(r.errors)) for r in rows])
    except OSError as exc:
        raise ServiceError(_unwritable(Path(path), exc)) from exc
    return len(rows)


def write_template(kind: str, path: str | Path) -> Path:
    """The import template of ``kind`` (columns, dropdowns, instructions) written to ``path``."""
    if kind not in KIND_LABELS:
        raise ServiceError(f"没有“{kind}”的导入模板，可选：{'、'.join(KIND_LABELS)}。")
    try:
        return _write_template(kind, path)
    except OSError as exc:
        raise ServiceError(_unwritable(Path(path), exc)) from exc


def _unwritable(path: Path, exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return (f"无法写入“{path.name}”：文件正被 Excel/WPS 打开，或这个文件夹不允许写入。"
                "请先在 Excel 中关闭该文件，或换一个保存位置（如“文档”或桌面）后再试。")
    return f"无法写入“{path.name}”（{exc.strerror or exc}）。请换一个保存位置后再试。"
