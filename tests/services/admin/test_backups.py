"""Backup policy: before risky operations, daily, rotation, concurrent writer, corrupt start-up, restore, network paths."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.appdirs import backups_dir_for
from desktop.data.backup import check_file
from desktop.data.engine import Database
from desktop.data.netpath import network_location, network_warning
from desktop.domain.records import ClassData, PeriodRecord, UnitRecord
from desktop.services.admin import backups
from desktop.services.core.errors import ServiceError
from desktop.services.records import classes

NOW = datetime(2026, 11, 25, 9, 30)

pytestmark = pytest.mark.sqlite_only  # SQLite files (copies, raw bytes, backups)


def test_thinning_keeps_7_daily_4_weekly_12_monthly_and_all_of_today() -> None:
    taken = [NOW - timedelta(days=d, hours=h) for d in range(1, 500) for h in (0, 3)]
    taken += [NOW - timedelta(minutes=m) for m in (5, 50, 500)]  # three today (import, migration …)
    keep = backups.thin(taken, NOW)
    today = {t for t in keep if t.date() == NOW.date()}
    older = sorted((t for t in keep if t.date() < NOW.date()), reverse=True)
    assert len(today) == 3
    assert len(older) == 7 + 4 + 12
    # one per day, the newest of that day, for the last seven days
    assert [t.date() for t in older[:7]] == [(NOW - timedelta(days=d)).date() for d in range(1, 8)]
    assert all(t.hour == NOW.hour for t in older[:7])
    weekly, monthly = older[7:11], older[11:]
    weeks = [t.isocalendar()[:2] for t in older[:11]]
    assert len(set(weeks[7:])) == 4 and not set(weeks[7:]) & set(weeks[:7])
    months = [(t.year, t.month) for t in monthly]
    assert len(set(months)) == 12 and not set(months) & {(t.year, t.month) for t in older[:11]}
    assert weekly[0] > weekly[-1] > monthly[0]
    # thinning what it kept keeps everything (stable)
    assert backups.thin(sorted(keep), NOW) == keep


def test_rotate_deletes_only_thinned_files(db: Database, db_path: Path) -> None:
    for d in range(39, -1, -1):  # forty days, oldest first
        backups.backup_before(db, "import", now=NOW - timedelta(days=d))
    files = backups.list_backups(db_path)
    assert 7 + 4 <= len(files) <= 7 + 4 + 12 + 1
    assert all(check_file(b.path).ok for b in files)
    assert {b.reason for b in files} == {"before-import"}


def test_daily_backup_once_a_day(db: Database, db_path: Path) -> None:
    first = backups.daily_backup(db, now=NOW)
    assert first is not None and first.exists()
    assert backups.daily_backup(db, now=NOW + timedelta(hours=2)) is None
    assert backups.daily_backup(db, now=NOW + timedelta(days=1)) is not None


def test_backup_while_another_thread_writes_is_a_consistent_snapshot(
    db: Database, db_path: Path, school: UnitRecord, period: PeriodRecord
) -> None:
    stop = threading.Event()

    def writer() -> None:
        n = 0
        while not stop.is_set():
            with db.session(write=True) as s:  # one transaction of 50 rows
                s.connection().exec_driver_sql(
                    "INSERT INTO classes (uid, unit_id, period_id, grade, name, enrolled, boarders, disabled, version,"
                    " created_at, updated_at) VALUES (?, ?, ?, 'P1', ?, 1, 0, 0, 1, CURRENT_TIMESTAMP,"
                    " CURRENT_TIMESTAMP)",
                    [(f"u{n}-{i}", school.id, period.id, f"c{n}-{i}") for i in range(50)])
            n += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        made = [backups.backup_before(db, "consolidation") for _ in range(5)]
    finally:
        stop.set()
        thread.join()
    for path in made:
        assert path is not None and check_file(path).ok
        with sqlite3.connect(path) as conn:
            count = conn.execute("SELECT count(*) FROM classes").fetchone()[0]
        assert count % 50 == 0  # never half a transaction


def _corrupt(path: Path) -> None:
    with path.open("r+b") as fh:  # scribble over the b-tree page headers of pages 2–10
        for page in range(1, 10):
            fh.seek(4096 * page)
            fh.write(b"\xde\xad\xbe\xef" * 4)


def test_corrupt_database_is_moved_aside_never_deleted_and_a_backup_offered(
    db: Database, db_path: Path, school: UnitRecord, period: PeriodRecord
) -> None:
    for i in range(200):
        classes.create_class(db, school.id, period.id, ClassData(grade="P1", name=f"一年级({i})班", enrolled=i % 50))
    good = backups.backup_before(db, "test", now=NOW)
    db.dispose()
    _corrupt(db_path)
    Path(str(db_path) + "-shm").write_bytes(b"")
    size = db_path.stat().st_size
    report = backups.startup_check(db_path, now=NOW)
    assert not report.ok and report.problems
    assert not db_path.exists()
    names = sorted(p.name for p in report.moved)
    assert {"test.db-shm.corrupt.20261125-093000", "test.db.corrupt.20261125-093000"} <= set(names)
    assert not any(Path(str(db_path) + side).exists() for side in ("-wal", "-shm", "-journal"))
    assert (db_path.parent / "test.db.corrupt.20261125-093000").stat().st_size == size
    assert report.newest_good_backup == good
    assert "已损坏" in report.message and good is not None and good.name in report.message
    # The user accepts the offer: restore never copies over a live file.
    fresh = Database.for_path(db_path)
    backups.restore_backup(fresh, good)
    assert check_file(db_path).ok
    assert len(classes.list_classes(fresh, school.id, period.id)) == 200
    fresh.dispose()


def test_restore_while_the_app_holds_a_connection(
    db: Database, db_path: Path, school: UnitRecord, period: PeriodRecord
) -> None:
    classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(1)班", enrolled=40))
    snapshot = backups.backup_before(db, "test")
    assert snapshot is not None
    classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(2)班", enrolled=41))
    assert len(classes.list_classes(db, school.id, period.id)) == 2  # pooled connection now open
    safety = backups.restore_backup(db, snapshot)
    assert safety is not None and safety.parent == backups_dir_for(db_path)
    assert [c.name for c in classes.list_classes(db, school.id, period.id)] == ["一年级(1)班"]
    assert check_file(db_path).ok
    with sqlite3.connect(safety) as conn:  # what was there before is kept
        assert conn.execute("SELECT count(*) FROM classes").fetchone()[0] == 2


def test_startup_check_of_a_healthy_database(db: Database, db_path: Path) -> None:
    assert backups.startup_check(db_path).ok


MOUNTS = """\
sysfs /sys sysfs rw 0 0
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/county nfs4 rw 0 0
//nas/edu /media/share\\040drive cifs rw 0 0
user@host:/x /home/u/remote fuse.sshfs rw 0 0
"""


def test_network_path_classifier() -> None:
    assert network_location(r"\\server\share\edu.db", platform="win32") == "server"
    assert network_location("//server/share/edu.db", platform="linux", mounts_text=MOUNTS) == "server"
    assert network_location(r"Z:\edu\edu.db", platform="win32", drive_type=4) == "网络驱动器 Z:"
    assert network_location(r"C:\Users\a\edu.db", platform="win32", drive_type=3) is None
    assert network_location(r"\\?\C:\long\edu.db", platform="win32", drive_type=3) is None
    assert network_location("/mnt/county/edu.db", platform="linux", mounts_text=MOUNTS) == "nfs4 挂载点 /mnt/county"
    assert network_location("/media/share drive/a.db", platform="linux", mounts_text=MOUNTS) is not None
    assert network_location("/home/u/remote/a.db", platform="linux", mounts_text=MOUNTS) is not None
    assert network_location("/home/u/local/a.db", platform="linux", mounts_text=MOUNTS) is None
    assert network_location("/mnt/countyside/a.db", platform="linux", mounts_text=MOUNTS) is None
    warning = network_warning(r"\\server\share\edu.db", platform="win32")
    assert warning is not None and "PostgreSQL" in warning and "网络共享" in warning


def test_start_checks_opens_and_takes_the_days_backup(db: Database, db_path: Path, school: UnitRecord) -> None:
    db.dispose()
    first = backups.start(db_path, now=NOW)
    assert first.db is not None and first.daily is not None and first.report.ok
    first.db.dispose()
    again = backups.start(db_path, now=NOW + timedelta(hours=3))
    assert again.db is not None and again.daily is None
    again.db.dispose()
    _corrupt(db_path)
    broken = backups.start(db_path, now=NOW + timedelta(hours=4))
    assert broken.db is None and broken.report.newest_good_backup == first.daily


def test_a_clean_close_lets_the_next_start_skip_the_full_check_once(
    db: Database, db_path: Path, school: UnitRecord, period: PeriodRecord
) -> None:
    """The mark of a clean close is used once and only while the file is exactly as it was left."""
    import os

    for i in range(200):
        classes.create_class(db, school.id, period.id, ClassData(grade="P1", name=f"一年级({i})班", enrolled=10))
    db.dispose()
    assert backups.mark_clean_close(db_path)
    assert backups.startup_check(db_path, now=NOW).ok  # skipped: nothing changed since the clean close
    # The mark was used up: a start after this one (e.g. after a crash) checks the whole file.
    assert not backups.closed_cleanly(db_path)
    # A file changed by anyone after the clean close (other time or size) is checked in full.
    backups.mark_clean_close(db_path)
    before = db_path.stat()
    _corrupt(db_path)
    assert not backups.startup_check(db_path, now=NOW).ok
    # Damage that keeps size and time (bit rot) is the limit of the shortcut; the daily
    # backup's own integrity check is what finds it (documented in services/admin/backups.py).
    moved = db_path.parent / "test.db.corrupt.20261125-093000"
    os.replace(moved, db_path)
    os.utime(db_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    backups.mark_clean_close(db_path)
    assert backups.startup_check(db_path, now=NOW).ok
    assert not backups.startup_check(db_path, now=NOW).ok  # the next start without a mark finds it


def test_no_clean_mark_while_a_write_ahead_log_holds_writes(db: Database, db_path: Path, school: UnitRecord,
                                                            period: PeriodRecord) -> None:
    classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(1)班", enrolled=10))
    # The engine is still open: the -wal file holds the write, so this is no clean close.
    assert Path(str(db_path) + "-wal").exists() and Path(str(db_path) + "-wal").stat().st_size > 0
    assert not backups.mark_clean_close(db_path)
    db.dispose()


def test_a_corrupt_database_held_open_by_another_program_is_left_in_place_with_a_reason(
    db: Database, db_path: Path, school: UnitRecord, period: PeriodRecord, hold_open: object
) -> None:
    """Windows cannot rename an open file: the start-up says what to close instead of failing."""
    for i in range(200):
        classes.create_class(db, school.id, period.id, ClassData(grade="P1", name=f"一年级({i})班", enrolled=i % 50))
    db.dispose()
    _corrupt(db_path)
    with hold_open(db_path), pytest.raises(ServiceError, match="正被其他程序打开"):  # type: ignore[operator]
        backups.startup_check(db_path, now=NOW)
    assert db_path.exists()  # never deleted, not half-moved
