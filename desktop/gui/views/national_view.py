"""The 国家统计 page's layout: the sheet list, the form as a table, the people of the chosen cell
and the list of 逻辑校验 findings or reconciliation differences."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import tr


class NationalView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(tr("国家教育统计基层报表（教基表）"))
        self.heading.setObjectName("pageTitle")
        self.sheet = QComboBox()
        self.sheet.setMinimumWidth(260)
        self.export_button = QPushButton(tr("导出 Excel 和 PDF…"))
        self.reconcile_button = QPushButton(tr("核对已上报的报表…"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("表：")))
        bar.addWidget(self.sheet)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.reconcile_button)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.cell_label = QLabel(tr("点击一个格子，查看计入该格的人员或班级；双击人员打开其记录。"))
        self.cell_label.setWordWrap(True)
        self.people = QListWidget()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.cell_label)
        side_layout.addWidget(self.people)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.table)
        top.addWidget(side)
        top.setStretchFactor(0, 4)
        top.setStretchFactor(1, 1)
        self.problems_label = QLabel(tr("逻辑校验"))
        self.problems = QListWidget()
        self.problems.setMaximumHeight(140)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        self.status = QLabel("")  # what the last export wrote
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        layout.addWidget(top, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems)
