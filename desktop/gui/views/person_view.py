"""Layout of the person page: header, training totals, and the three history tables."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import tr


def _table() -> QTableView:
    table = QTableView()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.setMinimumHeight(130)
    return table


class PersonView(QWidget):
    def __init__(self, training_form: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back = QPushButton(tr("← 返回教职工列表"))
        self.name = QLabel()
        self.name.setObjectName("pageTitle")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.status = QLabel()

        self.totals_box = QGroupBox(tr("本周期培训学时"))
        grid = QGridLayout(self.totals_box)
        self.cycle = QLabel()
        self.total = QLabel()
        self.total.setObjectName("bigNumber")
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.gap = QLabel()
        self.gap.setWordWrap(True)
        self.by_category = QLabel()
        self.it_hours = QLabel()
        self.modes = QLabel()
        grid.addWidget(self.cycle, 0, 0, 1, 2)
        grid.addWidget(self.total, 1, 0)
        grid.addWidget(self.progress, 1, 1)
        grid.addWidget(self.gap, 2, 0, 1, 2)
        grid.addWidget(self.by_category, 3, 0, 1, 2)
        grid.addWidget(self.it_hours, 4, 0, 1, 2)
        grid.addWidget(self.modes, 5, 0, 1, 2)

        self.credentials = _table()
        self.registration = QLabel()
        self.training = _table()
        self.movements = _table()
        creds = QGroupBox(tr("资格证书与定期注册"))
        creds_layout = QVBoxLayout(creds)
        creds_layout.addWidget(self.credentials)
        creds_layout.addWidget(self.registration)
        history = QGroupBox(tr("培训记录"))
        QVBoxLayout(history).addWidget(self.training)
        moves = QTabWidget()  # the controller adds the 历史 tab (history_tab.py)
        moves.addTab(self.movements, tr("任职经历"))
        self.tabs = moves
        self.credentials.setMaximumHeight(150)
        adder = QGroupBox(tr("添加培训记录"))
        adder.setMinimumWidth(340)
        QVBoxLayout(adder).addWidget(training_form)

        left = QVBoxLayout()
        left.addWidget(self.totals_box)
        left.addWidget(creds)
        left.addWidget(history, 1)
        left.addWidget(moves)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(adder, 1)

        inner = QWidget()
        column = QVBoxLayout(inner)
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addStretch(1)
        column.addLayout(top)
        column.addWidget(self.name)
        column.addWidget(self.facts)
        column.addWidget(self.status)
        column.addLayout(body, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
