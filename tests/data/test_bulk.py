"""Bulk inserts write rows the ORM reads back unchanged, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
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


def test_binary_rows_take_text_dates_times_and_numbers_and_keep_every_character(
    db: Database, school: UnitRecord
) -> None:
    """``binary=True`` (the package import): values as a package carries them arrive as text COPY stored them."""
    from desktop.data.models import Staff, TrainingRecord

    awkward = "第一行\r\n第二行\t制表 \\N 反斜杠\\ 'single' \"double\" |"
    staff_cols = ("id", "uid", "unit_id", "name", "name_pinyin", "name_initials", "id_type", "id_number", "id_digest",
                  "id_tail", "gender", "birth_date", "category", "employment_form", "post", "full_time",
                  "normal_major", "title", "honour_year", "status", "note", "version", "created_at", "updated_at")
    stamp = datetime(2025, 9, 1, 8, 30, 15, 123456)
    with db.session(write=True) as session:
        conn = session.connection()
        insert_rows(conn, "staff", staff_cols, [
            (1, "u1", school.id, "张三", "zhangsan", "zs", "1", "x1", "d1", "0012", "1", "1980-02-29", "11", "1", "1",
             True, False, "1", "2019", "active", awkward, 1, stamp, "2025-09-01 08:30:15.123456"),
            (2, "u2", school.id, "李四", "lisi", "ls", "1", "x2", "d2", "0034", "2", None, "11", "1", "1",
             1, 0, "1", None, "active", None, 1, stamp, stamp),
        ], binary=True)
        sync_sequence(conn, "staff")
        insert_rows(conn, "training_records", ("uid", "staff_id", "title", "organiser", "start_date", "end_date",
                                               "level", "mode", "category", "topics", "hours", "verified_at",
                                               "source", "version", "created_at", "updated_at"), [
            ("t1", 1, "师德培训", awkward, "2025-03-01", "2025-03-02", "1", "1", "1", "", 12, "2025-03-03T10:00:00",
             "package", 1, stamp, stamp),
            ("t2", 2, "信息技术", None, "2025-04-01", "2025-04-01", "1", "1", "1", "", "2.5", None,
             "package", 1, stamp, stamp),
        ], binary=True)
    with db.session() as session:
        people = session.execute(select(Staff.uid, Staff.birth_date, Staff.full_time, Staff.normal_major,
                                        Staff.honour_year, Staff.note, Staff.updated_at).order_by(Staff.uid)).all()
        assert [tuple(p) for p in people] == [
            ("u1", date(1980, 2, 29), True, False, 2019, awkward, stamp),
            ("u2", None, True, False, None, None, stamp)]
        training = session.execute(select(TrainingRecord.uid, TrainingRecord.organiser, TrainingRecord.start_date,
                                          TrainingRecord.hours, TrainingRecord.verified_at)
                                   .order_by(TrainingRecord.uid)).all()
        assert [tuple(t) for t in training] == [
            ("t1", awkward, date(2025, 3, 1), 12.0, datetime(2025, 3, 3, 10, 0)),
            ("t2", None, date(2025, 4, 1), 2.5, None)]


def test_binary_rows_into_a_json_column_go_through_the_text_format(db: Database, school: UnitRecord) -> None:
    period = ensure_period(db, 2025)
    with db.session(write=True) as session:
        insert_rows(session.connection(), "unit_periods", ("unit_id", "period_id", "state", "ready", "version",
                                                           "return_overrides"),
                    [(school.id, period.id, "draft", False, 1, {"T1": {"表号": "教基1"}})], binary=True)
    with db.session() as session:
        assert session.scalars(select(UnitPeriod)).one().return_overrides == {"T1": {"表号": "教基1"}}


def test_no_rows_insert_nothing_and_a_source_that_fails_at_its_end_still_fails(db: Database, school: UnitRecord) -> None:
    # On a server an empty source sends no COPY at all; the source is still read to its end, where a
    # package reader checks the row count against the manifest.
    def failing() -> Iterator[tuple[object, ...]]:
        yield from ()
        raise ValueError("清单上的条数不一致")

    with db.session(write=True) as session:
        conn = session.connection()
        assert insert_rows(conn, "periods", ("school_year", "census_date", "closed"), iter(())) == 0
        with pytest.raises(ValueError, match="条数"):
            insert_rows(conn, "periods", ("school_year", "census_date", "closed"), failing())
        assert insert_rows(conn, "periods", ("school_year", "census_date", "closed"),
                           iter([(2050, date(2050, 9, 1), False)])) == 1
    with db.session() as session:
        assert session.scalars(select(Period.school_year).where(Period.school_year > 2040)).all() == [2050]
