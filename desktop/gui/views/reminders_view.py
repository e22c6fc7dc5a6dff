"""Layout of the 截止日期与提醒 panel on 概览: the deadline line, the reminder list, the cycle rule."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QVBoxLayout, QWidget

from desktop.gui.i18n import tr


class RemindersView(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminders")
        self.heading = QLabel(tr("截止日期与提醒"))
        self.heading.setObjectName("formTitle")
        self.deadline = QLabel("—")
        self.deadline.setObjectName("deadline")
        self.deadline.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.items = QListWidget()
        self.items.setObjectName("reminderList")
        self.items.setMinimumHeight(150)
        self.items.setMaximumHeight(230)
        self.items.setToolTip(tr("双击一条提醒，打开它所指的教职工、证书或班级。"))
        self.rule = QLabel()
        self.rule.setObjectName("cardDetail")
        self.rule.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addWidget(self.deadline)
        box.addWidget(self.summary)
        box.addWidget(self.items)
        box.addWidget(self.rule)
