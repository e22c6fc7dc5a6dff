"""Bulk inserts write rows the ORM reads back unchanged, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from desktop.data.bulk import insert_rows, next_id, sync_sequence
from desktop.data.engine import Database
from desktop.data.models import Period, TargetSet, UnitPeriod
from desktop.domain.records import UnitRecord
from desktop.services.year.periods import ensure_period


def test_dates_booleans_json_and_floats_round_trip(db: Database, school: UnitRecord) -> None:
    stamp = datetime(2025, 9, 1, 8, 30, 15, 123456)
    with db.session(write=True) as session:
        conn = session.connection()
        first = next_id(conn, "periods")
        insert_rows(conn, "periods", ("id", "school_year", "census_date", "due_date", "closed", "created_at",
                                      "updated_at"),
                    [(first, 2031, date(2031, 9, 1), None, True, stamp, stamp),
                     (first + 1, 2032, date(2032, 9, 1), date(2032, 9, 20), False, stamp, stamp)])
        sync_sequence(conn, "periods")
        insert_rows(conn, "target_sets", ("code", "name", "issuer", "document", "preset", "content", "version",
                                          "created_at", "updated_at"),
                    [("t1", "方案", "", "", False, {"targets": [{"value": 0.5, "名称": "专任教师"}]}, 1, stamp, stamp)])
    with db.session() as session:
        periods = session.scalars(select(Period).where(Period.school_year > 2030).order_by(Period.id)).all()
        assert [(p.school_year, p.census_date, p.due_date, p.closed, p.created_at) for p in periods] == [
            (2031, date(2031, 9, 1), None, True, stamp), (2032, date(2032, 9, 1), date(2032, 9, 20), False, stamp)]
        ts = session.scalars(select(TargetSet).where(TargetSet.code == "t1")).one()
        assert ts.content == {"targets": [{"value": 0.5, "名称": "专任教师"}]}


def test_the_id_sequence_moves_past_explicit_ids(db: Database, school: UnitRecord) -> None:
    with db.session(write=True) as session:
        conn = session.connection()
        insert_rows(conn, "periods", ("id", "school_year", "census_date", "closed"),
                    [(500, 2040, date(2040, 9, 1), False)])
        sync_sequence(conn, "periods")
    # An ORM insert after explicit ids gets a fresh id instead of colliding with 500.
    created = ensure_period(db, 2041)
    assert created.id > 500


def test_json_text_from_demo_rows_reads_back_as_a_dict(db: Database, school: UnitRecord) -> None:
    period = ensure_period(db, 2025)
    with db.session(write=True) as session:
        insert_rows(session.connection(), "unit_periods", ("unit_id", "period_id", "state", "ready", "version",
                                                           "return_overrides"),
                    [(school.id, period.id, "draft", False, 1, '{"T1": {"表号": "教基1"}}')])
    with db.session() as session:
        up = session.scalars(select(UnitPeriod)).one()
        assert up.return_overrides == {"T1": {"表号": "教基1"}}
