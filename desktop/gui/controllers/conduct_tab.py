"""The 年度考核与师德 tab of the person page: the records the 定期注册 readiness list reads.

A 师德 record entered by mistake (wrong person, wrong date) can be deleted here, after a
confirmation; the deletion is audited with the record's text, like every other change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import people as ops
from desktop.gui.operations.shapes import Database, ServiceError
from desktop.gui.taskman import TaskManager

HEADERS = ("类别", "年度 / 日期", "结果", "事由 / 备注")
ETHICS = "师德记录"


class ConductTable(QWidget):
    """The table of a person's 年度考核 and 师德 records, with 删除所选师德记录."""

    removed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, width in enumerate((90, 100, 90)):
            self.table.setColumnWidth(i, width)
        self.remove_button = QPushButton(tr("删除所选师德记录"), self)
        self.remove_button.setEnabled(False)
        self.status = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.remove_button.clicked.connect(self.ask_remove)
        self._taskman: TaskManager | None = None
        self._db: Database | None = None
        self._actor = "system"
        self._staff_id: int | None = None

    # QTableWidget's reading API, kept for callers that read the rows
    def item(self, row: int, column: int) -> QTableWidgetItem | None:
        return self.table.item(row, column)

    def rowCount(self) -> int:  # Qt's name
        return self.table.rowCount()

    def load(self, taskman: TaskManager, db: Database, staff_id: int, actor: str = "system") -> None:
        self._taskman, self._db, self._staff_id, self._actor = taskman, db, staff_id, actor
        taskman.run(lambda: ops.person_conduct_rows(db, staff_id), on_done=self.show_rows)

    def show_rows(self, rows: list[tuple[str, str, str, str, int]]) -> None:
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, text in enumerate(row[:4]):
                item = QTableWidgetItem(tr(text) if j == 0 else text)
                item.setData(Qt.ItemDataRole.UserRole, row[4] if row[0] == ETHICS else None)
                self.table.setItem(i, j, item)
        self._selection_changed()

    def selected_ethics_id(self) -> int | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        item = self.table.item(rows.pop(), 0)
        value = item.data(Qt.ItemDataRole.UserRole) if item else None
        return int(value) if value is not None else None

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(self.selected_ethics_id() is not None)

    def ask_remove(self) -> None:
        record_id = self.selected_ethics_id()
        if record_id is None:
            return
        row = self.table.currentRow()
        cells = (self.table.item(row, c) for c in (1, 2, 3))
        what = " ".join(cell.text() for cell in cells if cell is not None)
        answer = QMessageBox.question(self, tr("删除师德记录"),
                                      tr("确定删除这条师德记录吗？") + f"\n{what}\n"
                                      + tr("删除会记入操作日志；若是录错了人，请在正确的人员下重新录入。"))
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(record_id)

    def remove(self, record_id: int) -> None:
        taskman, db, actor = self._taskman, self._db, self._actor
        if taskman is None or db is None or self._staff_id is None:
            return
        staff_id = self._staff_id

        def done(_: object) -> None:
            self.status.setText(tr("已删除这条师德记录。"))
            self.removed.emit()
            self.load(taskman, db, staff_id, actor)

        def refused(exc: BaseException) -> None:
            if isinstance(exc, ServiceError):
                self.status.setText(exc.message)  # e.g. the year is approved: unlock first
            else:
                show_unexpected(exc, self)

        taskman.run(lambda: ops.remove_ethics(db, record_id, actor), on_done=done, on_error=refused)
