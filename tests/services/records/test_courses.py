"""任教课程: several per teacher, the first the main one; the national form counts the main one."""

from __future__ import annotations

import pytest

from desktop.data.engine import Database
from desktop.domain.records import StaffData, UnitRecord
from desktop.services.core.errors import ServiceError
from desktop.services.records.courses import parse_courses, set_staff_courses, staff_courses
from desktop.services.records.staff import create_staff
from desktop.services.year.periods import ensure_period


def test_courses_replace_with_the_first_as_main_and_are_audited(db: Database, school: UnitRecord) -> None:
    from sqlalchemy import select

    from desktop.data.models import AuditEntry

    p = create_staff(db, school.id, StaffData(name="张三", id_number="11010519491231002X", teaching_stage="primary",
                                              subject="01"))
    assert staff_courses(db, p.id) == []
    set_staff_courses(db, p.id, parse_courses("数学、科学；数学"))
    assert [(c.label, c.main) for c in staff_courses(db, p.id)] == [("数学", True), ("科学", False)]
    set_staff_courses(db, p.id, parse_courses("科学"))
    assert [(c.label, c.main) for c in staff_courses(db, p.id)] == [("科学", True)]
    with db.session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.field == "courses")).all()
        assert [(e.old_value, e.new_value) for e in entries] == [("", "数学、科学"), ("数学、科学", "科学")]


def test_the_main_course_decides_the_4155_column(db: Database, school: UnitRecord) -> None:
    from desktop.services.returns.national import build_national

    ensure_period(db, 2025)
    p = create_staff(db, school.id, StaffData(name="张三", id_number="11010519491231002X", teaching_stage="primary",
                                              subject="01"))
    sheet = next(s for s in build_national(db, 2025).sheets if s.name.startswith("教基4155"))
    assert sheet.filled.people.get(("02", "4")) == [p.id]  # 语文 from 任教学科
    set_staff_courses(db, p.id, parse_courses("数学、语文"))
    sheet = next(s for s in build_national(db, 2025).sheets if s.name.startswith("教基4155"))
    assert sheet.filled.people.get(("02", "5")) == [p.id] and ("02", "4") not in sheet.filled.people


def test_an_unknown_course_is_refused_with_a_reason() -> None:
    with pytest.raises(ServiceError, match="任教课程“体操”不在学科代码表中"):
        parse_courses("语文、体操")
