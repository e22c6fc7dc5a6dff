"""Database-level roles for server mode: 填报员 / 审核人 / 管理员 enforced by PostgreSQL itself.

The app's own role checks only bind people who use the app. On a shared server
anyone with a login can connect with psql or Excel, so the rules that matter
are written into the database (reliability-notes §6: the server is the only
place where access control is real):

* ``edureturns_clerk`` (填报员): reads everything but ``secrets.value`` (which
  holds no private key on a server anyway: it is in the signing PC's key
  store); enters and edits staff, certificates, training, appraisals, ethics
  records, courses, classes, seats, explanations — but only while the unit's
  period is not approved (row-level security); cannot approve, cannot import
  packages (the office signs a 回执 for each), cannot touch users or settings.
* ``edureturns_reviewer`` (审核人): what a clerk can, plus approving / returning /
  unlocking (``unit_periods``), target sets and seat tasks, and recording the
  public part of the unit's package-signing key on the first signing (reviewers
  sign packages, 退回 replies and 回执 with the key in their PC's key store); it
  cannot read ``secrets.value``.
* ``edureturns_admin`` (管理员): everything, including users, settings and
  deleting (the approval guards and the audit log's append-only trigger still
  hold for it, and it cannot TRUNCATE the log).

Importing packages on a server is a reviewer's (or admin's) work, as exporting is: the
office signs a receipt for each, with the key clerks may not read. So reviewers may
replace the sending units' rows (DELETE on ``staff``, ``movements``, ``stage_capacities``,
``seat_tasks``; INSERT/UPDATE on ``receipts``) and move the ``staff`` and ``credentials``
id sequences past the package's ids (UPDATE on those two sequences: ``setval``). Every
group pins a new sender's key on first use (a package, a 退回 reply, a 回执) through the
definer function ``edureturns_pin_first_use``, which only adds a ``package_pin:<code>``
setting for a well-formed unit code that has none yet: it never replaces a pin —
re-pinning stays an administrator's act (``repin_unit``).

Nobody's login may INSERT into ``audit_log``: every group appends through the
definer function ``edureturns_audit_append`` (``data/audit_writer.py``), which
chains the entry and writes the login's own name.

Group roles are NOLOGIN; people get their own login role in one group
(``create_login``). Run ``setup_roles`` as the database owner after every schema
upgrade (it is idempotent) — ``edureturns-cli server setup-roles`` does.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from desktop.data.audit_writer import SIGNATURE as AUDIT_APPEND
from desktop.domain.unitcodes import ANY_UNIT_CODE

CLERK, REVIEWER, ADMIN = "edureturns_clerk", "edureturns_reviewer", "edureturns_admin"
GROUPS = {"clerk": CLERK, "reviewer": REVIEWER, "admin": ADMIN}

# Tables people enter data into, and how a row finds the unit whose approval locks it.
_PERIOD_LOCKED = ("classes", "stage_capacities", "seat_additions", "explanations", "findings")
_UNIT_LOCKED = {"staff": "edureturns_unit_locked(unit_id)",
                "movements": "edureturns_staff_locked(staff_id)",
                "credentials": "edureturns_staff_locked(staff_id)",
                "training_records": "edureturns_staff_locked(staff_id)",
                "registrations": "edureturns_credential_locked(credential_id)",
                "appraisals": "edureturns_staff_locked(staff_id)",
                "ethics_records": "edureturns_staff_locked(staff_id)",
                "staff_courses": "edureturns_staff_locked(staff_id)"}
_CLERK_WRITES = (*_PERIOD_LOCKED, *_UNIT_LOCKED, "submissions", "units", "periods", "unit_periods")
#: A package import replaces the sending units' rows (``services.packages.apply``) and records the
#: office's receipt: reviewers (who sign the receipts) may do that; a clerk's login may not import.
_REVIEWER_DELETES = ("staff", "movements", "stage_capacities", "seat_tasks")
_CLERK_DELETES = ("classes", "training_records", "credentials", "registrations", "findings", "explanations",
                  "seat_additions", "appraisals", "ethics_records", "staff_courses")
_REVIEWER_WRITES = ("target_sets", "seat_tasks")
#: Sequences a package import moves past the package's ids (``data.bulk.sync_sequence``).
_IMPORT_SEQUENCES = ("staff", "credentials")

PIN_FIRST_USE = "edureturns_pin_first_use"
PIN_SIGNATURE = f"{PIN_FIRST_USE}(text, bytea, text)"
#: Adds a first-use pin and nothing else: a unit code in its plain form, a 32-byte Ed25519 key,
#: only when the code has no pin yet (True when added). ``pinned_by`` is the login, as in the audit log.
_PIN_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {PIN_FIRST_USE}(p_code text, p_public_key bytea, p_actor text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  who text;
BEGIN
  IF p_code IS NULL OR p_code !~ '{ANY_UNIT_CODE.pattern}' THEN
    RAISE EXCEPTION 'not a unit code' USING ERRCODE = '22023';
  END IF;
  IF p_public_key IS NULL OR length(p_public_key) <> 32 THEN
    RAISE EXCEPTION 'not an Ed25519 public key' USING ERRCODE = '22023';
  END IF;
  IF pg_has_role(session_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER') THEN
    who := left(p_actor, 50);
  ELSE
    who := left(session_user, 50);
  END IF;
  INSERT INTO settings (key, value)
  VALUES ('package_pin:' || p_code,
          json_build_object('public_key', encode(p_public_key, 'base64'),
                            'pinned_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'),
                            'pinned_by', who)::text)
  ON CONFLICT (key) DO NOTHING;
  RETURN FOUND;
END
$fn$;
"""

#: The lock rule of the policies. ``pg_temp`` last: a login's temporary tables come first in any search
#: path that does not name them, so an empty ``unit_periods`` of a clerk's own would have unlocked everything.
_FUNCTIONS = """
CREATE OR REPLACE FUNCTION edureturns_period_locked(u integer, p integer) RETURNS boolean
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS
  $$ SELECT EXISTS (SELECT 1 FROM unit_periods WHERE unit_id = u AND period_id = p AND state = 'approved') $$;
CREATE OR REPLACE FUNCTION edureturns_unit_locked(u integer) RETURNS boolean
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS
  $$ SELECT EXISTS (SELECT 1 FROM unit_periods WHERE unit_id = u AND state = 'approved') $$;
CREATE OR REPLACE FUNCTION edureturns_staff_locked(s integer) RETURNS boolean
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS
  $$ SELECT COALESCE((SELECT edureturns_unit_locked(unit_id) FROM staff WHERE id = s), false) $$;
CREATE OR REPLACE FUNCTION edureturns_credential_locked(c integer) RETURNS boolean
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS
  $$ SELECT COALESCE((SELECT edureturns_staff_locked(staff_id) FROM credentials WHERE id = c), false) $$;
"""


def _create_groups() -> str:
    return "\n".join(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{g}') THEN "
        f"CREATE ROLE {g} NOLOGIN; END IF; END $$;"
        for g in (CLERK, REVIEWER, ADMIN)
    )


def _policies(table: str, locked: str | None) -> list[str]:
    """Row-level security: admin sees and does all; others read all and write only unlocked rows."""
    ok = f"NOT {locked}" if locked else "true"
    out = [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"]
    for name in ("er_read", "er_admin", "er_insert", "er_update", "er_delete"):
        out.append(f"DROP POLICY IF EXISTS {name} ON {table}")
    out += [
        f"CREATE POLICY er_read ON {table} FOR SELECT TO {CLERK}, {REVIEWER}, {ADMIN} USING (true)",
        f"CREATE POLICY er_admin ON {table} FOR ALL TO {ADMIN} USING (true) WITH CHECK (true)",
        f"CREATE POLICY er_insert ON {table} FOR INSERT TO {CLERK}, {REVIEWER} WITH CHECK ({ok})",
        f"CREATE POLICY er_update ON {table} FOR UPDATE TO {CLERK}, {REVIEWER} USING ({ok}) WITH CHECK ({ok})",
        f"CREATE POLICY er_delete ON {table} FOR DELETE TO {CLERK}, {REVIEWER} USING ({ok})",
    ]
    return out


def _grant_sequence_update(table: str) -> str:
    return (f"DO $$ BEGIN EXECUTE 'GRANT UPDATE ON SEQUENCE ' || pg_get_serial_sequence('{table}', 'id') "
            f"|| ' TO {REVIEWER}'; END $$;")


def setup_statements(database: str) -> list[str]:
    """Every statement ``setup_roles`` runs, in order (also printed by ``--print-sql``)."""
    everyone = f"{CLERK}, {REVIEWER}, {ADMIN}"
    sql = [_create_groups(), _FUNCTIONS, _PIN_FUNCTION,
           f'GRANT CONNECT ON DATABASE "{database}" TO {everyone}',
           f"GRANT USAGE ON SCHEMA public TO {everyone}",
           f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {everyone}",
           f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {everyone}",
           f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {everyone}",
           # The signing key: on a server the private part lives in the key store of the PC that signs
           # (services/signing/key_store.py); only an admin may read ``value`` (to take out a key an older
           # version left there). Every role sees the public part; reviewers record it on the first signing.
           f"REVOKE SELECT ON secrets FROM {CLERK}, {REVIEWER}",
           f"GRANT SELECT (name, public_value) ON secrets TO {CLERK}, {REVIEWER}",
           f"GRANT INSERT ON secrets TO {REVIEWER}",
           # The audit log: appended only through the definer function, which names the login.
           f"REVOKE ALL ON FUNCTION {AUDIT_APPEND} FROM PUBLIC",
           f"GRANT EXECUTE ON FUNCTION {AUDIT_APPEND} TO {everyone}",
           # A package import's first-use pin: added through the definer function, never replaced.
           f"REVOKE ALL ON FUNCTION {PIN_SIGNATURE} FROM PUBLIC",
           f"GRANT EXECUTE ON FUNCTION {PIN_SIGNATURE} TO {everyone}",
           *(_grant_sequence_update(t) for t in _IMPORT_SEQUENCES),
           f"GRANT INSERT, UPDATE ON {', '.join(_CLERK_WRITES)} TO {CLERK}, {REVIEWER}",
           f"GRANT DELETE ON {', '.join(_CLERK_DELETES)} TO {CLERK}, {REVIEWER}",
           f"GRANT INSERT, UPDATE ON {', '.join(_REVIEWER_WRITES)} TO {REVIEWER}",
           f"GRANT DELETE ON {', '.join(_REVIEWER_DELETES)} TO {REVIEWER}",
           # Receipts: a school's clerk stores the office's 回执 it imports; the office's reviewer issues them.
           f"GRANT INSERT ON receipts TO {CLERK}, {REVIEWER}",
           f"GRANT UPDATE ON receipts TO {REVIEWER}",
           f"GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO {ADMIN}",
           f"GRANT ALL PRIVILEGES ON ALL SEQUENCES IN SCHEMA public TO {ADMIN}",
           f"REVOKE INSERT, TRUNCATE ON audit_log FROM {ADMIN}"]
    for table in _PERIOD_LOCKED:
        sql += _policies(table, "edureturns_period_locked(unit_id, period_id)")
    for table, locked in _UNIT_LOCKED.items():
        sql += _policies(table, locked)
    # unit_periods: clerks edit sign-off fields of unapproved periods and may never approve;
    # reviewers may do anything to the workflow row (approve, return, unlock).
    sql += [
        "ALTER TABLE unit_periods ENABLE ROW LEVEL SECURITY",
        *(f"DROP POLICY IF EXISTS {n} ON unit_periods" for n in ("er_read", "er_admin", "er_clerk_insert",
                                                                  "er_clerk_update", "er_reviewer")),
        f"CREATE POLICY er_read ON unit_periods FOR SELECT TO {everyone} USING (true)",
        f"CREATE POLICY er_admin ON unit_periods FOR ALL TO {ADMIN}, {REVIEWER} USING (true) WITH CHECK (true)",
        f"CREATE POLICY er_clerk_insert ON unit_periods FOR INSERT TO {CLERK} WITH CHECK (state <> 'approved')",
        f"CREATE POLICY er_clerk_update ON unit_periods FOR UPDATE TO {CLERK} "
        "USING (state <> 'approved') WITH CHECK (state <> 'approved')",
    ]
    return sql


def setup_roles(conn: Connection) -> None:
    """Create the group roles and grants on the connected database (run as its owner)."""
    database = conn.execute(text("SELECT current_database()")).scalar_one()
    for statement in setup_statements(str(database)):
        conn.exec_driver_sql(statement)


_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def create_login(conn: Connection, name: str, password: str, role: str) -> None:
    """A login role for one person in one group (``role``: clerk, reviewer or admin)."""
    if not _NAME.match(name):
        raise ValueError("登录名只能用小写英文字母、数字和下划线，且不能以数字开头。")
    if role not in GROUPS:
        raise ValueError("角色只能是 clerk（填报员）、reviewer（审核人）或 admin（管理员）。")
    statement = conn.execute(text("SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', CAST(:n AS text), CAST(:p AS text), CAST(:g AS text))"),
                             {"n": name, "p": password, "g": GROUPS[role]}).scalar_one()
    conn.exec_driver_sql(str(statement))
