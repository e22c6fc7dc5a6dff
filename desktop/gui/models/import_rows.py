"""Preview rows of an import (新增 / 更新 / 错误) as a table, with a tick per row to accept.

A thin adapter over the service's ``RowResult`` list: 100,000 rows are shown
without copying, and the ticks live in one set of Excel row numbers shared by
the 新增 and 更新 tabs, which the wizard hands to ``commit_import``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from typing_extensions import override

from desktop.domain.codes import CodeEnum
from desktop.gui.compat import emit
from desktop.gui.i18n import tr
from desktop.gui.operations.shapes import ERROR, UPDATE, FieldChoice, RowResult

Index = QModelIndex | QPersistentModelIndex


def show_value(value: Any, table: type[CodeEnum] | None = None) -> str:
    if value is None or value == "":
        return tr("（空）")
    if table is not None:
        return table.label_of(str(value)) or str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple | list):
        return "；".join(map(str, value))
    return str(value)


def change_text(row: RowResult, fields: dict[str, FieldChoice]) -> str:
    """'最高学历：专科 → 本科；电话：（空） → 139…' for an update row."""
    parts = []
    for key, (old, new) in row.changes.items():
        f = fields.get(key)
        table = f.table if f else None
        parts.append(f"{f.label if f else key}：{show_value(old, table)} → {show_value(new, table)}")
    return "；".join(parts)


class ImportRowsModel(QAbstractTableModel):
    """One status of the preview. ``checked`` is shared with the other tabs' models."""

    def __init__(self, status: str, rows: Sequence[RowResult], checked: set[int], fields: dict[str, FieldChoice],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.status, self.rows, self.checked, self.fields = status, rows, checked, fields
        self.checkable = status != ERROR
        if status == ERROR:
            self.headers = [tr("工作表"), tr("行号"), tr("记录"), tr("错误原因")]
        elif status == UPDATE:
            self.headers = [tr("导入"), tr("行号"), tr("记录"), tr("将修改（原值 → 新值）")]
        else:
            self.headers = [tr("导入"), tr("行号"), tr("记录"), tr("提示")]

    @override
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    @override
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    @override
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def text(self, row: RowResult, column: int) -> str:
        if column == 0:
            return row.sheet if self.status == ERROR else ""
        if column == 1:
            return tr("第 {n} 行").format(n=row.row)
        if column == 2:
            return row.summary
        if self.status == ERROR:
            return "；".join(e.rstrip("。；") for e in row.errors) + "。"
        if self.status == UPDATE:
            return change_text(row, self.fields)
        return "；".join(row.warnings)

    @override
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0 and self.checkable:
            return Qt.CheckState.Checked if row.row in self.checked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, index.column())
        return None

    @override
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.checkable and index.column() == 0:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    @override
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self.checkable or index.column() != 0:
            return False
        number = self.rows[index.row()].row
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.checked.add(number)
        else:
            self.checked.discard(number)
        emit(self.dataChanged, index, index)
        return True

    def set_all(self, on: bool) -> None:
        numbers = {r.row for r in self.rows}
        if on:
            self.checked |= numbers
        else:
            self.checked -= numbers
        if self.rows:
            emit(self.dataChanged, self.index(0, 0), self.index(len(self.rows) - 1, 0))
