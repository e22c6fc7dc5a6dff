"""Collects a new certificate (and its latest registration) and shows refusals by field."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.domain.certno import check_cert_number
from desktop.domain.codes import CredentialKind
from desktop.domain.records import CredentialData, RegistrationData
from desktop.gui.compat import emit
from desktop.gui.delegates import from_qdate
from desktop.gui.i18n import tr
from desktop.gui.keys import enter_moves_through
from desktop.gui.views.credential_form_view import CredentialFormView


class CredentialForm(CredentialFormView):
    submitted = Signal(int, object, object)  # staff id, CredentialData, RegistrationData | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.save.clicked.connect(self.submit)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.registered.toggled.connect(self._registered_changed)
        self.number.textChanged.connect(self._live_number)
        self.cert_type.currentIndexChanged.connect(self._live_number)
        enter_moves_through(self, [getattr(self, k) for k in self.FIELDS], self.submit)
        self._registered_changed(False)

    def _kind_changed(self) -> None:
        self.cert_type.setEnabled(self.kind.currentData() == CredentialKind.TEACHER.value)
        self._live_number()

    def _registered_changed(self, on: bool) -> None:
        self.reg_date.setEnabled(on)
        self.result.setEnabled(on)

    def _live_number(self) -> None:
        """Certificate numbers only get warnings: a mismatch asks to look again, never blocks."""
        label = self.errors["number"]
        text = self.number.text().strip()
        if not text or self.kind.currentData() != CredentialKind.TEACHER.value:
            label.hide()
            return
        findings = check_cert_number(text, cert_type=self.cert_type.currentData())
        label.setText(findings[0].message if findings else "")
        label.setVisible(bool(findings))

    def set_staff_choices(self, choices: list[tuple[int, str]]) -> None:
        self.staff.clear()
        for staff_id, text in choices:
            self.staff.addItem(text, staff_id)
        self.staff.setCurrentIndex(-1)

    def submit(self) -> None:
        self.clear_errors()
        staff_id = self.staff.currentData()
        if staff_id is None:
            self.show_errors({"staff": tr("请从列表中选择一位教职工（可输入姓名或拼音首字母查找）。")}, "")
            return
        teacher = self.kind.currentData() == CredentialKind.TEACHER.value
        data = CredentialData(kind=self.kind.currentData(), cert_type=self.cert_type.currentData() if teacher else None,
                              number=self.number.text().strip() or None, issue_date=from_qdate(self.issue_date.date()),
                              issuer=self.issuer.text().strip() or None)
        registration = None
        if self.registered.isChecked():
            registration = RegistrationData(reg_date=from_qdate(self.reg_date.date()), result=self.result.currentData())
        emit(self.submitted, staff_id, data, registration)

    def reset_after_save(self) -> None:
        self.number.clear()
        self.issuer.clear()
        self.registered.setChecked(False)
        self.clear_errors()
        self.staff.setFocus()

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
