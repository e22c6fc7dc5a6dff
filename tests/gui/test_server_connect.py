"""连接服务器数据库 without a server: the form's checks, an unreachable server, what the settings file keeps."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.appdirs import data_dir
from desktop.gui.context import AppContext
from desktop.gui.controllers.server_connect import reopen_server
from desktop.gui.controllers.server_settings import ServerSection
from desktop.gui.controllers.settings_page import SettingsPage
from desktop.gui.controllers.wizard import FirstRunWizard
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import TaskManager
from desktop.services.core.errors import ServiceError
from tests.gui.conftest import wait_idle


@pytest.fixture(autouse=True)
def _no_password_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDURETURNS_DB_PASSWORD", raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)


def _server_page(qtbot: QtBot, taskman: TaskManager) -> FirstRunWizard:
    wizard = FirstRunWizard(taskman, AppSettings())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.server_db.setChecked(True)
    wizard.next.click()
    assert wizard.stack.currentIndex() == wizard.SERVER
    assert wizard.next.text() == "完成"
    return wizard


def test_a_wrong_port_is_named_before_anything_is_tried(qtbot: QtBot, taskman: TaskManager) -> None:
    wizard = _server_page(qtbot, taskman)
    form = wizard.server_form
    form.host.setText("192.168.1.10")
    form.port.clear()
    qtbot.keyClicks(form.port, "54x2")
    form.user.setText("zhangsan")
    wizard.next.click()
    assert "端口“54x2”不对" in form.result.text() and "5432" in form.result.text()
    assert taskman.pending == 0 and wizard.next.isEnabled()  # nothing was started
    form.test.click()
    assert "端口“54x2”不对" in form.result.text()
    form.host.clear()
    form.port.setText("5432")
    form.test.click()
    assert "请填写服务器地址" in form.result.text()


def test_an_unreachable_server_is_explained_in_chinese(qtbot: QtBot, taskman: TaskManager) -> None:
    """127.0.0.1:1 refuses at once: 测试连接 and 完成 both say the server cannot be reached; the typing stays."""
    wizard = _server_page(qtbot, taskman)
    form = wizard.server_form
    form.host.setText("127.0.0.1")
    form.port.setText("1")
    form.user.setText("zhangsan")
    form.password.setText("secret")
    form.test.click()
    qtbot.waitUntil(lambda: "连接不到数据库服务器" in form.result.text(), timeout=20000)
    assert "端口" in form.result.text() and "secret" not in form.result.text()
    wizard.next.click()
    wait_idle(qtbot, taskman)
    qtbot.waitUntil(lambda: "连接不到数据库服务器" in form.result.text() and wizard.next.isEnabled(), timeout=20000)
    assert wizard.result_db is None and wizard.isVisible()
    assert (form.host.text(), form.port.text(), form.password.text()) == ("127.0.0.1", "1", "secret")
    assert AppSettings().last_server is None


def test_the_settings_file_never_keeps_a_password() -> None:
    settings = AppSettings()
    settings.last_server = "postgresql+psycopg://zhangsan:s3cret@10.0.0.5:5432/edureturns"
    assert settings.last_server == "postgresql+psycopg://zhangsan@10.0.0.5:5432/edureturns"
    assert "s3cret" not in (data_dir() / "settings.ini").read_text(encoding="utf-8")
    settings.remember_opened(Path("/tmp/x.db"), None)  # a file opened afterwards: start-up reopens the file
    assert settings.last_server is None and settings.last_database == Path("/tmp/x.db")


def test_the_wizard_offers_the_last_server_again(qtbot: QtBot, taskman: TaskManager) -> None:
    """When start-up could not reopen the server, the wizard comes up on it with the fields filled."""
    AppSettings().last_server = "postgresql+psycopg://lisi@server.local:5433/county"
    wizard = FirstRunWizard(taskman, AppSettings())
    qtbot.addWidget(wizard)
    assert wizard.server_db.isChecked()
    wizard.next.click()
    form = wizard.server_form
    assert (form.host.text(), form.port.text(), form.database.text(), form.user.text(), form.password.text()) == \
        ("server.local", "5433", "county", "lisi", "")


def test_start_up_without_a_stored_password_asks_and_a_cancel_is_explained(taskman: TaskManager) -> None:
    asked: list[str] = []
    errors: list[BaseException] = []

    def cancel(_parent: object, url: str) -> None:
        asked.append(url)
        return None

    reopen_server(taskman, "postgresql+psycopg://zhangsan@127.0.0.1:1/edureturns",
                  on_done=lambda _o: pytest.fail("opened without a password"), on_error=errors.append, ask=cancel)
    assert asked == ["postgresql+psycopg://zhangsan@127.0.0.1:1/edureturns"]
    assert isinstance(errors[0], ServiceError) and "没有输入密码" in errors[0].message


def test_settings_shows_a_file_database_and_offers_the_server(qtbot: QtBot, ctx: AppContext) -> None:
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    section = page.findChild(ServerSection)
    assert section is not None
    assert "本机数据库文件" in section.current.text()
    assert section.connect_button.text() == "连接服务器数据库…"
    assert not section.forget.isVisibleTo(section)
    section.open_dialog()
    assert section.dialog is not None and section.dialog.isVisible()
    assert section.dialog.form.port.text() == "5432"
    section.dialog.reject()
