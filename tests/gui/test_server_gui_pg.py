"""连接服务器数据库 against the real throwaway PostgreSQL (`.ci/pg.sh start`; CI: the PostgreSQL pass).

Each failure gets its own Chinese sentence (wrong password, no such database, an
empty database, a schema from a newer program); a good connection opens the main
window titled with the server database, keeps the password in the key store (a
real ``keyring`` backend held in memory, as on a PC with Credential Manager) and
never in settings.ini, and the next start reopens it without asking.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desktop.appdirs import data_dir
from desktop.data.engine import Database
from desktop.data.migrate import head_revision
from desktop.data.urls import server_label, split_password
from desktop.domain.records import PeriodRecord, UnitData, UnitRecord
from desktop.gui.controllers.server_connect import ServerForm, reopen_server
from desktop.gui.controllers.server_settings import ServerSection
from desktop.gui.controllers.settings_page import SettingsPage
from desktop.gui.controllers.wizard import FirstRunWizard
from desktop.gui.operations import setup
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.session import Launcher
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import TaskManager
from desktop.services.admin import server
from tests.conftest import MakeDatabase
from tests.gui.conftest import wait_idle

pytestmark = [pytest.mark.postgres_only, pytest.mark.pg_gui]


class MemoryKeyring(KeyringBackend):
    """A key store that lives in memory: the real keyring API, no OS service needed."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def key_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.delenv("EDURETURNS_DB_PASSWORD", raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    before = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(before)


def _fill(form: ServerForm, url: str, password: str | None) -> None:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    form.host.setText(u.host or "")
    form.port.setText(str(u.port or 5432))
    form.database.setText(u.database or "")
    form.user.setText(u.username or "")
    form.password.setText(password or "")


def _tested(qtbot: QtBot, form: ServerForm) -> str:
    form.result.clear()
    form.test.click()
    qtbot.waitUntil(lambda: form.result.text() not in ("", "正在连接服务器……"), timeout=20000)
    return form.result.text()


def test_each_connection_failure_has_its_own_chinese_reason(
    qtbot: QtBot, taskman: TaskManager, db: Database, school: UnitRecord, make_db: MakeDatabase,
    key_store: MemoryKeyring,
) -> None:
    bare, password = split_password(db.url)
    form = ServerForm(taskman)
    qtbot.addWidget(form)

    _fill(form, bare, "not-the-password")
    assert "用户名或密码不对" in _tested(qtbot, form)
    _fill(form, bare.rsplit("/", 1)[0] + "/no_such_database", password)
    assert "没有这个数据库" in _tested(qtbot, form)
    empty = make_db("empty", migrated=False)
    _fill(form, split_password(empty.url)[0], password)
    assert "还是空的" in _tested(qtbot, form)
    with db.engine.begin() as conn:  # as if a newer EduReturns had upgraded the server
        conn.execute(text("UPDATE alembic_version SET version_num = '29991231_9999'"))
    _fill(form, bare, password)
    assert "更新版本" in _tested(qtbot, form)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head_revision()})
    said = _tested(qtbot, form)
    assert said.startswith("✓") and "表结构为最新" in said and "已连接" in said
    assert key_store.items == {}  # 测试连接 keeps nothing


def test_older_schema_is_reported_as_upgraded_on_opening(
    qtbot: QtBot, taskman: TaskManager, db: Database, school: UnitRecord, key_store: MemoryKeyring,
) -> None:
    from alembic.script import ScriptDirectory

    from desktop.data.migrate import alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_revision(head_revision())
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head.down_revision})
    bare, password = split_password(db.url)
    form = ServerForm(taskman)
    qtbot.addWidget(form)
    _fill(form, bare, password)
    assert "表结构较旧，打开时会自动升级" in _tested(qtbot, form)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head_revision()})


def test_wizard_connects_remembers_and_the_next_start_reopens_without_asking(
    qtbot: QtBot, taskman: TaskManager, db: Database, school: UnitRecord, period: PeriodRecord,
    key_store: MemoryKeyring,
) -> None:
    bare, password = split_password(db.url)
    wizard = FirstRunWizard(taskman, AppSettings())
    qtbot.addWidget(wizard)
    wizard.server_db.setChecked(True)
    wizard.next.click()
    _fill(wizard.server_form, bare, password)
    assert wizard.server_form.save_password.isChecked()
    assert _tested(qtbot, wizard.server_form).startswith("✓")
    with qtbot.waitSignal(wizard.opened, timeout=30000) as signal:
        wizard.next.click()
    first: OpenedDatabase = signal.args[0]
    assert first.server_url == bare and first.unit.code == school.code
    first.db.dispose()

    # What stays on this PC: the URL without password in settings.ini, the password in the key store.
    assert AppSettings().last_server == bare
    assert password and password not in (data_dir() / "settings.ini").read_text(encoding="utf-8")
    assert list(key_store.items.values()) == [password]

    # Next start: reopened from the key store, no question asked; the title names the server database.
    launcher = Launcher(taskman, AppSettings())
    reopen_server(taskman, AppSettings().last_server or "", on_done=launcher.start,
                  on_error=lambda exc: pytest.fail(str(exc)), ask=lambda *_: pytest.fail("asked for the password"))
    qtbot.waitUntil(lambda: launcher.window is not None, timeout=30000)
    window = launcher.window
    assert window is not None
    qtbot.addWidget(window)
    wait_idle(qtbot, taskman)
    assert window.ctx.server_url == bare
    assert server_label(bare) in window.windowTitle() and "服务器" in window.windowTitle()
    assert ".db" not in window.windowTitle()
    page = SettingsPage(window.ctx)
    qtbot.addWidget(page)
    section = page.findChild(ServerSection)
    assert section is not None and server_label(bare) in section.current.text()
    assert "系统密钥库" in section.password_note.text()
    section.forget.click()  # 删除保存的密码: the next start will ask
    assert key_store.items == {} and "每次启动时询问" in section.password_note.text()
    asked: list[str] = []
    other = Launcher(taskman, AppSettings())

    def typed(_parent: object, url: str) -> str | None:
        asked.append(url)
        return password

    reopen_server(taskman, bare, on_done=other.start, on_error=lambda exc: pytest.fail(str(exc)), ask=typed)
    qtbot.waitUntil(lambda: other.window is not None, timeout=30000)
    assert asked == [bare]
    assert other.window is not None
    qtbot.addWidget(other.window)
    wait_idle(qtbot, taskman)
    for win in (window, other.window):
        win.close()
        win.ctx.db.dispose()


def test_settings_switches_a_file_window_to_the_server(
    qtbot: QtBot, taskman: TaskManager, db: Database, school: UnitRecord, key_store: MemoryKeyring,
    tmp_path: Path,
) -> None:
    local = setup.create_database(path=tmp_path / "office.db", school_year=2025, unit=UnitData(
        code="441622", name="龙川县教育局", kind="county", parent_code="441600"))
    settings = AppSettings()
    settings.remember_opened(local.path, None)
    launcher = Launcher(taskman, settings)
    launcher.start(local)
    first = launcher.window
    assert first is not None
    qtbot.addWidget(first)
    wait_idle(qtbot, taskman)
    assert "office.db" in first.windowTitle()
    page = SettingsPage(first.ctx)
    qtbot.addWidget(page)
    section = page.findChild(ServerSection)
    assert section is not None
    section.open_dialog()
    dialog = section.dialog
    assert dialog is not None
    bare, password = split_password(db.url)
    _fill(dialog.form, bare, password)
    dialog.form.save_password.setChecked(False)
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: launcher.window is not first, timeout=30000)
    window = launcher.window
    assert window is not None
    qtbot.addWidget(window)
    wait_idle(qtbot, taskman)
    assert window.ctx.server_url == bare and window.ctx.unit.code == school.code
    assert server_label(bare) in window.windowTitle()
    assert AppSettings().last_server == bare  # the next start reopens the server …
    assert key_store.items == {}  # … and asks for the password, which was not to be saved
    assert server.password_from_keyring(bare) is None
    window.close()
    window.ctx.db.dispose()
