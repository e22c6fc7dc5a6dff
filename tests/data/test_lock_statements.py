"""The approval lock holds for whole statements: several rows at once, moves between units, COPY.

On PostgreSQL the lock guards of the people and period tables are statement triggers over
transition tables (``data.guards_pg``); on SQLite row triggers. Either way a statement with
one locked row among unlocked ones is refused whole, an UPDATE is judged by its old and its
new rows, and the package import's bulk path (``data.bulk.insert_rows``: binary COPY on
PostgreSQL) is held like any insert unless the import switched the guards off for its
transaction (``guards.replacing``).
"""

from __future__ import annotations

from datetime import date, datetime

import psycopg
import pytest
import sqlalchemy.exc

from desktop.data import guards
from desktop.data.bulk import insert_rows
from desktop.data.engine import Database
from desktop.domain.idcard import id_check_char
from desktop.domain.records import StaffData, TrainingData, UnitData
from desktop.services.core.users import Actor
from desktop.services.records import units
from desktop.services.records.staff import create_staff
from desktop.services.records.training import create_training
from desktop.services.year import workflow
from desktop.services.year.periods import ensure_period

CLERK, REVIEWER = Actor("c", "李填报", "clerk"), Actor("r", "张审核", "reviewer")
COURSE = TrainingData(title="校本研修", start_date=date(2025, 3, 1), end_date=date(2025, 3, 2), hours=8.0,
                      level="5", mode="01", category="2")
# COPY goes through the driver's own connection (data.bulk): its refusal is the driver's error class.
REFUSED = (sqlalchemy.exc.IntegrityError, psycopg.IntegrityError)
_COPY = ("id, staff_id, title, start_date, end_date, level, mode, category, topics, hours, source, version, "
         "created_at, updated_at")


def _person(db: Database, unit_id: int, n: int) -> int:
    first17 = f"441622198503011{n}1"  # odd 17th digit: a man
    staff = create_staff(db, unit_id, StaffData(name=f"教师{n}", id_number=first17 + id_check_char(first17),
                                                gender="1", birth_date=date(1985, 3, 1)))
    create_training(db, staff.id, COURSE)
    create_training(db, staff.id, COURSE)
    return staff.id


@pytest.fixture
def two_schools(db: Database) -> tuple[int, int, int]:
    """(unit id of the approved school, a person there, a person of the open school)."""
    units.create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county"))
    made = [units.create_unit(db, UnitData(code=f"214401230{i}", name=f"第{i}小学", kind="school",
                                           parent_code="441622", category="211", ownership="1", urban_rural="2"))
            for i in (1, 2)]
    period = ensure_period(db, 2025)
    locked, open_ = _person(db, made[0].id, 1), _person(db, made[1].id, 2)
    workflow.submit(db, CLERK, made[0].id, period.id)
    workflow.approve(db, REVIEWER, made[0].id, period.id)
    return made[0].id, locked, open_


def _count(db: Database, where: str = "true") -> int:
    with db.engine.connect() as conn:
        return int(conn.exec_driver_sql(f"SELECT count(*) FROM training_records WHERE {where}").scalar() or 0)


def _refused(db: Database, sql: str) -> None:
    before = _count(db)
    with pytest.raises(sqlalchemy.exc.IntegrityError, match="已锁定"), db.session(write=True) as s:
        s.connection().exec_driver_sql(sql)
    assert _count(db) == before  # nothing of the statement is left


def _copy_again(staff_ids: str) -> str:
    return (f"INSERT INTO training_records (uid, {_COPY.replace('id, ', '', 1)}) "
            f"SELECT 'x' || CAST(id AS varchar(20)), {_COPY.replace('id, ', '', 1)} "
            f"FROM training_records WHERE staff_id IN ({staff_ids})")


def test_one_locked_row_refuses_the_whole_statement(db: Database, two_schools: tuple[int, int, int]) -> None:
    _, locked, open_ = two_schools
    _refused(db, _copy_again(f"{locked}, {open_}"))  # two rows of the open school, two of the approved one
    _refused(db, f"UPDATE training_records SET hours = hours + 1 WHERE staff_id IN ({locked}, {open_})")
    _refused(db, f"DELETE FROM training_records WHERE staff_id IN ({open_}, {locked})")
    _refused(db, "DELETE FROM training_records")
    with db.session(write=True) as s:  # the open school's rows alone: allowed
        s.connection().exec_driver_sql(_copy_again(str(open_)))
        s.connection().exec_driver_sql(f"UPDATE training_records SET hours = 9 WHERE staff_id = {open_}")
        s.connection().exec_driver_sql("UPDATE training_records SET hours = 9 WHERE false")  # no row: nothing to judge
    assert _count(db, f"staff_id = {open_}") == 4
    with db.session(write=True) as s:
        s.connection().exec_driver_sql(f"DELETE FROM training_records WHERE staff_id = {open_}")
    assert _count(db, f"staff_id = {locked}") == 2


def test_an_update_is_judged_by_its_old_and_its_new_rows(db: Database, two_schools: tuple[int, int, int]) -> None:
    school, locked, open_ = two_schools
    _refused(db, f"UPDATE training_records SET staff_id = {locked} WHERE staff_id = {open_}")  # into the approved school
    _refused(db, f"UPDATE training_records SET staff_id = {open_} WHERE staff_id = {locked}")  # out of it
    with pytest.raises(sqlalchemy.exc.IntegrityError, match="已锁定"), db.session(write=True) as s:
        s.connection().exec_driver_sql(f"UPDATE staff SET unit_id = {school} WHERE id = {open_}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql(f"SELECT unit_id FROM staff WHERE id = {open_}").scalar() != school


def test_the_bulk_path_is_held_unless_the_import_switched_the_guards_off(
        db: Database, two_schools: tuple[int, int, int]) -> None:
    _, locked, open_ = two_schools
    columns = ("uid", *_COPY.split(", ")[1:])

    def rows(person: int, tag: str) -> list[tuple[object, ...]]:
        now = datetime(2025, 9, 1)
        return [(f"{tag}{i}", person, "校本研修", date(2025, 3, 1), "2025-03-02", "5", "01", "2", "", 8.0,
                 "package", 1, now, now) for i in range(3)]

    before = _count(db)
    with pytest.raises(REFUSED, match="已锁定"), db.session(write=True) as s:
        insert_rows(s.connection(), "training_records", columns, rows(open_, "a") + rows(locked, "b"), binary=True)
    assert _count(db) == before
    with db.session(write=True) as s, guards.replacing(s.connection()):  # the import checked the lock itself
        assert insert_rows(s.connection(), "training_records", columns, rows(locked, "c"), binary=True) == 3
    assert _count(db, f"staff_id = {locked}") == 5
    with pytest.raises(REFUSED, match="已锁定"), db.session(write=True) as s:
        insert_rows(s.connection(), "training_records", columns, rows(locked, "d"), binary=True)  # on again
    assert _count(db, f"staff_id = {locked}") == 5
