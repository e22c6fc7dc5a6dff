"""Layout of the 连接服务器数据库 form (wizard page and 设置 dialog): fields, 测试连接, result line."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import tr


class ServerFormView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(tr("多台电脑共用一个 PostgreSQL 服务器数据库（教育局）。服务器地址、数据库名和用户名请问管理员。"))
        intro.setWordWrap(True)
        self.host = QLineEdit()
        self.host.setPlaceholderText(tr("如 192.168.1.10"))
        self.port = QLineEdit("5432")
        self.port.setMaximumWidth(100)
        self.database = QLineEdit("edureturns")
        self.user = QLineEdit()
        self.user.setPlaceholderText(tr("管理员为您建立的登录名"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_password = QCheckBox(tr("在本机系统密钥库中保存密码（不写进设置文件）"))
        self.save_password.setChecked(True)
        self.test = QPushButton(tr("测试连接"))
        self.result = QLabel()
        self.result.setObjectName("fieldError")
        self.result.setWordWrap(True)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test)
        test_row.addWidget(self.result, 1)
        form = QFormLayout()
        form.addRow(tr("服务器地址"), self.host)
        form.addRow(tr("端口"), self.port)
        form.addRow(tr("数据库名"), self.database)
        form.addRow(tr("用户名"), self.user)
        form.addRow(tr("密码"), self.password)
        form.addRow("", self.save_password)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addStretch(1)
