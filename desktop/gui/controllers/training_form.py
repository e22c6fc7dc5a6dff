"""Add a training record or change the selected one; refusals shown next to the fields.

``save_new`` carries ``(staff_id or None, TrainingData)`` (None on the person page,
which adds for the person it shows); ``save_changes`` the changed fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.domain.records import TrainingData
from desktop.gui.controllers.record_form import RecordForm
from desktop.gui.delegates import from_qdate, to_qdate
from desktop.gui.i18n import tr
from desktop.gui.operations.shapes import TrainingRow
from desktop.gui.views.training_form_view import TrainingFormView

COMBOS = ("level", "mode", "category")


class TrainingForm(RecordForm, TrainingFormView):
    def __init__(self, *, with_staff: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(with_staff=with_staff, parent=parent)
        self.editing: TrainingRow | None = None
        self.with_staff = with_staff
        self.heading.setVisible(with_staff)
        self.start_date.dateChanged.connect(self._follow_start)
        self.connect_form([getattr(self, key) for key in self.FIELDS if with_staff or key != "staff"])
        self.save.setText(tr("添加 (Ctrl+S)"))

    def _follow_start(self) -> None:
        if self.end_date.date() < self.start_date.date():
            self.end_date.setDate(self.start_date.date())

    # ---- state

    def start_new(self) -> None:
        self.editing = None
        self.heading.setText(tr("新增培训记录"))
        self.save.setText(tr("添加 (Ctrl+S)"))
        self.start_new_staff()
        self.title.clear()
        # 层级, 形式, 类别, 学时 and dates back to their defaults: a new record never
        # inherits them silently from the row shown before.
        self.set_defaults()
        for box in self.topics.values():
            box.setChecked(False)
        self.clear_errors()
        (self.staff if self.with_staff else self.title).setFocus()
        self.mark_clean()

    def show_row(self, row: TrainingRow) -> None:
        self.show_record_of(row, tr("编辑培训记录：") + row.staff_name)
        self.title.setText(row.title)
        self.start_date.setDate(to_qdate(row.start_date))
        self.end_date.setDate(to_qdate(row.end_date))
        self.hours.setValue(row.hours)
        for key in COMBOS:
            combo = getattr(self, key)
            combo.setCurrentIndex(max(0, combo.findData(getattr(row, key))))
        chosen = set(row.topics.split(";"))
        for code, box in self.topics.items():
            box.setChecked(code in chosen)

    # ---- values

    def data(self) -> TrainingData:
        return TrainingData(
            title=self.title.text().strip(), start_date=from_qdate(self.start_date.date()),
            end_date=from_qdate(self.end_date.date()), hours=self.hours.value(), level=self.level.currentData(),
            mode=self.mode.currentData(), category=self.category.currentData(),
            topics=tuple(code for code, box in self.topics.items() if box.isChecked()),
        )

    def form_state(self) -> Any:
        return self.staff.chosen_id, self.staff.currentText(), self.data()

    def new_payload(self) -> tuple[int | None, TrainingData] | None:
        if not self.with_staff:
            return None, self.data()
        staff_id = self.picked_staff()
        return None if staff_id is None else (staff_id, self.data())

    def changes(self, row: TrainingRow) -> dict[str, Any]:
        data = self.data()
        changes = {k: getattr(data, k) for k in ("title", "start_date", "end_date", "hours", *COMBOS)
                   if getattr(data, k) != getattr(row, k)}
        if set(data.topics) != {t for t in row.topics.split(";") if t}:
            changes["topics"] = data.topics
        return changes

    def reset_after_save(self) -> None:
        self.start_new()
