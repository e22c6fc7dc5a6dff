"""Collects a TrainingData from the form and shows a refusal next to its fields."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.domain.records import TrainingData
from desktop.gui.compat import emit
from desktop.gui.delegates import from_qdate
from desktop.gui.i18n import tr
from desktop.gui.keys import enter_moves_through
from desktop.gui.views.training_form_view import TrainingFormView


class TrainingForm(TrainingFormView):
    submitted = Signal(object, object)  # staff id (or None), TrainingData

    def __init__(self, *, with_staff: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(with_staff=with_staff, parent=parent)
        self.with_staff = with_staff
        self.save.clicked.connect(self.submit)
        self.start_date.dateChanged.connect(self._follow_start)
        fields = [getattr(self, key) for key in self.FIELDS if with_staff or key != "staff"]
        enter_moves_through(self, fields, self.submit)

    def _follow_start(self) -> None:
        if self.end_date.date() < self.start_date.date():
            self.end_date.setDate(self.start_date.date())

    def set_staff_choices(self, choices: list[tuple[int, str]]) -> None:
        self.staff.clear()
        for staff_id, text in choices:
            self.staff.addItem(text, staff_id)
        self.staff.setCurrentIndex(-1)

    def data(self) -> TrainingData:
        return TrainingData(
            title=self.title.text().strip(), start_date=from_qdate(self.start_date.date()),
            end_date=from_qdate(self.end_date.date()), hours=self.hours.value(), level=self.level.currentData(),
            mode=self.mode.currentData(), category=self.category.currentData(),
            topics=tuple(code for code, box in self.topics.items() if box.isChecked()),
        )

    def submit(self) -> None:
        self.clear_errors()
        staff_id = self.staff.currentData() if self.with_staff else None
        if self.with_staff and staff_id is None:
            self.show_errors({"staff": tr("请从列表中选择一位教职工（可输入姓名或拼音首字母查找）。")}, "")
            return
        emit(self.submitted, staff_id, self.data())

    def reset_after_save(self) -> None:
        self.title.clear()
        self.clear_errors()
        self.title.setFocus()

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.message.clear()

    def show_errors(self, field_messages: dict[str, str], message: str) -> None:
        shown = False
        for key, text in field_messages.items():
            label = self.errors.get(key)
            if label is not None:
                label.setText(text)
                label.show()
                shown = True
        self.message.setText(message if not shown else tr("未保存，请按红字提示修改后再保存。"))
