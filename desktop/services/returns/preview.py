"""The PDF preview in parts: one return at a time, so the first pages show while the rest are written.

``export_returns_checked`` writes every chosen return into one PDF: for a county,
277 pages and several seconds before the preview could show anything. The 报表
page asks instead for part 0, shows it, asks for part 1, and so on
(``gui/controllers/reports_page``). Part *i* is the chosen return *i* as its own
PDF, exactly as it appears in the whole document (the same painter; drafts marked
the same way, return by return); the last part is the 填写说明 pages that close the
whole document, when there are any. The parts in order are the whole document's pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.data.engine import Database
from desktop.domain.findings import Finding
from desktop.reports.model import ReturnData
from desktop.services.core.errors import file_in_use_refused
from desktop.services.returns.build import build_returns, mark_drafts


@dataclass(frozen=True)
class PreviewPart:
    """One part of the preview: its file (None: nothing to show), failed relations, and whether it is the last."""

    index: int
    path: Path | None
    last: bool
    failed: list[Finding] = field(default_factory=list)
    first: ReturnData | None = None  # part 0's return, carried along: the 填写说明 part draws from it
    ahead: tuple[ReturnData, ...] = ()  # the next parts' returns, built already (hand them to the next call)


def warm_up() -> None:
    """Load the PDF writer and its font (a second or more on a slow machine) before 预览 is pressed."""
    from desktop.reports.pdf import register_font

    register_font()


def parts_count(codes: Sequence[str]) -> int:
    """The chosen returns, then the 填写说明 pages."""
    return len(codes) + 1


def preview_part(db: Database, unit_id: int, period_id: int, codes: Sequence[str], index: int, folder: Path,
                 target_set: str | None, first: ReturnData | None = None,
                 ahead: Sequence[ReturnData] = ()) -> PreviewPart:
    """Write part ``index`` of the preview of ``codes`` into ``folder``.

    Part 0 builds only the first return, so its pages show soon. Part 1 builds all the
    others in one go (as the whole document does: the indicator input is loaded once for
    every return that needs it) and hands the ones it did not write back as ``ahead``;
    the parts after it only write.
    """
    from desktop.reports.pdf import (  # reportlab: loaded when first used
        write_explanations_pdf,
        write_pdf,
    )

    last = index == parts_count(codes) - 1
    path = Path(folder) / f"part{index:02d}.pdf"
    with file_in_use_refused():
        if last:
            return PreviewPart(index, path if first is not None and write_explanations_pdf(first, path) else None,
                               True)
        todo = list(ahead) or build_returns(db, list(codes[index:index + 1] if index == 0 else codes[index:]),
                                            unit_id, period_id, target_set=target_set)
        marked, failed = mark_drafts(todo[:1])
        # Without the closing 填写说明 pages: they close the whole document once, as the last part.
        write_pdf(marked, path, closing_explanations=False)
    return PreviewPart(index, path, False, failed, marked[0] if index == 0 else first, tuple(todo[1:]))
