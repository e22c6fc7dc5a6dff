"""Behaviour every side-panel form shares (staff, certificates, training).

A form either adds (``editing is None``) or shows the selected record and saves only
what changed. A refusal keeps what was typed and puts each reason next to its field.
Used as a mixin before the form's view class: ``class StaffForm(RecordForm, StaffFormView)``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.gui.compat import emit
from desktop.gui.i18n import tr
from desktop.gui.keys import enter_moves_through
from desktop.gui.operations.shapes import StaffChoice
from desktop.gui.staff_picker import StaffPicker


class RecordForm:
    # Provided by the view class the form is mixed into.
    errors: dict[str, QLabel]
    message: QLabel
    heading: QLabel
    save: QPushButton
    cancel: QPushButton
    save_new: SignalInstance
    save_changes: SignalInstance
    cancelled: SignalInstance
    editing: Any = None  # the row shown, or None while adding

    def connect_form(self, fields: list[Any]) -> None:
        """Buttons, Enter through ``fields`` and Ctrl+S; call at the end of ``__init__``."""
        self.save.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.revert)
        enter_moves_through(self, fields, self.submit)  # type: ignore[arg-type]
        self.mark_clean()  # as built, the form holds nothing to save

    # ---- to provide

    def start_new(self) -> None:
        raise NotImplementedError

    def show_row(self, row: Any) -> None:
        raise NotImplementedError

    def new_payload(self) -> Any:
        """What ``save_new`` carries; None when a reason has been shown instead."""
        raise NotImplementedError

    def changes(self, row: Any) -> dict[str, Any]:
        """Field → new value for what differs from ``row``."""
        raise NotImplementedError

    def form_state(self) -> Any:
        """Everything typed or chosen, comparable: a new form compares it with its blank state."""
        raise NotImplementedError

    # ---- unsaved input

    _clean_state: Any = None

    def mark_clean(self) -> None:
        """The form as it is now holds nothing to save (call at the end of ``start_new``)."""
        self._clean_state = self.form_state()

    def has_unsaved_input(self) -> bool:
        """Typed or chosen and not saved: a change to the shown record, or anything in a new one."""
        if self.editing is not None:
            return bool(self.changes(self.editing))
        return bool(self.form_state() != self._clean_state)

    # ---- shared

    def submit(self) -> None:
        self.clear_errors()
        if self.editing is None:
            payload = self.new_payload()
            if payload is not None:
                emit(self.save_new, payload)
            return
        changes = self.changes(self.editing)
        if changes:
            emit(self.save_changes, self.editing.id, changes)
        else:
            self.message.setText(tr("没有修改，无需保存。"))

    def revert(self) -> None:
        """Cancel: back to the stored values (or an empty form while adding)."""
        if self.editing is not None:
            self.show_row(self.editing)
        else:
            self.start_new()
        emit(self.cancelled)

    def set_staff_choices(self, choices: list[StaffChoice]) -> None:
        picker: StaffPicker = self.staff  # type: ignore[attr-defined]
        picker.set_choices(choices)
        if self.editing is not None:
            self._show_staff_of(self.editing)

    def show_record_of(self, row: Any, heading: str) -> None:
        """Start showing ``row`` (a certificate or training record, which stays with its person)."""
        self.editing = row
        self.heading.setText(heading)
        self.save.setText(tr("保存 (Ctrl+S)"))
        self.clear_errors()
        self._show_staff_of(row)

    def _show_staff_of(self, row: Any) -> None:
        picker: StaffPicker = self.staff  # type: ignore[attr-defined]
        picker.setEnabled(False)
        if not picker.choose(row.staff_id):  # an ended person is not in the list of choices
            picker.clear_choice()
            picker.setEditText(row.staff_name)

    def start_new_staff(self) -> None:
        """A new record starts with nobody chosen: the clerk picks the person explicitly."""
        picker: StaffPicker = self.staff  # type: ignore[attr-defined]
        picker.setEnabled(True)
        picker.clear_choice()

    def picked_staff(self) -> int | None:
        picker: StaffPicker = self.staff  # type: ignore[attr-defined]
        staff_id = picker.chosen_id
        if staff_id is None:
            self.show_errors({"staff": tr("请先选择教职工：输入姓名、拼音首字母或证件号后四位，再从列表中点选。")}, "")
        return staff_id

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.message.clear()

    def show_field_error(self, key: str, message: str) -> None:
        label = self.errors.get(key)
        if label is not None:
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
