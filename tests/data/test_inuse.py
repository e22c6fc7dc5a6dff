"""Two processes on one database file: both work; restore never replaces a file another has open.

The other process is a real child Python (the ``other_window`` fixture in tests/conftest.py) opening the file as a second EduReturns window
or a command-line job would (``Database.for_path``), or a plain sqlite3 connection holding
a lock, as another program (a database browser) would.
"""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from desktop.data.backup import BackupError, backup_file, check_file, restore_file
from desktop.data.engine import Database
from desktop.data.inuse import other_users
from desktop.domain.records import UnitRecord
from desktop.services.year.periods import ensure_period

pytestmark = pytest.mark.sqlite_only  # files, locks and the backup API are SQLite's

def _periods(path: Path) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT school_year FROM periods"))
    finally:
        conn.close()


def test_two_processes_read_and_write_one_database_side_by_side(
    db: Database, db_path: Path, school: UnitRecord, other_window: subprocess.Popen[str]
) -> None:
    ensure_period(db, 2032)  # while the other process has the file open
    assert {2031, 2032} <= set(_periods(db_path))
    assert other_users(db_path) == 1


def test_restore_refuses_a_database_another_process_has_open_and_says_what_to_close(
    db: Database, db_path: Path, school: UnitRecord, other_window: subprocess.Popen[str]
) -> None:
    saved = backup_file(db_path, db_path.parent / "b", "before")
    ensure_period(db, 2033)
    db.dispose()
    before = _periods(db_path)
    with pytest.raises(BackupError, match="正在被另外 1 个 EduReturns 窗口或命令行使用") as excinfo:
        restore_file(saved, db_path, db_path.parent / "b")
    assert "文件 → 退出" in str(excinfo.value)
    assert _periods(db_path) == before  # untouched
    assert other_window.stdin is not None
    other_window.stdin.close()  # the other window is closed
    assert other_window.wait(timeout=30) == 0
    restore_file(saved, db_path, db_path.parent / "b")
    assert 2033 not in _periods(db_path)


def test_a_process_that_died_holding_the_file_does_not_block_restore(
    db: Database, db_path: Path, school: UnitRecord, other_window: subprocess.Popen[str]
) -> None:
    saved = backup_file(db_path, db_path.parent / "b", "before")
    db.dispose()
    other_window.kill()  # a crash or a power cut: no dispose, its mark stays behind
    other_window.wait(timeout=30)
    assert list((db_path.parent / f"{db_path.name}.inuse").glob("*.lock"))
    assert restore_file(saved, db_path, db_path.parent / "b") is not None
    assert other_users(db_path) == 0
    assert not list((db_path.parent / f"{db_path.name}.inuse").glob("*.lock"))  # the stale mark is gone


def test_restore_stops_while_another_program_keeps_the_file_locked(
    db: Database, db_path: Path, school: UnitRecord
) -> None:
    saved = backup_file(db_path, db_path.parent / "b", "before")
    ensure_period(db, 2034)
    db.dispose()
    browser = sqlite3.connect(db_path, isolation_level=None)  # e.g. a database browser in the middle of a save
    browser.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        with pytest.raises(BackupError, match="被其他程序锁定") as excinfo:
            restore_file(saved, db_path, db_path.parent / "b")
        assert time.monotonic() - started < 60  # it gives up instead of waiting for ever
        assert "请关闭打开这个文件的程序" in str(excinfo.value)
    finally:
        browser.execute("ROLLBACK")
        browser.close()
    assert 2034 in _periods(db_path)  # untouched
    restore_file(saved, db_path, db_path.parent / "b")
    assert 2034 not in _periods(db_path)


def test_a_folder_whose_name_looks_like_uri_syntax_is_checked_and_restored(tmp_path: Path) -> None:
    """Read-only opens go through a file: URI; "%", "#" and spaces are legal in Windows folder names."""
    folder = tmp_path / "100% 完成 #2 (张老师)"
    folder.mkdir()
    path = folder / "学校 数据.db"
    database = Database.for_path(path)
    from desktop.data.migrate import upgrade

    upgrade(database, backup_dir=folder / "backups")
    ensure_period(database, 2025)
    database.dispose()
    assert check_file(path).ok
    saved = backup_file(path, folder / "backups", "manual")
    assert restore_file(saved, path, folder / "backups") is not None
    assert _periods(path) == [2025]
