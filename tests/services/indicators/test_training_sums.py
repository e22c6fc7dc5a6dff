"""Training sums kept per person (issue 24): kept = summed from the rows, and every write forgets the person's.

The people whose sums were taken from the training rows are counted (``training_sums.SUMMED``),
never timed. "From the rows" below means the kept sums emptied first, so the report is
summed from the training records alone, as every earlier version did.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from desktop.data import kept_sums
from desktop.data.engine import Database
from desktop.data.models import Period, Staff, TrainingRecord
from desktop.domain.indicators.training import windows
from desktop.domain.records import TrainingData
from desktop.services.core.stamp import data_stamp
from desktop.services.indicators import training_sums
from desktop.services.indicators.compute import indicators_in, load_input
from desktop.services.indicators.targets import chosen_code, spec_in_session
from desktop.services.records.training import create_training, delete_training, update_training
from tests.services.conftest import County

pytestmark = pytest.mark.sqlite_only  # the kept sums are SQLite's (data.kept_sums: unused on PostgreSQL)

COURSE = TrainingData(title="信息技术应用能力提升", start_date=date(2025, 3, 1), end_date=date(2025, 3, 2),
                      hours=36.0, level="3", mode="01", category="2", topics=("it",))


def _kept(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(text("SELECT COUNT(*) FROM training_sums")).scalar_one())


def _report(db: Database, unit_id: int, period_id: int) -> tuple[object, int]:
    """The report and how many people were summed from the rows to make it."""
    before = training_sums.SUMMED[0]
    with db.session() as s:
        report = indicators_in(s, unit_id, period_id)
    return report, training_sums.SUMMED[0] - before


def _from_rows(db: Database, unit_id: int, period_id: int) -> object:
    with db.session() as s:
        s.execute(text("DELETE FROM training_sums"))
    report, _ = _report(db, unit_id, period_id)
    return report


def _in_scope(db: Database) -> int:
    with db.session() as s:
        return len(s.scalars(select(Staff.id)).all())


@pytest.mark.parametrize("who", ["office", "school"])  # the whole database in one scan; one school by person
def test_kept_sums_give_the_report_summed_from_the_rows_and_nobody_is_summed_twice(county: County, who: str) -> None:
    db = county.db
    unit = county.office if who == "office" else county.units["A"]
    first, summed = _report(db, unit, county.period)
    assert summed > 0 and _kept(db) == summed
    again, summed_again = _report(db, unit, county.period)
    assert summed_again == 0 and again == first == _from_rows(db, unit, county.period)


def test_typing_editing_moving_and_deleting_a_record_each_forget_only_that_persons_sums(county: County) -> None:
    db = county.db
    a4, b1 = county.staff["a4"], county.staff["b1"]
    _report(db, county.office, county.period)
    record = create_training(db, a4, COURSE)
    typed, summed = _report(db, county.office, county.period)
    assert summed == 1 and typed == _from_rows(db, county.office, county.period)
    update_training(db, record.id, {"hours": 20.0})
    edited, summed = _report(db, county.office, county.period)
    assert summed == 1 and edited != typed and edited == _from_rows(db, county.office, county.period)
    with db.session() as s:  # a record given to someone else (a SQL tool, a repair): both people change
        s.execute(text("UPDATE training_records SET staff_id = :b WHERE id = :id"), {"b": b1, "id": record.id})
    moved, summed = _report(db, county.office, county.period)
    assert summed == 2 and moved == _from_rows(db, county.office, county.period)
    delete_training(db, record.id)
    deleted, summed = _report(db, county.office, county.period)
    assert summed == 1 and deleted == _from_rows(db, county.office, county.period)


def test_an_edit_behind_the_programs_back_is_not_missed(county: County, db_path: Path) -> None:
    """The rule is in the database: a SQL tool that changes hours without an audit entry still forgets them."""
    db = county.db
    _report(db, county.office, county.period)
    stamp = data_stamp(db)
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE training_records SET hours = hours + 100 WHERE id = "
                    "(SELECT MIN(id) FROM training_records WHERE staff_id = ?)", (county.staff["a1"],))
    assert data_stamp(db) == stamp  # no count, id or audit entry moved: the stamp cannot see it
    after, summed = _report(db, county.office, county.period)
    assert summed == 1 and after == _from_rows(db, county.office, county.period)


def test_deleting_a_person_forgets_their_sums(county: County) -> None:
    """SQLite may give a deleted person's id to the next one added: nothing of theirs may stay kept."""
    db = county.db
    gone = county.staff["k2"]
    _report(db, county.office, county.period)
    with db.session() as s:
        for table in ("registrations", "credentials"):
            s.execute(text(f"DELETE FROM {table} WHERE {'credential_id IN (SELECT id FROM credentials WHERE staff_id = :p)' if table == 'registrations' else 'staff_id = :p'}"), {"p": gone})
        s.execute(text("DELETE FROM movements WHERE staff_id = :p"), {"p": gone})
        s.execute(text("DELETE FROM training_records WHERE staff_id = :p"), {"p": gone})
        kept_with_no_hours = (gone, 1, False, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)  # as a computation would keep them
        s.execute(text("INSERT INTO training_sums VALUES (:a, :b, :c, :d, :e, :f, :g, :h, :i)"),
                  dict(zip("abcdefghi", kept_with_no_hours, strict=True)))
        s.execute(text("DELETE FROM staff WHERE id = :p"), {"p": gone})
    with db.session() as s:
        assert s.execute(text("SELECT COUNT(*) FROM training_sums WHERE staff_id = :p"), {"p": gone}).scalar() == 0


def test_a_sum_taken_before_someone_else_wrote_is_not_kept(county: County, db_path: Path) -> None:
    """Read, then another program commits a change, then the reader commits: its sums would be stale, so none are kept."""
    db = county.db
    a1 = county.staff["a1"]
    with db.session() as s:
        s.execute(text("DELETE FROM training_sums"))
    with db.session() as s:
        period = s.get(Period, county.period)
        assert period is not None
        load_input(s, county.office, period, spec_in_session(s, chosen_code(s, county.office, county.period)))
        with sqlite3.connect(db_path, timeout=1) as raw:  # meanwhile, another writer
            raw.execute("UPDATE training_records SET hours = hours + 50 WHERE id = "
                        "(SELECT MIN(id) FROM training_records WHERE staff_id = ?)", (a1,))
    assert _kept(db) == 0  # SQLite refused the write (the snapshot was stale): nothing kept, nothing wrong
    report, summed = _report(db, county.office, county.period)
    assert summed == _in_scope(db) and report == _from_rows(db, county.office, county.period)


def test_the_triggers_are_back_after_an_upgrade_and_missing_from_the_stamp(county: County) -> None:
    db = county.db
    with db.engine.connect() as conn:
        assert kept_sums.installed(conn) == ["kept_sums_staff_delete", "kept_sums_training_delete",
                                             "kept_sums_training_insert", "kept_sums_training_update"]
    stamp = data_stamp(db)
    _report(db, county.office, county.period)  # writes training_sums, changes no data
    assert _kept(db) > 0 and data_stamp(db) == stamp


def test_records_in_the_database_match_what_is_kept(county: County) -> None:
    """The kept cycle hours of everyone equal a plain SUM over their records from the cycle's start to the census day."""
    db = county.db
    _report(db, county.office, county.period)
    with db.session() as s:
        period = s.get(Period, county.period)
        assert period is not None
        w = windows(spec_in_session(s, chosen_code(s, county.office, county.period)), period.census_date)
        kept = dict(s.execute(text("SELECT staff_id, cycle FROM training_sums WHERE present")).all())
        plain = dict(s.execute(select(TrainingRecord.staff_id, func.sum(TrainingRecord.hours)).where(
            TrainingRecord.end_date >= w.cycle_start, TrainingRecord.end_date <= w.as_of,
            TrainingRecord.hours > 0).group_by(TrainingRecord.staff_id)).all())
    assert len(kept) > 3 and kept == plain


@pytest.mark.slow
def test_a_schools_resubmission_forgets_that_schools_sums_at_the_county(tmp_path: Path) -> None:
    """The package import switches the triggers off (``kept_sums.bulk``) and forgets the replaced units' sums itself."""
    from package_world import build_world

    from desktop.services.packages.export import export_package, import_packages
    from tests.explained import explain_warnings

    world = build_world(tmp_path, n=2)
    county = world.county
    with county.session() as s:
        office = s.execute(text("SELECT id FROM units WHERE is_home")).scalar_one()
        period = s.execute(text("SELECT MAX(id) FROM periods")).scalar_one()
    _report(county, office, period)
    school = world.schools[0]
    with school.session(write=True) as s:  # the school corrects one person's hours and sends again
        record = s.scalars(select(TrainingRecord).order_by(TrainingRecord.id)).first()
        assert record is not None
        record.hours += 10
    explain_warnings(school)
    path = export_package(school, tmp_path / "again", with_returns=False).path
    [done] = import_packages(county, [path], confirm=True).results
    assert done.status == "replaced"
    with county.session() as s:
        theirs = s.execute(text("SELECT COUNT(*) FROM staff JOIN units ON units.id = staff.unit_id "
                                "WHERE units.code = :c"), {"c": done.unit_code}).scalar_one()
    report, summed = _report(county, office, period)
    assert 0 < summed <= theirs < _in_scope(county)  # that school's people, nobody else
    assert report == _from_rows(county, office, period)
