"""Layout every side-panel form shares: a heading, labelled fields each with its reason
label below, a message line, and Cancel / Save. Staff, certificates and training
build on it; each only creates its widgets and adds them with ``add_field``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import tr
from desktop.gui.staff_picker import StaffPicker


def staff_picker() -> StaffPicker:
    """The active staff, found by name, pinyin (initials or full) or the ID's last digits; starts empty."""
    return StaffPicker()


class RecordFormView(QWidget):
    save_new = Signal(object)  # what a new record needs (the form's own payload)
    save_changes = Signal(int, dict)  # record id, field → new value
    cancelled = Signal()

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(heading)
        self.heading.setObjectName("formTitle")
        self.heading.setWordWrap(True)
        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.save = QPushButton(tr("保存 (Ctrl+S)"))
        self.save.setObjectName("primary")
        self.cancel = QPushButton(tr("取消"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def add_field(self, key: str, label: str, widget: QWidget) -> None:
        """One row: the label, the field and (hidden until needed) the reason under it."""
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(widget)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        self.errors[key] = error
        self.form.addRow(label, box)

    def add_row(self, label: str, layout: QLayout) -> None:
        self.form.addRow(label, layout)
