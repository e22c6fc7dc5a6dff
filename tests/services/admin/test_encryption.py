"""Personal data at rest (R14): no ID number in the raw database file, its WAL or its backups."""

from __future__ import annotations

import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest

from desktop.appdirs import backups_dir_for
from desktop.data import cipher
from desktop.data.backup import check_file
from desktop.data.engine import Database
from desktop.domain.idcard import id_check_char
from desktop.domain.records import StaffData, UnitRecord
from desktop.services.admin import backups, encryption
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor, PermissionDenied
from desktop.services.records import staff
from tests.keystore import MemoryKeyring

ADMIN = Actor("admin", "王管理", "admin")
FIRST, SECOND = "44162219850612123", "44162219900101456"
ID1, ID2 = FIRST + id_check_char(FIRST), SECOND + id_check_char(SECOND)
PASSPHRASE = "龙川一小 2025 数据口令"

pytestmark = pytest.mark.sqlite_only  # SQLite files (copies, raw bytes, backups)


def _person(number: str, name: str) -> StaffData:
    return StaffData(name=name, id_number=number, teaching_stage="primary", first_work_date=date(2008, 9, 1))


def _files(db_path: Path) -> list[Path]:
    folder = backups_dir_for(db_path)
    return [p for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)] + list(folder.iterdir())


def _leaks(db_path: Path, *numbers: str) -> list[str]:
    return [f"{p.name}:{n}" for p in _files(db_path) if p.is_file() for n in numbers
            if n.encode() in p.read_bytes() or n.encode("utf-16-le") in p.read_bytes()]


@pytest.mark.parametrize("mode", ["passphrase", "keyring"])
def test_no_id_number_in_the_file_its_wal_or_backups(
    db: Database, db_path: Path, school: UnitRecord, mode: str, memory_keyring: MemoryKeyring
) -> None:
    staff.create_staff(db, school.id, _person(ID1, "陈一"))
    backups.backup_before(db, "import")
    assert _leaks(db_path, ID1), "the test must see the number in a plain database"
    with pytest.raises(PermissionDenied):
        encryption.encrypt_database(db, Actor("c", "李填报", "clerk"), passphrase=PASSPHRASE)
    result = encryption.encrypt_database(db, ADMIN, passphrase=PASSPHRASE if mode == "passphrase" else None)
    assert result.removed_backups  # the plain backups are gone
    key = encryption.key_for(db_path, PASSPHRASE if mode == "passphrase" else None)
    assert key == result.key and (result.recovery_key is None) == (mode == "passphrase")
    enc = Database.for_path(db_path, key=key)
    try:
        staff.create_staff(enc, school.id, _person(ID2, "陈二"))  # written while the WAL is live
        assert {s.name for s in staff.list_staff(enc)} == {"陈一", "陈二"}
        assert backups.backup_before(enc, "import") is not None
        assert backups.daily_backup(enc) is None  # today's exists
        assert _leaks(db_path, ID1, ID2) == []
        assert all(check_file(b.path, key=key).ok for b in backups.list_backups(db_path))
    finally:
        enc.dispose()
    assert _leaks(db_path, ID1, ID2) == []
    with pytest.raises(sqlite3.DatabaseError), sqlite3.connect(db_path) as plain:
        plain.execute("SELECT count(*) FROM staff").fetchone()
    with pytest.raises(cipher.CipherError, match="密钥不正确"):
        cipher.connect(db_path, "wrong passphrase!")
    # A wrong key at start-up must never make the good file look corrupt and move it away.
    with pytest.raises(cipher.CipherError):
        backups.startup_check(db_path, key="wrong passphrase!")
    assert db_path.exists()
    assert backups.startup_check(db_path, key=key).ok


def test_without_the_key_the_user_is_asked(db: Database, db_path: Path, school: UnitRecord,
                                           memory_keyring: MemoryKeyring) -> None:
    assert encryption.key_for(db_path) is None  # plain file: no key needed
    encryption.encrypt_database(db, ADMIN, passphrase=PASSPHRASE)
    with pytest.raises(cipher.CipherError, match="口令"):
        encryption.key_for(db_path)
    with pytest.raises(ServiceError, match="至少"):
        encryption.encrypt_database(Database.for_path(db_path.with_name("other.db")), ADMIN, passphrase="short")


def test_encrypting_works_where_fsync_needs_write_access(
    db: Database, db_path: Path, school: UnitRecord, memory_keyring: MemoryKeyring, windows_fsync: list[int]
) -> None:
    """The encrypted copy is flushed before it replaces the plain file (Windows: FlushFileBuffers)."""
    staff.create_staff(db, school.id, _person(ID1, "陈一"))
    result = encryption.encrypt_database(db, ADMIN, passphrase=PASSPHRASE)
    enc = Database.for_path(db_path, key=result.key)
    try:
        assert {s.name for s in staff.list_staff(enc)} == {"陈一"}
    finally:
        enc.dispose()


def test_encrypting_refuses_while_another_window_has_the_file_open(
    db: Database, db_path: Path, school: UnitRecord, memory_keyring: MemoryKeyring,
    other_window: subprocess.Popen[str],
) -> None:
    with pytest.raises(ServiceError, match="另外 1 个 EduReturns 窗口"):
        encryption.encrypt_database(db, ADMIN, passphrase=PASSPHRASE)
    assert not cipher.is_encrypted(db_path)
    assert other_window.stdin is not None
    other_window.stdin.close()
    assert other_window.wait(timeout=30) == 0
    encryption.encrypt_database(Database.for_path(db_path), ADMIN, passphrase=PASSPHRASE)
    assert cipher.is_encrypted(db_path)
