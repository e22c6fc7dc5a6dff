"""Files are flushed through a handle Windows accepts (FlushFileBuffers needs write access)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.data.backup import backup_file, check_file, restore_file
from desktop.data.durable import flush_directory, flush_file
from desktop.data.engine import Database
from desktop.domain.records import UnitRecord
from desktop.services.year.periods import ensure_period


def test_the_windows_like_fsync_refuses_a_read_only_handle(tmp_path: Path, windows_fsync: list[int]) -> None:
    """The stand-in behaves as Windows does, so the tests below mean something on Linux."""
    path = tmp_path / "a.bin"
    path.write_bytes(b"x")
    fd = os.open(path, os.O_RDONLY)
    try:
        with pytest.raises(PermissionError):
            os.fsync(fd)
    finally:
        os.close(fd)


def test_flush_file_leaves_the_contents_and_works_where_fsync_needs_write_access(
    tmp_path: Path, windows_fsync: list[int]
) -> None:
    path = tmp_path / "教育数据 2026" / "张老师.db"
    path.parent.mkdir()
    path.write_bytes(b"SQLite format 3\x00" + bytes(100))
    flush_file(path)
    assert path.read_bytes() == b"SQLite format 3\x00" + bytes(100)


@pytest.mark.sqlite_only
def test_backup_and_restore_work_where_fsync_needs_write_access(
    db: Database, db_path: Path, school: UnitRecord, windows_fsync: list[int]
) -> None:
    ensure_period(db, 2024)
    saved = backup_file(db_path, db_path.parent / "b", "daily")
    assert check_file(saved).ok
    ensure_period(db, 2025)
    db.dispose()
    safety = restore_file(saved, db_path, db_path.parent / "b")
    assert safety is not None and check_file(safety).ok
    if os.name != "nt":
        # The backup and the safety copy before the restore, each file and then its folder's new
        # name; each backup also appends its line to the journal beside the database (flushed).
        assert len(windows_fsync) == 6


def test_flush_directory_makes_a_rename_durable_where_the_platform_can(tmp_path: Path,
                                                                        windows_fsync: list[int]) -> None:
    folder = tmp_path / "备份 2026"
    folder.mkdir()
    (folder / "a.tmp").write_bytes(b"x")
    os.replace(folder / "a.tmp", folder / "a.db")
    flush_directory(folder)  # Windows: nothing to do (no directory handles); POSIX: fsync the folder
    assert (folder / "a.db").read_bytes() == b"x"
    assert len(windows_fsync) == (0 if os.name == "nt" else 1)
