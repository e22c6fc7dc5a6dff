"""Layout of the main window: navigation list on the left, pages on the right."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.screen import fit_to_screen


class MainWindowView(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.nav.setIconSize(QSize(18, 18))
        self.stack = QStackedWidget()
        central = QWidget()
        self.column = QVBoxLayout(central)  # a banner across the top goes first (the start-up check)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(0)
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.column.addWidget(body, 1)
        self.setCentralWidget(central)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.hide()
        self.where = QLabel()
        self.statusBar().addPermanentWidget(self.where)
        self.statusBar().addPermanentWidget(self.busy)
        self.setMinimumSize(960, 600)
        fit_to_screen(self)  # 1280×800 where it fits; never past the taskbar of a 1366×768 screen
