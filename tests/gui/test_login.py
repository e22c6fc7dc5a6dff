"""Login before the main window (R13 in the GUI): right and wrong password, the growing lock shown
in Chinese, the signed-in user as the actor of GUI edits and in the status bar, 切换用户/退出登录."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.data.engine import Database
from desktop.domain.records import PeriodRecord, StaffData, UnitRecord
from desktop.gui.controllers.login import LoginDialog
from desktop.gui.operations import staff as staff_ops
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.session import Launcher
from desktop.gui.settings import AppSettings
from desktop.gui.signin import actor_of
from desktop.gui.taskman import TaskManager
from desktop.services.core import auditlog, users
from desktop.services.core.auditlog import AuditFilter
from tests.gui.conftest import resident_id

ADMIN_PW = "admin-pass-2025"
CLERK_PW = "clerk-pass-2025"


def _users(db: Database) -> None:
    admin = users.create_user(db, None, "admin", "王校长", "admin", ADMIN_PW)
    users.create_user(db, admin, "zhang", "张填报", "clerk", CLERK_PW)


def _launch(qtbot: QtBot, taskman: TaskManager, db: Database, school: UnitRecord, period: PeriodRecord,
            db_path: Path) -> Launcher:
    launcher = Launcher(taskman, AppSettings())
    launcher.show_main(OpenedDatabase(db_path, db, school, period))
    return launcher


def _type(qtbot: QtBot, dialog: LoginDialog, name: str, password: str) -> None:
    dialog.username.setText(name)
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.taskman.pending == 0, timeout=10000)  # the password is checked on the worker


def test_login_dialog_comes_first_and_the_right_password_opens_the_window(
        qtbot: QtBot, taskman: TaskManager, db: Database, school: UnitRecord, period: PeriodRecord,
        db_path: Path) -> None:
    _users(db)
    launcher = _launch(qtbot, taskman, db, school, period, db_path)
    assert launcher.window is None and launcher.login is not None and launcher.login.isVisible()
    _type(qtbot, launcher.login, "zhang", CLERK_PW)
    assert launcher.window is not None
    qtbot.addWidget(launcher.window)
    assert actor_of(db).username == "zhang"
    assert "张填报" in launcher.window.user_label.text() and "填报员" in launcher.window.user_label.text()
    # Every GUI edit now names the clerk in the audit log, not "gui".
    staff_ops.add_staff(db=db, unit_id=school.id, data=StaffData(
        name="赵六", id_number=resident_id("441622", "19900101", "001"), category="11"))
    rows = auditlog.search(db, AuditFilter(table="staff"))
    assert rows and {r.username for r in rows} == {"zhang"}
    launcher.window.close()


def test_wrong_password_is_refused_and_repeated_failures_lock_with_a_countdown(
        qtbot: QtBot, taskman: TaskManager, db: Database, school: UnitRecord, period: PeriodRecord,
        db_path: Path) -> None:
    _users(db)
    launcher = _launch(qtbot, taskman, db, school, period, db_path)
    dialog = launcher.login
    assert dialog is not None
    _type(qtbot, dialog, "zhang", "wrong-password")
    assert launcher.window is None
    assert "用户名或密码不正确" in dialog.message.text()
    assert dialog.login_button.isEnabled()
    _type(qtbot, dialog, "zhang", "wrong-again")
    _type(qtbot, dialog, "zhang", "third-wrong")
    assert not dialog.login_button.isEnabled()
    assert "暂时锁定" in dialog.message.text() and "5 秒" in dialog.message.text()
    assert dialog.wait_left == 5
    # The service holds the lock too: the right password is refused while it lasts.
    dialog.wait_left = 1
    dialog._tick()  # the countdown ends (no waiting in tests)
    assert dialog.login_button.isEnabled()
    _type(qtbot, dialog, "zhang", CLERK_PW)
    assert launcher.window is None
    assert dialog.failures == 4 and dialog.wait_left == 10  # the next wait is longer
    dialog.close()


def test_switch_user_and_log_out(qtbot: QtBot, taskman: TaskManager, db: Database, school: UnitRecord,
                                 period: PeriodRecord, db_path: Path) -> None:
    _users(db)
    launcher = _launch(qtbot, taskman, db, school, period, db_path)
    assert launcher.login is not None
    _type(qtbot, launcher.login, "zhang", CLERK_PW)
    first = launcher.window
    assert first is not None and first.switch_user_action.isEnabled()
    first.switch_user_action.trigger()
    assert launcher.login.isVisible() and first.isVisible()
    _type(qtbot, launcher.login, "admin", ADMIN_PW)
    assert launcher.window is not first and actor_of(db).username == "admin"
    assert "管理员" in launcher.window.user_label.text()
    second = launcher.window
    second.log_out_action.trigger()
    assert not second.isVisible() and launcher.login.isVisible()
    assert actor_of(db).username == "system"  # nobody is signed in while the dialog waits
    _type(qtbot, launcher.login, "zhang", CLERK_PW)
    assert launcher.window is not None and launcher.window.isVisible()
    launcher.window.close()


def test_without_users_or_with_login_switched_off_no_dialog(
        qtbot: QtBot, taskman: TaskManager, db: Database, school: UnitRecord, period: PeriodRecord,
        db_path: Path) -> None:
    launcher = _launch(qtbot, taskman, db, school, period, db_path)
    assert launcher.login is None and launcher.window is not None
    assert not launcher.window.switch_user_action.isEnabled()
    launcher.window.close()
    admin = users.create_user(db, None, "admin", "王校长", "admin", ADMIN_PW)
    users.set_login_required(db, admin, False)
    launcher = _launch(qtbot, taskman, db, school, period, db_path)
    assert launcher.login is None and launcher.window is not None
    assert actor_of(db).username == "admin"
    launcher.window.close()
