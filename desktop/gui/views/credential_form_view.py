"""Form for a new certificate and, optionally, its latest 定期注册 (side panel of 资格证书)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import CredentialKind, RegistrationResult, TeacherCertType
from desktop.gui.i18n import tr
from desktop.gui.views.widgets import code_combo, date_edit


class CredentialFormView(QWidget):
    FIELDS = ("staff", "kind", "cert_type", "number", "issue_date", "issuer", "registered", "reg_date", "result")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(tr("新增证书"))
        self.heading.setObjectName("formTitle")
        self.staff = QComboBox()
        self.staff.setEditable(True)
        self.staff.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
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
        self.errors: dict[str, QLabel] = {}
        labels = {"staff": tr("教职工"), "kind": tr("证书类别"), "cert_type": tr("资格种类"), "number": tr("证书编号"),
                  "issue_date": tr("发证日期"), "issuer": tr("发证机关"), "registered": "",
                  "reg_date": tr("注册日期"), "result": tr("注册结论")}
        form = QFormLayout()
        for key in self.FIELDS:
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(getattr(self, key))
            error = QLabel()
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.hide()
            box.addWidget(error)
            self.errors[key] = error
            form.addRow(labels[key], box)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.save = QPushButton(tr("添加 (Ctrl+S)"))
        self.save.setObjectName("primary")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)
