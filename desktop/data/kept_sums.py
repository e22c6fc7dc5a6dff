"""The triggers that keep ``training_sums`` honest: any write to a person's training empties their sums.

``training_sums`` (``models.KeptTrainingSums``) holds the indicators' per-person window
sums from the last computation, so that a city's indicators after a change read the sums
of the people nobody touched instead of summing 4.8 million rows again
(``services.indicators.kept_sums``). A kept row is only ever right if every change to
the person's training removes it. The rule lives in the database, not in the services,
so a bulk path, a restore or a SQL tool cannot leave a stale sum behind:

* an insert, update or delete of a training record deletes the person's kept sums (both
  people's, when an update moves a record to someone else);
* deleting a person deletes theirs (SQLite may give the id to the next person added).

A writer of the sums reads and writes in one SQLite transaction: SQLite refuses the write
(``SQLITE_BUSY_SNAPSHOT``) when anyone committed after the read began, so a kept sum is
never older than the rows it was taken from.

The package import replaces a unit's people wholesale; row by row the triggers would cost
as much as the lock guards did (``guards.replacing``). It switches them off for its
transaction (``bulk``) and empties the sums of the units it replaces with two statements
(``forget_units``), before its deletes and after its inserts.

SQLite only. On PostgreSQL the table exists (one schema for both) and stays empty: a
server transaction reads in READ COMMITTED, where a writer between the read and the
write would go unnoticed, and the server's own aggregate is what the indicators use there.
SQLite's batch mode drops a recreated table's triggers, so the migrator installs them
again after every upgrade, as it does the guards (``data.migrate``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, bindparam, inspect, text

TABLE = "training_sums"
PREFIX = "kept_sums_"

_TRIGGERS = {
    "kept_sums_training_insert": "AFTER INSERT ON training_records BEGIN "
                                 "DELETE FROM training_sums WHERE staff_id = NEW.staff_id; END",
    "kept_sums_training_update": "AFTER UPDATE ON training_records BEGIN "
                                 "DELETE FROM training_sums WHERE staff_id IN (OLD.staff_id, NEW.staff_id); END",
    "kept_sums_training_delete": "AFTER DELETE ON training_records BEGIN "
                                 "DELETE FROM training_sums WHERE staff_id = OLD.staff_id; END",
    "kept_sums_staff_delete": "AFTER DELETE ON staff BEGIN "
                              "DELETE FROM training_sums WHERE staff_id = OLD.id; END",
}


def install_statements() -> list[str]:
    return [f"CREATE TRIGGER IF NOT EXISTS {name} {body}" for name, body in _TRIGGERS.items()]


def install(conn: Connection) -> None:
    """Create the triggers (SQLite, once the table exists; a no-op elsewhere and when present)."""
    if conn.dialect.name != "sqlite" or TABLE not in inspect(conn).get_table_names():
        return
    for statement in install_statements():
        conn.exec_driver_sql(statement)


def remove(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    for name in _TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def installed(conn: Connection) -> list[str]:
    """The names of the triggers present (SQLite), in name order."""
    return [name for name, _ in _present(conn)]


def _present(conn: Connection) -> list[tuple[str, str]]:
    rows = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                "AND substr(name, 1, 10) = 'kept_sums_' ORDER BY name")
    return [(r[0], r[1]) for r in rows]


def in_use(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


@contextmanager
def bulk(conn: Connection) -> Iterator[None]:
    """The triggers off for the caller's write transaction, which empties the sums itself (``forget_units``).

    DDL is transactional on SQLite: a rollback or a crash brings the triggers back, and other
    connections never see them missing.
    """
    if not in_use(conn):
        yield
        return
    present = _present(conn)
    for name, _ in present:
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
    try:
        yield
    finally:
        for _, sql in present:  # exactly as they were
            conn.exec_driver_sql(sql)


def forget_units(conn: Connection, unit_ids: list[int]) -> None:
    """Empty the kept sums of everyone in ``unit_ids`` (a wholesale replacement of those units)."""
    if not unit_ids or not in_use(conn):
        return
    conn.execute(text("DELETE FROM training_sums WHERE staff_id IN (SELECT id FROM staff WHERE unit_id IN :units)")
                 .bindparams(bindparam("units", expanding=True)), {"units": list(unit_ids)})
