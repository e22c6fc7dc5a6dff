"""设置 → 界面语言: choosing English rebuilds the window in English at once, on the same page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.data.engine import Database
from desktop.domain.records import PeriodRecord, UnitRecord
from desktop.gui.controllers.settings_page import SettingsPage
from desktop.gui.i18n import install_language, tr
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.session import Launcher
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import TaskManager
from tests.gui.conftest import wait_idle


@pytest.fixture
def launcher(qtbot: QtBot, qapp: QApplication, db: Database, db_path: object, school: UnitRecord,
             period: PeriodRecord, taskman: TaskManager, tmp_path: Path) -> Iterator[Launcher]:
    settings = AppSettings(tmp_path / "settings.ini")
    launcher = Launcher(taskman, settings)
    launcher.show_main(OpenedDatabase(Path(str(db_path)), db, school, period))
    wait_idle(qtbot, taskman)
    yield launcher
    install_language(qapp, "zh_CN")  # the next tests expect the Chinese source text
    for window in {launcher.window} - {None}:
        window.close()  # type: ignore[union-attr]


def nav_texts(launcher: Launcher) -> list[str]:
    assert launcher.window is not None
    return [launcher.window.nav.item(i).text() for i in range(launcher.window.nav.count())]


def test_choosing_english_shows_english_navigation_at_once(qtbot: QtBot, launcher: Launcher) -> None:
    assert "教职工" in nav_texts(launcher)
    first = launcher.window
    assert first is not None
    settings_page = first.show_page("settings")
    assert isinstance(settings_page, SettingsPage)
    settings_page.language.setCurrentIndex(settings_page.language.findData("en"))
    wait_idle(qtbot, launcher.taskman)
    assert launcher.window is not first  # rebuilt …
    assert {"Staff", "Training", "Settings"} <= set(nav_texts(launcher))  # … in English
    assert launcher.window.current_key() == "settings"  # on the page the user was on
    assert launcher.window.menuBar().actions()[0].text() == "&File"
    assert launcher.settings.language == "en"  # and remembered for the next start
    page = launcher.window.pages["settings"]
    assert isinstance(page, SettingsPage) and page.language.currentData() == "en"
    # Back to Chinese the same way.
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    wait_idle(qtbot, launcher.taskman)
    assert "教职工" in nav_texts(launcher)
    assert tr("教职工") == "教职工"
