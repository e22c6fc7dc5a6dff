"""Deadlines and reminders for 概览, and cycle totals at the cycle boundary."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Credential, SchoolClass, Staff
from desktop.domain.cycles import BOUNDARY_RULE, CycleRule
from desktop.domain.records import (
    ClassData,
    CredentialData,
    RegistrationData,
    StaffData,
    TrainingData,
    UnitData,
    UnitRecord,
)
from desktop.services.demo import build_demo
from desktop.services.indicators.reminders import (
    CLASS_LARGE,
    REGISTRATION_DUE_SOON,
    REGISTRATION_OVERDUE,
    TRAINING_BEHIND,
    UNIT_LATE,
    deadline,
    late_units,
    person_standing,
    reminders,
    unit_deadlines,
)
from desktop.services.indicators.targets import choose_target_set, copy_target_set, edit_target_set
from desktop.services.records import classes, credentials, staff, training
from desktop.services.records.units import create_home_unit, create_unit, home_unit
from desktop.services.year import periods

ID_A = "110101199003071233"  # valid GB 11643 check digits
ID_B = "441622198501010021"


def _teacher(db: Database, unit_id: int, name: str, id_number: str) -> int:
    return staff.create_staff(db, unit_id, StaffData(name=name, id_number=id_number, category="11",
                                                     teaching_stage="primary")).id


def _train(db: Database, staff_id: int, end: date, hours: float) -> None:
    training.create_training(db, staff_id, TrainingData(title="校本研修", start_date=end, end_date=end, hours=hours,
                                                        level="5", mode="03", category="2"))


def test_days_left_counts_down_to_the_due_date_and_goes_negative_when_late(
        db: Database, school: UnitRecord, period: Any) -> None:
    assert deadline(db, school.id, period.id, today=date(2025, 9, 15)).days_left == 5
    assert "还有 5 天" in deadline(db, school.id, period.id, today=date(2025, 9, 15)).text
    assert "今天" in deadline(db, school.id, period.id, today=date(2025, 9, 20)).text
    late = deadline(db, school.id, period.id, today=date(2025, 9, 23))
    assert (late.days_left, late.late) == (-3, True) and "3 天" in late.text
    periods.set_period_due_date(db, period.id, date(2025, 9, 30))
    assert deadline(db, school.id, period.id, today=date(2025, 9, 23)).days_left == 7
    # The office's own date for this unit wins over the period's.
    periods.set_unit_due_date(db, school.id, period.id, date(2025, 9, 25))
    own = deadline(db, school.id, period.id, today=date(2025, 9, 23))
    assert (own.due_date, own.days_left, own.own_date) == (date(2025, 9, 25), 2, True)


def test_office_sees_which_schools_are_late(db: Database) -> None:
    county = create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county", parent_code="441600"))
    a = create_unit(db, UnitData(code="2144000001", name="甲小学", kind="school", parent_code="441622",
                                 category="211", ownership="1", urban_rural="1"))
    b = create_unit(db, UnitData(code="2144000002", name="乙小学", kind="school", parent_code="441622",
                                 category="211", ownership="1", urban_rural="1"))
    p = periods.ensure_period(db, 2025)
    periods.set_unit_due_date(db, b.id, p.id, date(2025, 10, 10))  # 乙 was given more time
    board = unit_deadlines(db, county.id, p.id, today=date(2025, 9, 22))
    assert [(d.name, d.deadline.late, d.deadline.days_left) for d in board] == [("甲小学", True, -2),
                                                                                 ("乙小学", False, 18)]
    assert [d.unit_id for d in late_units(db, county.id, p.id, today=date(2025, 9, 22))] == [a.id]
    # The office's 概览 lists the late school as a reminder that names the unit.
    late = reminders(db, county.id, p.id, today=date(2025, 9, 22)).of_kind(UNIT_LATE)
    assert [(r.record_type, r.record_id) for r in late] == [("unit", a.id)]
    assert "甲小学（2144000001）超过报送截止日期 2 天" in late[0].message


def test_demo_school_reminders_link_to_real_records(db: Database) -> None:
    summary = build_demo(db, "school")
    unit = home_unit(db)
    assert unit is not None
    p = periods.find_period(db, 2025)
    assert p is not None
    r = reminders(db, unit.id, p.id, today=date(2025, 9, 1))
    counts = r.counts
    assert counts[REGISTRATION_OVERDUE] > 0 and counts[TRAINING_BEHIND] > 0
    assert counts[CLASS_LARGE] == summary.planted.get("class.large", 0) + summary.planted.get("class.oversized", 0)
    assert (r.cycle.label, r.required_hours) == ("2021–2025周期", 450.0)
    assert r.cycle_rule == BOUNDARY_RULE
    tables = {"credential": Credential, "staff": Staff, "class": SchoolClass}
    with db.session() as session:
        for item in r.items:
            row = session.get(tables[item.record_type], item.record_id)
            assert row is not None, item
    for item in r.of_kind(CLASS_LARGE):
        assert any(c.id == item.record_id and c.enrolled > 55 for c in classes.list_classes(db, unit.id, p.id))


def test_certificate_registration_overdue_and_due_within_six_months(
        db: Database, school: UnitRecord, period: Any) -> None:
    a = _teacher(db, school.id, "张三", ID_A)
    b = _teacher(db, school.id, "李四", ID_B)
    ca = credentials.create_credential(db, a, CredentialData(kind="teacher", cert_type="2", number="20154416221000001"))
    credentials.add_registration(db, ca.id, RegistrationData(reg_date=date(2020, 3, 1), result="1"))  # due 2025-03-01
    cb = credentials.create_credential(db, b, CredentialData(kind="teacher", cert_type="2", number="20154416220000002"))
    credentials.add_registration(db, cb.id, RegistrationData(reg_date=date(2016, 3, 1), result="1"))
    credentials.add_registration(db, cb.id, RegistrationData(reg_date=date(2021, 1, 10), result="1"))  # due 2026-01-10
    r = reminders(db, school.id, period.id, today=date(2025, 9, 1))
    assert [(x.record_id, x.unit_id) for x in r.of_kind(REGISTRATION_OVERDUE)] == [(ca.id, school.id)]
    assert [x.record_id for x in r.of_kind(REGISTRATION_DUE_SOON)] == [cb.id]  # the latest registration counts
    assert "张三" in r.of_kind(REGISTRATION_OVERDUE)[0].message
    later = reminders(db, school.id, period.id, today=date(2024, 1, 1))
    assert later.of_kind(REGISTRATION_OVERDUE) == [] and later.of_kind(REGISTRATION_DUE_SOON) == []


def test_cycle_totals_switch_at_the_cycle_boundary(db: Database, school: UnitRecord, period: Any) -> None:
    t = _teacher(db, school.id, "王五", ID_A)
    _train(db, t, date(2025, 12, 31), 100)
    _train(db, t, date(2026, 1, 1), 30)
    nxt = periods.ensure_period(db, 2026)
    old = person_standing(db, t, period.id, today=date(2026, 3, 1))
    new = person_standing(db, t, nxt.id, today=date(2026, 10, 1))
    assert (old.cycle.label, old.hours) == ("2021–2025周期", 100.0)
    assert (new.cycle.label, new.hours) == ("2026–2030周期", 30.0)
    r_old = reminders(db, school.id, period.id, today=date(2026, 3, 1))
    r_new = reminders(db, school.id, nxt.id, today=date(2026, 10, 1))
    assert "2021–2025周期已完成 100 学时" in r_old.of_kind(TRAINING_BEHIND)[0].message
    assert "2026–2030周期已完成 30 学时" in r_new.of_kind(TRAINING_BEHIND)[0].message
    assert r_new.due_by_now == 67.5  # 9 months of 60: 450 × 0.75 / 5


def test_cycle_years_and_hours_are_settings_of_the_target_set(db: Database, school: UnitRecord, period: Any) -> None:
    t = _teacher(db, school.id, "王五", ID_A)
    _train(db, t, date(2022, 6, 1), 100)
    copy_target_set(db, "heyuan-2025", "my-county", "本县方案")
    edit_target_set(db, "my-county", settings={"cycle_anchor_year": 2023, "cycle_hours_teacher": 360})
    choose_target_set(db, school.id, period.id, "my-county")
    r = reminders(db, school.id, period.id, today=date(2025, 9, 1))
    assert (r.cycle.label, r.required_hours) == ("2023–2027周期", 360.0)
    assert person_standing(db, t, period.id, today=date(2025, 9, 1)).hours == 0.0  # 2022 is the old cycle
    # An explicit rule overrides the target set (the seam for callers that know better).
    assert person_standing(db, t, period.id, today=date(2025, 9, 1), cycle=CycleRule()).hours == 100.0


def test_classes_over_55_are_reminded(db: Database, school: UnitRecord, period: Any) -> None:
    classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(1)班", enrolled=55))
    big = classes.create_class(db, school.id, period.id, ClassData(grade="P2", name="二年级(1)班", enrolled=56))
    huge = classes.create_class(db, school.id, period.id, ClassData(grade="P3", name="三年级(1)班", enrolled=70))
    items = reminders(db, school.id, period.id, today=date(2025, 9, 1)).of_kind(CLASS_LARGE)
    assert [(i.record_type, i.record_id) for i in items] == [("class", big.id), ("class", huge.id)]
    assert "大班额" in items[0].message and "超大班额" in items[1].message
    with db.session() as session:
        assert session.scalars(select(SchoolClass.id).where(SchoolClass.enrolled > 55)).all() == [big.id, huge.id]
