"""Approval and 退回 at an office check the role in the service (issue: trust holes, item 3).

A county's clerk may import packages but not approve or return them; the
audit log names the reviewer who did, never "system". A 退回 reply into a
school that has approved its own data is refused with a Chinese sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from package_world import CITY, COUNTY, make_office, make_school, school_code
from sqlalchemy import select

from desktop.data.models import AuditEntry, UnitPeriod
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor, PermissionDenied
from desktop.services.office.dashboard import approve_unit
from desktop.services.office.send_back import import_reply, return_unit
from desktop.services.packages.export import export_package, import_packages
from desktop.services.year import workflow
from tests.explained import explain_warnings

CLERK = Actor("clerk", "李填报", "clerk")
REVIEWER = Actor("reviewer", "张审核", "reviewer")
ADMIN = Actor("admin", "王管理", "admin")


def test_only_a_reviewer_approves_or_returns_and_the_log_names_them(tmp_path: Path) -> None:
    school = make_school(tmp_path, 1)
    explain_warnings(school)
    pkg = export_package(school, tmp_path / "out", with_returns=False).path
    county = make_office(tmp_path / "county.db", *COUNTY, "county", CITY[0])
    assert import_packages(county, [pkg], actor=CLERK.username).results[0].ok
    code = school_code(1)
    for who in (CLERK, ADMIN, "system"):
        with pytest.raises(PermissionDenied, match="审核通过"):
            approve_unit(county, code, actor=who)
        with pytest.raises(PermissionDenied, match="退回"):
            return_unit(county, code, "请核对。", tmp_path / "reply", actor=who)
    with pytest.raises(PermissionDenied):
        approve_unit(county, code)  # no actor given: refused, not "system"
    assert not (tmp_path / "reply").exists() or not list((tmp_path / "reply").iterdir())
    approve_unit(county, code, actor=REVIEWER)
    with county.session() as s:
        up = s.scalars(select(UnitPeriod).where(UnitPeriod.state == "approved")).one()
        assert up.approved_by == REVIEWER.username
        actors = set(s.scalars(select(AuditEntry.username).where(AuditEntry.action == "approve")))
    assert actors == {REVIEWER.username}
    with pytest.raises(ServiceError, match="已审核通过"):
        return_unit(county, code, "请核对。", tmp_path / "reply", actor=REVIEWER)


def test_a_reply_into_a_school_that_approved_its_data_is_a_chinese_refusal(tmp_path: Path) -> None:
    school = make_school(tmp_path, 1)
    explain_warnings(school)
    pkg = export_package(school, tmp_path / "out", with_returns=False).path
    county = make_office(tmp_path / "county.db", *COUNTY, "county", CITY[0])
    assert import_packages(county, [pkg]).results[0].ok
    reply = return_unit(county, school_code(1), "请核对班额。", tmp_path / "reply", actor=REVIEWER)
    with school.session() as s:
        up = s.scalars(select(UnitPeriod)).one()
        unit_id, period_id = up.unit_id, up.period_id
    workflow.approve(school, REVIEWER, unit_id, period_id)
    with pytest.raises(ServiceError) as info:
        import_reply(school, reply)
    assert "已审核通过" in info.value.message and "解锁" in info.value.message
    assert workflow.get_status(school, unit_id, period_id).state == "approved"
