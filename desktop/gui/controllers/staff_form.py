"""The side-panel form: add a person or change the selected one; reasons next to fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QWidget

from desktop.domain.records import StaffData
from desktop.gui.controllers.record_form import RecordForm
from desktop.gui.delegates import from_qdate
from desktop.gui.i18n import tr
from desktop.gui.operations.shapes import StaffRow
from desktop.gui.views.staff_form_view import StaffFormView

NO_DATE = QDate(1900, 1, 1)
COMBOS = ("ethnicity", "political_status", "category", "employment_form", "post", "teaching_stage", "subject",
          "education", "title", "honour_level", "overseas")


class StaffForm(RecordForm, StaffFormView):
    """``save_new`` carries a StaffData; ``save_changes`` the changed fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing: StaffRow | None = None
        self.join_date.setMinimumDate(NO_DATE)
        self.join_date.setSpecialValueText(" ")
        self.join_date.setDate(NO_DATE)
        self.id_number.textChanged.connect(lambda: self._live_id())
        self.connect_form([getattr(self, key) for key in self.FIELDS])

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
        for key in ("ethnicity", "political_status", "post", "honour_level", "teaching_stage", "subject", "education",
                    "category", "employment_form", "overseas"):
            getattr(self, key).setCurrentIndex(0)
        for key in self.CHECKS:
            getattr(self, key).setChecked(False)
        self.courses.clear()
        self.courses.setEnabled(False)  # a child table: set once the person exists
        self.courses.setPlaceholderText(tr("保存后再填写任教课程"))
        self.title.setCurrentIndex(self.title.findData("9"))
        self.join_date.setDate(NO_DATE)
        self.name.setFocus()
        self.mark_clean()

    def show_row(self, row: StaffRow) -> None:
        self.editing = row
        self.heading.setText(tr("编辑：") + row.name)
        self.clear_errors()
        self.name.setText(row.name)
        self.id_number.clear()
        self.id_number.setPlaceholderText(row.id_masked + tr("（留空则不修改）"))
        for key in COMBOS:
            combo: QComboBox = getattr(self, key)
            combo.setCurrentIndex(max(0, combo.findData(getattr(row, key))))
        d = row.join_date
        self.join_date.setDate(QDate(d.year, d.month, d.day) if d else NO_DATE)
        self.phone.setText(row.phone or "")
        for key in self.CHECKS:
            getattr(self, key).setChecked(bool(getattr(row, key)))
        self.courses.setEnabled(True)
        self.courses.setPlaceholderText(tr("如：数学、科学（第一门为主要任教课程）"))
        self.courses.setText(row.courses)

    # ---- values

    def values(self) -> dict[str, Any]:
        join = None if self.join_date.date() == NO_DATE else from_qdate(self.join_date.date())
        return {"name": self.name.text().strip(), "id_number": self.id_number.text().strip(),
                **{key: getattr(self, key).currentData() for key in COMBOS},
                "join_date": join, "phone": self.phone.text().strip() or None,
                **{key: getattr(self, key).isChecked() for key in self.CHECKS},
                "courses": self.courses.text().strip()}

    def form_state(self) -> Any:
        return self.values()

    def new_payload(self) -> StaffData:
        values = self.values()
        values.pop("courses")
        return StaffData(**values)

    def changes(self, row: StaffRow) -> dict[str, Any]:
        values = self.values()
        changes = {k: v for k, v in values.items() if k != "id_number" and v != getattr(row, k)}
        if values["id_number"]:  # the stored number is never shown: typing one replaces it
            changes["id_number"] = values["id_number"]
        return changes
