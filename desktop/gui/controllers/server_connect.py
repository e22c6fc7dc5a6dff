"""连接服务器数据库: the form's behaviour, the 设置 dialog, and reopening the server at start-up.

The form checks its fields at once (a wrong port is named before any network
traffic), 测试连接 and 连接 run on the worker, and every failure is one Chinese
sentence under the form. The password goes to the OS key store when the user
allows it and never into the settings file; at start-up it comes from the key
store (or ``EDURETURNS_DB_PASSWORD``/``PGPASSWORD``) and is asked for otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.compat import emit
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import server as ops
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.operations.shapes import (
    ServiceError,
    UrlError,
    server_parts,
    server_url_from_parts,
)
from desktop.gui.taskman import TaskManager
from desktop.gui.views.server_form_view import ServerFormView

OK_STYLE = "color: #067647;"


class ServerForm(ServerFormView):
    """Fields → URL, 测试连接 on the worker, the outcome in ``result``."""

    tested = Signal(object)  # ConnectionInfo after a successful 测试连接

    def __init__(self, taskman: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.taskman = taskman
        self.test.clicked.connect(self.run_test)
        for field in (self.host, self.port, self.database, self.user, self.password):
            field.textChanged.connect(self.result.clear)

    def fill(self, url: str | None) -> None:
        if url:
            host, port, database, user = server_parts(url)
            self.host.setText(host)
            self.port.setText(port)
            self.database.setText(database)
            self.user.setText(user)

    def url(self) -> str | None:
        """The server URL (no password), or None with the reason shown under the form."""
        try:
            return server_url_from_parts(self.host.text(), self.port.text(), self.database.text(), self.user.text())
        except UrlError as exc:
            self.show_error(str(exc))
            return None

    def show_error(self, text: str) -> None:
        self.result.setStyleSheet("")
        self.result.setText(text)

    def show_ok(self, text: str) -> None:
        self.result.setStyleSheet(OK_STYLE)
        self.result.setText(text)

    def run_test(self) -> None:
        url = self.url()
        if url is None:
            return
        password = self.password.text() or None
        self.test.setEnabled(False)
        self.show_ok(tr("正在连接服务器……"))
        self.taskman.run(lambda: ops.check_server(url, password), on_done=self._tested, on_error=self.show_failure)

    def _tested(self, info: object) -> None:
        self.test.setEnabled(True)
        self.show_ok("✓ " + info.summary)  # type: ignore[attr-defined]
        emit(self.tested, info)

    def show_failure(self, exc: BaseException) -> None:
        self.test.setEnabled(True)
        if isinstance(exc, ServiceError):
            self.show_error(exc.message)
        else:
            self.show_error(tr("连接失败，请查看提示。"))
            show_unexpected(exc, self)

    def connect_database(self, on_done: Callable[[OpenedDatabase], None],
                         on_error: Callable[[BaseException], None]) -> bool:
        """连接: check, keep the password as chosen, open; False (reason shown) when the fields are wrong."""
        url = self.url()
        if url is None:
            return False
        password, save = self.password.text() or None, self.save_password.isChecked()
        self.taskman.run(lambda: ops.connect_server(url, password, save_password=save),
                         on_done=on_done, on_error=on_error)
        return True


class ServerConnectDialog(QDialog):
    """设置 → 切换到服务器数据库: the form with 连接 / 取消; ``opened`` carries the open database."""

    opened = Signal(object)  # OpenedDatabase

    def __init__(self, taskman: TaskManager, current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("连接服务器数据库"))
        self.setMinimumWidth(560)
        self.form = ServerForm(taskman, self)
        self.form.fill(current)
        self.connect_button = QPushButton(tr("连接"))
        self.connect_button.setObjectName("primary")
        self.cancel = QPushButton(tr("取消"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.connect_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        self.connect_button.clicked.connect(self.connect_now)
        self.cancel.clicked.connect(self.reject)

    def connect_now(self) -> None:
        if self.form.connect_database(self._done, self._failed):
            self.connect_button.setEnabled(False)
            self.form.show_ok(tr("正在连接服务器……"))

    def _done(self, opened: OpenedDatabase) -> None:
        self.connect_button.setEnabled(True)
        emit(self.opened, opened)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.connect_button.setEnabled(True)
        self.form.show_failure(exc)


def ask_password(parent: QWidget | None, url: str) -> str | None:
    """The password typed by the user at start-up, or None when they cancel."""
    text, ok = QInputDialog.getText(parent, tr("连接服务器数据库"), ops.password_prompt(url),
                                    QLineEdit.EchoMode.Password)
    return text if ok and text else None


def reopen_server(taskman: TaskManager, url: str, *, on_done: Callable[[OpenedDatabase], None],
                  on_error: Callable[[BaseException], None],
                  ask: Callable[[QWidget | None, str], str | None] = ask_password) -> None:
    """Open the server database used last time: password from the key store, else asked once."""
    password = ops.known_password(url)
    if password is None:
        password = ask(None, url)
        if password is None:
            on_error(ServiceError("没有输入密码，未连接服务器数据库。可以重新连接，或改为打开本机的数据库文件。"))
            return
    taskman.run(lambda: ops.open_server(url, password), on_done=on_done, on_error=on_error)
