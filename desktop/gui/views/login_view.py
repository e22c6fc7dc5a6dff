"""Layout of the login dialog: unit name, user name, password, a message line."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import tr


class LoginView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("登录 — EduReturns（教育数据填报）"))
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.heading.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setPlaceholderText(tr("用户名"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("密码"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b42318;")
        self.note = QLabel(tr("忘记密码请联系本单位管理员重设。"))
        self.note.setObjectName("status")
        self.buttons = QDialogButtonBox()
        self.login_button = QPushButton(tr("登录"))
        self.login_button.setObjectName("primary")
        self.login_button.setDefault(True)
        self.cancel_button = QPushButton(tr("退出程序"))
        self.buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        form = QFormLayout()
        form.addRow(tr("用户名"), self.username)
        form.addRow(tr("密码"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
