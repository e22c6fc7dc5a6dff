"""The trust sections of 设置 in one tab widget: 用户与权限, 备份与恢复, 签名证书.

SettingsPage adds this with one line, so the sections of other features merge cleanly.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget

from desktop.gui.context import AppContext
from desktop.gui.controllers.backup_settings import BackupSettings
from desktop.gui.controllers.cert_settings import CertificateSettings
from desktop.gui.controllers.users_settings import UsersSettings
from desktop.gui.i18n import tr


class TrustSettings(QTabWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.users = UsersSettings(ctx)
        self.backups = BackupSettings(ctx)
        self.certificates = CertificateSettings(ctx)
        # Each tab scrolls: the settings page is shared by several sections and may be short.
        self.addTab(_scrolled(self.users), tr("用户与权限"))
        self.addTab(_scrolled(self.backups), tr("备份与恢复"))
        self.addTab(_scrolled(self.certificates), tr("签名证书"))
        self.setMinimumHeight(280)


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area
