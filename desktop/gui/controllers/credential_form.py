"""Add a certificate (and its latest registration) or change the selected one.

``save_new`` carries ``(staff_id, CredentialData, RegistrationData | None)``; while a
certificate is shown, ``save_changes`` carries the changed fields and, when a newer
定期注册 was entered, ``"registration": RegistrationData``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from desktop.domain.certno import check_cert_number
from desktop.domain.codes import CredentialKind
from desktop.domain.records import CredentialData, RegistrationData
from desktop.gui.controllers.record_form import RecordForm
from desktop.gui.delegates import from_qdate, to_qdate
from desktop.gui.i18n import tr
from desktop.gui.operations.shapes import CredentialRow
from desktop.gui.views.credential_form_view import CredentialFormView


class CredentialForm(RecordForm, CredentialFormView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing: CredentialRow | None = None
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.registered.toggled.connect(self._registered_changed)
        self.number.textChanged.connect(self._live_number)
        self.cert_type.currentIndexChanged.connect(self._live_number)
        self.connect_form([getattr(self, k) for k in self.FIELDS])
        self.start_new()

    def _kind_changed(self) -> None:
        self.cert_type.setEnabled(self.kind.currentData() == CredentialKind.TEACHER.value)
        self._live_number()

    def _registered_changed(self, on: bool) -> None:
        self.reg_date.setEnabled(on)
        self.result.setEnabled(on)

    def _live_number(self) -> None:
        """Certificate numbers only get warnings: a mismatch asks to look again, never blocks."""
        text = self.number.text().strip()
        if not text or self.kind.currentData() != CredentialKind.TEACHER.value:
            self.show_field_error("number", "")
            return
        findings = check_cert_number(text, cert_type=self.cert_type.currentData())
        self.show_field_error("number", findings[0].message if findings else "")

    # ---- state

    def start_new(self) -> None:
        self.editing = None
        self.heading.setText(tr("新增证书"))
        self.save.setText(tr("添加 (Ctrl+S)"))
        self.registered.setText(tr("录入最近一次定期注册"))
        self.start_new_staff()
        # Every field back to its default: nothing carried over from the row shown before.
        for combo in (self.kind, self.cert_type, self.result):
            combo.setCurrentIndex(0)
        today = QDate.currentDate()
        self.issue_date.setDate(today)
        self.reg_date.setDate(today)
        self.number.clear()
        self.issuer.clear()
        self.registered.setChecked(False)
        self._registered_changed(False)
        self.clear_errors()
        self.staff.setFocus()
        self.mark_clean()

    def show_row(self, row: CredentialRow) -> None:
        self.show_record_of(row, tr("编辑证书：") + row.staff_name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind)))
        self.cert_type.setCurrentIndex(max(0, self.cert_type.findData(row.cert_type)))
        self.number.setText(row.number or "")
        if row.issue_date is not None:
            self.issue_date.setDate(to_qdate(row.issue_date))
        self.issuer.setText(row.issuer or "")
        self.registered.setChecked(False)
        self.registered.setText(tr("录入新的定期注册（最近一次：{d}）")
                                .replace("{d}", str(row.last_registration or tr("无"))))
        self._registered_changed(False)

    # ---- values

    def _data(self) -> CredentialData:
        teacher = self.kind.currentData() == CredentialKind.TEACHER.value
        return CredentialData(kind=self.kind.currentData(), cert_type=self.cert_type.currentData() if teacher else None,
                              number=self.number.text().strip() or None, issue_date=from_qdate(self.issue_date.date()),
                              issuer=self.issuer.text().strip() or None)

    def _registration(self) -> RegistrationData | None:
        if not self.registered.isChecked():
            return None
        return RegistrationData(reg_date=from_qdate(self.reg_date.date()), result=self.result.currentData())

    def form_state(self) -> Any:
        return self.staff.chosen_id, self.staff.currentText(), self._data(), self._registration()

    def new_payload(self) -> tuple[int, CredentialData, RegistrationData | None] | None:
        staff_id = self.picked_staff()
        if staff_id is None:
            return None
        return staff_id, self._data(), self._registration()

    def changes(self, row: CredentialRow) -> dict[str, Any]:
        data = self._data()
        changes: dict[str, Any] = {k: getattr(data, k) for k in ("kind", "cert_type", "number", "issue_date", "issuer")
                                   if getattr(data, k) != getattr(row, k)}
        registration = self._registration()
        if registration is not None:
            changes["registration"] = registration
        return changes

    def reset_after_save(self) -> None:
        self.start_new()
