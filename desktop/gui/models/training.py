"""The 培训记录 table: a windowed model that asks SQL for one page of rows at a time.

At county scale (800,000 records) holding every row would take seconds and
hundreds of megabytes; this model keeps the row count and a small cache of pages.
Page reads are single indexed ``LIMIT/OFFSET`` queries of a few milliseconds, so
they run where Qt asks for the data (DESIGN.md §4 measured 0.3 s to first paint).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from typing_extensions import override

from desktop.domain.codes import TrainingCategory, TrainingLevel, TrainingMode, TrainingTopic
from desktop.gui.compat import emit
from desktop.gui.i18n import tr
from desktop.gui.models.base import COLUMN_ROLE, ERROR_BRUSH, ROW_ROLE, Column, Index, format_value
from desktop.gui.operations.shapes import TrainingQuery, TrainingRow

PAGE_SIZE = 200
MAX_PAGES = 20


def _topics(row: TrainingRow) -> str:
    return "、".join(TrainingTopic.label_of(t) for t in row.topics.split(";") if t)


def training_columns() -> list[Column]:
    return [
        Column("staff_name", tr("姓名"), width=80),
        Column("title", tr("培训名称"), editable=True, width=220),
        Column("start_date", tr("开始日期"), kind="date", editable=True, width=100),
        Column("end_date", tr("结束日期"), kind="date", editable=True, width=100),
        Column("hours", tr("学时"), kind="hours", editable=True, width=60),
        Column("level", tr("培训层级"), kind="enum", enum=TrainingLevel, editable=True, width=90),
        Column("mode", tr("培训形式"), kind="enum", enum=TrainingMode, editable=True, width=100),
        Column("category", tr("科目类别"), kind="enum", enum=TrainingCategory, editable=True, width=90),
        Column("topics", tr("专题"), width=140, display=_topics),
        Column("organiser", tr("主办单位"), editable=True, width=150),
        Column("unit_name", tr("单位"), width=150),  # moved next to the name for an office
    ]


(COL_NAME, COL_TITLE, COL_START, COL_END, COL_HOURS, COL_LEVEL, COL_MODE, COL_CATEGORY, COL_TOPICS,
 COL_ORGANISER) = range(10)

CountFn = Callable[[TrainingQuery], int]
PageFn = Callable[[TrainingQuery, int, int], Sequence[TrainingRow]]


class TrainingTableModel(QAbstractTableModel):
    edit_requested = Signal(object, str, object)

    def __init__(self, count: CountFn, page: PageFn, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = training_columns()
        self._count_fn, self._page_fn = count, page
        self.query = TrainingQuery()
        self._count = 0
        self._pages: OrderedDict[int, list[TrainingRow]] = OrderedDict()
        self._pending: dict[tuple[int, str], tuple[Any, str]] = {}

    def set_query(self, query: TrainingQuery) -> None:
        self.beginResetModel()
        self.query = query
        self._count = self._count_fn(query)
        self._pages.clear()
        self._pending.clear()
        self.endResetModel()

    def refresh(self) -> None:
        self.set_query(self.query)

    def cached_pages(self) -> int:
        return len(self._pages)

    def row(self, index: int) -> TrainingRow:
        number, offset = divmod(index, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = list(self._page_fn(self.query, number * PAGE_SIZE, PAGE_SIZE))
            self._pages[number] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else page[-1]

    def replace_row(self, new: TrainingRow) -> None:
        for number, page in self._pages.items():
            for i, r in enumerate(page):
                if r.id == new.id:
                    page[i] = new
                    for key in [k for k in self._pending if k[0] == new.id]:
                        del self._pending[key]
                    at = number * PAGE_SIZE + i
                    emit(self.dataChanged, self.index(at, 0), self.index(at, len(self.columns) - 1))
                    return

    def mark_error(self, row_id: int, key: str, typed: Any, message: str) -> None:
        self._pending[(row_id, key)] = (typed, message)
        emit(self.layoutChanged)

    def column_index(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    @override
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    @override
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    @override
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        return str(section + 1)

    @override
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self._count):
            return None
        column = self.columns[index.column()]
        if role == COLUMN_ROLE:
            return column
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.TextAlignmentRole, ROW_ROLE):
            return None
        row = self.row(index.row())
        pending = self._pending.get((row.id, column.key))
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(pending[0], column) if pending else column.text(row)
        if role == Qt.ItemDataRole.EditRole:
            return pending[0] if pending else getattr(row, column.key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return pending[1] if pending and pending[1] else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return ERROR_BRUSH if pending and pending[1] else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind == "hours":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        return row

    @override
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.columns[index.column()].editable else base

    @override
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.columns[index.column()].editable:
            return False
        row = self.row(index.row())
        key = self.columns[index.column()].key
        if value == getattr(row, key):
            return False
        self._pending[(row.id, key)] = (value, "")
        emit(self.dataChanged, index, index)
        emit(self.edit_requested, row, key, value)
        return True

    @override
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns):
            self.set_query(self.query.with_(sort=self.columns[column].key,
                                            descending=order == Qt.SortOrder.DescendingOrder))
