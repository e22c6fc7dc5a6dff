"""The file an import reads: opened with its limits checked, its sheets listed, hidden
sheets with data and our own templates of another kind noticed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.exchange.fields import KIND_LABELS
from desktop.exchange.rows import Notice
from desktop.exchange.safety import FileRefused
from desktop.exchange.sheets import Workbook, open_workbook
from desktop.exchange.templates import LIST_SHEET, META_SHEET, TEMPLATE_VERSION, template_kind
from desktop.services.core.errors import ServiceError


@dataclass(frozen=True)
class SheetSummary:
    name: str
    visible: bool
    rows: int


def open_file(path: Path) -> Workbook:
    try:
        return open_workbook(path)
    except FileRefused as exc:
        raise ServiceError(exc.message) from exc


def sheet_notices(book: Workbook, chosen: str) -> tuple[list[SheetSummary], list[Notice]]:
    summaries: list[SheetSummary] = []
    notices: list[Notice] = []
    for s in book.sheets:
        rows = book.sheet_height(s.name)
        summaries.append(SheetSummary(s.name, s.visible, rows))
        if s.name in (META_SHEET, LIST_SHEET, "填写说明"):
            continue
        if not s.visible and rows and book.sheet_height(s.name, exact=True):
            notices.append(Notice(s.name, None, f"隐藏的工作表“{s.name}”里有 {rows} 行数据，本次没有导入。"
                                  "如果这些数据也需要导入，请在 Excel 中取消隐藏并核对后单独导入。"))
        elif s.visible and rows and s.name != chosen and book.info.kind != "csv":
            notices.append(Notice(s.name, None, f"工作表“{s.name}”也有数据，本次只导入“{chosen}”。"))
    notices += [Notice(chosen, None, text) for text in book.outside_references()]
    return summaries, notices


def list_sheets(path: str | Path) -> list[SheetSummary]:
    """The sheets of a file, for the wizard's 'choose sheet' step (the file is checked first)."""
    book = open_file(Path(path))
    return [SheetSummary(s.name, s.visible, book.sheet_height(s.name)) for s in book.sheets
            if s.name not in (META_SHEET, LIST_SHEET)]


def check_template_kind(book: Workbook, kind: str) -> list[Notice]:
    """Refuse our template of another kind; note one of an older version."""
    if META_SHEET not in book.sheet_names:
        return []
    found = template_kind(book.read(META_SHEET).rows)
    if found is None:
        return []
    if found[0] != kind and found[0] in KIND_LABELS:
        raise ServiceError(f"这是“{KIND_LABELS[found[0]]}”的导入模板，不能作为{KIND_LABELS[kind]}导入。"
                           f"请选择“导入{KIND_LABELS[found[0]]}”，或下载{KIND_LABELS[kind]}模板。")
    if found[1] != TEMPLATE_VERSION:
        return [Notice(META_SHEET, None, f"这是第 {found[1]} 版导入模板，当前是第 {TEMPLATE_VERSION} 版。"
                       "本次仍按列名导入；下次请下载新模板填写。")]
    return []
