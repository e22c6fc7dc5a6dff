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

``binary=True`` (the package import) sends the rows in COPY's binary format: the
server reads each value as it is stored instead of parsing text, and psycopg encodes
them in C from the column types (read once per connection from the catalog). Values the
binary format cannot take as they are — ISO dates and times in text, as a package
carries them, a number in text — are converted first, to what PostgreSQL's text input
made of them; a table with a column type not handled here goes through the text format.

PostgreSQL refuses ``COPY … FROM`` into a table whose row-level security applies to the
login (a reviewer's or an administrator's own login, ``data.roles``). For such a login
the rows are copied into a temporary table of the same columns and moved with one
``INSERT … SELECT``, so the policies and triggers judge them as they judge any insert.
"""

from __future__ import annotations

import itertools
import json
import zlib
from collections.abc import Callable, Iterable, Sequence
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


_TRUE = frozenset({"t", "true", "y", "yes", "on", "1"})
_FALSE = frozenset({"f", "false", "n", "no", "off", "0"})


def _text_bool(v: str) -> bool:
    """A boolean in text as PostgreSQL's ``boolin`` reads it (prefixes of the words too)."""
    word = v.strip().lower()
    if word in _TRUE or (len(word) > 1 and ("true".startswith(word) or "yes".startswith(word))):
        return True
    if word in _FALSE or (len(word) > 1 and ("false".startswith(word) or "no".startswith(word)
                                             or word in ("of", "off"))):
        return False
    raise ValueError(f"invalid input syntax for type boolean: {v!r}")


def _text_datetime(v: str) -> datetime:
    # A zone after the time is ignored by a column without time zone, as PostgreSQL's text input does.
    return datetime.fromisoformat(v.strip()).replace(tzinfo=None)


def _text_date(v: str) -> date:
    return date.fromisoformat(v.strip())


def _text_int(v: str) -> int:
    return int(v.strip())


def _text_float(v: str) -> float:
    return float(v.strip())


#: Column types the binary path takes, and how a text value of that type is converted (None: text already).
_FROM_TEXT: dict[str, Callable[[str], Any] | None] = {
    "varchar": None, "text": None, "bpchar": None, "int2": _text_int, "int4": _text_int, "int8": _text_int,
    "float4": _text_float, "float8": _text_float, "bool": _text_bool, "date": _text_date,
    "timestamp": _text_datetime,
}
_TYPES_KEY = "edureturns_column_types"


def _column_types(conn: Connection, table: str) -> dict[str, tuple[int, str]]:
    """Column name → (type oid, type name) of ``table``, cached on the pooled connection."""
    cache: dict[str, dict[str, tuple[int, str]]] = conn.connection.info.setdefault(_TYPES_KEY, {})
    if table not in cache:
        cache[table] = {name: (int(oid), typname) for name, oid, typname in conn.exec_driver_sql(
            "SELECT a.attname, a.atttypid, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
            "WHERE a.attrelid = to_regclass(%s) AND a.attnum > 0 AND NOT a.attisdropped", (table,))}
    return cache[table]


def _copy_binary(conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int | None:
    """COPY … (FORMAT BINARY); None when a column's type is not one the binary path takes."""
    types = _column_types(conn, table)
    try:
        kinds = [types[c] for c in columns]
    except KeyError:
        return None  # let the server name the unknown column
    if any(name not in _FROM_TEXT for _, name in kinds):
        return None
    convert = [(i, fn) for i, (_, name) in enumerate(kinds) if (fn := _FROM_TEXT[name]) is not None]
    raw = conn.connection.driver_connection
    total = 0
    with raw.cursor() as cursor, cursor.copy(  # type: ignore[union-attr]
        f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
    ) as copy:
        copy.set_types([oid for oid, _ in kinds])
        write = copy.write_row
        for row in rows:
            for i, _fn in convert:
                if type(row[i]) is str:
                    row = list(row)
                    for j, f in convert:
                        if type(row[j]) is str:
                            row[j] = f(row[j])
                    break
            write(row)
            total += 1
    return total


_RLS_KEY = "edureturns_row_security"


def _row_security(conn: Connection, table: str) -> bool:
    """Whether row-level security applies to this login on ``table`` (cached on the pooled connection)."""
    cache: dict[str, bool] = conn.connection.info.setdefault(_RLS_KEY, {})
    if table not in cache:
        cache[table] = bool(conn.exec_driver_sql("SELECT row_security_active(to_regclass(%s))", (table,)).scalar())
    return cache[table]


def _copy(conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], binary: bool) -> int:
    if binary:
        done = _copy_binary(conn, table, columns, rows)
        if done is not None:
            return done
    return _copy_rows(conn, table, columns, rows)


def _copy_through_temp(conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]],
                       binary: bool) -> int:
    """COPY into a temporary table of ``columns``, then INSERT … SELECT into ``table`` (row-level security)."""
    names = ", ".join(columns)
    temp = f"edr_copy_{table}_{zlib.crc32(names.encode()):08x}"
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {temp} AS SELECT {names} FROM {table} WITH NO DATA")
    conn.exec_driver_sql(f"TRUNCATE {temp}")
    total = _copy(conn, temp, columns, rows, binary)
    conn.exec_driver_sql(f"INSERT INTO {table} ({names}) SELECT {names} FROM {temp}")
    conn.exec_driver_sql(f"TRUNCATE {temp}")
    return total


_NONE: Any = object()


def insert_rows(
    conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, chunk: int = 50_000,
    plain: bool = False, binary: bool = False,
) -> int:
    """Insert ``rows`` (tuples in ``columns`` order) into ``table``; returns the count.

    ``plain``: every value is already what the driver stores (str, int, float, bool, None,
    as JSON decoding gives them), so the per-value adaptation is skipped (2.5 s of a
    county's package import). ``binary``: on PostgreSQL, COPY in binary format (above).
    """
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        rows = iter(rows)
        first = next(rows, _NONE)
        if first is _NONE:  # nothing to send: no COPY (a round trip and a plan each; 1,200 of 4,200 for a county)
            return 0
        rows = itertools.chain((first,), rows)
        if _row_security(conn, table):
            return _copy_through_temp(conn, table, columns, rows, binary)
        return _copy(conn, table, columns, rows, binary)
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
