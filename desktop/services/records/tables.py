"""Read-only queries behind the big tables: plain rows, paged and filtered in SQL.

The staff roster (thousands of rows) is read in one query of plain tuples — a
county's 8,000 people load in a few milliseconds and filter in memory. Training
records (hundreds of thousands) are never loaded whole: the table asks for a
``COUNT`` and then one page at a time with ``LIMIT/OFFSET`` (DESIGN.md §4).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import (
    Credential,
    Registration,
    SchoolClass,
    Staff,
    StaffCourse,
    TrainingRecord,
    Unit,
)
from desktop.domain.codes import Grade, Subject
from desktop.domain.idcard import mask_id


class StaffRow(NamedTuple):  # one line of the 教职工 table
    id: int
    version: int
    unit_id: int
    unit_name: str
    name: str
    gender: str
    birth_date: date | None
    id_masked: str
    id_tail: str
    category: str
    employment_form: str
    post: str
    teaching_stage: str | None
    subject: str | None
    education: str | None
    title: str
    phone: str | None
    join_date: date | None
    status: str
    end_date: date | None
    end_reason: str | None
    name_pinyin: str
    name_initials: str
    # Printed on the returns (花名册): editable by hand in the form, not only by import.
    ethnicity: str | None = None
    political_status: str | None = None
    honour_level: str | None = None
    # Counted by the national forms (教基 series).
    not_teaching: bool = False
    external_teacher: bool = False
    foreign_national: bool = False
    overseas: str | None = None
    courses: str = ""  # 任教课程 as names, the main one first: “数学、科学”


_STAFF_COLUMNS = (
    Staff.id, Staff.version, Staff.unit_id, Unit.name, Staff.name, Staff.gender, Staff.birth_date,
    Staff.id_number, Staff.id_tail, Staff.category, Staff.employment_form, Staff.post, Staff.teaching_stage,
    Staff.subject, Staff.education, Staff.title, Staff.phone, Staff.join_date, Staff.status, Staff.end_date,
    Staff.end_reason, Staff.name_pinyin, Staff.name_initials, Staff.ethnicity, Staff.political_status,
    Staff.honour_level, Staff.not_teaching, Staff.external_teacher, Staff.foreign_national, Staff.overseas,
)


def _mask(number: str) -> str:
    # Stored numbers are already normalised: the common case skips mask_id's Unicode folding.
    if len(number) >= 11 and number.isascii():
        return number[:6] + "*" * (len(number) - 10) + number[-4:]
    return mask_id(number)


def _staff_row(r: Any) -> StaffRow:
    values = list(r)
    values[7] = _mask(values[7])  # the full number never leaves this function
    return StaffRow._make([*values, ""])  # courses: filled by staff_rows_in


def staff_rows(db: Database, *, include_ended: bool = True, staff_id: int | None = None,
               limit: int | None = None) -> list[StaffRow]:
    """Every person in the database (ended ones too unless asked not to), by pinyin.

    ``limit`` gives the first screenful quickly; the table then loads the rest.
    """
    with db.session() as session:
        return staff_rows_in(session, include_ended=include_ended, staff_id=staff_id, limit=limit)


def staff_rows_in(session: Session, *, include_ended: bool = True, staff_id: int | None = None,
                  limit: int | None = None) -> list[StaffRow]:
    """``staff_rows`` inside the caller's transaction (an edit reads its row back in its own)."""
    stmt = select(*_STAFF_COLUMNS).join(Unit, Unit.id == Staff.unit_id)
    if not include_ended:
        stmt = stmt.where(Staff.status == "active")
    if staff_id is not None:
        stmt = stmt.where(Staff.id == staff_id)
    stmt = stmt.order_by(Staff.name_pinyin, Staff.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = [_staff_row(r) for r in session.connection().execute(stmt).all()]
    courses = courses_text(session, [r.id for r in rows])
    return [r._replace(courses=courses[r.id]) if r.id in courses else r for r in rows]


def courses_text(session: Session, staff_ids: list[int]) -> dict[int, str]:
    """任教课程 of each of ``staff_ids`` as “数学、科学”, the main one first (people without courses absent)."""
    found: dict[int, list[str]] = {}
    for i in range(0, len(staff_ids), 500):
        stmt = (select(StaffCourse.staff_id, StaffCourse.course).where(StaffCourse.staff_id.in_(staff_ids[i:i + 500]))
                .order_by(StaffCourse.staff_id, StaffCourse.main.desc(), StaffCourse.id))
        for sid, course in session.connection().execute(stmt):
            found.setdefault(sid, []).append(Subject.label_of(course))
    return {sid: "、".join(names) for sid, names in found.items()}


def staff_row(db: Database, staff_id: int) -> StaffRow | None:
    rows = staff_rows(db, staff_id=staff_id)
    return rows[0] if rows else None


class StaffChoice(NamedTuple):  # one person a picker offers
    id: int
    label: str  # "姓名（尾号 1234）"
    name: str
    pinyin: str  # stored search keys: "zhangsan", "zs"
    initials: str
    id_tail: str  # last four characters of the ID number


def staff_choices(db: Database) -> list[StaffChoice]:
    """Active staff for pickers, with the stored pinyin keys so the picker matches without pypinyin."""
    stmt = (select(Staff.id, Staff.name, Staff.name_pinyin, Staff.name_initials, Staff.id_tail)
            .where(Staff.status == "active").order_by(Staff.name_pinyin, Staff.id))
    with db.session() as session:
        return [StaffChoice(i, f"{n}（尾号 {t}）" if t else n, n, py or "", ini or "", t or "")
                for i, n, py, ini, t in session.execute(stmt)]


# ---------------------------------------------------------------- credentials


class CredentialRow(NamedTuple):  # one line of the 资格证书 table
    id: int
    version: int
    staff_id: int
    staff_name: str
    name_pinyin: str
    name_initials: str
    kind: str
    cert_type: str | None
    subject: str | None
    number: str | None
    issue_date: date | None
    revoked: bool
    last_registration: date | None
    next_due: date | None
    issuer: str | None = None
    unit_id: int = 0  # the holder's school (an office's table filters and shows it)
    unit_name: str = ""


def credential_rows(db: Database, *, active_staff_only: bool = True) -> list[CredentialRow]:
    """Credentials with their holder and newest registration (one grouped query)."""
    with db.session() as session:
        return credential_rows_in(session, active_staff_only=active_staff_only)


def credential_row(db: Database, credential_id: int) -> CredentialRow | None:
    with db.session() as session:
        return credential_row_in(session, credential_id)


def credential_row_in(session: Session, credential_id: int) -> CredentialRow | None:
    """One credential's line, inside the caller's transaction (whoever holds it, active or not)."""
    rows = credential_rows_in(session, active_staff_only=False, credential_id=credential_id)
    return rows[0] if rows else None


def credential_rows_in(session: Session, *, active_staff_only: bool = True,
                       credential_id: int | None = None) -> list[CredentialRow]:
    last = (
        select(Registration.credential_id, func.max(Registration.reg_date).label("reg"),
               func.max(Registration.next_due).label("due"))
        .group_by(Registration.credential_id).subquery()
    )
    stmt: Any = (
        select(Credential.id, Credential.version, Credential.staff_id, Staff.name, Staff.name_pinyin,
               Staff.name_initials, Credential.kind, Credential.cert_type, Credential.subject, Credential.number,
               Credential.issue_date, Credential.revoked, last.c.reg, last.c.due, Credential.issuer, Staff.unit_id,
               Unit.name)
        .join(Staff, Staff.id == Credential.staff_id)
        .join(Unit, Unit.id == Staff.unit_id)
        .outerjoin(last, last.c.credential_id == Credential.id)
        .order_by(Staff.name_pinyin, Credential.id)
    )
    if active_staff_only:
        stmt = stmt.where(Staff.status == "active")
    if credential_id is not None:
        stmt = stmt.where(Credential.id == credential_id)
    return [CredentialRow._make(r) for r in session.connection().execute(stmt).all()]


# ---------------------------------------------------------------- training (paged)


@dataclass(frozen=True, slots=True)
class TrainingQuery:  # what the 培训记录 table shows: filters and order
    search: str = ""  # name, pinyin, initials or ID tail of the person, or words of the title
    category: str | None = None
    mode: str | None = None
    level: str | None = None
    year: int | None = None  # end date's calendar year
    staff_id: int | None = None
    unit_id: int | None = None  # the person's school (an office's per-school filter)
    sort: str = "id"
    descending: bool = True

    def with_(self, **changes: Any) -> TrainingQuery:
        return replace(self, **changes)


class TrainingRow(NamedTuple):
    id: int
    version: int
    staff_id: int
    staff_name: str
    title: str
    start_date: date
    end_date: date
    hours: float
    level: str
    mode: str
    category: str
    topics: str
    organiser: str | None
    unit_id: int = 0  # the person's school
    unit_name: str = ""


TRAINING_SORT_KEYS = {
    "id": TrainingRecord.id, "staff_name": Staff.name_pinyin, "title": TrainingRecord.title,
    "start_date": TrainingRecord.start_date, "end_date": TrainingRecord.end_date, "hours": TrainingRecord.hours,
    "level": TrainingRecord.level, "mode": TrainingRecord.mode, "category": TrainingRecord.category,
    "topics": TrainingRecord.topics, "organiser": TrainingRecord.organiser,
}


def _staff_match(text: str) -> Any:
    """SQL condition on Staff for a search box entry (pinyin for ASCII, name for Chinese)."""
    if text.isdigit() or (len(text) == 4 and text[:-1].isdigit()):
        return or_(Staff.id_tail == text.upper(), Staff.name.like(f"%{text}%"))
    if text.isascii():
        low = text.lower()
        return or_(Staff.name_initials.like(f"{low}%"), Staff.name_pinyin.like(f"{low}%"))
    return Staff.name.like(f"%{text}%")


def _filtered(stmt: Any, q: TrainingQuery) -> Any:
    """Apply the query's filters; the person is matched through a sub-select, never a join,
    so that counting and skipping rows stays an index walk over training_records alone."""
    text = q.search.strip()
    if text:
        people = TrainingRecord.staff_id.in_(select(Staff.id).where(_staff_match(text)))
        stmt = stmt.where(people if text.isascii() else or_(people, TrainingRecord.title.like(f"%{text}%")))
    if q.category:
        stmt = stmt.where(TrainingRecord.category == q.category)
    if q.mode:
        stmt = stmt.where(TrainingRecord.mode == q.mode)
    if q.level:
        stmt = stmt.where(TrainingRecord.level == q.level)
    if q.year:
        stmt = stmt.where(TrainingRecord.end_date.between(date(q.year, 1, 1), date(q.year, 12, 31)))
    if q.staff_id is not None:
        stmt = stmt.where(TrainingRecord.staff_id == q.staff_id)
    if q.unit_id is not None:
        stmt = stmt.where(TrainingRecord.staff_id.in_(select(Staff.id).where(Staff.unit_id == q.unit_id)))
    return stmt


def count_training(db: Database, q: TrainingQuery) -> int:
    with db.session() as session:
        return int(session.scalar(_filtered(select(func.count(TrainingRecord.id)), q)) or 0)


def _training_select() -> Any:
    return (
        select(TrainingRecord.id, TrainingRecord.version, TrainingRecord.staff_id, Staff.name, TrainingRecord.title,
               TrainingRecord.start_date, TrainingRecord.end_date, TrainingRecord.hours, TrainingRecord.level,
               TrainingRecord.mode, TrainingRecord.category, TrainingRecord.topics, TrainingRecord.organiser,
               Staff.unit_id, Unit.name)
        .join(Staff, Staff.id == TrainingRecord.staff_id)
        .join(Unit, Unit.id == Staff.unit_id)
    )


def _sort_key(q: TrainingQuery) -> Any:
    if q.sort == "staff_name":
        return select(Staff.name_pinyin).where(Staff.id == TrainingRecord.staff_id).scalar_subquery()
    return TRAINING_SORT_KEYS.get(q.sort, TrainingRecord.id)


def training_page(db: Database, q: TrainingQuery, offset: int, limit: int) -> list[TrainingRow]:
    """Rows ``offset .. offset+limit`` of the filtered, ordered training table.

    Two steps: the ids of the page (an index walk, no join), then those rows with
    the person's name. Skipping 400,000 rows with the join in place costs seconds.
    """
    key = _sort_key(q)
    order = [key.desc(), TrainingRecord.id.desc()] if q.descending else [key.asc(), TrainingRecord.id.asc()]
    id_stmt = _filtered(select(TrainingRecord.id), q).order_by(*order).offset(offset).limit(limit)
    with db.session() as session:
        conn = session.connection()
        ids = [r[0] for r in conn.execute(id_stmt).all()]
        if not ids:
            return []
        rows = {r[0]: r for r in conn.execute(_training_select().where(TrainingRecord.id.in_(ids))).all()}
    return [TrainingRow._make(rows[i]) for i in ids if i in rows]


def training_row(db: Database, training_id: int) -> TrainingRow | None:
    with db.session() as session:
        return training_row_in(session, training_id)


def training_row_in(session: Session, training_id: int) -> TrainingRow | None:
    """``training_row`` inside the caller's transaction (an edit reads its row back in its own)."""
    r = session.connection().execute(_training_select().where(TrainingRecord.id == training_id)).first()
    return TrainingRow._make(r) if r else None


def training_years(db: Database) -> list[int]:
    with db.session() as session:
        low, high = session.execute(select(func.min(TrainingRecord.end_date), func.max(TrainingRecord.end_date))).one()
    if low is None or high is None:
        return []
    return list(range(high.year, low.year - 1, -1))


# ---------------------------------------------------------------- classes


class ClassRow(NamedTuple):
    id: int
    version: int
    unit_id: int
    unit_name: str
    grade: str
    name: str
    enrolled: int
    boarders: int
    disabled: int

    @property
    def grade_rank(self) -> int:
        """Position of the grade in school order, for sorting."""
        return _GRADE_RANK.get(self.grade, 99)


_GRADE_RANK = {g.value: i for i, g in enumerate(Grade)}


def _class_select() -> Any:
    return (select(SchoolClass.id, SchoolClass.version, SchoolClass.unit_id, Unit.name, SchoolClass.grade,
                   SchoolClass.name, SchoolClass.enrolled, SchoolClass.boarders, SchoolClass.disabled)
            .join(Unit, Unit.id == SchoolClass.unit_id))


def class_row_in(session: Session, class_id: int) -> ClassRow | None:
    """One class's line, inside the caller's transaction (an edit reads its row back in its own)."""
    r = session.connection().execute(_class_select().where(SchoolClass.id == class_id)).first()
    return ClassRow._make(r) if r else None


def class_rows(db: Database, period_id: int) -> list[ClassRow]:
    stmt = (
        _class_select()
        .where(SchoolClass.period_id == period_id)
        .order_by(Unit.code, SchoolClass.grade, SchoolClass.name)
    )
    with db.session() as session:
        rows = [ClassRow._make(r) for r in session.connection().execute(stmt).all()]
    # Grades in school order (一年级 … 九年级), not by their codes (J1 sorts before P1).
    units = {u: i for i, u in enumerate(dict.fromkeys(r.unit_id for r in rows))}
    return sorted(rows, key=lambda r: (units[r.unit_id], r.grade_rank, r.name))
