"""The 年度考核与师德 tab of the person page: the records the 定期注册 readiness list reads."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from desktop.gui.i18n import tr
from desktop.gui.operations import people as ops
from desktop.gui.operations.shapes import Database
from desktop.gui.taskman import TaskManager

HEADERS = ("类别", "年度 / 日期", "结果", "事由 / 备注")


class ConductTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        for i, width in enumerate((90, 100, 90)):
            self.setColumnWidth(i, width)

    def load(self, taskman: TaskManager, db: Database, staff_id: int) -> None:
        taskman.run(lambda: ops.person_conduct(db, staff_id), on_done=self.show_rows)

    def show_rows(self, rows: list[tuple[str, str, str, str]]) -> None:
        self.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                self.setItem(i, j, QTableWidgetItem(tr(text) if j == 0 else text))
