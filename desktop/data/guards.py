"""Database-level guards: approved data read-only, audit log append-only.

The services refuse edits of approved data (``ensure_editable``); these triggers
back that up in the database itself, so a bug, a bulk path that skips the
services, or someone with a SQL tool cannot change what a principal signed.
The rule (docs/security.md, 锁定规则):

* period data — classes, stage_capacities, seat_additions, explanations — of a
  unit and period whose unit_periods.state is 'approved' cannot be inserted,
  updated or deleted;
* people data — staff, movements, credentials, registrations, training_records —
  of a unit cannot change while the unit's *current* period (its unit_periods
  row with the latest school year) is approved; opening the next period makes
  them editable again (the approved return keeps its own fingerprint);
* an approved unit_periods row cannot be deleted, and leaves 'approved' only
  with a non-empty unlock_reason (the workflow service clears it on approval);
* an office's row cannot become 'approved' while a unit directly below it is
  not approved for that period, unless approve_override_reason is filled;
* a unit whose current period is approved (the people-data rule) cannot be
  renamed, moved, recoded or otherwise changed, nor deleted: its name and code
  are part of what was signed;
* audit_log rows can be added, never updated or deleted.

One path replaces a unit's data wholesale: the office import of a package
(``services.packages.apply``). There the lock is checked once for the package's
unit (``locked_units``, inside the import's write transaction), and the row
triggers of the people and period tables are switched off for that transaction
(``replacing``): per row they cost as much as the insert itself (6 s of 13 s for
800,000 training records), and the copies of the sender's own approvals that a
county package carries must be replaceable by the county's resubmission. On
SQLite the triggers are dropped and re-created from their stored SQL inside the
transaction (DDL is transactional: a crash or rollback restores them, other
connections never see them missing); on PostgreSQL a transaction-local setting
(``edureturns.replacing``) makes the lock functions return early — but only for
a session whose login may replace data wholesale: the database owner (or a
superuser) and members of the admin group. Any login can set a custom setting,
so for clerks and reviewers the switch is ignored and every row is checked
(their imports are held by row-level security in the same way anyway).

The rule is written once per dialect: SQLite ``RAISE(ABORT, …)`` triggers and
PostgreSQL PL/pgSQL trigger functions (``guards_pg``: on the people and period tables
statement triggers over transition tables, which judge each statement's distinct units or
people once instead of every row). SQLite drops a table's triggers when
Alembic's batch mode recreates the table, and refuses to rename a table that a
trigger refers to, so the migrator removes all guards before running revisions
and installs the current set afterwards (``desktop.data.migrate``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

from sqlalchemy import Connection, bindparam, inspect, text

LOCKED = "该统计期已审核，数据已锁定，不能修改。如需修改，请审核人先解锁并填写原因。"
UNLOCK_REASON = "解除已审核状态必须填写解锁原因。"
APPROVED_ROW = "已审核的填报状态不能删除。"
PENDING_BELOW = "下级单位尚未全部审核，汇总不能审核通过；如确需审核，请填写原因。"
AUDIT = "操作日志只能追加，不能修改或删除。"

REPLACING_SETTING = "edureturns.replacing"  # PostgreSQL: transaction-local switch of the lock guards
PERIOD_TABLES = ("classes", "stage_capacities", "seat_additions", "explanations")
# table -> SQL giving the row's unit id from a row alias (OLD or NEW)
PEOPLE_TABLES = {
    "staff": "{r}.unit_id",
    "movements": "(SELECT s.unit_id FROM staff s WHERE s.id = {r}.staff_id)",
    "credentials": "(SELECT s.unit_id FROM staff s WHERE s.id = {r}.staff_id)",
    "training_records": "(SELECT s.unit_id FROM staff s WHERE s.id = {r}.staff_id)",
    "registrations": (
        "(SELECT s.unit_id FROM credentials c JOIN staff s ON s.id = c.staff_id WHERE c.id = {r}.credential_id)"
    ),
}
# The units columns an approval covers (everything but the bookkeeping: id, version, timestamps;
# parent_id only once set — a unit made before its parent is linked to it when the parent is made).
UNIT_COLUMNS = ("code", "name", "kind", "parent_code", "is_home", "category", "ownership",
                "urban_rural", "boarding", "township_central", "county_high_school", "campuses", "address",
                "contact_person", "contact_phone", "closed_on")


def _period_locked(r: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM unit_periods up WHERE up.unit_id = {r}.unit_id "
        f"AND up.period_id = {r}.period_id AND up.state = 'approved')"
    )


def _unit_locked(unit_expr: str) -> str:
    """The unit's latest unit_periods row (by school year) is approved."""
    return (
        "EXISTS (SELECT 1 FROM unit_periods up JOIN periods p ON p.id = up.period_id "
        f"WHERE up.unit_id = {unit_expr} AND up.state = 'approved' AND NOT EXISTS ("
        "SELECT 1 FROM unit_periods up2 JOIN periods p2 ON p2.id = up2.period_id "
        "WHERE up2.unit_id = up.unit_id AND p2.school_year > p.school_year))"
    )


def _children_pending(r: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM units u WHERE u.parent_id = {r}.unit_id AND u.closed_on IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM unit_periods c WHERE c.unit_id = u.id "
        f"AND c.period_id = {r}.period_id AND c.state = 'approved'))"
    )


def _guards() -> list[tuple[str, str, dict[str, str]]]:
    """(table, trigger suffix, {operation: condition}) for every guarded table."""
    out: list[tuple[str, str, dict[str, str]]] = []
    for table in PERIOD_TABLES:
        out.append((table, "lock", {
            "INSERT": _period_locked("NEW"),
            "UPDATE": f"{_period_locked('OLD')} OR {_period_locked('NEW')}",
            "DELETE": _period_locked("OLD"),
        }))
    for table, unit in PEOPLE_TABLES.items():
        out.append((table, "lock", {
            "INSERT": _unit_locked(unit.format(r="NEW")),
            "UPDATE": f"{_unit_locked(unit.format(r='OLD'))} OR {_unit_locked(unit.format(r='NEW'))}",
            "DELETE": _unit_locked(unit.format(r="OLD")),
        }))
    out.append(("units", "lock", {"UPDATE": "{changed} AND " + _unit_locked("OLD.id"),
                                  "DELETE": _unit_locked("OLD.id")}))
    return out


def _changed(dialect: str) -> str:
    """Any approval-covered column of a units row differs between OLD and NEW."""
    op = "IS DISTINCT FROM" if dialect == "postgresql" else "IS NOT"
    moved = f"(OLD.parent_id IS NOT NULL AND OLD.parent_id {op} NEW.parent_id)"
    return "(" + " OR ".join([*(f"OLD.{c} {op} NEW.{c}" for c in UNIT_COLUMNS), moved]) + ")"


_OP_SHORT = {"INSERT": "ins", "UPDATE": "upd", "DELETE": "del"}


def _sqlite_install() -> list[str]:
    sql: list[str] = []
    for table, suffix, conditions in _guards():
        for operation, condition in conditions.items():
            condition = condition.replace("{changed}", _changed("sqlite"))
            sql.append(
                f"CREATE TRIGGER edr_{suffix}_{table}_{_OP_SHORT[operation]} BEFORE {operation} ON {table} "
                f"FOR EACH ROW WHEN {condition} BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END"
            )
    sql.append(
        "CREATE TRIGGER edr_unit_periods_unlock BEFORE UPDATE ON unit_periods FOR EACH ROW "
        "WHEN OLD.state = 'approved' AND NEW.state <> 'approved' "
        "AND (NEW.unlock_reason IS NULL OR trim(NEW.unlock_reason) = '') "
        f"BEGIN SELECT RAISE(ABORT, '{UNLOCK_REASON}'); END"
    )
    sql.append(
        "CREATE TRIGGER edr_unit_periods_del BEFORE DELETE ON unit_periods FOR EACH ROW "
        f"WHEN OLD.state = 'approved' BEGIN SELECT RAISE(ABORT, '{APPROVED_ROW}'); END"
    )
    for operation in ("INSERT", "UPDATE"):
        sql.append(
            f"CREATE TRIGGER edr_unit_periods_below_{_OP_SHORT[operation]} BEFORE {operation} ON unit_periods "
            "FOR EACH ROW WHEN NEW.state = 'approved' "
            "AND (NEW.approve_override_reason IS NULL OR trim(NEW.approve_override_reason) = '') "
            f"AND {_children_pending('NEW')} BEGIN SELECT RAISE(ABORT, '{PENDING_BELOW}'); END"
        )
    for operation in ("UPDATE", "DELETE"):
        sql.append(
            f"CREATE TRIGGER edr_audit_log_{_OP_SHORT[operation]} BEFORE {operation} ON audit_log "
            f"FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{AUDIT}'); END"
        )
    return sql


def install_statements(dialect: str, owner: str = "", *, statement_level: bool = True) -> list[str]:
    """The guard DDL; on PostgreSQL ``owner`` is the database owner whose sessions may use the switch.

    ``statement_level`` (PostgreSQL): the lock guards of the people and period tables as
    statement triggers over transition tables (``guards_pg``, revision 20261206_0800); False
    gives the row triggers of the revisions before it (that revision's downgrade).
    """
    if dialect == "postgresql":
        from desktop.data import guards_pg

        return guards_pg.install(owner, statement_level=statement_level)
    return _sqlite_install()


def drop_statements(dialect: str) -> list[str]:
    if dialect == "postgresql":
        from desktop.data import guards_pg

        return guards_pg.drop()
    names = [f"edr_{suffix}_{table}_{short}" for table, suffix, ops in _guards() for short in _OP_SHORT.values()
             if short in {_OP_SHORT[op] for op in ops}]
    names += ["edr_unit_periods_unlock", "edr_unit_periods_del", "edr_unit_periods_below_ins",
              "edr_unit_periods_below_upd", "edr_audit_log_upd", "edr_audit_log_del"]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names]


def _tables_present(conn: Connection) -> bool:
    wanted = {"units", "unit_periods", "audit_log", *PERIOD_TABLES, *PEOPLE_TABLES}
    return wanted <= set(inspect(conn).get_table_names())


def remove(conn: Connection) -> None:
    """Drop every guard (no error when they are not there)."""
    if not _tables_present(conn):
        return
    for statement in drop_statements(conn.dialect.name):
        conn.exec_driver_sql(statement)


def install(conn: Connection, *, statement_level: bool = True) -> None:
    """(Re)create the current guards inside the caller's transaction (``statement_level``: see ``install_statements``)."""
    remove(conn)
    owner = ""
    if conn.dialect.name == "postgresql":
        owner = str(conn.exec_driver_sql(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()").scalar())
    for statement in install_statements(conn.dialect.name, owner, statement_level=statement_level):
        conn.exec_driver_sql(statement)


def installed(conn: Connection) -> bool:
    """True when the guards are in the schema (SQLite: the trigger names; PostgreSQL: pg_trigger)."""
    if conn.dialect.name == "postgresql":
        sql = "SELECT count(*) FROM pg_trigger WHERE substr(tgname, 1, 4) = 'edr_'"
    else:
        sql = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, 4) = 'edr_'"
    return bool(conn.exec_driver_sql(sql).scalar())


LOCK_TABLES = ("units", *PEOPLE_TABLES, *PERIOD_TABLES)


def locked_units(conn: Connection, unit_ids: list[int], period_id: int) -> list[int]:
    """Which of ``unit_ids`` the lock rule protects: approved for ``period_id``, or approved in their latest period.

    The same rule as the triggers' conditions (people data: the unit's latest
    period; period data: that period), asked once for a set of units.
    """
    if not unit_ids:
        return []
    stmt = text(
        "SELECT DISTINCT up.unit_id FROM unit_periods up JOIN periods p ON p.id = up.period_id "
        "WHERE up.unit_id IN :ids AND up.state = 'approved' AND (up.period_id = :period OR NOT EXISTS ("
        "SELECT 1 FROM unit_periods up2 JOIN periods p2 ON p2.id = up2.period_id "
        "WHERE up2.unit_id = up.unit_id AND p2.school_year > p.school_year))"
    ).bindparams(bindparam("ids", expanding=True))
    return sorted(r[0] for r in conn.execute(stmt, {"ids": list(unit_ids), "period": period_id}))


@contextmanager
def replacing(conn: Connection) -> Iterator[None]:
    """Switch the lock triggers of the people and period tables off for the caller's transaction.

    Only for a caller that has checked ``locked_units`` itself inside the same
    write transaction (package import). The triggers are back when the block
    ends, whether it ends by commit or by error; a rollback restores them too.
    """
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT set_config('{REPLACING_SETTING}', 'on', true)")
        saved: list[tuple[str, str]] = []
    else:
        stmt = text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, 9) = 'edr_lock_' "
            "AND tbl_name IN :tables ORDER BY name"
        ).bindparams(bindparam("tables", expanding=True))
        saved = [(r[0], r[1]) for r in conn.execute(stmt, {"tables": list(LOCK_TABLES)})]
        for name, _ in saved:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")

    def restore() -> None:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT set_config('{REPLACING_SETTING}', 'off', true)")
        for _, sql in saved:
            conn.exec_driver_sql(sql)

    try:
        yield
    except BaseException:
        # The transaction is about to roll back, which restores them as well; an aborted
        # PostgreSQL transaction refuses further statements, so a failure here must not hide the cause.
        with suppress(Exception):
            restore()
        raise
    restore()
