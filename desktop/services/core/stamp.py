"""A cheap stamp of the database's content: the key under which checks and indicators are kept.

The 报表 page shows the checks and indicators of the last computation at once and
recomputes them only when the stamp differs (``gui/operations/reports``); the indicators
are also kept on disk under it (``services.indicators.cache``), so an unchanged database
never computes them again, even after the program restarts. ``Stamped`` is the one
in-memory store both use. Building the
returns' data fingerprints (``build.data_fingerprints``) would tell exactly, but costs as
much as the checks themselves; the stamp costs a few counts:

- for every table, its row count and its largest id: an insert or a delete changes one
  of them (a deleted newest row and a new one could share the id, never the audit entry);
- the newest ``updated_at`` of every table but the two large append-mostly ones
  (training records, the audit log), whose scan would cost a second at county scale;
- the newest audit entry: every change the program makes writes one (DESIGN.md §8,
  ``services.core.audit``), so an edit of a training record moves the stamp as well.

The stamp says nothing about *what* changed; equal stamps mean the same content as far as
the program can have changed it. A database edited behind the program's back (a SQL tool)
is caught by the counts and ids only; a recompute is one click (检查数据) away.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

from sqlalchemy import text

from desktop.data.engine import Database
from desktop.data.stampsql import STAMP_SQL, digest

V = TypeVar("V")

#: Tables whose newest ``updated_at`` would need a full scan (no index on it): counts and ids only.
LARGE = frozenset({"training_records", "audit_log"})


def data_stamp(db: Database) -> str:
    """The content stamp of the whole database (sha256 hex of per-table counts, ids and times).

    The query is ``data.stampsql.STAMP_SQL``, which the start-up's light read runs through
    plain ``sqlite3`` too: the same text through the same driver, so the same stamp."""
    with db.session() as session:
        row = session.execute(text(STAMP_SQL)).one()
    return digest(tuple(row))


class Stamped(Generic[V]):
    """Values kept in memory under a key and the data stamp they were computed from.

    ``get`` returns a value only when its stamp is the stamp asked for: a value computed from
    other data is never returned. One value per key (the newest), so memory stays bounded by
    the keys in use (units × periods × target sets).
    """

    def __init__(self) -> None:
        self._values: dict[Hashable, tuple[str, V]] = {}

    def get(self, key: Hashable, stamp: str | None = None) -> V | None:
        """The value kept under ``key`` if it was computed at ``stamp`` (any stamp when None)."""
        kept = self._values.get(key)
        if kept is None or (stamp is not None and kept[0] != stamp):
            return None
        return kept[1]

    def stamp_of(self, key: Hashable) -> str | None:
        kept = self._values.get(key)
        return kept[0] if kept else None

    def put(self, key: Hashable, stamp: str, value: V) -> None:
        self._values[key] = (stamp, value)

    def clear(self) -> None:
        self._values.clear()
