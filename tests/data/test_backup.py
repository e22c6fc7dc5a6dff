"""R4/R5: verified backups (even with a writer running) and restore through the backup API."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from desktop.data.backup import BackupError, backup_file, check_file, restore_file
from desktop.data.engine import Database
from desktop.domain.records import UnitRecord
from desktop.services.year.periods import ensure_period

pytestmark = pytest.mark.sqlite_only  # backups of the database file are SQLite's; servers use pg_dump


def _count_periods(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM periods").fetchone()[0])
    finally:
        conn.close()


def test_backup_during_concurrent_writes_is_consistent(db: Database, db_path: Path, school: UnitRecord) -> None:
    stop = threading.Event()

    def writer() -> None:
        year = 2000
        while not stop.is_set() and year < 2100:
            ensure_period(db, year)
            year += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        backups = [backup_file(db_path, db_path.parent / "b", "test") for _ in range(3)]
    finally:
        stop.set()
        thread.join()
    for b in backups:
        assert check_file(b).ok
        assert not Path(f"{b}-wal").exists()
    assert _count_periods(backups[0]) <= _count_periods(backups[-1]) <= _count_periods(db_path)


def test_restore_writes_into_the_target_and_keeps_the_old_contents(
    db: Database, db_path: Path, school: UnitRecord
) -> None:
    ensure_period(db, 2024)
    saved = backup_file(db_path, db_path.parent / "b", "before")
    ensure_period(db, 2025)
    ensure_period(db, 2026)
    db.dispose()
    safety = restore_file(saved, db_path, db_path.parent / "b")
    assert _count_periods(db_path) == 1
    assert safety is not None and _count_periods(safety) == 3
    assert check_file(db_path).ok


def test_a_corrupt_backup_is_not_restored(db: Database, db_path: Path, school: UnitRecord) -> None:
    saved = backup_file(db_path, db_path.parent / "b", "x")
    data = bytearray(saved.read_bytes())
    for page in range(1, len(data) // 4096):  # scribble over every b-tree page header
        data[page * 4096: page * 4096 + 64] = b"\xff" * 64
    saved.write_bytes(bytes(data))
    with pytest.raises(BackupError) as excinfo:
        restore_file(saved, db_path, db_path.parent / "b")
    assert "已损坏" in str(excinfo.value)
