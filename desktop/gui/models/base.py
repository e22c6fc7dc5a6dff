"""A table model over a list of plain rows, filtered and sorted in the model itself.

Filtering a few thousand rows with a list comprehension is far faster than a
``QSortFilterProxyModel`` calling back into Python once per row, which is what
keeps the staff table under 100 ms a keystroke at county scale. Edits are not
written here: ``setData`` emits ``edit_requested`` and the controller saves
through a service; until the answer comes the typed value is shown, and if it is
refused it stays, marked, with the reason as tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from typing_extensions import override

from desktop.domain.codes import CodeEnum
from desktop.domain.numbers import amount
from desktop.gui.compat import emit

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object
COLUMN_ROLE = Qt.ItemDataRole.UserRole + 2  # the Column spec (for delegates)
ERROR_BRUSH = QBrush(QColor("#fde2e1"))
# Roles this model answers; the view asks for a dozen per cell, so others return at once.
_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.TextAlignmentRole, ROW_ROLE, COLUMN_ROLE,
})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    key: str  # attribute of the row, and the field name the service expects
    header: str
    kind: str = "text"  # text | enum | date | hours | int | id | bool
    enum: type[CodeEnum] | None = None
    editable: bool = False
    width: int = 90
    display: Callable[[Any], str] | None = None  # custom text for the whole row
    sort_key: str | None = None  # attribute to sort by when not the value itself (names by pinyin)

    def text(self, row: Any) -> str:
        if self.display is not None:
            return self.display(row)
        value = getattr(row, self.key)
        return format_value(value, self)


def format_value(value: Any, column: Column) -> str:
    if value is None:
        return ""
    if column.enum is not None:
        return column.enum.label_of(str(value)) or str(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return amount(value, 2)
    return str(value)


def _id(row: Any) -> int:
    return int(row.id)


def _sort_key(value: Any) -> tuple[int, Any]:
    # None sorts last; mixed types compare as text.
    if value is None:
        return (1, "")
    if isinstance(value, (int, float, date, str)):
        return (0, value)
    return (0, str(value))


class RowTableModel(QAbstractTableModel, Generic[R]):
    edit_requested = Signal(object, str, object)  # row, field key, new value

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.refresh_flags()
        self._all: list[R] = []
        self._rows: list[R] = []
        self._predicate: Callable[[R], bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._pending: dict[tuple[int, str], tuple[Any, str]] = {}  # (row id, key) → (typed, message)

    def refresh_flags(self) -> None:
        """Recompute the per-column flags (after a column's ``editable`` changed)."""
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        self._flags = [base | Qt.ItemFlag.ItemIsEditable if c.editable else base for c in self.columns]

    # ---- contents

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._pending.clear()
        self._apply()
        self.endResetModel()

    def set_filter(self, predicate: Callable[[R], bool] | None) -> None:
        self.beginResetModel()
        self._predicate = predicate
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        rows = self._all if self._predicate is None else [r for r in self._all if self._predicate(r)]
        if self._sort is not None:
            col, order = self._sort
            column = self.columns[col]
            key = column.sort_key or column.key
            rows = sorted(rows, key=lambda r: _sort_key(getattr(r, key, None) if column.display is None or
                                                        column.sort_key else column.display(r)),
                          reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = rows

    def all_rows(self) -> list[R]:
        return list(self._all)

    def row(self, index: int) -> R:
        return self._rows[index]

    def row_of_id(self, row_id: int) -> int:
        for i, r in enumerate(self._rows):
            if getattr(r, "id", None) == row_id:
                return i
        return -1

    def replace_row(self, new: R) -> None:
        """Swap in the saved version of a row (same id) and clear its pending marks."""
        row_id = _id(new)
        self._all = [new if _id(r) == row_id else r for r in self._all]
        for key in [k for k in self._pending if k[0] == row_id]:
            del self._pending[key]
        i = self.row_of_id(row_id)
        if i >= 0:
            self._rows[i] = new
            emit(self.dataChanged, self.index(i, 0), self.index(i, self.columnCount() - 1))

    def mark_error(self, row_id: int, key: str, typed: Any, message: str) -> None:
        self._pending[(row_id, key)] = (typed, message)
        self._emit_cell(row_id, key)

    def error_at(self, index: Index) -> str | None:
        if not index.isValid():
            return None
        entry = self._pending.get((_id(self._rows[index.row()]), self.columns[index.column()].key))
        return entry[1] if entry and entry[1] else None

    def _emit_cell(self, row_id: int, key: str) -> None:
        i = self.row_of_id(row_id)
        cols = [c for c, col in enumerate(self.columns) if col.key == key]
        if i >= 0 and cols:
            idx = self.index(i, cols[0])
            emit(self.dataChanged, idx, idx)

    def column_index(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    # ---- Qt interface

    @override
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    @override
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    @override
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    @override
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        pending = self._pending.get((getattr(row, "id", -1), column.key)) if self._pending else None
        if role == Qt.ItemDataRole.DisplayRole:
            if pending is not None:
                return format_value(pending[0], column)
            return column.text(row)
        if role == Qt.ItemDataRole.EditRole:
            return pending[0] if pending is not None else getattr(row, column.key, None)
        if role == Qt.ItemDataRole.ToolTipRole and pending is not None and pending[1]:
            return pending[1]
        if role == Qt.ItemDataRole.BackgroundRole and pending is not None and pending[1]:
            return ERROR_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("hours", "int"):
            return _RIGHT
        if role == ROW_ROLE:
            return row
        if role == COLUMN_ROLE:
            return column
        return None

    @override
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self._flags[index.column()]

    @override
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self.columns[index.column()]
        if not column.editable:
            return False
        row = self._rows[index.row()]
        if value == getattr(row, column.key, None):
            return False
        self._pending[(_id(row), column.key)] = (value, "")
        emit(self.dataChanged, index, index)
        emit(self.edit_requested, row, column.key, value)
        return True

    @override
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.beginResetModel()
        self._sort = (column, order)
        self._apply()
        self.endResetModel()
