"""Fast bulk inserts that work on SQLite and PostgreSQL alike.

ORM objects cost ~30× more than driver-level executemany for hundreds of
thousands of rows (DESIGN.md §4), so bulk paths (demo data, imports, packages)
build one parameterised INSERT in the dialect's own placeholder style and hand
the driver a list of tuples. Values are adapted the way SQLAlchemy's types
would store them, so rows written here read back through the ORM unchanged.

On PostgreSQL the rows go through ``COPY … FROM STDIN`` instead: psycopg's
executemany sends one statement per row (800,000 training records took minutes),
COPY streams them in one command. This is the one dialect-specific write path;
tests/data/test_bulk.py runs the same rows through it on both engines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, select, text

_PLACEHOLDER = {"qmark": "?", "format": "%s", "pyformat": "%s", "numeric": ":{}", "named": ":c{}"}


def _placeholders(conn: Connection, n: int) -> str:
    style = conn.dialect.paramstyle
    mark = _PLACEHOLDER.get(style, "?")
    return ", ".join(mark.format(i + 1) if "{}" in mark else mark for i in range(n))


def _sqlite_value(v: Any) -> Any:
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, date):
        return v.isoformat()
    return v


# Values the sqlite3 driver stores as they are; checked by exact type (one set lookup per value)
# because the isinstance chain above cost more than the insert itself for 800,000 package rows.
_PLAIN = frozenset({str, int, float, bool, type(None), bytes})


def _sqlite_row(row: Sequence[Any]) -> tuple[Any, ...]:
    return tuple([v if type(v) in _PLAIN else _sqlite_value(v) for v in row])


def _copy_value(v: Any) -> Any:
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)  # JSON columns take the text form
    return v


def _copy_rows(conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    raw = conn.connection.driver_connection  # the psycopg connection, inside SQLAlchemy's transaction
    total = 0
    with raw.cursor() as cursor, cursor.copy(  # type: ignore[union-attr]
        f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    ) as copy:
        for row in rows:
            copy.write_row(tuple(_copy_value(v) for v in row))
            total += 1
    return total


def insert_rows(
    conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, chunk: int = 50_000,
    plain: bool = False,
) -> int:
    """Insert ``rows`` (tuples in ``columns`` order) into ``table``; returns the count.

    ``plain``: every value is already what the driver stores (str, int, float, bool, None,
    as JSON decoding gives them), so the per-value adaptation is skipped (2.5 s of a
    county's package import).
    """
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        return _copy_rows(conn, table, columns, rows)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_placeholders(conn, len(columns))})"
    adapt = conn.dialect.name == "sqlite" and not plain
    total = 0
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(_sqlite_row(row) if adapt else row if type(row) is tuple else tuple(row))
        if len(batch) >= chunk:
            conn.exec_driver_sql(sql, batch)
            total += len(batch)
            batch = []
    if batch:
        conn.exec_driver_sql(sql, batch)
        total += len(batch)
    return total


def next_id(conn: Connection, table: str) -> int:
    """The first free integer primary key, for pre-assigning ids to bulk rows."""
    value = conn.execute(select(func.coalesce(func.max(text("id")), 0)).select_from(text(table))).scalar_one()
    return int(value) + 1


def sync_sequence(conn: Connection, table: str) -> None:
    """After explicit ids on PostgreSQL, move the id sequence past them."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
        ))
