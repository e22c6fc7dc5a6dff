"""Deadlines and reminders (截止日期与提醒) for the 概览 page and the office dashboard.

For a unit and period (a school, or an office over every school below it):
days left to the due date (negative = late); teacher certificates whose 定期注册
is overdue or due within the target set's months (6); 专任教师 behind the pace of
their training cycle; classes over 55 pupils; for an office, the schools below
it that are late (the office dashboard's late list is ``unit_deadlines``). Every reminder names its record
(``record_type``, ``record_id``) so the GUI can open it.

Dates: certificates are judged at ``today`` (they are things to do now); the
training cycle is the one containing the period's 统计时点, measured at ``today``
moved into that cycle (``desktop.domain.cycles``); the cycle years and the hours
per cycle are settings of the unit's target set, and ``cycle`` overrides them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import (
    Credential,
    Period,
    Registration,
    SchoolClass,
    Staff,
    TrainingRecord,
    UnitPeriod,
)
from desktop.domain import classsize
from desktop.domain.codes import StaffCategory, UnitKind, WorkflowState
from desktop.domain.cycles import (
    BOUNDARY_RULE,
    Cycle,
    CycleRule,
    CycleStanding,
    cycle_containing,
    due_by,
    standing,
)
from desktop.domain.indicators.certs import registration_state
from desktop.domain.indicators.inputs import CertRow, UnitRow
from desktop.domain.numbers import amount
from desktop.services.core.common import fetch
from desktop.services.indicators.compute import scope_units
from desktop.services.indicators.targets import chosen_code, spec_in_session
from desktop.services.year.periods import days_left

REGISTRATION_OVERDUE = "registration_overdue"
REGISTRATION_DUE_SOON = "registration_due_soon"
TRAINING_BEHIND = "training_behind"
CLASS_LARGE = "class_large"
UNIT_LATE = "unit_late"  # offices only: a school below that has not reported by its due date
KIND_LABELS = {
    UNIT_LATE: "下级单位逾期未报",
    REGISTRATION_OVERDUE: "定期注册已逾期",
    REGISTRATION_DUE_SOON: "定期注册即将到期",
    TRAINING_BEHIND: "培训学时进度落后",
    CLASS_LARGE: "班额超过55人",
}
SUBMITTED_STATES = (WorkflowState.SUBMITTED.value, WorkflowState.APPROVED.value)


@dataclass(frozen=True, slots=True)
class Deadline:  # 报送截止 of one unit for one period
    due_date: date | None
    days_left: int | None  # negative when late; None without a due date
    own_date: bool  # the office set a date for this unit
    state: str  # WorkflowState
    submitted_at: datetime | None = None

    @property
    def submitted(self) -> bool:
        return self.state in SUBMITTED_STATES

    @property
    def late(self) -> bool:
        """Not submitted by the due date (or submitted after it)."""
        if self.due_date is None:
            return False
        if self.submitted_at is not None:
            return self.submitted_at.date() > self.due_date
        return not self.submitted and self.days_left is not None and self.days_left < 0

    @property
    def text(self) -> str:
        if self.due_date is None:
            return "本统计期未设置报送截止日期。"
        due = f"{self.due_date.year}年{self.due_date.month}月{self.due_date.day}日"
        if self.submitted:
            return f"报送截止 {due}，已报送{'（逾期报送）' if self.late else ''}。"
        assert self.days_left is not None
        if self.days_left > 0:
            return f"距报送截止（{due}）还有 {self.days_left} 天。"
        if self.days_left == 0:
            return f"今天（{due}）是报送截止日，请尽快完成检查并报送。"
        return f"已超过报送截止日期（{due}）{-self.days_left} 天，请尽快报送。"


@dataclass(frozen=True, slots=True)
class Reminder:
    kind: str  # one of KIND_LABELS
    message: str
    record_type: str  # credential | staff | class | unit
    record_id: int
    unit_id: int


@dataclass(frozen=True, slots=True)
class Reminders:
    unit_id: int
    period_id: int
    today: date
    deadline: Deadline
    cycle: Cycle
    cycle_as_of: date  # the date the pace is measured at
    required_hours: float  # per cycle
    due_by_now: float
    items: tuple[Reminder, ...]
    cycle_rule: str = BOUNDARY_RULE

    def of_kind(self, kind: str) -> list[Reminder]:
        return [r for r in self.items if r.kind == kind]

    @property
    def counts(self) -> dict[str, int]:
        return {k: len(self.of_kind(k)) for k in KIND_LABELS}


def _chunks(ids: Sequence[int], size: int = 900) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield list(ids[i:i + size])


def _deadline(up: UnitPeriod | None, period_due: date | None, today: date) -> Deadline:
    due = up.due_date if up is not None and up.due_date is not None else period_due
    return Deadline(due, days_left(due, today) if due else None, bool(up and up.due_date),
                    up.state if up else WorkflowState.DRAFT.value, up.submitted_at if up else None)


def _unit_periods(session: Session, unit_ids: list[int], period_id: int) -> dict[int, UnitPeriod]:
    ups: dict[int, UnitPeriod] = {}
    for chunk in _chunks(unit_ids):
        ups.update((up.unit_id, up) for up in session.scalars(select(UnitPeriod).where(
            UnitPeriod.period_id == period_id, UnitPeriod.unit_id.in_(chunk))))
    return ups


def deadline_in(session: Session, unit_id: int, period_id: int, today: date) -> Deadline:
    up = session.scalars(select(UnitPeriod).where(UnitPeriod.unit_id == unit_id,
                                                  UnitPeriod.period_id == period_id)).first()
    return _deadline(up, session.scalars(select(Period.due_date).where(Period.id == period_id)).first(), today)


def deadline(db: Database, unit_id: int, period_id: int, *, today: date | None = None) -> Deadline:
    with db.session() as session:
        fetch(session, Period, period_id, "统计期")
        return deadline_in(session, unit_id, period_id, today or date.today())


def _registrations(session: Session, unit_ids: list[int], names: dict[int, tuple[str, int]], today: date,
                   months: int) -> list[Reminder]:
    out: list[Reminder] = []
    for chunk in _chunks(unit_ids):
        staff = select(Staff.id).where(Staff.unit_id.in_(chunk), Staff.status == "active")
        # Plain column rows, not ORM objects: a county has ~10,000 certificates (3× faster).
        latest: dict[int, Any] = {}
        for r in session.execute(select(Registration.credential_id, Registration.reg_date, Registration.result,
                                        Registration.next_due)
                                 .join(Credential, Credential.id == Registration.credential_id)
                                 .where(Credential.kind == "teacher", Credential.staff_id.in_(staff))
                                 .order_by(Registration.credential_id, Registration.reg_date, Registration.id)):
            latest[r.credential_id] = r  # ordered by date: the last registration wins
        for c in session.execute(select(Credential.id, Credential.staff_id, Credential.cert_type, Credential.revoked,
                                        Credential.issue_date, Credential.number)
                                 .where(Credential.kind == "teacher", Credential.staff_id.in_(staff))
                                 .order_by(Credential.staff_id, Credential.id)):
            reg = latest.get(c.id)
            row = CertRow(id=c.id, staff_id=c.staff_id, cert_type=c.cert_type, revoked=bool(c.revoked),
                          issue_date=c.issue_date, last_reg_date=reg.reg_date if reg else None,
                          last_result=reg.result if reg else None, next_due=reg.next_due if reg else None)
            state = registration_state(row, today, months)
            if state is None:
                continue
            kind = REGISTRATION_OVERDUE if state[0] == "overdue" else REGISTRATION_DUE_SOON
            name, unit_id = names[c.staff_id]
            number = f"（{c.number}）" if c.number else ""
            out.append(Reminder(kind, f"{name}的教师资格证{number}{state[1]}。", "credential", c.id, unit_id))
    return out


def _training(session: Session, unit_ids: list[int], names: dict[int, tuple[str, int]], teachers: set[int],
              cycle: Cycle, as_of: date, need: float, required: float) -> list[Reminder]:
    hours: dict[int, float] = {}
    for chunk in _chunks(unit_ids):
        staff = select(Staff.id).where(Staff.unit_id.in_(chunk), Staff.status == "active")
        hours.update((sid, float(h or 0)) for sid, h in session.execute(
            select(TrainingRecord.staff_id, func.sum(TrainingRecord.hours))
            .where(TrainingRecord.staff_id.in_(staff), TrainingRecord.end_date >= cycle.start,
                   TrainingRecord.end_date <= as_of)
            .group_by(TrainingRecord.staff_id)))
    out = []
    for sid in sorted(teachers):
        have = round(hours.get(sid, 0.0), 1)
        if have < need:
            name, unit_id = names[sid]
            out.append(Reminder(TRAINING_BEHIND, f"{name}：{cycle.label}已完成 {amount(have)} 学时，按进度此时应完成 "
                                                 f"{amount(need)} 学时（全周期 {amount(required)} 学时）。", "staff", sid, unit_id))
    return out


def _classes(session: Session, school_ids: list[int], period_id: int, unit_names: dict[int, str],
             minimum: int, oversized: int, office: bool) -> list[Reminder]:
    out = []
    for chunk in _chunks(school_ids):
        for c in session.scalars(select(SchoolClass).where(
                SchoolClass.period_id == period_id, SchoolClass.unit_id.in_(chunk),
                SchoolClass.enrolled >= minimum).order_by(SchoolClass.unit_id, SchoolClass.grade, SchoolClass.name)):
            if not classsize.counts_for_size(c.grade):
                continue  # 幼儿园、中职、特教班 are outside the 大班额 bands (domain.classsize)
            where = f"{unit_names[c.unit_id]} " if office else ""
            out.append(Reminder(CLASS_LARGE, f"{where}{c.name}有 {c.enrolled} 人，超过 {minimum - 1} 人"
                                             f"（{'超大班额' if c.enrolled >= oversized else '大班额'}）。",
                                "class", c.id, c.unit_id))
    return out


def _late_schools(session: Session, units: Sequence[UnitRow], period: Period, today: date) -> list[Reminder]:
    schools = [u for u in units if u.kind == UnitKind.SCHOOL.value]
    ups = _unit_periods(session, [u.id for u in schools], period.id)
    out = []
    for u in schools:
        d = _deadline(ups.get(u.id), period.due_date, today)
        if d.late and not d.submitted and d.days_left is not None:
            out.append(Reminder(UNIT_LATE, f"{u.name}（{u.code}）超过报送截止日期 {-d.days_left} 天仍未报送。",
                                "unit", u.id, u.id))
    return out


def reminders(db: Database, unit_id: int, period_id: int, *, today: date | None = None,
              cycle: CycleRule | None = None) -> Reminders:
    """Everything the 概览 page reminds the clerk (or office) of for this period."""
    today = today or date.today()
    with db.session() as session:
        period = fetch(session, Period, period_id, "统计期")
        spec = spec_in_session(session, chosen_code(session, unit_id, period_id))
        rule = cycle or CycleRule.from_spec(spec)
        units = scope_units(session, unit_id, period.census_date)
        ids = [u.id for u in units]
        office = units[0].kind != UnitKind.SCHOOL.value
        unit_names = {u.id: u.name for u in units}
        names: dict[int, tuple[str, int]] = {}
        teachers: set[int] = set()
        for chunk in _chunks(ids):
            for sid, name, uid, category in session.execute(select(Staff.id, Staff.name, Staff.unit_id, Staff.category)
                                                            .where(Staff.unit_id.in_(chunk), Staff.status == "active")):
                names[sid] = (f"{unit_names[uid]} {name}" if office else name, uid)
                if category == StaffCategory.TEACHER.value:
                    teachers.add(sid)
        current = cycle_containing(period.census_date, rule)
        as_of = current.clamp(today)
        need = due_by(rule, as_of)
        items = _registrations(session, ids, names, today, int(spec.setting("registration_due_months")))
        items += _training(session, ids, names, teachers, current, as_of, need, rule.required_hours)
        schools = [u.id for u in units if u.kind == UnitKind.SCHOOL.value]
        if office:
            items += _late_schools(session, units, period, today)
        items += _classes(session, schools, period_id, unit_names, int(spec.setting("class_large_min")),
                          int(spec.setting("class_oversized_min")), office)
        return Reminders(unit_id=unit_id, period_id=period_id, today=today, deadline=deadline_in(
            session, unit_id, period_id, today), cycle=current, cycle_as_of=as_of, required_hours=rule.required_hours,
            due_by_now=need, items=tuple(items))


def person_standing(db: Database, staff_id: int, period_id: int, *, today: date | None = None,
                    cycle: CycleRule | None = None) -> CycleStanding:
    """One person's cycle totals and on-track status for the period (the cycle containing its 统计时点)."""
    with db.session() as session:
        person = fetch(session, Staff, staff_id, "教职工")
        period = fetch(session, Period, period_id, "统计期")
        rule = cycle or CycleRule.from_spec(spec_in_session(session, chosen_code(session, person.unit_id, period_id)))
        records = session.execute(select(TrainingRecord.end_date, TrainingRecord.hours)
                                  .where(TrainingRecord.staff_id == staff_id)).all()
        return standing(rule, period.census_date, today or date.today(), [(r[0], float(r[1])) for r in records])


@dataclass(frozen=True, slots=True)
class UnitDeadline:  # one line of the office's deadline list
    unit_id: int
    code: str
    name: str
    deadline: Deadline


def unit_deadlines(db: Database, office_id: int, period_id: int, *, today: date | None = None) -> list[UnitDeadline]:
    """Every school below the office with its due date and whether it is late (late ones first)."""
    today = today or date.today()
    with db.session() as session:
        period = fetch(session, Period, period_id, "统计期")
        schools = [u for u in scope_units(session, office_id, period.census_date) if u.kind == UnitKind.SCHOOL.value]
        ups = _unit_periods(session, [u.id for u in schools], period_id)
        out = [UnitDeadline(u.id, u.code, u.name, _deadline(ups.get(u.id), period.due_date, today)) for u in schools]
    return sorted(out, key=lambda d: (not d.deadline.late, d.code))


def late_units(db: Database, office_id: int, period_id: int, *, today: date | None = None) -> list[UnitDeadline]:
    return [d for d in unit_deadlines(db, office_id, period_id, today=today) if d.deadline.late]

