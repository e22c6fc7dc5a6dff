"""What a clerk's database login could do on a server before issue #20 item 5, tried with plain SQL.

Each test connects as a real login in the clerk group (tests/data/conftest.py) and
attempts the attack: read the unit's private signing key, rename an approved unit,
append a correctly chained audit entry in another person's name, or switch the
approval guards off with the transaction setting the package import uses.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from desktop.data.audit_writer import FUNCTION
from desktop.data.engine import Database
from desktop.data.models import AuditEntry
from desktop.domain.records import PeriodRecord, UnitRecord
from desktop.services.core.audit import _hash, verify_chain
from desktop.services.core.errors import ServiceError
from desktop.services.packages.export import export_package
from desktop.services.records import staff
from desktop.services.signing.package_keys import NO_KEY_RIGHT, own_fingerprint, signing_key
from tests.data.as_login import denied, person, sql

pytestmark = pytest.mark.postgres_only

APPROVE = "UPDATE unit_periods SET state = 'approved' WHERE unit_id = :u"


def _switched(database: Database, statement: str, **params: object) -> str:
    """Turn the package import's switch on, then run ``statement`` in the same transaction: the refusal."""
    with pytest.raises(DBAPIError) as excinfo, database.engine.begin() as conn:
        conn.execute(text("SELECT set_config('edureturns.replacing', 'on', true)"))
        conn.execute(text(statement), params)
    return str(excinfo.value.orig)


def _login(db: Database, name: str) -> str:
    return make_url(db.url).set(username=name, password=f"pw-{name}").render_as_string(hide_password=False)


def test_a_clerk_login_cannot_read_the_private_signing_key(
    logins: dict[str, Database], db: Database, school: UnitRecord, period: PeriodRecord, tmp_path: Path
) -> None:
    clerk, reviewer = logins["clerk"], logins["reviewer"]
    # The clerk cannot export: the package would need the key. Nothing is written, nothing changes.
    with pytest.raises(ServiceError) as refused:
        export_package(clerk, tmp_path / "clerk", with_returns=False)
    assert str(refused.value) == NO_KEY_RIGHT
    assert not (tmp_path / "clerk").exists() or not any((tmp_path / "clerk").iterdir())
    # The reviewer may use it (an export makes it on first use, as here, in this PC's key store).
    with reviewer.session(write=True) as session:
        assert b"PRIVATE KEY" in signing_key(session)
    # Wherever the clerk looks, there is no private key it may read …
    assert "permission denied" in denied(clerk, "SELECT value FROM secrets")
    assert "permission denied" in denied(clerk, "SELECT * FROM secrets")
    assert sql(clerk, "SELECT 1 FROM settings WHERE value LIKE '%PRIVATE KEY%'") == 0
    with db.engine.connect() as conn:  # (nor is it there for the owner: tests/data/test_server_signing_key.py)
        assert conn.execute(text("SELECT value FROM secrets")).scalar_one() == ""
    # … and it cannot replace it with one of its own.
    assert "permission denied" in denied(clerk, "UPDATE secrets SET public_value = 'x'")
    assert "permission denied" in denied(reviewer, "UPDATE secrets SET value = 'x'")
    # Every role still sees the key's fingerprint (the dashboard, the phone check).
    assert own_fingerprint(clerk) == own_fingerprint(reviewer) == own_fingerprint(db) is not None


def test_a_clerk_login_cannot_rename_or_move_an_approved_unit(
    logins: dict[str, Database], school: UnitRecord, period: PeriodRecord
) -> None:
    clerk, reviewer = logins["clerk"], logins["reviewer"]
    assert sql(clerk, "UPDATE units SET contact_phone = '13800000000' WHERE id = :u", u=school.id) == 1
    assert sql(reviewer, APPROVE, u=school.id) == 1
    for statement in ("UPDATE units SET name = '冒名学校' WHERE id = :u", "UPDATE units SET code = '2144999999' WHERE id = :u",
                      "UPDATE units SET parent_code = '441699' WHERE id = :u",
                      "UPDATE units SET closed_on = '2025-10-01' WHERE id = :u"):
        assert "已锁定" in denied(clerk, statement, u=school.id)
        assert "已锁定" in denied(logins["admin"], statement, u=school.id)  # the guard holds for everyone
    assert sql(reviewer, "UPDATE unit_periods SET state = 'draft', unlock_reason = '更正校名' WHERE unit_id = :u",
               u=school.id) == 1
    assert sql(clerk, "UPDATE units SET name = '龙川县第一小学（更名）' WHERE id = :u", u=school.id) == 1


def test_the_replacing_switch_is_ignored_for_a_clerk_login(
    logins: dict[str, Database], db: Database, school: UnitRecord, period: PeriodRecord
) -> None:
    clerk, reviewer, admin = logins["clerk"], logins["reviewer"], logins["admin"]
    assert sql(reviewer, APPROVE, u=school.id) == 1
    # Any login may set the transaction setting the package import uses …
    assert "已锁定" in _switched(clerk, "UPDATE units SET name = '冒名学校' WHERE id = :u", u=school.id)
    # … and a clerk login that also escaped row-level security (BYPASSRLS) still meets the triggers.
    name = f"t_bypass_{uuid.uuid4().hex[:8]}"
    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE ROLE {name} LOGIN BYPASSRLS PASSWORD 'pw-{name}' IN ROLE edureturns_clerk")
    bypass = Database(_login(db, name))
    try:
        insert = ("INSERT INTO classes (uid, unit_id, period_id, grade, name, enrolled, boarders, disabled, version, "
                  "created_at, updated_at) VALUES ('x', :u, :p, 'P1', '一年级(9)班', 30, 0, 0, 1, now(), now())")
        assert "已锁定" in _switched(bypass, insert, u=school.id, p=period.id)
        assert "已锁定" in _switched(bypass, "UPDATE units SET name = 'x' WHERE id = :u", u=school.id)
    finally:
        bypass.dispose()
        with psycopg.connect(make_url(db.url).set(drivername="postgresql").render_as_string(hide_password=False),
                             autocommit=True) as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')  # type: ignore[arg-type]
    # An admin's login (who may import packages wholesale) still has the switch.
    with admin.engine.begin() as conn:
        conn.execute(text("SELECT set_config('edureturns.replacing', 'on', true)"))
        assert conn.execute(text(insert), {"u": school.id, "p": period.id}).rowcount == 1


def _forged(session_db: Database, username: str) -> dict[str, object]:
    """A correctly chained entry in ``username``'s name, computed as the program computes it."""
    with session_db.session() as s:
        prev = s.execute(text("SELECT entry_hash FROM audit_log ORDER BY id DESC LIMIT 1")).scalar() or ""
        last = s.execute(text("SELECT max(at) FROM audit_log")).scalar()
    entry = AuditEntry(at=last, username=username, action="approve", table_name="unit_periods", record_id=1,
                       record_uid=None, field=None, old_value=None, new_value=None, unit_id=None, period_id=None,
                       reason="审核通过", prev_hash=prev)
    return {"at": entry.at, "user": username, "prev": prev, "hash": _hash(prev, entry)}


def test_a_clerk_login_cannot_write_an_audit_entry_in_another_name(
    logins: dict[str, Database], db: Database, school: UnitRecord, period: PeriodRecord
) -> None:
    clerk = logins["clerk"]
    clerk_login = make_url(clerk.url).username
    with db.session() as s:
        before = s.execute(text("SELECT coalesce(max(id), 0) FROM audit_log")).scalar_one()
    staff.create_staff(clerk, school.id, person(), actor="李填报")  # an honest entry, through the program
    forged = _forged(clerk, "张审核")
    assert "permission denied" in denied(
        clerk, "INSERT INTO audit_log (at, username, action, table_name, record_id, reason, prev_hash, entry_hash) "
               "VALUES (:at, :user, 'approve', 'unit_periods', 1, '审核通过', :prev, :hash)", **forged)
    # The one door, the definer function, writes the login's own name whatever the caller claims.
    with clerk.engine.begin() as conn:
        conn.execute(text(f"SELECT {FUNCTION}(now()::timestamp, '张审核', 'approve', 'unit_periods', 1, NULL, NULL, "
                          "NULL, NULL, NULL, NULL, '审核通过')"))
    with db.session() as s:
        names = s.execute(text("SELECT DISTINCT username FROM audit_log WHERE id > :b"), {"b": before}).scalars().all()
        assert set(names) == {clerk_login}
        assert verify_chain(s) is None  # the honest entries, program's and function's alike, chain


def test_a_clerk_login_cannot_unlock_approved_data_with_temporary_tables_of_its_own(
    logins: dict[str, Database], school: UnitRecord, period: PeriodRecord
) -> None:
    """A login's temporary tables come first in a search path that does not name them; the guards read ``public``."""
    clerk, reviewer = logins["clerk"], logins["reviewer"]
    staff.create_staff(clerk, school.id, person(), actor="李填报")
    assert sql(reviewer, APPROVE, u=school.id) == 1
    shadows = ["CREATE TEMP TABLE unit_periods (unit_id int, period_id int, state text) ON COMMIT DROP",
               "CREATE TEMP TABLE periods (id int, school_year int) ON COMMIT DROP",
               "CREATE TEMP TABLE staff (id int, unit_id int) ON COMMIT DROP"]
    insert = ("INSERT INTO public.classes (uid, unit_id, period_id, grade, name, enrolled, boarders, disabled, "
              "version, created_at, updated_at) VALUES ('x', :u, :p, 'P1', '一年级(9)班', 30, 0, 0, 1, now(), now())")
    for login, statement, params in (
            (clerk, "UPDATE public.units SET name = '冒名学校' WHERE id = :u", {"u": school.id}),
            (clerk, insert, {"u": school.id, "p": period.id}),
            (clerk, "UPDATE public.staff SET name = '冒名' WHERE unit_id = :u", {"u": school.id}),
            (reviewer, "DELETE FROM public.staff WHERE unit_id = :u", {"u": school.id})):  # a clerk may not delete staff
        try:
            with login.engine.begin() as conn:
                for shadow in shadows:
                    conn.execute(text(shadow))
                changed = conn.execute(text(statement), params).rowcount
        except DBAPIError as exc:  # refused by a guard or by a policy
            refusal = str(exc.orig)
            assert "已锁定" in refusal or "row-level security" in refusal, refusal
        else:  # or no row was visible to change (a policy's USING)
            assert changed == 0, statement
    with clerk.session() as s:
        assert s.execute(text("SELECT name FROM units WHERE id = :u"), {"u": school.id}).scalar() != "冒名学校"
        assert s.execute(text("SELECT count(*) FROM classes WHERE unit_id = :u"), {"u": school.id}).scalar() == 0
        assert s.execute(text("SELECT name FROM staff WHERE unit_id = :u"), {"u": school.id}).scalars().all() == ["刘洋"]
