"""设置 → 签名证书: create a self-signed certificate for the unit or import a PKCS#12 file.

The certificate's private key stays in a PKCS#12 file encrypted with the
passphrase (asked for at every signature, never stored); the page shows the
subject and SHA-256 fingerprint, which a recipient compares before trusting it.
Creating or importing also makes the unit's QR-code key (reports/qrpayload.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
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
from desktop.gui.operations import certificates, trust
from desktop.gui.operations.shapes import ServiceError


class CertificateSettings(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.subject = QLabel()
        self.fingerprint = QLabel()
        self.valid_until = QLabel()
        self.files = QLabel()
        for label in (self.subject, self.fingerprint, self.files):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name = QLineEdit(ctx.unit.name)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(tr("至少 8 个字符；签名时需要输入，丢失后无法找回"))
        self.create_button = QPushButton(tr("创建自签名证书"))
        self.import_button = QPushButton(tr("导入 PKCS#12 证书…"))
        self.message = QLabel()
        self.last_ok: bool | None = None  # how the last make/import ended (None while it runs)
        self.message.setWordWrap(True)
        shown = QFormLayout()
        shown.addRow(tr("证书主体"), self.subject)
        shown.addRow(tr("SHA-256 指纹"), self.fingerprint)
        shown.addRow(tr("有效期至"), self.valid_until)
        shown.addRow(tr("文件"), self.files)
        form = QFormLayout()
        form.addRow(tr("证书名称"), self.name)
        form.addRow(tr("证书密码"), self.passphrase)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        note = QLabel(tr("自签名证书只有在接收方安装（信任）了本单位证书后才显示为可信；请把指纹告诉接收方核对。"
                         "签名时间是本机时间，没有可信时间戳。"))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(shown)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.create_button.clicked.connect(lambda: self.create_certificate(self.name.text(), self.passphrase.text()))
        self.import_button.clicked.connect(self._import_clicked)
        admin = trust.may(ctx.actor, "settings")
        for w in (self.name, self.passphrase, self.create_button, self.import_button):
            w.setEnabled(admin)
        if not admin:
            self.message.setText(tr("只有管理员可以创建或导入签名证书。"))
        self.refresh()

    def refresh(self) -> None:
        db = self.ctx.db
        self.ctx.taskman.run(lambda: certificates.unit_certificate(db), on_done=self.show_certificate,
                             on_error=lambda e: show_unexpected(e, self))

    def show_certificate(self, info: certificates.CertificateInfo | None) -> None:
        if info is None:
            self.subject.setText(tr("本单位还没有签名证书。"))
            self.fingerprint.clear()
            self.valid_until.clear()
            self.files.clear()
            return
        self.subject.setText(info.subject)
        self.fingerprint.setText(info.fingerprint)
        self.valid_until.setText(f"{info.not_after:%Y-%m-%d}")
        qr = tr("；二维码公钥：") + str(info.qr_public_key) if info.qr_public_key else ""
        self.files.setText(tr("证书：") + str(info.public_path) + qr)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b42318;" if error else "")
        self.message.setText(text)

    def _do(self, call: Callable[[], certificates.CertificateInfo]) -> None:
        """Make or import the key pair on the worker (an RSA key takes seconds on an old PC)."""
        self.last_ok = None
        self._say(tr("正在处理证书…"))

        def finished(info: certificates.CertificateInfo) -> None:
            self.last_ok = True
            self.passphrase.clear()
            self.refresh()
            self._say(tr("证书已保存（私钥已用证书密码加密）。指纹：") + info.fingerprint)

        def failed(exc: BaseException) -> None:
            self.last_ok = False
            if isinstance(exc, ServiceError):
                self._say(exc.message, error=True)
            else:
                self._say("")
                show_unexpected(exc, self)

        self.ctx.taskman.run(call, on_done=finished, on_error=failed)

    def create_certificate(self, name: str, passphrase: str) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        self._do(lambda: certificates.create_certificate(db, actor, name, passphrase))

    def import_file(self, path: Path, passphrase: str) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        self._do(lambda: certificates.import_certificate(db, actor, path, passphrase))

    def _import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择证书文件"), "", tr("PKCS#12 证书 (*.p12 *.pfx)"))
        if not path:
            return
        passphrase, given = QInputDialog.getText(self, tr("证书密码"), tr("请输入这个证书文件的密码："),
                                                 QLineEdit.EchoMode.Password)
        if given:
            self.import_file(Path(path), passphrase)
