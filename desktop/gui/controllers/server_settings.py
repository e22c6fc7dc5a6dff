"""设置 → 服务器数据库: which database this PC works on, and switching to (another) server.

Shows the current connection (server database or local file) and where the
password is kept, opens the 连接服务器数据库 dialog, and can delete the saved
password from the OS key store. Switching goes through ``ctx.events.database_opened``,
so the launcher remembers it for the next start like any other database.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.controllers.server_connect import ServerConnectDialog
from desktop.gui.i18n import tr
from desktop.gui.operations import server


class ServerSection(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("服务器数据库（多台电脑共用）"), parent)
        self.ctx = ctx
        self.dialog: ServerConnectDialog | None = None
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.password_note = QLabel()
        self.password_note.setWordWrap(True)
        self.connect_button = QPushButton(tr("切换服务器连接…") if ctx.server_url else tr("连接服务器数据库…"))
        self.forget = QPushButton(tr("删除保存的密码"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.forget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(self.password_note)
        layout.addLayout(buttons)
        self.connect_button.clicked.connect(self.open_dialog)
        self.forget.clicked.connect(self.forget_password)
        self.refresh()

    def refresh(self) -> None:
        url = self.ctx.server_url
        if url is None:
            self.current.setText(tr("当前使用本机数据库文件。教育局多台电脑共用数据时，请连接服务器数据库。"))
            self.password_note.setVisible(False)
            self.forget.setVisible(False)
            return
        self.current.setText(tr("当前连接：") + self.ctx.location)
        saved = server.password_from_keyring(url) is not None
        self.password_note.setText(tr("密码保存在本机系统密钥库中，启动时自动连接。") if saved
                                   else tr("密码没有保存，每次启动时询问。设置文件里从不保存密码。"))
        self.password_note.setVisible(True)
        self.forget.setVisible(True)
        self.forget.setEnabled(saved)

    def forget_password(self) -> None:
        if self.ctx.server_url:
            server.forget_password(self.ctx.server_url)
        self.refresh()

    def open_dialog(self) -> None:
        self.dialog = ServerConnectDialog(self.ctx.taskman, self.ctx.server_url or self.ctx.settings.last_server, self)
        self.dialog.opened.connect(lambda opened: emit(self.ctx.events.database_opened, opened))
        self.dialog.open()
