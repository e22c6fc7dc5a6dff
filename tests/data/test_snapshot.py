"""read_snapshot: every statement of the session sees one state, whatever commits meanwhile (both engines)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError

from desktop.data.engine import Database
from desktop.data.models import Period
from desktop.data.snapshot import read_snapshot
from desktop.services.year.periods import ensure_period


def _periods(session: object) -> int:
    return session.scalar(select(func.count()).select_from(Period)) or 0  # type: ignore[attr-defined]


def test_a_commit_during_the_snapshot_is_not_seen_until_it_ends(db: Database) -> None:
    """Given a snapshot that has read once, when another connection commits, the snapshot still sees the old state."""
    ensure_period(db, 2024)
    writer = Database(db.url)
    try:
        with read_snapshot(db) as session:
            assert _periods(session) == 1
            ensure_period(writer, 2025)  # commits on its own connection, not waiting for the reader
            with writer.session() as other:
                assert _periods(other) == 2  # the new period is really there
            assert _periods(session) == 1  # …but not in the snapshot
            years = session.scalars(select(Period.school_year)).all()
            assert years == [2024]
        with db.session() as after:
            assert _periods(after) == 2
    finally:
        writer.dispose()


def test_the_snapshot_writes_nothing(db: Database) -> None:
    """What a snapshot session changes is rolled back (and on PostgreSQL refused outright)."""
    ensure_period(db, 2024)
    if db.is_sqlite:
        with read_snapshot(db) as session:
            session.execute(update(Period).values(due_date=None))
    else:
        with pytest.raises(DBAPIError, match="read-only transaction"), read_snapshot(db) as session:
            session.execute(update(Period).values(due_date=None))
    with db.session() as session:
        assert session.scalar(select(Period.due_date)) is not None


@pytest.mark.postgres_only
def test_the_snapshot_is_repeatable_read_and_read_only_on_postgresql(db: Database) -> None:
    with read_snapshot(db) as session:
        assert session.scalar(text("SHOW transaction_isolation")) == "repeatable read"
        assert session.scalar(text("SHOW transaction_read_only")) == "on"
    with db.session() as session:  # the pooled connection is back to the default afterwards
        assert session.scalar(text("SHOW transaction_isolation")) == "read committed"
        assert session.scalar(text("SHOW transaction_read_only")) == "off"
