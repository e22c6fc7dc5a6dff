"""One consistent read of the whole database: the snapshot consolidation works from.

County and city consolidation reads a great deal — totals, every indicator, every
return — in many statements. On a shared server an office colleague may commit a
school's package in the middle of that; if each statement saw the newest data,
the totals could be counted before the import and the indicators after it, and
the printed return would be half old, half new. ``read_snapshot(db)`` gives one
session whose every statement sees the database as it was at its first read:

* PostgreSQL: a transaction at ``REPEATABLE READ`` (one snapshot for the whole
  transaction, taken at its first statement), ``READ ONLY`` so a stray write
  fails at once instead of being mixed into a report.
* SQLite: one deferred ``BEGIN`` transaction. In WAL mode a reader keeps the
  snapshot of its first read until it ends, while writers go on committing; in
  rollback-journal mode its shared lock makes writers wait instead. Either way
  every statement sees the same state.

The session is rolled back at the end: nothing is written through it.
This is the only place that knows the two engines differ here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from desktop.data.engine import Database


@contextmanager
def read_snapshot(db: Database) -> Iterator[Session]:
    """A read-only session in which every statement sees one state of the database."""
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        elif conn.dialect.name == "sqlite":
            # A deferred BEGIN (the engine's "begin" hook issues it): a reader, not a writer.
            conn = conn.execution_options(sqlite_begin="")
        else:  # pragma: no cover - only the two engines are supported
            raise RuntimeError(f"read_snapshot: unsupported database {conn.dialect.name}")
        session = Session(bind=conn, expire_on_commit=False)  # begins on the first statement
        try:
            yield session
        finally:
            session.rollback()
            session.close()
