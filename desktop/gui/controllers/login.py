"""The login dialog: checks the password through ``operations.trust.login`` and says who signed in.

The service hashes, rehashes and locks, on the worker (argon2 takes a noticeable moment,
so the window stays responsive meanwhile); the dialog only shows its generic
message and, after repeated failures, counts down the lock it just caused
(the same schedule as ``users.lock_duration``) so nobody clicks in vain.
The dialog is shown non-modally; ``signed_in`` carries the Actor.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import trust
from desktop.gui.operations.shapes import Database, ServiceError
from desktop.gui.taskman import TaskManager
from desktop.gui.views.login_view import LoginView


class LoginDialog(LoginView):
    signed_in = Signal(object)  # users.Actor

    def __init__(self, db: Database, unit_name: str, taskman: TaskManager, parent: QWidget | None = None,
                 *, username: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.taskman = taskman
        self.failures = 0
        self.wait_left = 0
        self.heading.setText(tr("{unit}：请登录").replace("{unit}", unit_name))
        self.username.setText(username)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.login_button.clicked.connect(self.try_login)
        self.cancel_button.clicked.connect(self.reject)
        self.password.returnPressed.connect(self.try_login)
        (self.password if username else self.username).setFocus()

    def try_login(self) -> None:
        if self.wait_left > 0:
            return
        name, password = self.username.text().strip(), self.password.text()
        if not name or not password:
            self.message.setText(tr("请输入用户名和密码。"))
            return
        self.login_button.setEnabled(False)
        self.message.setText(tr("正在登录…"))
        self.taskman.run(lambda: trust.login(self.db, name, password), on_done=self.succeeded,
                         on_error=self._login_error)

    def _login_error(self, exc: BaseException) -> None:
        self.login_button.setEnabled(True)
        if isinstance(exc, ServiceError):
            self.failed(exc.message)
        else:
            self.message.clear()
            show_unexpected(exc, self)

    def succeeded(self, actor: object) -> None:
        self.login_button.setEnabled(True)
        self.message.clear()
        self.password.clear()
        self.signed_in.emit(actor)
        self.accept()

    def failed(self, message: str) -> None:
        self.failures += 1
        self.password.clear()
        self.password.setFocus()
        wait = int(trust.lock_duration(self.failures).total_seconds())
        self.message.setText(message)
        if wait:
            self.wait_left = wait
            self.login_button.setEnabled(False)
            self._show_wait()
            self.timer.start()

    def _show_wait(self) -> None:
        self.message.setText(tr("连续 {n} 次登录失败，账户已暂时锁定，请 {s} 秒后再试。忘记密码请联系管理员重设。")
                             .replace("{n}", str(self.failures)).replace("{s}", str(self.wait_left)))

    def _tick(self) -> None:
        self.wait_left -= 1
        if self.wait_left <= 0:
            self.timer.stop()
            self.login_button.setEnabled(True)
            self.message.setText(tr("可以再次尝试登录。"))
        else:
            self._show_wait()
