"""任教课程: the courses a teacher teaches this year, several allowed, the first one the main one.

The national form 教基4155 counts a teacher under the main course (``domain/national``);
when a teacher has none recorded, the 任教学科 on the staff record stands in for it.
Setting the courses replaces the list in one transaction, audited as one change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import Staff, StaffCourse
from desktop.domain.codes import Subject
from desktop.services.core import audit
from desktop.services.core.common import ensure_editable, fetch
from desktop.services.core.errors import ServiceError

WHAT = "教职工"


@dataclass(frozen=True, slots=True)
class Course:
    code: str  # Subject
    label: str
    main: bool


def parse_courses(text: str) -> list[str]:
    """“数学、科学” or “数学;科学” → Subject codes, the first the main one; an unknown name is refused."""
    parts = [p.strip() for p in text.replace("；", ";").replace("、", ";").replace(",", ";").replace("，", ";")
             .split(";") if p.strip()]
    codes: list[str] = []
    for p in parts:
        member = Subject.from_label(p)
        if member is None:
            raise ServiceError(f"任教课程“{p}”不在学科代码表中，请改成如 语文、数学、道德与法治 的名称。")
        if member.value not in codes:
            codes.append(member.value)
    return codes


def _text(codes: Sequence[str]) -> str:
    return "、".join(Subject.label_of(c) for c in codes)


def staff_courses(db: Database, staff_id: int) -> list[Course]:
    with db.session() as session:
        rows = session.execute(select(StaffCourse.course, StaffCourse.main).where(StaffCourse.staff_id == staff_id)
                               .order_by(StaffCourse.main.desc(), StaffCourse.id)).all()
    return [Course(c, Subject.label_of(c), bool(m)) for c, m in rows]


def set_staff_courses(db: Database, staff_id: int, courses: Sequence[str], *, actor: str = "system") -> list[Course]:
    """Replace the courses of ``staff_id`` with ``courses`` (Subject codes, the first the main one)."""
    for code in courses:
        if Subject.label_of(code) == "":
            raise ServiceError(f"任教课程代码“{code}”不在学科代码表中。")
    wanted = list(dict.fromkeys(courses))
    with db.session(write=True) as session:
        s = fetch(session, Staff, staff_id, WHAT)
        ensure_editable(session, s.unit_id)
        replace_courses_in(session, s, wanted, actor=actor)
    return staff_courses_in(wanted)


def replace_courses_in(session: Session, s: Staff, codes: Sequence[str], *, actor: str) -> str:
    """Replace the courses of ``s`` inside the caller's transaction (audited); gives the old ones as text."""
    wanted = list(dict.fromkeys(codes))
    old = [c for c, in session.execute(select(StaffCourse.course).where(StaffCourse.staff_id == s.id)
                                       .order_by(StaffCourse.main.desc(), StaffCourse.id))]
    if old != wanted:
        session.execute(delete(StaffCourse).where(StaffCourse.staff_id == s.id))
        for i, code in enumerate(wanted):
            session.add(StaffCourse(staff_id=s.id, course=code, main=i == 0))
        audit.log(session, actor=actor, action="update", table="staff", record_id=s.id, record_uid=s.uid,
                  changes={"courses": (_text(old), _text(wanted))}, unit_id=s.unit_id)
        session.flush()
    return _text(old)


def staff_courses_in(codes: Sequence[str]) -> list[Course]:
    return [Course(c, Subject.label_of(c), i == 0) for i, c in enumerate(codes)]
