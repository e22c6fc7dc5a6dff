"""设置: users and roles, backups with restore (the window reopens on the restored file),
the unit's signing certificate; and the start-up offer of the newest good backup (R3–R5)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.domain.records import StaffData, UnitData
from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.trust_settings import TrustSettings
from desktop.gui.operations.setup import OpenedDatabase, open_database
from desktop.gui.session import Launcher
from desktop.gui.settings import AppSettings
from desktop.gui.signin import actor_of, set_actor
from desktop.gui.taskman import TaskManager
from desktop.reports.signing import check_pkcs12
from desktop.services.admin import backups
from desktop.services.core import users
from desktop.services.records import staff, units
from desktop.services.signing import certificates as signing
from desktop.services.year import periods
from tests.gui.conftest import resident_id, wait_idle


def _settings(qtbot: QtBot, window: MainWindow) -> TrustSettings:
    page = window.show_page("settings")
    wait_idle(qtbot, window.ctx.taskman)
    found = page.findChild(TrustSettings)
    assert found is not None
    return found


def _done(qtbot: QtBot, section: object) -> bool | None:
    """The section works on the worker (password hashing, key generation): wait, then how it ended."""
    wait_idle(qtbot, section.ctx.taskman)  # type: ignore[attr-defined]
    return section.last_ok  # type: ignore[attr-defined]


def test_users_add_reset_disable_and_login_switch(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> None:
    section = _settings(qtbot, window).users
    assert "还没有用户" in section.note.text() and section.add_button.isEnabled()
    section.add_user("zhang", "张填报", "clerk", "pass-word-1")
    assert not _done(qtbot, section)  # the first must be an admin
    assert "管理员" in section.message.text()
    section.add_user("admin", "王校长", "admin", "admin-pass-2025")
    assert _done(qtbot, section)
    assert actor_of(ctx.db).username == "admin"
    section.add_user("zhang", "张填报", "clerk", "short")
    assert _done(qtbot, section) is False
    assert "8 个字符" in section.message.text()
    section.add_user("zhang", "张填报", "clerk", "pass-word-1")
    assert _done(qtbot, section)
    assert section.table.rowCount() == 2 and section.table.item(1, 2).text() == "填报员"
    section.reset_password("zhang", "new-pass-word-2")
    assert _done(qtbot, section)
    assert users.login(ctx.db, "zhang", "new-pass-word-2").username == "zhang"
    section.set_active("zhang", False)
    assert _done(qtbot, section)
    assert section.table.item(1, 3).text() == "已停用"
    section.set_login_optional(True)
    assert _done(qtbot, section)
    assert not users.login_required(ctx.db) and section.login_optional.isChecked()
    # A clerk sees the section but cannot change anything.
    set_actor(ctx.db, users.Actor("li", "李", "clerk"))
    section.refresh()
    _done(qtbot, section)
    assert not section.add_button.isEnabled() and not section.login_optional.isEnabled()
    assert "只有管理员" in section.note.text()


def _sqlite_school(path: Path) -> OpenedDatabase:
    db = Database.for_path(path)
    upgrade(db, backup_dir=path.parent / "backups")
    unit = units.create_home_unit(db, UnitData(code="2144162201", name="龙川县第一小学", kind="school",
                                               parent_code="441622", category="211", ownership="1",
                                               urban_rural="2"))
    return OpenedDatabase(path, db, unit, periods.ensure_period(db, 2025))


def _add(db: Database, unit_id: int, name: str, seq: str) -> None:
    staff.create_staff(db, unit_id, StaffData(name=name, id_number=resident_id("441622", "19850312", seq),
                                              category="11"))


def test_backup_now_and_restore_reopen_the_window_on_the_restored_data(
        qtbot: QtBot, taskman: TaskManager, tmp_path: Path) -> None:
    opened = _sqlite_school(tmp_path / "school.db")
    _add(opened.db, opened.unit.id, "张三", "001")
    launcher = Launcher(taskman, AppSettings())
    launcher.show_main(opened)
    first = launcher.window
    assert first is not None
    qtbot.addWidget(first)
    section = _settings(qtbot, first).backups
    before = section.table.rowCount()
    section.backup_now()
    wait_idle(qtbot, taskman)
    assert section.table.rowCount() == before + 1
    assert "检查完好" in section.message.text()
    assert any(section.table.item(i, 2).text() == "手动" for i in range(section.table.rowCount()))
    manual = next(b for b in section.items if b.reason == "manual")

    _add(opened.db, opened.unit.id, "李四", "002")  # typed after the backup
    assert len(staff.list_staff(opened.db)) == 2
    section.restore(manual.path)
    qtbot.waitUntil(lambda: launcher.window is not None and launcher.window is not first, timeout=20000)
    wait_idle(qtbot, taskman)
    second = launcher.window
    assert second is not None
    qtbot.addWidget(second)
    assert [s.name for s in staff.list_staff(second.ctx.db)] == ["张三"]
    # The contents before the restore were kept as a backup of their own.
    assert any(b.reason == "before-restore" for b in backups.list_backups(opened.path))
    second.close()
    second.ctx.db.dispose()


def test_damaged_file_at_start_is_set_aside_and_the_newest_good_backup_restored(
        qtbot: QtBot, taskman: TaskManager, tmp_path: Path) -> None:
    path = tmp_path / "school.db"
    opened = _sqlite_school(path)
    _add(opened.db, opened.unit.id, "张三", "001")
    backups.backup_now(opened.db)
    opened.db.dispose()
    data = bytearray(path.read_bytes())
    for page in range(1, len(data) // 4096):
        data[page * 4096: page * 4096 + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))

    launcher = Launcher(taskman, AppSettings())
    taskman.run(lambda: open_database(path=path), on_done=launcher.start, on_error=launcher.open_failed)
    qtbot.waitUntil(lambda: launcher.damaged is not None, timeout=20000)
    dialog = launcher.damaged
    text = dialog.text()
    assert "没有删除" in text and ".corrupt." in text and "完好备份" in text
    assert list(tmp_path.glob("school.db.corrupt.*"))
    assert dialog.restore_button is not None
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: launcher.window is not None, timeout=20000)
    wait_idle(qtbot, taskman)
    window = launcher.window
    assert window is not None
    qtbot.addWidget(window)
    assert [s.name for s in staff.list_staff(window.ctx.db)] == ["张三"]
    assert list(tmp_path.glob("school.db.corrupt.*"))  # the damaged file is still there
    window.close()
    window.ctx.db.dispose()


def test_create_certificate_shows_subject_and_fingerprint(qtbot: QtBot, window: MainWindow,
                                                          ctx: AppContext) -> None:
    section = _settings(qtbot, window).certificates
    assert "还没有签名证书" in section.subject.text()
    admin = users.create_user(ctx.db, None, "admin", "王校长", "admin", "admin-pass-2025")
    set_actor(ctx.db, users.Actor("li", "李", "clerk"))
    section.create_certificate("龙川县第一小学", "cert-pass-2025")
    assert not _done(qtbot, section)
    assert "管理员" in section.message.text()
    set_actor(ctx.db, admin)
    section.create_certificate("龙川县第一小学", "short")
    assert not _done(qtbot, section)
    assert "8 个字符" in section.message.text()
    section.create_certificate("龙川县第一小学", "cert-pass-2025")
    assert _done(qtbot, section)
    info = signing.unit_certificate(ctx.db)
    assert info is not None
    assert "龙川县第一小学" in section.subject.text() and section.fingerprint.text() == info.fingerprint
    assert len(info.fingerprint) == 95  # 32 bytes as AA:BB:…
    assert info.qr_public_key is not None and info.qr_public_key.exists()
    # The private key is kept encrypted: it opens only with the passphrase.
    assert check_pkcs12(info.path, "cert-pass-2025").subject.rfc4514_string() == info.subject
    assert b"PRIVATE KEY" not in info.path.read_bytes()
