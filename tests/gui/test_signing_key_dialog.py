"""工具 → 签名密钥: the key's fingerprint and this PC's state; on a server an admin moves the key between PCs.

Real widgets offscreen, real database (a SQLite file, or PostgreSQL when the run
has a server), a key store per "PC" (tests/keystore.py).
"""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.signing_key import SigningKeyDialog
from desktop.services.packages.export import export_package
from desktop.services.signing.package_keys import own_fingerprint
from tests.gui.conftest import wait_idle
from tests.keystore import MemoryKeyring

pytestmark = pytest.mark.gui

ZERO = "本学年停办，无数据可报"
PASSWORD = "迁移口令 2026"


def _dialog(qtbot: QtBot, ctx: AppContext) -> SigningKeyDialog:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.signing_key_action.trigger()  # 工具 → 签名密钥…
    wait_idle(qtbot, ctx.taskman)
    dialog: SigningKeyDialog = win.signing_key_dialog
    assert dialog.isVisible()
    return dialog


@pytest.mark.sqlite_only
def test_a_file_database_shows_its_fingerprint_and_keeps_the_key_in_the_file(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path,
) -> None:
    export_package(ctx.db, tmp_path / "out", with_returns=False, zero_report=ZERO)
    dialog = _dialog(qtbot, ctx)
    assert own_fingerprint(ctx.db) in dialog.fingerprint.text()
    assert "保存在本数据库文件中" in dialog.state.text()
    assert not any(b.isEnabled() for b in (dialog.export_button, dialog.import_button, dialog.take_out_button))


@pytest.mark.postgres_only
def test_an_admin_carries_the_key_to_another_pc(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    export_package(ctx.db, tmp_path / "out", with_returns=False, zero_report=ZERO)  # this PC makes the key
    dialog = _dialog(qtbot, ctx)
    assert "在这台电脑上" in dialog.state.text() and dialog.export_button.isEnabled()
    key_file = tmp_path / "签名密钥.pem"
    dialog.export_to(key_file, PASSWORD)
    wait_idle(qtbot, ctx.taskman)
    assert key_file.exists() and "已把签名密钥" in dialog.message.text()
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())  # the dialog on PC B
    try:
        dialog.load()
        wait_idle(qtbot, ctx.taskman)
        assert "不在这台电脑上" in dialog.state.text() and not dialog.export_button.isEnabled()
        dialog.import_from(key_file, "不是这个口令")
        wait_idle(qtbot, ctx.taskman)
        assert "密码不对" in dialog.message.text()
        dialog.import_from(key_file, PASSWORD)
        wait_idle(qtbot, ctx.taskman)
        assert "这台电脑现在可以签名" in dialog.message.text()
        assert "与服务器数据库记录的一致" in dialog.state.text()
    finally:
        keyring.set_keyring(previous)
