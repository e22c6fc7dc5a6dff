"""The one door into the audit log on a server: a definer function that names the login.

On SQLite the file is the boundary and ``services.core.audit`` adds entries itself.
On PostgreSQL any login could otherwise ``INSERT INTO audit_log`` a row with a
correctly chained hash in another person's name, and ``check`` would accept it.
So there the groups get no INSERT on ``audit_log`` (``data/roles.py``) and write
through ``edureturns_audit_append`` instead, a ``SECURITY DEFINER`` function owned
by the database owner. It

* takes the audit-chain lock (the same key as ``locks.AUDIT_CHAIN``), so two writers
  never chain onto the same entry;
* reads the previous hash itself and computes the entry's hash exactly as
  ``audit._hash`` does (same fields, same text for NULL, numbers and the time), so
  ``verify_chain`` accepts what it writes;
* stamps the user name: ``session_user`` — the login that connected — unless that
  login is the database owner (or a superuser), who may write the app user's name
  (setup, ``migrate-to``, and a single-login installation). A clerk calling it with
  someone else's name gets an entry in its own login's name.

The time is the caller's (the app's clock, as on SQLite: ``check`` compares it with the
``updated_at`` that the same PC wrote), so it stays the writer's claim.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, text

from desktop.data.locks import AUDIT_CHAIN, lock_key

FUNCTION = "edureturns_audit_append"
SIGNATURE = (f"{FUNCTION}(timestamp without time zone, text, text, text, integer, text, text, text, text, "
             "integer, integer, text)")


def _text(expr: str) -> str:
    """Python's ``str()`` of the value: NULL is 'None'."""
    return f"coalesce(({expr})::text, 'None')"


def create_statement() -> str:
    iso = ("to_char(p_at, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN mod(extract(microseconds FROM p_at)::bigint, "
           "1000000) <> 0 THEN '.' || to_char(p_at, 'US') ELSE '' END")
    fields = ["prev", iso, "who", "p_action", "p_table", _text("p_record_id"), _text("p_record_uid"),
              _text("p_field"), _text("p_old"), _text("p_new"), _text("p_unit_id"), _text("p_period_id"),
              _text("p_reason")]
    payload = " || chr(31) || ".join(f"({f})" for f in fields)
    return f"""
CREATE OR REPLACE FUNCTION {FUNCTION}(
  p_at timestamp without time zone, p_actor text, p_action text, p_table text, p_record_id integer,
  p_record_uid text, p_field text, p_old text, p_new text, p_unit_id integer, p_period_id integer,
  p_reason text) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  prev text;
  who text;
  digest text;
BEGIN
  PERFORM pg_advisory_xact_lock({lock_key(AUDIT_CHAIN)});
  SELECT entry_hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, '');
  IF pg_has_role(session_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER') THEN
    who := left(p_actor, 50);
  ELSE
    who := left(session_user, 50);
  END IF;
  digest := encode(sha256(convert_to({payload}, 'UTF8')), 'hex');
  INSERT INTO audit_log (at, username, action, table_name, record_id, record_uid, field, old_value, new_value,
                         unit_id, period_id, reason, prev_hash, entry_hash)
  VALUES (p_at, who, p_action, p_table, p_record_id, p_record_uid, p_field, p_old, p_new,
          p_unit_id, p_period_id, p_reason, prev, digest);
  RETURN digest;
END
$fn$"""


def drop_statement() -> str:
    return f"DROP FUNCTION IF EXISTS {SIGNATURE}"


def available(conn: Connection) -> bool:
    """The function is in this database (from revision 20261206_0200 on); remembered per connection once seen."""
    if conn.info.get(FUNCTION):
        return True
    found = conn.execute(text("SELECT to_regprocedure(:sig) IS NOT NULL"), {"sig": SIGNATURE}).scalar()
    conn.info[FUNCTION] = bool(found)
    return bool(found)


def append(conn: Connection, *, at: datetime, actor: str, action: str, table: str, record_id: int | None,
           record_uid: str | None, field: str | None, old: str | None, new: str | None, unit_id: int | None,
           period_id: int | None, reason: str | None) -> str:
    """Add one entry through the definer function (PostgreSQL); returns its hash."""
    return str(conn.execute(text(
        f"SELECT {FUNCTION}(CAST(:at AS timestamp), :actor, :action, :tbl, CAST(:rid AS integer), "
        ":ruid, :field, :old, :new, CAST(:unit AS integer), CAST(:period AS integer), :reason)"),
        {"at": at, "actor": actor, "action": action, "tbl": table, "rid": record_id, "ruid": record_uid,
         "field": field, "old": old, "new": new, "unit": unit_id, "period": period_id, "reason": reason},
    ).scalar_one())
