"""Indicators kept under the data stamp (issue 24): kept = fresh, every write recomputes, a bad file is ignored.

Computations are counted (``compute.COMPUTATIONS``), never timed. ``cache.forget_memory()``
drops what the process holds, as a restart does: what is then returned without computing
came from the cache file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from desktop.data.engine import Database
from desktop.domain.idcard import id_check_char
from desktop.domain.records import PeriodRecord, StaffData, TrainingData, UnitRecord
from desktop.services.admin import backups
from desktop.services.core.stamp import data_stamp
from desktop.services.imports.spreadsheet import commit_import, preview_import
from desktop.services.indicators import cache
from desktop.services.indicators.compute import COMPUTATIONS, compute_indicators, indicators_in
from desktop.services.records.staff import create_staff
from desktop.services.records.training import create_training, delete_training, update_training
from desktop.services.returns.checks import checks_and_indicators
from tests.services.conftest import County

COURSE = TrainingData(title="信息技术应用能力提升", start_date=date(2025, 3, 1), end_date=date(2025, 3, 2),
                      hours=200.0, level="3", mode="01", category="2", topics=("it",))


def _fresh(db: Database, unit_id: int, period_id: int) -> object:
    with db.session() as s:
        return indicators_in(s, unit_id, period_id)


def _computes(db: Database, unit_id: int, period_id: int) -> int:
    """How many computations one call of ``compute_indicators`` made (0: it was kept, 1: computed)."""
    before = COMPUTATIONS[0]
    compute_indicators(db, unit_id, period_id)
    return COMPUTATIONS[0] - before


def _cache_file() -> Path:
    files = sorted(cache.folder().glob("*.json"))
    assert len(files) == 1
    return files[0]


def test_a_kept_report_equals_a_fresh_one_in_memory_and_after_a_restart(county: County) -> None:
    db = county.db
    first = compute_indicators(db, county.office, county.period)
    assert first.results and any(r.failures for r in first.results)  # drill-downs travel through the file too
    assert _computes(db, county.office, county.period) == 0
    cache.forget_memory()  # the program restarted
    assert _computes(db, county.office, county.period) == 0
    kept = compute_indicators(db, county.office, county.period)
    assert kept == first == _fresh(db, county.office, county.period)
    assert _computes(db, county.units["A"], county.period) == 1  # another unit is another key


def test_typing_editing_and_deleting_a_training_record_each_recompute(county: County) -> None:
    db = county.db
    staff = county.staff["a4"]
    assert _computes(db, county.office, county.period) == 1
    before = compute_indicators(db, county.office, county.period)
    record = create_training(db, staff, COURSE)
    assert _computes(db, county.office, county.period) == 1
    typed = compute_indicators(db, county.office, county.period)
    assert typed != before and typed == _fresh(db, county.office, county.period)
    update_training(db, record.id, {"hours": 20.0})
    assert _computes(db, county.office, county.period) == 1
    assert compute_indicators(db, county.office, county.period) == _fresh(db, county.office, county.period)
    delete_training(db, record.id)
    assert _computes(db, county.office, county.period) == 1
    assert compute_indicators(db, county.office, county.period) == before
    assert _computes(db, county.office, county.period) == 0


def test_an_import_recomputes(db: Database, school: UnitRecord, period: PeriodRecord, tmp_path: Path) -> None:
    number = "44162219850301123"
    number += id_check_char(number)
    create_staff(db, school.id, StaffData(name="张三", id_number=number))
    before = compute_indicators(db, school.id, period.id)
    wb = openpyxl.Workbook()
    for row in (["姓名", "身份证号", "培训名称", "培训日期", "学时", "培训层级", "培训形式", "科目类别", "专题"],
                ["张三", number, "信息技术", "2025年3月", 60, "县级", "面授", "专业", "信息技术应用能力"]):
        wb.active.append(row)
    wb.save(tmp_path / "training.xlsx")
    commit_import(db, preview_import(db, "training", tmp_path / "training.xlsx"))
    assert _computes(db, school.id, period.id) == 1
    after = compute_indicators(db, school.id, period.id)
    assert after != before and after == _fresh(db, school.id, period.id)


def test_a_restore_recomputes(county: County) -> None:
    db = county.db
    if db.path is None:
        pytest.skip("a backup is a file database's")
    early = backups.backup_now(db)
    assert early is not None
    before = compute_indicators(db, county.office, county.period)
    create_training(db, county.staff["a4"], COURSE)
    changed = compute_indicators(db, county.office, county.period)
    assert changed != before
    stamp = data_stamp(db)
    backups.restore_backup(db, early)
    restored = Database.for_path(db.path)
    try:
        assert data_stamp(restored) != stamp  # the restore is in the restored file's audit log
        assert _computes(restored, county.office, county.period) == 1
        assert compute_indicators(restored, county.office, county.period) == before
    finally:
        restored.dispose()


def test_a_tampered_corrupt_or_foreign_cache_file_is_ignored(county: County) -> None:
    db = county.db
    good = compute_indicators(db, county.office, county.period)
    path = _cache_file()
    original = path.read_bytes()
    digest, _, body = original.partition(b"\n")
    assert body.count(b'"training.on_track"') == 1

    def ignored(raw: bytes) -> None:
        path.write_bytes(raw)
        cache.forget_memory()
        assert _computes(db, county.office, county.period) == 1  # not trusted: computed again
        assert compute_indicators(db, county.office, county.period) == good
        assert path.read_bytes() == original  # and the file is written anew

    ignored(digest + b"\n" + body.replace(b'"training.on_track"', b'"training.on_trak"'))  # edited by hand
    ignored(original[: len(original) // 2])  # truncated
    ignored(b"\x00garbage")

    # A file with a good digest from another database: its key differs.
    def resigned(edit: bytes, to: bytes) -> bytes:
        new = body.replace(edit, to, 1)
        assert new != body
        import hashlib

        return hashlib.sha256(new).hexdigest().encode() + b"\n" + new

    # The identity as the file's JSON spells it (a Windows path's backslashes are escaped there).
    identity = json.dumps(cache.database_identity(db), ensure_ascii=False)[1:-1].encode()
    ignored(resigned(identity, identity + b"-other"))
    # Well signed, right key, but a value of the wrong type: decoded field by field, refused.
    ignored(resigned(b'"training.on_track"', b'17'))


def test_the_reports_page_computation_keeps_the_indicators_for_everyone(county: County) -> None:
    db = county.db
    stamp = data_stamp(db)
    _, report = checks_and_indicators(db, county.office, county.period, stamp_before=stamp)
    cache.forget_memory()
    assert _computes(db, county.office, county.period) == 0  # read from the file the 报表 page wrote
    assert compute_indicators(db, county.office, county.period) == report
    # …and the page's next computation on unchanged data takes the kept indicators.
    _, again = checks_and_indicators(db, county.office, county.period, stamp_before=stamp)
    assert again == report


@pytest.mark.sqlite_only
def test_an_encrypted_database_is_kept_in_memory_only(db: Database, db_path: Path, school: UnitRecord,
                                                      period: PeriodRecord) -> None:
    from desktop.services.admin import encryption
    from desktop.services.core.users import Actor

    number = "44162219850612123"
    create_staff(db, school.id, StaffData(name="陈一", id_number=number + id_check_char(number), teaching_stage="primary"))
    result = encryption.encrypt_database(db, Actor("admin", "王管理", "admin"), passphrase="龙川一小 2025 数据口令")
    enc = Database.for_path(db_path, key=result.key)
    try:
        first = compute_indicators(enc, school.id, period.id)
        assert _computes(enc, school.id, period.id) == 0  # kept, in memory
        assert not list(cache.folder().glob("*.json"))  # the names of people never reach the disk unencrypted
        cache.forget_memory()
        assert _computes(enc, school.id, period.id) == 1
        assert compute_indicators(enc, school.id, period.id) == first
    finally:
        enc.dispose()
