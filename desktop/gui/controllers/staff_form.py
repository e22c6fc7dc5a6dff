"""The side-panel form: add a person or change the selected one; reasons next to fields."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from desktop.domain.records import StaffData
from desktop.gui.compat import emit
from desktop.gui.delegates import from_qdate
from desktop.gui.i18n import tr
from desktop.gui.keys import enter_moves_through
from desktop.gui.views.staff_form_view import StaffFormView
from desktop.services.browse import StaffRow

NO_DATE = QDate(1900, 1, 1)


class StaffForm(StaffFormView):
    save_new = Signal(object)  # StaffData
    save_changes = Signal(int, dict)  # staff id, field → value
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing: StaffRow | None = None
        self.join_date.setMinimumDate(NO_DATE)
        self.join_date.setSpecialValueText(" ")
        self.join_date.setDate(NO_DATE)
        self.save.clicked.connect(self.submit)
        self.cancel.clicked.connect(self._cancel)
        self.id_number.textChanged.connect(lambda: self._live_id())
        enter_moves_through(self, [getattr(self, key) for key in self.FIELDS], self.submit)

    def _live_id(self) -> None:
        self.show_field_error("id_number", self.id_number.problem())

    # ---- state

    def start_new(self) -> None:
        self.editing = None
        self.heading.setText(tr("新增教职工"))
        self.clear_errors()
        for key in ("name", "id_number", "phone"):
            getattr(self, key).clear()
        self.id_number.setPlaceholderText(tr("输入 18 位身份证号码"))
        for key in ("teaching_stage", "subject", "education"):
            getattr(self, key).setCurrentIndex(0)
        self.category.setCurrentIndex(0)
        self.employment_form.setCurrentIndex(0)
        self.title.setCurrentIndex(self.title.findData("9"))
        self.join_date.setDate(NO_DATE)
        self.name.setFocus()

    def show_row(self, row: StaffRow) -> None:
        self.editing = row
        self.heading.setText(tr("编辑：") + row.name)
        self.clear_errors()
        self.name.setText(row.name)
        self.id_number.clear()
        self.id_number.setPlaceholderText(row.id_masked + tr("（留空则不修改）"))
        for key in ("category", "employment_form", "teaching_stage", "subject", "education", "title"):
            combo: QComboBox = getattr(self, key)
            combo.setCurrentIndex(max(0, combo.findData(getattr(row, key))))
        d = row.join_date
        self.join_date.setDate(QDate(d.year, d.month, d.day) if d else NO_DATE)
        self.phone.setText(row.phone or "")

    # ---- values

    def _join(self) -> date | None:
        return None if self.join_date.date() == NO_DATE else from_qdate(self.join_date.date())

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "id_number": self.id_number.text().strip(),
            "category": self.category.currentData(),
            "employment_form": self.employment_form.currentData(),
            "teaching_stage": self.teaching_stage.currentData(),
            "subject": self.subject.currentData(),
            "education": self.education.currentData(),
            "title": self.title.currentData(),
            "join_date": self._join(),
            "phone": self.phone.text().strip() or None,
        }

    def submit(self) -> None:
        self.clear_errors()
        values = self.values()
        if self.editing is None:
            emit(self.save_new, StaffData(**values))
            return
        row = self.editing
        changes = {k: v for k, v in values.items() if k != "id_number" and v != getattr(row, k)}
        if values["id_number"]:
            changes["id_number"] = values["id_number"]
        if changes:
            emit(self.save_changes, row.id, changes)

    def _cancel(self) -> None:
        if self.editing is not None:
            self.show_row(self.editing)
        else:
            self.start_new()
        emit(self.cancelled)

    # ---- reasons

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.message.clear()

    def show_field_error(self, key: str, message: str) -> None:
        label = self.errors.get(key)
        if label is None:
            return
        label.setText(message)
        label.setVisible(bool(message))

    def show_errors(self, field_messages: dict[str, str], message: str) -> None:
        """Show each reason next to its field; typed values stay as they are."""
        shown = False
        for key, text in field_messages.items():
            if key in self.errors:
                self.show_field_error(key, text)
                shown = True
        self.message.setText(message if not shown else tr("未保存，请按红字提示修改后再保存。"))
