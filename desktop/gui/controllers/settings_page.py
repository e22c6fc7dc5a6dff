"""The 设置 page: language, where the data lives, and the sections other capabilities add."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.appdirs import backups_dir_for, data_dir, logs_dir
from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.controllers.server_settings import ServerSection
from desktop.gui.controllers.trust_settings import TrustSettings
from desktop.gui.i18n import LANGUAGES, tr


class SettingsPage(QWidget):
    open_other = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        heading = QLabel(tr("设置"))
        heading.setObjectName("pageTitle")
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(ctx.settings.language)))
        self.language_note = QLabel(tr("选择后界面立即改用该语言，停留在本页；撤销记录从此重新开始。"))
        self.database = QLabel(ctx.location)
        self.database.setWordWrap(True)
        self.unit = QLabel(f"{ctx.unit.name}（{ctx.unit.code}） · {ctx.period.label}")
        self.folder = QLabel(str(data_dir()))
        self.backups = QLabel(str(backups_dir_for(ctx.path)))
        self.logs = QLabel(str(logs_dir()))
        for label in (self.folder, self.backups, self.logs):
            label.setWordWrap(True)
            label.setTextInteractionFlags(label.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = QPushButton(tr("打开数据文件夹"))
        self.open_backups = QPushButton(tr("打开备份文件夹"))
        self.switch = QPushButton(tr("打开或新建其他数据库…"))
        self.language.setMaximumWidth(240)
        self.switch.setMaximumWidth(280)
        form = QFormLayout()
        form.addRow(tr("界面语言"), self.language)
        form.addRow("", self.language_note)
        form.addRow(tr("当前数据库"), self.database)
        form.addRow(tr("所属单位"), self.unit)
        form.addRow(tr("数据位置"), QLabel(tr("数据库、备份和日志都保存在本机，卸载程序不会删除它们。")))
        form.addRow(tr("数据文件夹"), self.folder)
        form.addRow(tr("备份文件夹"), self.backups)
        form.addRow(tr("错误日志"), self.logs)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder)
        buttons.addWidget(self.open_backups)
        buttons.addStretch(1)
        form.addRow("", buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.switch)
        layout.addWidget(ServerSection(ctx))  # 服务器数据库 (issue 9): desktop/gui/controllers/server_settings.py
        layout.addWidget(TrustSettings(ctx, self), 10)  # users, backups, certificates (trust_settings.py)
        layout.addStretch(1)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.switch.clicked.connect(self.open_other)
        self.open_folder.clicked.connect(lambda: self.reveal(data_dir()))
        self.open_backups.clicked.connect(lambda: self.reveal(backups_dir_for(self.ctx.path)))

    @staticmethod
    def reveal(folder: Path) -> bool:
        """Open ``folder`` in the system file manager (created first, so the click never fails)."""
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _language_chosen(self) -> None:
        self.ctx.settings.language = self.language.currentData()
        emit(self.ctx.events.language_changed, self.language.currentData())  # the window switches at once

    def load(self) -> None:
        pass
