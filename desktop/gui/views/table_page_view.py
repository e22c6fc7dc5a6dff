"""Layout shared by the four table pages: a tool row, a drill-down banner, the table
and an optional side panel, and a status line for reasons and counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import tr


class TablePageView(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title)
        self.title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("搜索姓名 / 拼音首字母 zs / 全拼 / 证件后四位"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.filters = QHBoxLayout()
        self.filters.setSpacing(6)
        self.show_ended = QCheckBox(tr("显示已离开人员"))
        self.columns_button = QToolButton()
        self.columns_button.setText(tr("显示列"))
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.import_button = QPushButton(tr("导入…"))
        self.import_button.setToolTip(tr("从 Excel 或 CSV 文件导入，先预览再确认"))
        self.template_button = QPushButton(tr("下载模板"))
        self.template_button.setToolTip(tr("保存一份带下拉选项和填写说明的 Excel 导入模板"))
        self.add_button = QPushButton(tr("新增 (Ctrl+N)"))
        self.add_button.setObjectName("primary")

        tools = QHBoxLayout()
        tools.addWidget(self.search)
        tools.addLayout(self.filters)
        tools.addWidget(self.show_ended)
        tools.addStretch(1)
        tools.addWidget(self.columns_button)
        tools.addWidget(self.template_button)
        tools.addWidget(self.import_button)
        tools.addWidget(self.add_button)

        self.banner = QWidget()
        self.banner.setObjectName("banner")
        self.banner_text = QLabel()
        self.banner_clear = QPushButton(tr("显示全部"))
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(8, 4, 8, 4)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.banner_clear)
        self.banner.hide()

        self.table = QTableView()
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setTabKeyNavigation(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.side = QWidget()
        self.side_layout = QVBoxLayout(self.side)
        self.side_layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.side.hide()

        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        layout = self.rows = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(tools)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
