"""Workflow: transitions, roles, locking by services and by database triggers, office approval (R12)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy.exc
from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import AuditEntry, UnitPeriod
from desktop.domain.idcard import id_check_char
from desktop.domain.records import ClassData, PeriodRecord, StaffData, UnitData, UnitRecord
from desktop.services.core import audit
from desktop.services.core.errors import LockedError, ServiceError
from desktop.services.core.users import Actor, PermissionDenied
from desktop.services.records import classes, staff, units
from desktop.services.year import workflow
from desktop.services.year.periods import ensure_period

CLERK = Actor("clerk", "李填报", "clerk")
REVIEWER = Actor("rev", "张审核", "reviewer")
ADMIN = Actor("admin", "王管理", "admin")


def make_id(serial: int) -> str:
    first17 = f"11010519800101{serial:03d}"
    return first17 + id_check_char(first17)


def person(serial: int) -> StaffData:
    return StaffData(name=f"教师{serial}", id_number=make_id(serial), teaching_stage="primary",
                     first_work_date=date(2002, 9, 1))


def _approve(db: Database, unit_id: int, period_id: int) -> None:
    workflow.submit(db, CLERK, unit_id, period_id)
    workflow.approve(db, REVIEWER, unit_id, period_id)


def test_full_cycle_with_return_and_unlock(db: Database, school: UnitRecord, period: PeriodRecord) -> None:
    assert workflow.get_status(db, school.id, period.id).state == "draft"
    assert workflow.submit(db, CLERK, school.id, period.id).state_label == "已提交"
    with pytest.raises(ServiceError, match="退回意见"):
        workflow.return_(db, REVIEWER, school.id, period.id, "  ")
    returned = workflow.return_(db, REVIEWER, school.id, period.id, "班额填错了")
    assert returned.state == "returned" and returned.return_comment == "班额填错了"
    with pytest.raises(ServiceError, match="已退回"):
        workflow.approve(db, REVIEWER, school.id, period.id)
    workflow.submit(db, CLERK, school.id, period.id)
    approved = workflow.approve(db, REVIEWER, school.id, period.id)
    assert approved.state_label == "已审核" and approved.approved_by == "张审核"
    with pytest.raises(ServiceError, match="解锁原因"):
        workflow.unlock(db, REVIEWER, school.id, period.id, "")
    unlocked = workflow.unlock(db, REVIEWER, school.id, period.id, "发现一名教师学历录错")
    assert unlocked.state == "draft" and unlocked.unlock_reason == "发现一名教师学历录错"
    with db.session() as s:
        actions = [(e.action, e.old_value, e.new_value) for e in s.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "unit_periods").order_by(AuditEntry.id))]
        assert audit.verify_chain(s) is None
    assert actions == [("submit", "draft", "submitted"), ("return", "submitted", "returned"),
                       ("submit", "returned", "submitted"), ("approve", "submitted", "approved"),
                       ("unlock", "approved", "draft")]


def test_roles(db: Database, school: UnitRecord, period: PeriodRecord) -> None:
    with pytest.raises(PermissionDenied):
        workflow.submit(db, ADMIN, school.id, period.id)
    workflow.submit(db, CLERK, school.id, period.id)
    for who in (CLERK, ADMIN):
        with pytest.raises(PermissionDenied, match="审核人"):
            workflow.approve(db, who, school.id, period.id)
    workflow.approve(db, REVIEWER, school.id, period.id)
    with pytest.raises(PermissionDenied):
        workflow.unlock(db, CLERK, school.id, period.id, "想改")


def test_approved_period_data_is_locked_by_service_and_trigger(
    db: Database, school: UnitRecord, period: PeriodRecord
) -> None:
    cls = classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(1)班", enrolled=40))
    person_rec = staff.create_staff(db, school.id, person(1))
    _approve(db, school.id, period.id)
    with pytest.raises(LockedError):
        classes.update_class(db, cls.id, {"enrolled": 41})
    with pytest.raises(LockedError):
        classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(2)班", enrolled=40))
    with pytest.raises(LockedError):
        staff.update_staff(db, person_rec.id, {"title": "3"})
    for sql in ("UPDATE classes SET enrolled = 99", "DELETE FROM classes",
                f"INSERT INTO classes (uid, unit_id, period_id, grade, name, enrolled, boarders, disabled, "
                f"version, created_at, updated_at) VALUES ('x', {school.id}, {period.id}, 'P1', 'x', 1, 0, 0, 1, "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                "UPDATE staff SET title = '1'", "DELETE FROM staff",
                "UPDATE unit_periods SET state = 'draft'", "DELETE FROM unit_periods",
                "UPDATE audit_log SET username = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(sqlalchemy.exc.IntegrityError, match=r"已审核|解锁原因|操作日志"), \
                db.session(write=True) as s:
            s.connection().exec_driver_sql(sql)
    assert [c.enrolled for c in classes.list_classes(db, school.id, period.id)] == [40]
    # After an unlock with a reason everything is editable again.
    workflow.unlock(db, REVIEWER, school.id, period.id, "更正班额")
    assert classes.update_class(db, cls.id, {"enrolled": 41}).enrolled == 41


def test_people_data_follow_the_current_period(db: Database, school: UnitRecord, period: PeriodRecord) -> None:
    person_rec = staff.create_staff(db, school.id, person(2))
    _approve(db, school.id, period.id)
    with pytest.raises(LockedError):
        staff.update_staff(db, person_rec.id, {"title": "3"})
    # Opening the next period makes staff editable again; the approved period's classes stay locked.
    nxt = ensure_period(db, period.school_year + 1)
    workflow.get_status(db, school.id, nxt.id)
    with db.session(write=True) as s:
        s.add(UnitPeriod(unit_id=school.id, period_id=nxt.id, return_overrides={}))
    assert staff.update_staff(db, person_rec.id, {"title": "3"}).title == "3"
    with pytest.raises(LockedError):
        classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(3)班"))


def _county_with_schools(db: Database) -> tuple[UnitRecord, list[UnitRecord]]:
    county = units.create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county"))
    schools = [units.create_unit(db, UnitData(code=f"21440123{n:02d}", name=f"第{n}小学", kind="school",
                                              parent_code="441622", category="211", ownership="1",
                                              urban_rural="2")) for n in (1, 2)]
    return county, schools


def test_office_cannot_approve_with_units_pending_unless_it_says_why(db: Database, period: PeriodRecord) -> None:
    county, schools = _county_with_schools(db)
    _approve(db, schools[0].id, period.id)
    workflow.submit(db, CLERK, county.id, period.id)
    with pytest.raises(ServiceError, match="1 个下级单位未审核通过（第2小学）"):
        workflow.approve(db, REVIEWER, county.id, period.id)
    # The trigger backs the service up.
    with pytest.raises(sqlalchemy.exc.IntegrityError, match="下级单位"), db.session(write=True) as s:
        s.connection().exec_driver_sql(f"UPDATE unit_periods SET state = 'approved' WHERE unit_id = {county.id}")
    done = workflow.approve(db, REVIEWER, county.id, period.id, override_reason="第2小学停课，县局已核实")
    assert done.approve_override_reason == "第2小学停课，县局已核实"
    # A school cannot be unlocked below an approved consolidation.
    with pytest.raises(ServiceError, match="先由上级解锁"):
        workflow.unlock(db, REVIEWER, schools[0].id, period.id, "更正")
    workflow.unlock(db, REVIEWER, county.id, period.id, "学校要更正")
    workflow.unlock(db, REVIEWER, schools[0].id, period.id, "更正")


def test_office_approves_when_all_units_are_approved(db: Database, period: PeriodRecord) -> None:
    county, schools = _county_with_schools(db)
    for s in schools:
        _approve(db, s.id, period.id)
    workflow.submit(db, CLERK, county.id, period.id)
    assert workflow.approve(db, REVIEWER, county.id, period.id).approve_override_reason is None
