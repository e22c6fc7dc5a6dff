"""工具 → 签名密钥: the unit's package-signing key — its fingerprint, and whether this PC holds it.

On a PostgreSQL server the private key lives in the key store of the PC that signs
(docs/security.md §1). Every user sees the fingerprint and this PC's state; an admin
exports the key to a password-protected file, imports such a file on another PC, or
takes out a key an older version left in the database. On a file database the key
travels with the file and the buttons stay off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.context import AppContext
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import signing_key as ops
from desktop.gui.operations import trust
from desktop.gui.operations.shapes import ServiceError


class SigningKeyDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status: Any = None
        self.setWindowTitle(tr("数据包签名密钥"))
        self.resize(640, 320)
        self.fingerprint = QLabel()
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.export_button = QPushButton(tr("导出到文件…"))
        self.import_button = QPushButton(tr("导入密钥文件…"))
        self.take_out_button = QPushButton(tr("从数据库取出到本机"))
        buttons = QHBoxLayout()
        for button in (self.export_button, self.import_button, self.take_out_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.export_button.clicked.connect(self.choose_export)
        self.import_button.clicked.connect(self.choose_import)
        self.take_out_button.clicked.connect(self.take_out)

    def load(self) -> None:
        db = self.ctx.db
        self.ctx.taskman.run(lambda: ops.key_status(db), on_done=self.show_status,
                             on_error=lambda e: show_unexpected(e, self))

    def show_status(self, status: Any) -> None:
        self.status = status
        self.fingerprint.setText(tr("本单位签名密钥指纹：") + (status.fingerprint or tr("（还没有，首次导出数据包时生成）")))
        self.state.setText(status.message)
        admin = trust.may(self.ctx.actor, "settings")
        server = status.here != "file"
        self.export_button.setEnabled(admin and status.here == "here")
        self.import_button.setEnabled(admin and server and status.here != "in_database")
        self.take_out_button.setEnabled(admin and status.here == "in_database")
        tip = "" if admin or not server else tr("只有管理员能导出、导入或取出签名密钥。")
        for button in (self.export_button, self.import_button, self.take_out_button):
            button.setToolTip(tip)

    def _password(self, title: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, tr("密钥文件的密码（至少 8 个字符）："), QLineEdit.EchoMode.Password)
        return text if ok else None

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("导出签名密钥"), "签名密钥.pem", tr("密钥文件 (*.pem)"))
        if not path:
            return
        password = self._password(tr("设置密钥文件的密码"))
        if password is None:
            return
        if password != self._password(tr("再输入一次密码")):
            self.said(tr("两次输入的密码不一致，密钥文件没有导出。"))
            return
        self.export_to(Path(path), password)

    def export_to(self, path: Path, password: str) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        self.ctx.taskman.run(lambda: ops.export_key(db, path, password, actor=actor),
                             on_done=lambda fp: self.finished_with(tr("已把签名密钥（指纹 {fp}）导出到 {path}（已记入操作日志）。"
                                                             "请把文件和密码分开交给要签名的电脑，导入后删除文件。")
                                                          .replace("{fp}", fp).replace("{path}", str(path))),
                             on_error=self.refused)

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("导入签名密钥"), "", tr("密钥文件 (*.pem)"))
        if not path:
            return
        password = self._password(tr("密钥文件的密码"))
        if password is not None:
            self.import_from(Path(path), password)

    def import_from(self, path: Path, password: str) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        self.ctx.taskman.run(lambda: ops.import_key(db, path, password, actor=actor),
                             on_done=lambda fp: self.finished_with(tr("已把签名密钥（指纹 {fp}）导入这台电脑的系统密钥库"
                                                             "（已记入操作日志），这台电脑现在可以签名。请删除密钥文件。")
                                                          .replace("{fp}", fp)),
                             on_error=self.refused)

    def take_out(self) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        self.ctx.taskman.run(lambda: ops.take_out(db, actor=actor),
                             on_done=lambda fp: self.finished_with(tr("已把签名密钥（指纹 {fp}）从服务器数据库取出，保存到这台电脑的"
                                                             "系统密钥库；数据库中不再有私钥（已记入操作日志）。")
                                                          .replace("{fp}", fp)),
                             on_error=self.refused)

    def said(self, text: str, *, error: bool = True) -> None:
        self.message.setStyleSheet("color: #b42318;" if error else "")
        self.message.setText(text)

    def finished_with(self, text: str) -> None:
        self.said(text, error=False)
        self.load()

    def refused(self, exc: BaseException) -> None:
        if not isinstance(exc, ServiceError):
            show_unexpected(exc, self)
            return
        self.said(exc.message)
