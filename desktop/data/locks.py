"""Named locks for get-or-create, imports and consolidation, on SQLite and PostgreSQL.

Optimistic locking (``version`` columns) protects one record a person edits. Work
that reads "is it there yet?" and then writes — an import matching rows by uid,
consolidation replacing a county's totals, ``ensure_period``, the audit hash
chain — needs more: two offices doing it at once on a shared server would both
see "not there" and both insert, or both chain onto the same audit entry.

``advisory_lock(session, name)`` serialises every transaction that asks for the
same ``name`` until it commits or rolls back:

* PostgreSQL: ``pg_advisory_xact_lock(key)`` with a stable 64-bit key derived
  from the name; released by COMMIT/ROLLBACK, so no unlock call can be missed.
* SQLite: nothing to do, because ``db.session(write=True)`` starts with
  ``BEGIN IMMEDIATE`` and SQLite lets only one such transaction run at a time.
  The helper refuses a read-only session there, where the guarantee would not hold.

Rules for callers (imports, packages, consolidation):
1. Call it inside ``with db.session(write=True) as session:`` *before* the first
   read the decision depends on.
2. Lock what you would otherwise duplicate: ``unit_period_lock(code, year)`` for
   importing or consolidating one unit's return (packages), ``import_lock`` for a
   spreadsheet import, ``STAFF_IDENTITY`` around "is this person registered?";
   ``AUDIT_CHAIN`` is taken by ``audit.log`` itself.
   Then re-check, inside the lock, whatever a preview decided earlier: the
   preview ran without the lock and may be out of date.
3. Take several locks in a fixed order (sorted names) to avoid deadlocks; the
   server detects a deadlock anyway and fails one transaction, which rolls back whole.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import text
from sqlalchemy.orm import Session

AUDIT_CHAIN = "audit-chain"


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for ``name`` (the same in every process and version)."""
    digest = hashlib.sha256(f"edureturns:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def unit_period_lock(unit_code: str, school_year: int) -> str:
    """The lock for importing or consolidating one unit's data for one period."""
    return f"unit-period:{unit_code}:{school_year}"


def period_lock(school_year: int) -> str:
    return f"period:{school_year}"


# "Is this person already registered (active anywhere)?" — one lock for every such check
# (create, change of ID number, roster import), so a manual entry and an import cannot
# both register the same person. Holding thousands of per-person locks in one import
# would overflow the server's lock table; these transactions are short anyway.
STAFF_IDENTITY = "staff-identity"


def import_lock(unit_id: int, kind: str) -> str:
    """The lock an import of ``kind`` rows into one unit holds while it re-checks and writes."""
    return f"import:{kind}:{unit_id}"


def advisory_lock(session: Session, name: str) -> None:
    """Hold the named lock until this session's transaction ends."""
    conn = session.connection()
    dialect = conn.dialect.name
    if dialect == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(name)})
    elif dialect == "sqlite":
        if conn.get_execution_options().get("sqlite_begin") != "IMMEDIATE":
            raise RuntimeError("advisory_lock needs a write session: use db.session(write=True)")
    else:  # pragma: no cover - only the two engines are supported
        raise RuntimeError(f"advisory_lock: unsupported database {dialect}")
