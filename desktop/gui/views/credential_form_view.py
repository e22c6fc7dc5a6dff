"""Form for a certificate and its latest 定期注册 (side panel of 资格证书)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from desktop.domain.codes import CredentialKind, RegistrationResult, TeacherCertType
from desktop.gui.i18n import tr
from desktop.gui.views.record_form_view import RecordFormView, staff_picker
from desktop.gui.views.widgets import code_combo, date_edit


class CredentialFormView(RecordFormView):
    FIELDS = ("staff", "kind", "cert_type", "number", "issue_date", "issuer", "registered", "reg_date", "result")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("新增证书"), parent)
        self.staff = staff_picker()
        self.kind = code_combo(CredentialKind)
        self.cert_type = code_combo(TeacherCertType)
        self.number = QLineEdit()
        self.number.setPlaceholderText(tr("17 位证书编号"))
        self.number.setMaxLength(40)
        self.issue_date = date_edit()
        self.issuer = QLineEdit()
        self.registered = QCheckBox(tr("录入最近一次定期注册"))
        self.reg_date = date_edit()
        self.result = code_combo(RegistrationResult)
        labels = {"staff": tr("教职工"), "kind": tr("证书类别"), "cert_type": tr("资格种类"), "number": tr("证书编号"),
                  "issue_date": tr("发证日期"), "issuer": tr("发证机关"), "registered": "",
                  "reg_date": tr("注册日期"), "result": tr("注册结论")}
        for key in self.FIELDS:
            self.add_field(key, labels[key], getattr(self, key))
