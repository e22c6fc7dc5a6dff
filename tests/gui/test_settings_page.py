"""设置 → 数据位置: where the data and backups are, with buttons to open the folders."""

from __future__ import annotations

from pathlib import Path

from desktop.appdirs import backups_dir_for, data_dir, writable_problem
from desktop.gui.context import AppContext
from desktop.gui.controllers.settings_page import SettingsPage


def test_settings_page_shows_data_and_backup_folders(qtbot: object, ctx: AppContext) -> None:
    page = SettingsPage(ctx)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    assert page.folder.text() == str(data_dir())
    assert page.backups.text() == str(backups_dir_for(ctx.path))
    assert page.open_folder.text() == "打开数据文件夹"


def test_reveal_creates_the_folder_before_opening_it(tmp_path: Path) -> None:
    target = tmp_path / "backups"
    SettingsPage.reveal(target)
    assert target.is_dir()


def test_a_data_folder_that_cannot_be_written_is_explained_in_chinese(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    problem = writable_problem(blocker / "EduReturns")
    assert problem is not None and "无法在数据文件夹" in problem
    assert writable_problem(tmp_path / "ok") is None
