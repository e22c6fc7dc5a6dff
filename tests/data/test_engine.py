"""R1: every pooled SQLite connection runs with the settings the app relies on."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desktop.data.engine import Database
from desktop.data.models import Staff

EXPECTED = {"foreign_keys": 1, "journal_mode": "wal", "synchronous": 2, "trusted_schema": 0}


def _pragmas(conn: object) -> dict[str, object]:
    return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in  # type: ignore[attr-defined]
            ("foreign_keys", "journal_mode", "synchronous", "busy_timeout", "trusted_schema")}


@pytest.mark.sqlite_only
def test_two_pooled_connections_both_have_every_pragma(db: Database) -> None:
    with db.engine.connect() as first, db.engine.connect() as second:
        assert first.connection.dbapi_connection is not second.connection.dbapi_connection
        for conn in (first, second):
            values = _pragmas(conn)
            for key, expected in EXPECTED.items():
                assert values[key] == expected, key
            assert values["busy_timeout"] >= 5000


@pytest.mark.sqlite_only
def test_pragmas_survive_returning_to_the_pool(db: Database) -> None:
    for _ in range(3):
        with db.session() as session:
            assert session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_key_violation_raises(db: Database) -> None:
    with pytest.raises(IntegrityError), db.session(write=True) as session:
        session.add(Staff(unit_id=999, name="无单位", id_number="x", gender="1"))
        session.flush()


def test_session_rolls_back_everything_on_error(db: Database, school: object) -> None:
    from desktop.data.models import Period

    with pytest.raises(RuntimeError), db.session(write=True) as session:
        session.add(Period(school_year=2030, census_date=date(2030, 9, 1)))
        session.flush()
        raise RuntimeError("boom")
    with db.session() as session:
        assert session.execute(text("SELECT COUNT(*) FROM periods WHERE school_year = 2030")).scalar() == 0


@pytest.mark.sqlite_only
def test_ddl_is_transactional(db_path: Path) -> None:
    """The stdlib driver autocommits DDL by default; our BEGIN makes it roll back."""
    database = Database.for_path(db_path)
    with pytest.raises(RuntimeError), database.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE scratch (x INTEGER)")
        raise RuntimeError("fail after DDL")
    with database.engine.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")]
    assert "scratch" not in names
    database.dispose()


def test_two_writers_wait_for_each_other_instead_of_failing(db: Database, school: object) -> None:
    from desktop.services.year.periods import ensure_period

    errors: list[BaseException] = []

    def write(year: int) -> None:
        try:
            ensure_period(db, year)
        except BaseException as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(2026 + i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with db.session() as session:
        assert session.execute(text("SELECT COUNT(*) FROM periods")).scalar() == 4
