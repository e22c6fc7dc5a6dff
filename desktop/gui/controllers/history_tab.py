"""The 历史 tab of the person page: that person's changes, field by field, from the audit log."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from desktop.gui.controllers.audit_log import row_texts
from desktop.gui.i18n import tr
from desktop.gui.operations import trust
from desktop.gui.operations.shapes import AuditRow, Database
from desktop.gui.taskman import TaskManager

HEADERS = ("时间", "操作人", "操作", "记录类型", "字段", "原值", "新值", "原因")
SHOWN_COLUMNS = (0, 1, 2, 3, 5, 6, 7, 8)  # of audit_log.row_texts (no record id)


class HistoryTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setStretchLastSection(True)
        self.setMinimumHeight(130)
        for i, width in enumerate((140, 70, 60, 80, 100, 120, 120)):
            self.setColumnWidth(i, width)
        self.rows: list[AuditRow] = []

    def load(self, taskman: TaskManager, db: Database, staff_id: int) -> None:
        taskman.run(lambda: trust.person_history(db, staff_id), on_done=self.show_rows)

    def show_rows(self, rows: list[AuditRow]) -> None:
        self.rows = list(reversed(rows))  # newest first
        self.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            texts = row_texts(r)
            for j, k in enumerate(SHOWN_COLUMNS):
                self.setItem(i, j, QTableWidgetItem(texts[k]))
