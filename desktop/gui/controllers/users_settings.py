"""设置 → 用户与权限 (admins only): users list, add user with role, reset password, disable,
and the 单用户学校可不登录 switch. Every change goes through ``operations.trust`` (audited) on the
worker: hashing a password takes a noticeable moment. The actions report through ``message``
and ``last_ok`` when the worker is done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import Role
from desktop.gui.context import AppContext
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import trust
from desktop.gui.operations.shapes import Actor, ServiceError
from desktop.gui.signin import set_actor
from desktop.gui.views.widgets import list_table

HEADERS = ("用户名", "姓名", "角色", "状态", "上次登录")


class UsersSettings(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.accounts: list[trust.UserAccount] = []
        self.last_ok: bool | None = None  # how the last action ended (None while it runs)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = list_table([tr(h) for h in HEADERS])
        self.table.setMinimumHeight(110)
        self.table.setMaximumHeight(170)
        self.reset_button = QPushButton(tr("重设密码…"))
        self.active_button = QPushButton(tr("停用 / 启用"))
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.role = QComboBox()
        for code, label in Role.choices():
            self.role.addItem(label, code)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("至少 8 个字符"))
        self.add_button = QPushButton(tr("添加用户"))
        for w in (self.username, self.display_name, self.password, self.role, self.add_button):
            w.setMaximumWidth(320)
        self.login_optional = QCheckBox(tr("单用户学校可不登录（只有一个人使用本机时才勾选）"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.reset_button)
        row.addWidget(self.active_button)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow(tr("用户名"), self.username)
        form.addRow(tr("姓名"), self.display_name)
        form.addRow(tr("角色"), self.role)
        form.addRow(tr("初始密码"), self.password)
        form.addRow("", self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.login_optional)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self._add_clicked)
        self.reset_button.clicked.connect(self._reset_clicked)
        self.active_button.clicked.connect(self._active_clicked)
        self.login_optional.toggled.connect(self.set_login_optional)
        self.refresh()

    def refresh(self) -> None:
        db = self.ctx.db
        self.ctx.taskman.run(lambda: trust.load_users(db), on_done=self.show_users,
                             on_error=lambda e: show_unexpected(e, self))

    def show_users(self, state: trust.UsersState) -> None:
        actor = self.ctx.actor
        self.accounts = state.accounts
        first = not self.accounts
        admin = trust.may(actor, "manage_users")
        if first:
            self.note.setText(tr("还没有用户，程序不要求登录。添加的第一个用户必须是管理员；"
                                 "之后每次启动都要登录，除非管理员勾选下面的“可不登录”。"))
            self.role.setCurrentIndex(self.role.findData(Role.ADMIN.value))
        elif admin:
            self.note.setText(tr("角色：填报员录入和修改数据；审核人提交、审核、退回和解锁；管理员管理用户、设置和备份。"))
        else:
            self.note.setText(tr("只有管理员可以管理用户。当前用户是{role}。").replace("{role}", actor.role_label))
        for w in (self.table, self.reset_button, self.active_button, self.username, self.display_name,
                  self.role, self.password, self.add_button, self.login_optional):
            w.setEnabled(first or admin)
        self.reset_button.setEnabled(admin and not first)
        self.active_button.setEnabled(admin and not first)
        self.login_optional.setEnabled(admin and not first)
        self.table.setRowCount(len(self.accounts))
        for i, a in enumerate(self.accounts):
            texts = (a.username, a.display_name, a.role_label, tr("使用中") if a.active else tr("已停用"),
                     a.last_login_at.strftime("%Y-%m-%d %H:%M") if a.last_login_at else "")
            for j, text in enumerate(texts):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.login_optional.blockSignals(True)
        self.login_optional.setChecked(not state.login_required)
        self.login_optional.blockSignals(False)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b42318;" if error else "")
        self.message.setText(text)

    def _do(self, call: Callable[[], object], done: str, then: Callable[[object], None] | None = None) -> None:
        self.last_ok = None

        def finished(result: object) -> None:
            self.last_ok = True
            if then is not None:
                then(result)
            self.refresh()
            self._say(done)

        def failed(exc: BaseException) -> None:
            self.last_ok = False
            if isinstance(exc, ServiceError):
                self._say(exc.message, error=True)
            else:
                show_unexpected(exc, self)

        self.ctx.taskman.run(call, on_done=finished, on_error=failed)

    def selected(self) -> str | None:
        row = self.table.currentRow()
        return self.accounts[row].username if 0 <= row < len(self.accounts) else None

    # ---- actions (the buttons ask for input, then call these)

    def add_user(self, username: str, display_name: str, role: str, password: str) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        first = not self.accounts

        def added(made: object) -> None:
            assert isinstance(made, Actor)
            if first:
                set_actor(db, made)  # the first admin acts from now on; the next start asks for a login
            for w in (self.username, self.display_name, self.password):
                w.clear()

        self._do(lambda: trust.create_user(db, actor, username, display_name, role, password),
                 tr("已添加用户“{0}”。").replace("{0}", username), added)

    def reset_password(self, username: str, password: str) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        self._do(lambda: trust.set_password(db, actor, username, password),
                        tr("已重设“{0}”的密码，请当面告诉本人并提醒他登录后修改。").replace("{0}", username))

    def set_active(self, username: str, active: bool) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        text = tr("已启用“{0}”。") if active else tr("已停用“{0}”，他不能再登录；操作日志中的记录保留。")
        self._do(lambda: trust.set_active(db, actor, username, active), text.replace("{0}", username))

    def set_login_optional(self, optional: bool) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        text = tr("已设置：启动时不要求登录（以管理员身份运行）。") if optional else tr("已设置：每次启动都要登录。")
        self._do(lambda: trust.set_login_required(db, actor, not optional), text)

    def _add_clicked(self) -> None:
        self.add_user(self.username.text(), self.display_name.text(), self.role.currentData(), self.password.text())

    def _reset_clicked(self) -> None:
        name = self.selected()
        if name is None:
            self._say(tr("请先在列表中选择一个用户。"), error=True)
            return
        password, given = QInputDialog.getText(self, tr("重设密码"), tr("“{0}”的新密码（至少 8 个字符）：")
                                               .replace("{0}", name), QLineEdit.EchoMode.Password)
        if given:
            self.reset_password(name, password)

    def _active_clicked(self) -> None:
        name = self.selected()
        if name is None:
            self._say(tr("请先在列表中选择一个用户。"), error=True)
            return
        account = next(a for a in self.accounts if a.username == name)
        self.set_active(name, not account.active)
