"""``Database.time_limit``: SQLite statements inside are interrupted once the time is up, and the
pool's connections work normally afterwards (used to keep 概览 for the next start at a close)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from desktop.data.engine import Database

pytestmark = pytest.mark.sqlite_only

# Half a million rows counted: far more than the progress handler's 10,000 steps.
LONG = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500000) SELECT count(*) FROM n"


def test_a_statement_is_interrupted_once_the_time_is_up_and_the_connection_works_after(tmp_path: Path) -> None:
    db = Database.for_path(tmp_path / "limit.db")
    try:
        with db.time_limit(0.0), pytest.raises(OperationalError, match="interrupted"), db.session() as session:
            session.execute(text(LONG)).scalar_one()
        with db.session() as session:  # the same pooled connection, no limit any more
            assert session.execute(text(LONG)).scalar_one() == 500000
        with db.time_limit(600.0), db.session() as session:  # time enough: the statement completes
            assert session.execute(text(LONG)).scalar_one() == 500000
    finally:
        db.dispose()
