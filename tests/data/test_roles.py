"""Server roles hold for anyone who connects, whatever client they use (PostgreSQL only).

Each test logs in as a real login role in one of the three groups and tries,
with plain SQL as psql or Excel would, what that role may and may not do.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.data.engine import Database
from desktop.data.roles import setup_statements
from desktop.domain.records import PeriodRecord, UnitRecord
from desktop.services.admin.server import check_connection
from desktop.services.records import staff
from desktop.services.records.conduct import (
    add_ethics_record,
    list_appraisals,
    remove_ethics_record,
    set_appraisal,
)
from desktop.services.records.courses import parse_courses, set_staff_courses, staff_courses
from desktop.services.year.periods import ensure_period
from tests.data.as_login import denied as _denied
from tests.data.as_login import person as _person
from tests.data.as_login import sql as _sql

pytestmark = pytest.mark.postgres_only

# ``logins`` (a Database opened as a clerk, a reviewer and an admin login) is in tests/data/conftest.py.


def test_a_clerk_enters_data_through_the_app_services(logins: dict[str, Database], school: UnitRecord) -> None:
    rec = staff.create_staff(logins["clerk"], school.id, _person(), actor="clerk")
    assert staff.update_staff(logins["clerk"], rec.id, {"phone": "13800000000"}).phone == "13800000000"
    info = check_connection(logins["clerk"].url)
    assert info.roles == ("edureturns_clerk",) and info.schema == "current"


def test_a_clerk_records_appraisals_ethics_and_courses_until_approval(
    logins: dict[str, Database], school: UnitRecord, period: PeriodRecord
) -> None:
    clerk, reviewer = logins["clerk"], logins["reviewer"]
    rec = staff.create_staff(clerk, school.id, _person(), actor="clerk")
    set_appraisal(clerk, rec.id, 2025, "优秀", actor="clerk")
    entry = add_ethics_record(clerk, rec.id, date(2025, 5, 1), "表彰", "市级优秀教师", actor="clerk")
    remove_ethics_record(clerk, entry.id, actor="clerk")
    set_staff_courses(clerk, rec.id, parse_courses("数学、科学"), actor="clerk")
    set_staff_courses(clerk, rec.id, parse_courses("语文"), actor="clerk")
    assert [c.code for c in staff_courses(clerk, rec.id)] == parse_courses("语文")
    assert len(list_appraisals(clerk, rec.id)) == 1
    assert _sql(reviewer, "UPDATE unit_periods SET state = 'approved' WHERE unit_id = :u", u=school.id) == 1
    assert _sql(clerk, "DELETE FROM staff_courses WHERE staff_id = :s", s=rec.id) == 0
    refused = _denied(clerk, "INSERT INTO appraisals (uid, staff_id, year, result, version) "
                             "VALUES ('y', :s, 2024, '1', 1)", s=rec.id)
    assert "row-level security" in refused or "已锁定" in refused


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
