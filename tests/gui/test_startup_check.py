"""Start-up after an unclean close: the window first, the integrity check in the background.

On main the program ran SQLite's quick check before it showed anything (6.3 s of nothing on
a county's file). Now the window appears at once, locked under a banner with the time so
far, the check runs on a thread of its own, and editing is unlocked only when it passed;
a file that fails is renamed aside and the newest good backup offered.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.cli import main
from desktop.gui.controllers.damaged_dialog import DamagedDialog
from desktop.gui.operations.setup import OpenedDatabase, open_database
from desktop.gui.session import Launcher
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import TaskManager
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture
def school_file(tmp_path: Path) -> Path:
    """The demo school, opened once by the program and then left without a clean close (a crash)."""
    path = tmp_path / "school.db"
    assert main(["demo", "--scale", "school", "--db", str(path)]) == 0
    opened = open_database(path=path)
    opened.db.dispose()  # the process "dies" here: no close_database, so no clean-close mark
    return path


@pytest.fixture
def launcher(qtbot: QtBot, taskman: TaskManager) -> Iterator[Launcher]:
    launcher = Launcher(taskman, AppSettings())
    yield launcher
    if launcher.check is not None:
        launcher.check.wait(30)
    qtbot.waitUntil(lambda: taskman.pending == 0, timeout=30000)
    for widget in (launcher.window, launcher.damaged, launcher.wizard):
        if widget is not None:
            widget.close()
    if launcher.claim is not None:
        launcher.claim.release()
    launcher.close_database()


def test_after_an_unclean_close_the_window_shows_at_once_locked_until_the_check_passes(
        qtbot: QtBot, launcher: Launcher, school_file: Path, taskman: TaskManager) -> None:
    for daily in (school_file.parent / "backups").glob("school-daily-*.db"):
        daily.unlink()  # as if the crash was yesterday: today's backup is still to take
    opened = open_database(path=school_file, defer_check=True)
    assert opened.check_pending  # no clean-close mark: the check is due, and was not run yet
    assert not list((school_file.parent / "backups").glob("school-daily-*.db"))  # nor the day's backup

    launcher.start(opened)
    window = launcher.window
    assert window is not None and window.isVisible()
    # Shown while the check is still under way: its result can only arrive through the event loop.
    assert launcher.check is not None and launcher.check.started and launcher.check.result is None
    banner = window.check_banner
    assert banner is not None and banner.isVisible()
    assert "正在检查数据库完整性" in banner.text.text()
    assert "秒" in banner.elapsed.text() and banner.bar.isVisible()
    # Nothing that depends on the check can be edited or even opened meanwhile.
    assert not window.stack.isEnabled() and not window.nav.isEnabled() and not window.menuBar().isEnabled()
    assert not window.check_passed
    assert not window._loaded  # no page read from the unchecked file

    qtbot.waitUntil(lambda: launcher.check is not None and launcher.check.result is not None, timeout=60000)
    assert launcher.check.result.ok
    assert window.check_banner is None and window.check_passed
    assert window.stack.isEnabled() and window.nav.isEnabled() and window.menuBar().isEnabled()
    assert "完整性检查通过" in window.statusBar().currentMessage()
    wait_idle(qtbot, taskman)
    assert window._loaded  # the start page loaded once the check passed
    assert list((school_file.parent / "backups").glob("school-daily-*.db"))  # the day's backup, after the check

    # A normal exit now marks the file closed cleanly: the next start needs no check.
    window.close()
    launcher.close_database()
    again = open_database(path=school_file, defer_check=True)
    try:
        assert not again.check_pending
    finally:
        again.db.dispose()


def test_quitting_right_after_the_check_passed_still_marks_a_clean_close(
        launcher: Launcher, school_file: Path) -> None:
    """The check ends while the program quits: its result never reaches the window (the event
    loop has stopped), but the file was verified, so the next start needs no check. Before the
    fix every such start checked the whole file again, with the window locked meanwhile."""
    launcher.start(open_database(path=school_file, defer_check=True))
    assert launcher.check is not None and launcher.check.started
    launcher.check.wait(60)  # no event processed: the window never hears of the result
    assert launcher.window is not None and not launcher.window.check_passed
    launcher.close_database()
    again = open_database(path=school_file, defer_check=True)
    try:
        assert not again.check_pending
    finally:
        again.db.dispose()


def test_a_file_that_fails_the_check_is_set_aside_and_a_backup_offered(
        qtbot: QtBot, launcher: Launcher, school_file: Path) -> None:
    # Damage a page of the training records: the window still opens (units and users read fine).
    pages, size = _leaf_pages(school_file, "training_records")
    data = bytearray(school_file.read_bytes())
    offset = (pages[len(pages) // 2] - 1) * size
    data[offset:offset + size] = b"\xff" * size
    school_file.write_bytes(bytes(data))

    opened: OpenedDatabase = open_database(path=school_file, defer_check=True)
    launcher.start(opened)
    window = launcher.window
    assert window is not None and window.isVisible() and not window.stack.isEnabled()

    qtbot.waitUntil(lambda: isinstance(launcher.damaged, DamagedDialog), timeout=60000)
    assert window.check_banner is not None
    assert "没有通过完整性检查" in window.check_banner.text.text()
    assert "备份恢复" in window.check_banner.text.text()  # what to do
    assert not window.stack.isEnabled() and not window.check_passed
    assert not school_file.exists() and list(school_file.parent.glob("school.db.corrupt.*"))  # renamed, not deleted
    dialog = launcher.damaged
    assert dialog.restore_button is not None  # the day's backup of the first (checked) start
    assert "从这个备份恢复" in dialog.restore_button.text()


def _leaf_pages(path: Path, table: str) -> tuple[list[int], int]:
    """The leaf pages of a table's b-tree and the page size, read from the file itself.

    SQLite's ``dbstat`` table would say the same, but it is a compile-time option that the
    SQLite of python.org's Windows build leaves out."""
    conn = sqlite3.connect(path)
    try:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    finally:
        conn.close()
    data = path.read_bytes()
    size = int.from_bytes(data[16:18], "big")
    size = 65536 if size == 1 else size
    leaves: list[int] = []
    todo = [root]
    while todo:
        page = todo.pop()
        base = (page - 1) * size
        header = base + (100 if page == 1 else 0)
        if data[header] == 0x0D:  # a table leaf
            leaves.append(page)
            continue
        assert data[header] == 0x05, f"page {page} is not a table b-tree page"
        cells = int.from_bytes(data[header + 3:header + 5], "big")
        todo.append(int.from_bytes(data[header + 8:header + 12], "big"))  # the right-most child
        for i in range(cells):
            cell = base + int.from_bytes(data[header + 12 + 2 * i:header + 14 + 2 * i], "big")
            todo.append(int.from_bytes(data[cell:cell + 4], "big"))
    return sorted(leaves), size
