"""Staged training records into PostgreSQL: read from the worker's staging file, sent with binary COPY.

On SQLite the importer attaches the staging file and moves a package's training
records with one ``INSERT … SELECT`` (``apply._insert_staged_training``). A server
cannot read the importer's file, so here the rows come out of it through sqlite3
(decoded and checked by the worker; each value as the package carried it), get the
person's id assigned in this import, and go to the server in COPY's binary format
(``data.bulk.insert_rows(binary=True)``). Whether the staged member is acceptable
(its sha256 and row count against the verified manifest) is decided before, as on SQLite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection

from desktop.data.bulk import insert_rows
from desktop.exchange.staging import StagedMember


def copy_staged(conn: Connection, staged: StagedMember, table: str, columns: Sequence[str], taken: Sequence[str],
                staff_ids: dict[str, int], tail: tuple[Any, ...], missing: Callable[[], Exception]) -> int:
    """Insert the staged rows as (uid, staff id, *taken, *tail); ``missing()`` is raised for an unknown person."""
    source = sqlite3.connect(staged.file)
    try:
        cursor = source.execute(f"SELECT uid, staff_uid, {', '.join(taken)} FROM {staged.name} ORDER BY rowid")

        def rows() -> Iterator[tuple[Any, ...]]:
            get = staff_ids.get
            for r in cursor:
                sid = get(r[1])
                if sid is None:
                    raise missing()
                yield (r[0], sid, *r[2:], *tail)

        return insert_rows(conn, table, columns, rows(), binary=True)
    finally:
        source.close()
