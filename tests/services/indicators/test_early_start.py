"""The start file (``services.indicators.early``) is never written for, nor read from, an encrypted
database, and is read only while the file is unchanged since the program closed it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.data.engine import Database
from desktop.domain.records import PeriodRecord, UnitRecord
from desktop.services.admin import encryption
from desktop.services.admin.backups import mark_clean_close
from desktop.services.core.users import Actor
from desktop.services.indicators import early, startpage
from tests.keystore import MemoryKeyring

pytestmark = pytest.mark.sqlite_only  # a file read with plain sqlite3

ADMIN = Actor("admin", "王管理", "admin")


def test_a_plain_file_gets_a_start_file_an_encrypted_one_does_not(
        db: Database, db_path: Path, school: UnitRecord, period: PeriodRecord,
        memory_keyring: MemoryKeyring) -> None:
    shown = startpage.overview_kept(db, period_id=period.id, as_of=period.census_date, home_unit_id=school.id)
    db.dispose()
    assert early.read_early(db_path) is None  # still open (no clean close): not trusted
    assert mark_clean_close(db_path)
    kept = early.read_early(db_path)
    assert kept is not None and kept.overview == shown and kept.unit_name == school.name

    result = encryption.encrypt_database(Database.for_path(db_path), ADMIN, passphrase="龙川一小 2025 数据口令")
    assert early.read_early(db_path) is None  # not a plain SQLite file any more
    early.start_file(db_path).unlink()
    enc = Database.for_path(db_path, key=result.key)
    try:
        startpage.overview_kept(enc, period_id=period.id, as_of=period.census_date, home_unit_id=school.id)
    finally:
        enc.dispose()
    assert not early.start_file(db_path).exists()  # its people's figures never land on the disk unencrypted


def test_keeping_at_close_writes_for_a_plain_file_and_never_for_an_encrypted_one(
        db: Database, db_path: Path, school: UnitRecord, period: PeriodRecord,
        memory_keyring: MemoryKeyring) -> None:
    assert startpage.keep_start(db, seconds=30)  # the data differ from the (missing) start file: kept
    kept_at = early.kept_stamp(db_path)
    db.dispose()
    assert mark_clean_close(db_path)
    kept = early.read_early(db_path)
    assert kept is not None and kept.stamp == kept_at and kept.unit_name == school.name

    result = encryption.encrypt_database(Database.for_path(db_path), ADMIN, passphrase="龙川一小 2025 数据口令")
    early.start_file(db_path).unlink()
    enc = Database.for_path(db_path, key=result.key)
    try:
        assert not startpage.keep_start(enc, seconds=30)
    finally:
        enc.dispose()
    assert not early.start_file(db_path).exists()
