"""Drag and drop of package files (.erp) and folders onto the 上报 page and its dashboard.

An event filter, so the same behaviour serves the page and the table's
viewport (a QTableView would otherwise take the drop as an item-model drop and
refuse it). Only local ``.erp`` files and folders are accepted; anything else
is ignored, so dropping a spreadsheet here does nothing instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

from desktop.gui.operations.shapes import EXTENSION


def dropped_paths(mime: QMimeData | None) -> list[Path]:
    """The package files and folders among the dropped URLs (local files only)."""
    if mime is None or not mime.hasUrls():
        return []
    out: list[Path] = []
    for url in mime.urls():
        if not url.isLocalFile():
            continue
        p = Path(url.toLocalFile())
        if p.is_dir() or (p.is_file() and p.suffix.lower() == EXTENSION):
            out.append(p)
    return out


class PackageDropFilter(QObject):
    """Accepts drags that carry packages or folders and hands the drop to ``on_drop``."""

    def __init__(self, on_drop: Callable[[list[Path]], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on_drop = on_drop

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent)
            if dropped_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
            return False
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = dropped_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.on_drop(paths)
                return True
        return False
