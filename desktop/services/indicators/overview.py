"""The numbers on the 概览 page and on a person page, computed with grouped queries.

Every count carries the ids behind it so the GUI can open the filtered list.
The training cycle and the hours it requires come from the home unit's chosen
指标方案 (the same ``CycleRule`` the reminders and the indicator engine use, e.g.
450 学时 per 2021–2025 cycle in 河源), so 概览, reminders and returns agree;
50 学时 of 信息技术应用能力 in three years, 大班额 56–65 and 超大班额 66+ students.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.data import queries
from desktop.data.engine import Database
from desktop.data.models import (
    Credential,
    Registration,
    SchoolClass,
    Staff,
    StageCapacity,
    TrainingRecord,
)
from desktop.domain import classsize
from desktop.domain.codes import CredentialKind, Grade, StaffCategory
from desktop.domain.cycles import CycleRule, cycle_containing, due_by
from desktop.domain.registration import due_soon_limit
from desktop.services.indicators.figures import (
    Overview as Overview,  # defined without SQLAlchemy (early start)
)
from desktop.services.indicators.targets import chosen_code, spec_in_session
from desktop.services.records.training import CycleTotals, cycle_totals

IT_HOURS_3Y = 50.0
LARGE_CLASS, HUGE_CLASS = classsize.LARGE_MIN, classsize.OVERSIZED_MIN  # one definition: domain.classsize
HOURS_BUCKETS = ((0, 0.5, "0"), (0.5, 50, "1–49"), (50, 100, "50–99"), (100, 200, "100–199"),
                 (200, 360, "200–359"), (360, float("inf"), "360+"))


def cycle_rule(session: Session, period_id: int | None) -> CycleRule:
    """The cycle setting of the home unit's target set for the period (the preset when none is chosen)."""
    home = queries.home_unit_id(session)
    if period_id is None:
        latest = queries.period_for_year(session, None)
        period_id = latest.id if latest else None
    if home is None or period_id is None:
        return CycleRule()
    return CycleRule.from_spec(spec_in_session(session, chosen_code(session, home, period_id)))


def _credential_due(session: Session, as_of: date) -> tuple[list[int], list[int]]:
    """Teacher certificates whose 定期注册 is overdue or due within six months on ``as_of``.

    The rule the 资格证书 list's 注册状态 column shows (``domain.registration.registration_state``
    over ``services.records.tables.credential_rows``: active staff, a teacher certificate not
    revoked, the latest ``next_due`` of its registrations), as one grouped query: only the
    certificates due by the six-month limit come back, in the list's order (pinyin, id), so a
    card and the list it opens agree. ``tests/services/indicators/test_overview_sql.py``
    compares it with the row-by-row rule."""
    limit = due_soon_limit(as_of)
    due = func.max(Registration.next_due)
    rows = session.execute(
        select(Credential.id, due)
        .join(Staff, Staff.id == Credential.staff_id)
        .join(Registration, Registration.credential_id == Credential.id)
        .where(Staff.status == "active", Credential.kind == CredentialKind.TEACHER.value,
               Credential.revoked.is_(False))
        .group_by(Credential.id, Staff.name_pinyin)
        .having(due <= limit)
        .order_by(Staff.name_pinyin, Credential.id)
    ).all()
    overdue = [cid for cid, next_due in rows if next_due is not None and next_due < as_of]
    soon = [cid for cid, next_due in rows if next_due is not None and next_due >= as_of]
    return overdue, soon


def overview(db: Database, *, period_id: int | None, as_of: date) -> Overview:
    with db.session() as session:
        rule = cycle_rule(session, period_id)
        cycle = cycle_containing(as_of, rule)
        start, end = cycle.start, cycle.end
        due = due_by(rule, as_of)
        people = session.execute(
            select(Staff.id, Staff.category, Staff.teaching_stage, Staff.education).where(Staff.status == "active")
        ).all()
        hours = dict(session.execute(
            select(TrainingRecord.staff_id, func.sum(TrainingRecord.hours))
            .where(TrainingRecord.end_date.between(start, min(end, as_of)))
            .group_by(TrainingRecord.staff_id)
        ).all())
        classes = session.execute(
            select(SchoolClass.id, SchoolClass.grade, SchoolClass.enrolled).where(SchoolClass.period_id == period_id)
        ).all() if period_id is not None else []
        capacities = session.execute(
            select(StageCapacity.stage, func.sum(StageCapacity.approved_seats))
            .where(StageCapacity.period_id == period_id).group_by(StageCapacity.stage)
        ).all() if period_id is not None else []
        overdue, soon = _credential_due(session, as_of)
    by_category = Counter(p.category for p in people)
    teachers = [p for p in people if p.category == StaffCategory.TEACHER.value]
    by_stage = Counter(p.teaching_stage or "" for p in teachers)
    behind = [p.id for p in teachers if float(hours.get(p.id) or 0) < due]
    histogram = Counter[str]()
    for p in teachers:
        h = float(hours.get(p.id) or 0)
        histogram[next(label for low, high, label in HOURS_BUCKETS if low <= h < high)] += 1
    education: dict[str, dict[str, int]] = defaultdict(dict)
    for p in teachers:
        stage_counts = education[p.teaching_stage or ""]
        stage_counts[p.education or ""] = stage_counts.get(p.education or "", 0) + 1
    enrolled: Counter[str] = Counter()
    for _, grade, n in classes:
        enrolled[Grade(grade).stage.value] += n
    approved = {stage: int(n or 0) for stage, n in capacities}
    seats = {s: (approved.get(s, 0), enrolled.get(s, 0)) for s in sorted(set(approved) | set(enrolled))}
    return Overview(
        as_of=as_of, active_staff=len(people), staff_by_category=dict(by_category),
        teachers_by_stage=dict(by_stage), certs_overdue=overdue, certs_due_soon=soon, behind_on_hours=behind,
        hours_due=due,
        large_classes=[c.id for c in classes if classsize.band(c.grade, c.enrolled) == "large"],
        huge_classes=[c.id for c in classes if classsize.band(c.grade, c.enrolled) == "oversized"],
        seats_by_stage=seats,
        hours_histogram=[(label, histogram.get(label, 0)) for _, _, label in HOURS_BUCKETS],
        education_by_stage=dict(education),
    )


@dataclass(frozen=True, slots=True)
class PersonTotals:  # the hours box of a person page
    cycle_start: date
    cycle_end: date
    totals: CycleTotals
    required: float
    due_by_now: float
    it_required: float

    @property
    def missing(self) -> float:
        """Hours still needed for the whole cycle (0 when reached)."""
        return max(0.0, self.required - self.totals.total)

    @property
    def on_track(self) -> bool:
        return self.totals.total >= self.due_by_now


def person_totals(db: Database, staff_id: int, *, as_of: date, period_id: int | None = None) -> PersonTotals:
    with db.session() as session:
        rule = cycle_rule(session, period_id)
    cycle = cycle_containing(as_of, rule)
    totals = cycle_totals(db, staff_id, cycle.start, cycle.end, as_of=as_of)
    return PersonTotals(cycle.start, cycle.end, totals, rule.required_hours, due_by(rule, as_of), IT_HOURS_3Y)
