"""Approval guards (R12): installed by the migrator, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy.exc
from alembic import command
from sqlalchemy import create_engine

from desktop.data import guards
from desktop.data.engine import Database
from desktop.data.migrate import alembic_config, upgrade
from desktop.domain.records import ClassData, UnitData
from desktop.services.core.errors import LockedError
from desktop.services.core.users import Actor
from desktop.services.records import classes, units
from desktop.services.year import workflow
from desktop.services.year.periods import ensure_period

CLERK, REVIEWER = Actor("c", "李填报", "clerk"), Actor("r", "张审核", "reviewer")
BLOCKED = ["UPDATE classes SET enrolled = 1", "DELETE FROM classes", "UPDATE unit_periods SET state = 'draft'",
           "DELETE FROM unit_periods", "UPDATE audit_log SET username = 'x'", "DELETE FROM audit_log",
           # an approved school cannot be renamed, recoded or moved (issue #20 item 5)
           "UPDATE units SET name = '冒名学校' WHERE kind = 'school'",
           "UPDATE units SET code = '2144099999' WHERE kind = 'school'",
           "UPDATE units SET parent_code = '441699' WHERE kind = 'school'"]


def _installed(db: Database) -> bool:
    with db.engine.connect() as conn:
        return guards.installed(conn)


def test_guards_follow_the_revision(db: Database) -> None:
    assert _installed(db)
    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "20261125_0040")
        assert not guards.installed(conn)
    upgrade(db)
    assert _installed(db)


def exercise(db: Database) -> None:
    """Approve a school, then try every forbidden statement directly; unlock, edit again."""
    county = units.create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county"))
    school = units.create_unit(db, UnitData(code="2144012301", name="第一小学", kind="school", parent_code="441622",
                                            category="211", ownership="1", urban_rural="2"))
    period = ensure_period(db, 2025)
    cls = classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(1)班", enrolled=40))
    workflow.submit(db, CLERK, school.id, period.id)
    workflow.approve(db, REVIEWER, school.id, period.id)
    for sql in BLOCKED:
        with pytest.raises(sqlalchemy.exc.IntegrityError), db.session(write=True) as s:
            s.connection().exec_driver_sql(sql)
    with pytest.raises(LockedError, match="已锁定"):  # the service says so first, in Chinese
        units.update_unit(db, school.id, {"name": "冒名学校"})
    workflow.submit(db, CLERK, county.id, period.id)
    workflow.approve(db, REVIEWER, county.id, period.id)  # every school below is approved
    workflow.unlock(db, REVIEWER, county.id, period.id, "学校要更正")
    workflow.unlock(db, REVIEWER, school.id, period.id, "更正班额")
    assert classes.update_class(db, cls.id, {"enrolled": 41}).enrolled == 41
    with db.session(write=True) as s:  # unlocked, the school may be renamed again
        s.connection().exec_driver_sql("UPDATE units SET name = '第一小学（更名）' WHERE kind = 'school'")


def test_guards_on_sqlite(db: Database) -> None:
    exercise(db)


@pytest.fixture
def pg_db() -> Iterator[Database]:
    url = os.environ.get("EDURETURNS_TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        pytest.skip("needs a PostgreSQL server: set EDURETURNS_TEST_DATABASE_URL (see .ci/pg.sh)")
    name = f"guards_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    db = Database(url.rsplit("/", 1)[0] + f"/{name}")
    upgrade(db)
    yield db
    db.dispose()
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE {name}")
    admin.dispose()


@pytest.mark.postgres_only
def test_guards_on_postgresql(pg_db: Database) -> None:
    assert _installed(pg_db)
    exercise(pg_db)


def _approved_school_with_a_class(db: Database) -> tuple[int, int]:
    units.create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county"))
    school = units.create_unit(db, UnitData(code="2144012301", name="第一小学", kind="school", parent_code="441622",
                                            category="211", ownership="1", urban_rural="2"))
    period = ensure_period(db, 2025)
    classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(1)班", enrolled=40))
    workflow.submit(db, CLERK, school.id, period.id)
    workflow.approve(db, REVIEWER, school.id, period.id)
    return school.id, period.id


def _count_classes(db: Database) -> int:
    with db.session() as s:
        return int(s.connection().exec_driver_sql("SELECT count(*) FROM classes").scalar() or 0)


def test_locked_units_names_the_approved_units_only(db: Database) -> None:
    school_id, period_id = _approved_school_with_a_class(db)
    with db.session() as s:
        home_id = s.connection().exec_driver_sql("SELECT id FROM units WHERE is_home = true").scalar()
        assert guards.locked_units(s.connection(), [school_id, int(home_id or 0)], period_id) == [school_id]
        assert guards.locked_units(s.connection(), [], period_id) == []


def test_replacing_lets_the_package_import_rewrite_a_locked_unit_and_then_locks_again(db: Database) -> None:
    _approved_school_with_a_class(db)
    with db.session(write=True) as s, guards.replacing(s.connection()):
        s.connection().exec_driver_sql("DELETE FROM classes")
    assert _count_classes(db) == 0
    with pytest.raises(sqlalchemy.exc.IntegrityError, match="已锁定"), db.session(write=True) as s:
        s.connection().exec_driver_sql(
            "INSERT INTO classes (uid, unit_id, period_id, grade, name, enrolled, boarders, disabled, version, "
            "created_at, updated_at) SELECT 'x', unit_id, period_id, 'P1', '一年级(2)班', 30, 0, 0, 1, "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM unit_periods WHERE state = 'approved'")
    assert _installed(db)


def test_replacing_leaves_the_guards_in_place_when_the_block_fails(db: Database) -> None:
    _approved_school_with_a_class(db)
    with pytest.raises(RuntimeError), db.session(write=True) as s, guards.replacing(s.connection()):
        s.connection().exec_driver_sql("DELETE FROM classes")
        raise RuntimeError("disk full")
    assert _count_classes(db) == 1  # rolled back
    for sql in BLOCKED[:2]:
        with pytest.raises(sqlalchemy.exc.IntegrityError, match="已锁定"), db.session(write=True) as s:
            s.connection().exec_driver_sql(sql)
