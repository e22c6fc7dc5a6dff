"""Copy every table of one database into another, and fingerprint table contents.

Used to move an office's SQLite file onto the shared PostgreSQL server
(``edureturns-cli migrate-to``). Both databases are at the same schema revision;
the target is empty. Tables go in dependency order (parents first), rows stream
out of the source in primary-key order through SQLAlchemy's types (so dates,
booleans and JSON arrive as Python values) and into the target through
``insert_rows`` (COPY on PostgreSQL). Explicit ids are kept, so every foreign key
stays valid, and the id sequences are moved past them afterwards.

A fingerprint is the SHA-256 of a canonical text of every row in primary-key
order: the same content gives the same fingerprint on either engine, whatever
the storage (SQLite keeps dates as text and booleans as 0/1).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    Table,
    func,
    select,
)

from desktop.data import guards, kept_sums
from desktop.data.bulk import insert_rows, sync_sequence
from desktop.data.engine import Database
from desktop.data.models import Base

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class TableCheck:
    table: str
    source_rows: int
    target_rows: int
    source_fingerprint: str
    target_fingerprint: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_fingerprint == self.target_fingerprint


def tables() -> list[Table]:
    """Every application table, parents before children; not the kept training sums (derived, SQLite only)."""
    return [t for t in Base.metadata.sorted_tables if t.name != kept_sums.TABLE]


def _text(v: Any) -> str:
    return str(v)


def _bool(v: Any) -> str:
    return "true" if v else "false"


def _datetime(v: Any) -> str:
    return str(v.isoformat(sep=" ", timespec="microseconds"))


def _date(v: Any) -> str:
    return str(v.isoformat())


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _converter(column: Any) -> Callable[[Any], str]:
    """How one column's Python value is written canonically (chosen once per column, not per value)."""
    t = column.type
    if isinstance(t, Boolean):
        return _bool
    if isinstance(t, Float):
        return repr
    if isinstance(t, DateTime):
        return _datetime
    if isinstance(t, Date):
        return _date
    if isinstance(t, JSON):
        return _json
    return _text


def _line(converters: list[Callable[[Any], str]], row: tuple[Any, ...]) -> str:
    # \x1f separates fields, \x00 marks NULL: neither occurs in the app's text.
    return "\x1f".join("\x00" if v is None else f(v) for f, v in zip(converters, row, strict=True))


def _integer_key(table: Table) -> bool:
    pk = list(table.primary_key.columns)
    return len(pk) == 1 and isinstance(pk[0].type, Integer)


def _rows(conn: Connection, table: Table, chunk: int = 20_000) -> Iterator[tuple[Any, ...]]:
    stmt = select(*table.columns).order_by(*table.primary_key.columns)
    result = conn.execution_options(yield_per=chunk).execute(stmt)
    for row in result:
        yield tuple(row)


def table_fingerprint(conn: Connection, table: Table) -> tuple[int, str]:
    """(row count, SHA-256 of the canonical rows in primary-key order)."""
    digest = hashlib.sha256(("|".join(c.name for c in table.columns) + "\n").encode())
    converters = [_converter(c) for c in table.columns]
    lines: Iterator[str] = (_line(converters, row) for row in _rows(conn, table))
    if not _integer_key(table):
        lines = iter(sorted(lines))  # text keys sort differently under each engine's collation
    count = 0
    for line in lines:
        digest.update(line.encode("utf-8") + b"\n")
        count += 1
    return count, digest.hexdigest()


def fingerprints(db: Database) -> dict[str, tuple[int, str]]:
    with db.engine.connect() as conn:
        out = {t.name: table_fingerprint(conn, t) for t in tables()}
        conn.rollback()
    return out


def nonempty_tables(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        out = [t.name for t in tables() if conn.execute(select(func.count()).select_from(t)).scalar_one()]
        conn.rollback()
    return out


def copy_tables(source: Database, target: Database, *, progress: Progress | None = None) -> dict[str, int]:
    """Copy every row of ``source`` into the empty ``target`` in one target transaction."""
    report = progress or (lambda _m, _f: None)
    copied: dict[str, int] = {}
    all_tables = tables()
    with source.engine.connect() as src, target.engine.begin() as dst:
        # The guards judge a change against rows already there: copied in table order, the data of an
        # approved period would meet its own approval first and be refused. They are off for this one
        # transaction (DDL is transactional on both engines) and back, unchanged, before it commits.
        guards.remove(dst)
        for i, table in enumerate(all_tables):
            report(f"正在复制 {table.name}…", i / len(all_tables))
            columns = [c.name for c in table.columns]
            copied[table.name] = insert_rows(dst, table.name, columns, _rows(src, table))
            if _integer_key(table) and "id" in columns:
                sync_sequence(dst, table.name)
        guards.install(dst)
        src.rollback()
    report("复制完成", 1.0)
    return copied


def verify_tables(source: Database, target: Database) -> list[TableCheck]:
    a, b = fingerprints(source), fingerprints(target)
    return [TableCheck(name, a[name][0], b[name][0], a[name][1], b[name][1]) for name in a]
