"""Server roles hold for anyone who connects, whatever client they use (PostgreSQL only).

Each test logs in as a real login role in one of the three groups and tries,
with plain SQL as psql or Excel would, what that role may and may not do.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, ProgrammingError

from desktop.data.engine import Database
from desktop.data.roles import create_login, setup_roles, setup_statements
from desktop.domain.records import PeriodRecord, StaffData, UnitRecord
from desktop.services.admin.server import check_connection
from desktop.services.records import staff
from desktop.services.year.periods import ensure_period

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def logins(db: Database, school: UnitRecord, period: PeriodRecord) -> Iterator[dict[str, Database]]:
    """A login (and a Database opened as it) for each group, on a database with roles set up."""
    tag = uuid.uuid4().hex[:8]
    names = {role: f"t_{role}_{tag}" for role in ("clerk", "reviewer", "admin")}
    with db.engine.begin() as conn:
        setup_roles(conn)
        setup_roles(conn)  # idempotent: running it again after an upgrade is safe
        for role, name in names.items():
            create_login(conn, name, f"pw-{name}", role)
        conn.execute(text("INSERT INTO unit_periods (unit_id, period_id, state, ready, version, return_overrides) "
                          "VALUES (:u, :p, 'draft', false, 1, '{}')"), {"u": school.id, "p": period.id})
    base = make_url(db.url)
    opened = {role: Database(base.set(username=name, password=f"pw-{name}").render_as_string(hide_password=False))
              for role, name in names.items()}
    yield opened
    for database in opened.values():
        database.dispose()
    db.dispose()  # the fixture drops the database; the login roles are cluster-wide and go now
    with psycopg.connect(base.set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as conn:
        for name in names.values():
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')  # type: ignore[arg-type]


def _sql(database: Database, statement: str, **params: object) -> int:
    with database.engine.begin() as conn:
        return conn.execute(text(statement), params).rowcount


def _denied(database: Database, statement: str, **params: object) -> str:
    with pytest.raises((ProgrammingError, DBAPIError)) as excinfo:
        _sql(database, statement, **params)
    return str(excinfo.value.orig)


def _person() -> StaffData:
    return StaffData(name="刘洋", id_number="11010519491231002X", teaching_stage="primary",
                     first_work_date=date(1970, 9, 1))


def test_a_clerk_enters_data_through_the_app_services(logins: dict[str, Database], school: UnitRecord) -> None:
    rec = staff.create_staff(logins["clerk"], school.id, _person(), actor="clerk")
    assert staff.update_staff(logins["clerk"], rec.id, {"phone": "13800000000"}).phone == "13800000000"
    info = check_connection(logins["clerk"].url)
    assert info.roles == ("edureturns_clerk",) and info.schema == "current"


def test_only_admin_may_change_users_and_settings_and_nobody_the_audit_log(logins: dict[str, Database]) -> None:
    for role in ("clerk", "reviewer"):
        assert "permission denied" in _denied(logins[role], "UPDATE audit_log SET username = 'x'")
        assert "permission denied" in _denied(logins[role], "DELETE FROM audit_log")
        assert "permission denied" in _denied(logins[role], "UPDATE users SET role = 'admin'")
        assert "permission denied" in _denied(logins[role], "UPDATE settings SET value = 'x'")
        assert "permission denied" in _denied(logins[role], "DELETE FROM units")
    # The audit log is append-only for everyone, admin included (trigger from migration 0080):
    # the grant lets admin through, the guard still refuses with its Chinese reason.
    assert "只能追加" in _denied(logins["admin"], "UPDATE audit_log SET reason = reason")
    assert "只能追加" in _denied(logins["admin"], "DELETE FROM audit_log")
    assert _sql(logins["admin"], "UPDATE settings SET value = value") >= 0


def test_clerks_cannot_approve_and_cannot_edit_approved_data(
    logins: dict[str, Database], school: UnitRecord, period: PeriodRecord
) -> None:
    clerk, reviewer = logins["clerk"], logins["reviewer"]
    rec = staff.create_staff(clerk, school.id, _person(), actor="clerk")
    approve = "UPDATE unit_periods SET state = 'approved' WHERE unit_id = :u"
    assert "row-level security" in _denied(clerk, approve, u=school.id)
    assert _sql(reviewer, approve, u=school.id) == 1
    # Approved: the clerk's UPDATE finds no row it may change, an INSERT is refused.
    assert _sql(clerk, "UPDATE staff SET phone = '13900000000' WHERE id = :s", s=rec.id) == 0
    assert staff.get_staff(clerk, rec.id).phone is None
    refused = _denied(
        clerk, "INSERT INTO training_records (uid, staff_id, title, start_date, end_date, level, mode, category, "
               "topics, hours, source, version) VALUES ('x', :s, 't', '2025-01-01', '2025-01-02', '1', '1', '1', "
               "'', 8, 'manual', 1)", s=rec.id)
    # Both guards refuse it: row-level security (server roles) and the approval trigger (0080).
    assert "row-level security" in refused or "已锁定" in refused
    assert _sql(clerk, "UPDATE unit_periods SET state = 'draft' WHERE unit_id = :u", u=school.id) == 0
    # The reviewer unlocks; the clerk may edit again.
    # (the approval guard also insists on an unlock reason)
    assert _sql(reviewer, "UPDATE unit_periods SET state = 'draft', unlock_reason = '更正学历' WHERE unit_id = :u",
                u=school.id) == 1
    assert _sql(clerk, "UPDATE staff SET phone = '13900000000' WHERE id = :s", s=rec.id) == 1
    # Later periods of other units stay editable while one is approved.
    ensure_period(clerk, 2026)


def test_the_setup_sql_can_be_printed_for_a_dba() -> None:
    sql = "\n".join(setup_statements("edureturns"))
    assert 'GRANT CONNECT ON DATABASE "edureturns"' in sql
    assert "ENABLE ROW LEVEL SECURITY" in sql and "edureturns_clerk" in sql
