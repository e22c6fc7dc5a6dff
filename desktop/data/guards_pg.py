"""The approval guards' DDL on PostgreSQL (the rule itself: ``desktop.data.guards``).

Since revision 20261206_0800 the lock guards of the people and period tables judge an
INSERT (or COPY) and an UPDATE once per **statement**: ``AFTER INSERT … REFERENCING NEW
TABLE`` (``OLD TABLE`` and ``NEW TABLE`` for UPDATE) ``FOR EACH STATEMENT``. Each statement
asks the lock rule once for the distinct keys its rows carry (a unit, a person, a
certificate, a unit and period) instead of calling a PL/pgSQL function per row: a package's
2,700 training records name ~27 people; an import of 800,000 rows called the row trigger
800,000 times (1.9 µs a row with the import's switch on, 22 µs with every row judged, as for
a reviewer's login; ``benchmarks/RESULTS.md``, "Issue 24 — PostgreSQL import, third pass").

The rule is the same: a statement with one locked row is refused whole, with the same
message and error code (``integrity_constraint_violation``); an UPDATE is refused when
either its old or its new rows touch a locked unit; ``COPY … FROM`` fills the transition
table as an INSERT does. The statement trigger runs after the rows are written and before
the statement ends, so a refused statement leaves nothing behind. The import's switch
(``edureturns.replacing``, for the owner and the admin group only) is read once per statement.

DELETE keeps a row trigger (BEFORE): deleting an approved school's person who is still
named by certificates must be refused as locked, and the foreign keys' own checks run
before any statement trigger would. The units table (whose rule compares old and new
columns), ``unit_periods`` and the audit log keep their row triggers: they change a few rows
at a time.

Every table the rule reads is named with its schema (``public.unit_periods``): a trigger
function resolves names through the session's ``search_path``, in which a login's own
temporary tables come first, so a clerk's ``CREATE TEMP TABLE unit_periods`` (empty) made
an approved unit look unlocked to the guards until revision 20261206_0800
(``tests/data/test_server_holes.py``). Transition tables are found before any schema.

``statement_level=False`` gives the row triggers of the earlier revisions (their downgrade).
"""

from __future__ import annotations

import re

from desktop.data.guards import (
    APPROVED_ROW,
    AUDIT,
    LOCKED,
    PENDING_BELOW,
    PEOPLE_TABLES,
    PERIOD_TABLES,
    REPLACING_SETTING,
    UNLOCK_REASON,
    _changed,
    _children_pending,
    _guards,
    _period_locked,
    _unit_locked,
)

#: The columns of a row that decide whether it is locked (the ones the rule's SQL names).
KEYS: dict[str, tuple[str, ...]] = {
    **{table: ("unit_id", "period_id") for table in PERIOD_TABLES},
    "staff": ("unit_id",),
    "movements": ("staff_id",),
    "credentials": ("staff_id",),
    "training_records": ("staff_id",),
    "registrations": ("credential_id",),
}
_OPS = {"INSERT": "ins", "UPDATE": "upd", "DELETE": "del"}


def _locked(table: str, alias: str) -> str:
    if table in PERIOD_TABLES:
        return _period_locked(alias)
    return _unit_locked(PEOPLE_TABLES[table].format(r=alias))


def _function(name: str, body: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
        f"BEGIN\n{body}\n"
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\nRETURN NEW;\nEND\n$fn$"
    )


def _raise(message: str) -> str:
    return f"RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation';"


def _may_replace(owner: str) -> str:
    """The session's login may switch the lock guards off: the database owner, a superuser, or an admin.

    ``session_user`` (not ``current_user``): the login that connected, whatever role it
    has SET or whichever definer function runs. ``to_regrole`` is NULL while a role does
    not exist (before ``setup_roles``).
    """
    literal = ('"' + owner.replace('"', '""') + '"').replace("'", "''")  # a quoted identifier: case kept
    return (f"coalesce(pg_has_role(session_user, to_regrole('{literal}'), 'MEMBER'), false) "
            "OR coalesce(pg_has_role(session_user, to_regrole('edureturns_admin'), 'MEMBER'), false)")


def _switch(owner: str, leave: str) -> str:
    # Nested IFs: PL/pgSQL does not promise short-circuit evaluation.
    return f"IF current_setting('{REPLACING_SETTING}', true) = 'on' THEN IF {_may_replace(owner)} THEN {leave} END IF; END IF;"


def _statement_guard(table: str, operation: str, owner: str) -> list[str]:
    """One statement trigger of ``table`` for ``operation``: the distinct keys of its rows, judged once."""
    keys = ", ".join(KEYS[table])
    sources = {"INSERT": ["edr_new"], "UPDATE": ["edr_old", "edr_new"]}[operation]
    rows = " UNION ".join(f"SELECT DISTINCT {keys} FROM {s}" for s in sources)  # each key once
    name = f"edr_lock_{table}_{_OPS[operation]}"
    body = "\n".join([
        _switch(owner, "RETURN NULL;"),
        f"IF EXISTS (SELECT 1 FROM ({rows}) k WHERE {_locked(table, 'k')}) THEN {_raise(LOCKED)} END IF;",
        "RETURN NULL;",
    ])
    referencing = " ".join({"edr_old": "OLD TABLE AS edr_old", "edr_new": "NEW TABLE AS edr_new"}[s] for s in sources)
    return [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n{body}\nEND\n$fn$",
        f"CREATE TRIGGER {name} AFTER {operation} ON {table} REFERENCING {referencing} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


def _row_guard(table: str, name: str, conditions: dict[str, str], owner: str) -> list[str]:
    body = "\n".join(
        [_switch(owner, "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;")]
        + [f"IF TG_OP = '{operation}' THEN IF {condition.replace('{changed}', _changed('postgresql'))} "
           f"THEN {_raise(LOCKED)} END IF; END IF;"
           for operation, condition in conditions.items()]
    )
    return [_function(name, body),
            f"CREATE TRIGGER {name} BEFORE {' OR '.join(conditions)} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()"]


#: The tables the rule reads (``guards``' SQL says ``FROM unit_periods up`` and the like).
_READ = re.compile(r"\b(FROM|JOIN) (unit_periods|periods|units|staff|credentials)\b")


def _qualified(statement: str) -> str:
    """``statement`` with every table the rule reads named in schema ``public`` (never a temporary table)."""
    return _READ.sub(r"\1 public.\2", statement)


def install(owner: str, *, statement_level: bool = True) -> list[str]:
    return [_qualified(statement) for statement in _install(owner, statement_level)]


def _install(owner: str, statement_level: bool) -> list[str]:
    sql: list[str] = []
    for table, suffix, conditions in _guards():
        if statement_level and table in KEYS:
            sql += _statement_guard(table, "INSERT", owner) + _statement_guard(table, "UPDATE", owner)
            # DELETE keeps its row trigger: it must speak before the foreign keys (an approved school's
            # person still named by certificates is refused as locked, not as still referenced).
            sql += _row_guard(table, f"edr_{suffix}_{table}_{_OPS['DELETE']}", {"DELETE": conditions["DELETE"]}, owner)
        else:
            sql += _row_guard(table, f"edr_{suffix}_{table}", conditions, owner)
    sql.append(_function("edr_unit_periods_guard", "\n".join([
        "IF TG_OP = 'DELETE' THEN IF OLD.state = 'approved' THEN " + _raise(APPROVED_ROW) + " END IF; END IF;",
        "IF TG_OP = 'UPDATE' THEN IF OLD.state = 'approved' AND NEW.state <> 'approved' "
        "AND coalesce(trim(NEW.unlock_reason), '') = '' THEN " + _raise(UNLOCK_REASON) + " END IF; END IF;",
        "IF TG_OP IN ('INSERT', 'UPDATE') THEN IF NEW.state = 'approved' "
        "AND coalesce(trim(NEW.approve_override_reason), '') = '' "
        f"AND {_children_pending('NEW')} THEN " + _raise(PENDING_BELOW) + " END IF; END IF;",
    ])))
    sql.append(
        "CREATE TRIGGER edr_unit_periods_guard BEFORE INSERT OR UPDATE OR DELETE ON unit_periods "
        "FOR EACH ROW EXECUTE FUNCTION edr_unit_periods_guard()"
    )
    sql.append(_function("edr_audit_log_append_only", _raise(AUDIT)))
    sql.append(
        "CREATE TRIGGER edr_audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION edr_audit_log_append_only()"
    )
    return sql


def drop() -> list[str]:
    """Drops every guard of either form (row or statement triggers), whichever is installed."""
    sql: list[str] = []
    for table, suffix, _ in _guards():
        names = [f"edr_{suffix}_{table}"] + [f"edr_{suffix}_{table}_{short}" for short in _OPS.values()]
        for name in names:
            sql.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            sql.append(f"DROP FUNCTION IF EXISTS {name}()")
    sql += ["DROP TRIGGER IF EXISTS edr_unit_periods_guard ON unit_periods",
            "DROP FUNCTION IF EXISTS edr_unit_periods_guard()",
            "DROP TRIGGER IF EXISTS edr_audit_log_append_only ON audit_log",
            "DROP FUNCTION IF EXISTS edr_audit_log_append_only()"]
    return sql
