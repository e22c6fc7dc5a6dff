"""开始新学年 (rollover): build next year's period from the last one, with a preview.

``preview_rollover`` says what would happen; ``apply_rollover`` does it in one
transaction. For a school, or for an office over every school below it:

- staff, certificates and training live across periods: nothing to copy;
- classes move up a grade with their pupils, the top grade leaves, each entry
  grade gets empty classes (rules in ``desktop.domain.promotion``); every new
  class remembers the class it came from (``rolled_from_uid``);
- seats per stage (核定学位, 寄宿学位, 资源教室) are copied for editing; new public
  seats (新增学位) are not: they are events of the old year, and copying them
  would count the same seats twice in 学位建设进度;
- the chosen target set, the sign-off names and the return header overrides
  carry over; the workflow starts again at 草稿; due dates start from the new
  period's default (the office sets its own);
- findings and 填写说明 stay with the year they explain.

Nothing in the old period is written. A unit whose new period already holds
classes or seats is left alone, so running rollover twice adds nothing and says
so (the new period's ``rolled_from_id`` and the classes' ``rolled_from_uid`` tell
"already rolled over" from "typed in by hand").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.data.base import new_uid, utcnow
from desktop.data.bulk import insert_rows
from desktop.data.engine import Database
from desktop.data.models import (
    Period,
    SchoolClass,
    SeatAddition,
    Staff,
    StageCapacity,
    TargetSet,
    Unit,
    UnitPeriod,
)
from desktop.data.queries import period_for_year, unit_tree
from desktop.domain.codes import SchoolCategory, UnitKind, WorkflowState
from desktop.domain.promotion import ClassSeed, plan_promotion
from desktop.domain.records import PeriodRecord
from desktop.services.core import audit
from desktop.services.core.common import fetch, to_record
from desktop.services.core.errors import ServiceError
from desktop.services.year.periods import default_census_date, default_due_date

# What happens to a unit: rolled now, already rolled before, or left alone because it has data.
TODO, ROLLED, HAS_DATA, NOTHING = "todo", "rolled", "has_data", "nothing"
CARRIED_SIGN_OFF = ("head_name", "statistician_name", "preparer_name", "phone")


@dataclass(frozen=True, slots=True)
class ClassMove:  # an old class continuing in the new period (promoted, or 混合班/特教班 staying)
    unit_id: int
    from_id: int
    from_uid: str
    old_grade: str
    new_grade: str
    old_name: str
    new_name: str
    enrolled: int
    boarders: int
    disabled: int


@dataclass(frozen=True, slots=True)
class LeavingClass:  # the top grade: graduates (毕业) or leaves kindergarten (离园)
    unit_id: int
    class_id: int
    grade: str
    name: str
    enrolled: int


@dataclass(frozen=True, slots=True)
class NewClass:  # an empty entry-grade class for the new intake
    unit_id: int
    grade: str
    name: str


@dataclass(frozen=True, slots=True)
class CapacityCopy:  # seats of one stage, copied for editing
    unit_id: int
    stage: str
    approved_seats: int
    boarding_seats: int
    resource_room: bool


@dataclass(frozen=True, slots=True)
class UnitRollover:  # the plan for one unit
    unit_id: int
    code: str
    name: str
    kind: str
    status: str  # TODO | ROLLED | HAS_DATA | NOTHING
    moves: tuple[ClassMove, ...] = ()
    leaving: tuple[LeavingClass, ...] = ()
    new_classes: tuple[NewClass, ...] = ()
    capacities: tuple[CapacityCopy, ...] = ()
    seat_additions_left: int = 0  # 新增学位 rows of the old year that are not copied
    target_set_code: str | None = None

    @property
    def note(self) -> str:
        if self.status == ROLLED:
            return "已结转过，不再重复生成"
        if self.status == HAS_DATA:
            return "新学年已有手工录入的班级或学位数据，不覆盖"
        if self.status == NOTHING:
            return "没有需要结转的班级或学位数据"
        return ""

    @property
    def empty(self) -> bool:
        return not (self.moves or self.new_classes or self.capacities)


@dataclass(frozen=True, slots=True)
class RolloverPlan:
    unit_id: int
    unit_name: str
    from_period_id: int
    from_year: int
    to_year: int
    to_period_id: int | None  # None: the period will be created
    staff_carried: int  # active staff in scope, carried as they are
    units: tuple[UnitRollover, ...] = field(default_factory=tuple)

    def _todo(self) -> list[UnitRollover]:
        return [u for u in self.units if u.status == TODO]

    @property
    def moves(self) -> list[ClassMove]:
        return [m for u in self._todo() for m in u.moves]

    @property
    def leaving(self) -> list[LeavingClass]:
        return [c for u in self._todo() for c in u.leaving]

    @property
    def new_classes(self) -> list[NewClass]:
        return [c for u in self._todo() for c in u.new_classes]

    @property
    def capacities(self) -> list[CapacityCopy]:
        return [c for u in self._todo() for c in u.capacities]

    @property
    def already_done(self) -> bool:
        """True when there is nothing left to build: the rollover already ran."""
        return self.to_period_id is not None and not self._todo() and any(u.status == ROLLED for u in self.units)

    @property
    def nothing_to_do(self) -> bool:
        return not self._todo()

    @property
    def message(self) -> str:
        if self.already_done:
            return (f"{self.to_year}学年 已经由 {self.from_year}学年 结转过，没有需要新建的内容；"
                    "再次结转不会重复生成任何数据。")
        todo = self._todo()
        if not todo:
            return (f"{self.to_year}学年 中的单位都已有自己的班级或学位数据，结转不会覆盖它们，"
                    "因此没有需要新建的内容。如需从上一学年带入，请先删除新学年中手工录入的班级和学位。")
        return (f"将从 {self.from_year}学年 结转到 {self.to_year}学年：{len(todo)} 个单位，"
                f"升级班级 {len(self.moves)} 个，毕业/离园班级 {len(self.leaving)} 个，"
                f"新建空白起始年级班级 {len(self.new_classes)} 个，复制学位数据 {len(self.capacities)} 条；"
                f"{self.staff_carried} 名在职教职工及其证书、培训记录原样保留；填报状态重置为草稿。")


@dataclass(frozen=True, slots=True)
class RolloverResult:
    plan: RolloverPlan
    period: PeriodRecord
    classes_created: int
    capacities_created: int
    unit_periods_created: int

    @property
    def already_done(self) -> bool:
        return self.plan.already_done

    @property
    def message(self) -> str:
        if self.plan.nothing_to_do:
            return self.plan.message
        return (f"已开始 {self.period.label}：新建班级 {self.classes_created} 个（其中空白起始年级班级 "
                f"{len(self.plan.new_classes)} 个，请填写新生人数），复制学位数据 {self.capacities_created} 条。"
                f"{self.plan.from_year}学年 的数据未作任何改动。")


def _chunks(ids: Sequence[int], size: int = 900) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield list(ids[i:i + size])


def _units_with_data(session: Session, unit_ids: list[int], period_id: int) -> tuple[set[int], set[int]]:
    """(units with any class or seat row in the period, units with a rolled-over class there)."""
    any_data: set[int] = set()
    rolled: set[int] = set()
    for chunk in _chunks(unit_ids):
        for uid, n_rolled in session.execute(
            select(SchoolClass.unit_id, func.count(SchoolClass.rolled_from_uid))
            .where(SchoolClass.period_id == period_id, SchoolClass.unit_id.in_(chunk))
            .group_by(SchoolClass.unit_id)
        ):
            any_data.add(uid)
            if n_rolled:
                rolled.add(uid)
        any_data.update(session.scalars(select(StageCapacity.unit_id).where(
            StageCapacity.period_id == period_id, StageCapacity.unit_id.in_(chunk))))
    return any_data, rolled


def _plan_in(session: Session, unit_id: int, from_period_id: int) -> RolloverPlan:
    src = fetch(session, Period, from_period_id, "统计期")
    to_year = src.school_year + 1
    # The new year carries the units that count on its census date: a school closed during
    # the year that ends is left behind.
    units = unit_tree(session, unit_id, include_closed=False, counted_on=default_census_date(to_year),
                      columns=(Unit.name, Unit.category))
    target = period_for_year(session, to_year)
    if target is not None and target.closed:
        raise ServiceError(f"{to_year}学年 的统计期已关闭，不能结转进去。如确需结转，请管理员先重新打开该统计期。")
    ids = [u.id for u in units]
    classes: dict[int, list[SchoolClass]] = {}
    caps: dict[int, list[StageCapacity]] = {}
    additions: dict[int, int] = {}
    chosen: dict[int, str] = {}
    for chunk in _chunks(ids):
        for c in session.scalars(select(SchoolClass).where(
                SchoolClass.period_id == src.id, SchoolClass.unit_id.in_(chunk)).order_by(SchoolClass.id)):
            classes.setdefault(c.unit_id, []).append(c)
        for cap in session.scalars(select(StageCapacity).where(
                StageCapacity.period_id == src.id, StageCapacity.unit_id.in_(chunk)).order_by(StageCapacity.id)):
            caps.setdefault(cap.unit_id, []).append(cap)
        additions.update(session.execute(select(SeatAddition.unit_id, func.count()).where(
            SeatAddition.period_id == src.id, SeatAddition.unit_id.in_(chunk)).group_by(SeatAddition.unit_id)).all())
        chosen.update(session.execute(select(UnitPeriod.unit_id, TargetSet.code)
                                      .join(TargetSet, TargetSet.id == UnitPeriod.target_set_id)
                                      .where(UnitPeriod.period_id == src.id, UnitPeriod.unit_id.in_(chunk))).all())
    has_data, rolled = _units_with_data(session, ids, target.id) if target is not None else (set(), set())
    has_status: set[int] = set()
    if target is not None:
        for chunk in _chunks(ids):
            has_status.update(session.scalars(select(UnitPeriod.unit_id).where(
                UnitPeriod.period_id == target.id, UnitPeriod.unit_id.in_(chunk))))
    built_from_src = target is not None and target.rolled_from_id == src.id
    staff = 0
    for chunk in _chunks(ids):
        staff += session.scalar(select(func.count()).select_from(Staff).where(
            Staff.unit_id.in_(chunk), Staff.status == "active")) or 0
    plans: list[UnitRollover] = []
    for u in units:
        base = {"unit_id": u.id, "code": u.code, "name": u.name, "kind": u.kind,
                "target_set_code": chosen.get(u.id)}
        if u.id in has_data:
            was_rolled = u.id in rolled or built_from_src
            plans.append(UnitRollover(status=ROLLED if was_rolled else HAS_DATA, **base))
            continue
        # A unit with nothing to build (an office, a school without classes) is done once its 填报状态 exists.
        settled = ROLLED if built_from_src else NOTHING
        if u.kind != UnitKind.SCHOOL.value:
            plans.append(UnitRollover(status=settled if u.id in has_status else TODO, **base))
            continue
        old = classes.get(u.id, [])
        category = SchoolCategory.from_label(u.category) if u.category else None
        promo = plan_promotion(
            [ClassSeed(c.uid, c.grade, c.name, c.enrolled, c.boarders, c.disabled) for c in old],
            category.stages if category and old else ())
        by_uid = {c.uid: c for c in old}
        status = settled if u.id in has_status and not (promo.promoted or promo.entry or caps.get(u.id)) else TODO
        plans.append(UnitRollover(
            status=status,
            moves=tuple(ClassMove(u.id, by_uid[p.source.key].id, p.source.key, p.source.grade, p.new_grade,
                                  p.source.name, p.new_name, p.source.enrolled, p.source.boarders,
                                  p.source.disabled) for p in promo.promoted),
            leaving=tuple(LeavingClass(u.id, by_uid[c.key].id, c.grade, c.name, c.enrolled) for c in promo.leaving),
            new_classes=tuple(NewClass(u.id, e.grade, e.name) for e in promo.entry),
            capacities=tuple(CapacityCopy(u.id, c.stage, c.approved_seats, c.boarding_seats, c.resource_room)
                             for c in caps.get(u.id, [])),
            seat_additions_left=int(additions.get(u.id, 0)),
            **base,
        ))
    return RolloverPlan(unit_id=unit_id, unit_name=units[0].name, from_period_id=src.id, from_year=src.school_year,
                        to_year=to_year, to_period_id=target.id if target is not None else None,
                        staff_carried=staff, units=tuple(plans))


def preview_rollover(db: Database, unit_id: int, from_period_id: int) -> RolloverPlan:
    """What 开始新学年 would do; reads only."""
    with db.session() as session:
        return _plan_in(session, unit_id, from_period_id)


def _unit_periods(session: Session, plan: RolloverPlan, target: Period) -> int:
    """New 填报状态 rows in 草稿, carrying target set, sign-off names and header overrides; never overwriting."""
    todo = [u for u in plan.units if u.status == TODO]
    ids = [u.unit_id for u in todo]
    old: dict[int, UnitPeriod] = {}
    existing: dict[int, UnitPeriod] = {}
    for chunk in _chunks(ids):
        old.update((up.unit_id, up) for up in session.scalars(select(UnitPeriod).where(
            UnitPeriod.period_id == plan.from_period_id, UnitPeriod.unit_id.in_(chunk))))
        existing.update((up.unit_id, up) for up in session.scalars(select(UnitPeriod).where(
            UnitPeriod.period_id == target.id, UnitPeriod.unit_id.in_(chunk))))
    created = 0
    for unit_id in ids:
        prev = old.get(unit_id)
        up = existing.get(unit_id)
        if up is None:
            up = UnitPeriod(unit_id=unit_id, period_id=target.id, state=WorkflowState.DRAFT.value,
                            return_overrides=dict(prev.return_overrides or {}) if prev else {})
            session.add(up)
            created += 1
        if prev is None:
            continue
        if up.target_set_id is None:
            up.target_set_id = prev.target_set_id
        for name in CARRIED_SIGN_OFF:
            if getattr(up, name) is None:
                setattr(up, name, getattr(prev, name))
    session.flush()
    return created


def apply_rollover(db: Database, unit_id: int, from_period_id: int, *, actor: str = "system") -> RolloverResult:
    """Build the next period from ``from_period_id`` for the unit (and every unit below it), in one transaction."""
    with db.session(write=True) as session:
        plan = _plan_in(session, unit_id, from_period_id)
        target = session.get(Period, plan.to_period_id) if plan.to_period_id is not None else None
        if plan.nothing_to_do:  # already rolled over, or every unit has its own data: write nothing
            assert target is not None
            return RolloverResult(plan, to_record(PeriodRecord, target), 0, 0, 0)
        if target is None:
            target = Period(school_year=plan.to_year, census_date=default_census_date(plan.to_year),
                            due_date=default_due_date(plan.to_year), rolled_from_id=plan.from_period_id)
            session.add(target)
            session.flush()
        elif target.rolled_from_id is None:
            target.rolled_from_id = plan.from_period_id
        now = utcnow()
        rows: list[tuple[object, ...]] = [(new_uid(), m.unit_id, target.id, m.new_grade, m.new_name, m.enrolled, m.boarders, m.disabled,
                 m.from_uid, 1, now, now) for m in plan.moves]
        rows += [(new_uid(), c.unit_id, target.id, c.grade, c.name, 0, 0, 0, None, 1, now, now)
                 for c in plan.new_classes]
        conn = session.connection()
        classes = insert_rows(conn, "classes", ("uid", "unit_id", "period_id", "grade", "name", "enrolled", "boarders",
                                                "disabled", "rolled_from_uid", "version", "created_at", "updated_at"),
                              rows)
        capacities = insert_rows(conn, "stage_capacities", (
            "unit_id", "period_id", "stage", "approved_seats", "boarding_seats", "resource_room", "version",
            "created_at", "updated_at"), [(c.unit_id, target.id, c.stage, c.approved_seats, c.boarding_seats,
                                           c.resource_room, 1, now, now) for c in plan.capacities])
        ups = _unit_periods(session, plan, target)
        audit.log(session, actor=actor, action="rollover", table="periods", record_id=target.id,
                  changes={"classes": (None, classes), "stage_capacities": (None, capacities)},
                  unit_id=unit_id, period_id=target.id,
                  reason=f"由 {plan.from_year}学年 结转（{len([u for u in plan.units if u.status == TODO])} 个单位）")
        session.flush()
        session.refresh(target)
        return RolloverResult(plan, to_record(PeriodRecord, target), classes, capacities, ups)
