"""The small dialog asked when Delete is pressed on a person: end date and reason."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import EndReason
from desktop.gui.i18n import tr


class EndStaffView(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("办理离开"))
        self.explain = QLabel(tr("教职工记录不会删除：{name} 的记录会保留在历史和报表中，只是不再显示为在职。")
                              .replace("{name}", name))
        self.explain.setWordWrap(True)
        self.end_date = QDateEdit(QDate.currentDate())
        self.end_date.setCalendarPopup(True)
        self.end_date.setDisplayFormat("yyyy-MM-dd")
        self.reason = QComboBox()
        for member in (EndReason.TRANSFER_OUT, EndReason.RETIRED, EndReason.LEFT, EndReason.DECEASED,
                       EndReason.OTHER):
            self.reason.addItem(member.label, member.value)
        # What the chosen date means for the period being prepared (set by the controller).
        self.meaning = QLabel()
        self.meaning.setObjectName("hint")
        self.meaning.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("如：调往某某学校"))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.hide()
        form = QFormLayout()
        form.addRow(tr("离开日期"), self.end_date)
        form.addRow("", self.meaning)
        form.addRow(tr("离开原因"), self.reason)
        form.addRow(tr("说明"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
