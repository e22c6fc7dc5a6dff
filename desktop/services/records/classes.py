"""Classes (班级), seats per stage (学位), new public seats and the county seat task."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import Period, SchoolClass, SeatAddition, SeatTask, StageCapacity, Unit
from desktop.domain.codes import Stage
from desktop.domain.records import (
    CapacityData,
    CapacityRecord,
    ClassData,
    ClassRecord,
    SeatAdditionData,
    SeatAdditionRecord,
    SeatTaskData,
    SeatTaskRecord,
)
from desktop.domain.validate import validate_capacity, validate_class, validate_seat_addition
from desktop.services.core import audit
from desktop.services.core.common import (
    changed_values,
    check_version,
    data_fields,
    ensure_editable,
    fetch,
    raise_on_errors,
    to_record,
)
from desktop.services.core.errors import ServiceError
from desktop.services.records.tables import ClassRow, class_row_in

WHAT = "班级"


def create_class(db: Database, unit_id: int, period_id: int, data: ClassData, *, actor: str = "system") -> ClassRecord:
    raise_on_errors(validate_class(data), WHAT)
    with db.session(write=True) as session:
        fetch(session, Unit, unit_id, "单位")
        fetch(session, Period, period_id, "统计期")
        ensure_editable(session, unit_id, period_id)
        c = SchoolClass(unit_id=unit_id, period_id=period_id, **{n: getattr(data, n) for n in data_fields(ClassData)})
        audit.log_created(session, c, actor=actor, table="classes",
                          changes={"name": (None, c.name), "enrolled": (None, c.enrolled)}, unit_id=unit_id,
                          period_id=period_id)
        return to_record(ClassRecord, c)


def update_class(
    db: Database, class_id: int, changes: Mapping[str, Any], *, expected_version: int | None = None,
    actor: str = "system",
) -> ClassRecord:
    with db.session(write=True) as session:
        c, _old = _update(session, class_id, changes, expected_version=expected_version, actor=actor)
        return to_record(ClassRecord, c)


@dataclass(frozen=True, slots=True)
class ClassEdit:  # what one edit of the 班级 table gives back
    row: ClassRow  # the table line after the edit
    old: dict[str, Any]  # the edited fields as they were: what undo writes back


def edit_class(db: Database, class_id: int, changes: Mapping[str, Any], *, actor: str = "system") -> ClassEdit:
    """One cell edit in one transaction: the old values, the update, the row read back."""
    with db.session(write=True) as session:
        _c, old = _update(session, class_id, changes, expected_version=None, actor=actor)
        row = class_row_in(session, class_id)
        assert row is not None  # just updated, in this transaction
        return ClassEdit(row, old)


def _update(session: Session, class_id: int, changes: Mapping[str, Any], *, expected_version: int | None,
            actor: str) -> tuple[SchoolClass, dict[str, Any]]:
    c = fetch(session, SchoolClass, class_id, WHAT)
    check_version(c, expected_version, WHAT)
    ensure_editable(session, c.unit_id, c.period_id)
    old = {k: getattr(c, k) for k in changes if hasattr(c, k)}
    merged = ClassData(**({n: getattr(c, n) for n in data_fields(ClassData)} | dict(changes)))
    raise_on_errors(validate_class(merged), WHAT)
    diff = changed_values(c, changes, data_fields(ClassData))
    audit.apply_update(session, c, diff, actor=actor, table="classes", unit_id=c.unit_id,
                       period_id=c.period_id)
    return c, old


def delete_class(db: Database, class_id: int, *, actor: str = "system") -> None:
    with db.session(write=True) as session:
        c = fetch(session, SchoolClass, class_id, WHAT)
        ensure_editable(session, c.unit_id, c.period_id)
        audit.log(session, actor=actor, action="delete", table="classes", record_id=c.id, record_uid=c.uid,
                  changes={"name": (c.name, None), "enrolled": (c.enrolled, None)}, unit_id=c.unit_id,
                  period_id=c.period_id)
        session.delete(c)


def list_classes(db: Database, unit_id: int, period_id: int) -> list[ClassRecord]:
    with db.session() as session:
        stmt = (select(SchoolClass).where(SchoolClass.unit_id == unit_id, SchoolClass.period_id == period_id)
                .order_by(SchoolClass.grade, SchoolClass.name))
        return [to_record(ClassRecord, c) for c in session.scalars(stmt)]


def set_capacity(
    db: Database, unit_id: int, period_id: int, data: CapacityData, *, actor: str = "system"
) -> CapacityRecord:
    """Create or update the seats of one stage (one row per school, period and stage)."""
    raise_on_errors(validate_capacity(data), "学位")
    with db.session(write=True) as session:
        ensure_editable(session, unit_id, period_id)
        cap = session.scalars(select(StageCapacity).where(
            StageCapacity.unit_id == unit_id, StageCapacity.period_id == period_id,
            StageCapacity.stage == data.stage)).first()
        values = {n: getattr(data, n) for n in data_fields(CapacityData)}
        if cap is None:
            cap = StageCapacity(unit_id=unit_id, period_id=period_id, **values)
            session.add(cap)
            session.flush()
            diff = {k: (None, v) for k, v in values.items()}
        else:
            diff = changed_values(cap, values, list(values))
            for key, (_, new) in diff.items():
                setattr(cap, key, new)
        if diff:
            audit.log(session, actor=actor, action="update", table="stage_capacities", record_id=cap.id,
                      changes=diff, unit_id=unit_id, period_id=period_id)
        session.flush()
        return to_record(CapacityRecord, cap)


def list_capacities(db: Database, unit_id: int, period_id: int) -> list[CapacityRecord]:
    with db.session() as session:
        stmt = select(StageCapacity).where(StageCapacity.unit_id == unit_id, StageCapacity.period_id == period_id)
        return [to_record(CapacityRecord, c) for c in session.scalars(stmt)]


def add_seats(
    db: Database, unit_id: int, period_id: int, data: SeatAdditionData, *, actor: str = "system"
) -> SeatAdditionRecord:
    raise_on_errors(validate_seat_addition(data), "新增学位")
    with db.session(write=True) as session:
        ensure_editable(session, unit_id, period_id)
        a = SeatAddition(unit_id=unit_id, period_id=period_id,
                         **{n: getattr(data, n) for n in data_fields(SeatAdditionData)})
        session.add(a)
        session.flush()
        audit.log(session, actor=actor, action="create", table="seat_additions", record_id=a.id, record_uid=a.uid,
                  changes={"seats": (None, a.seats)}, unit_id=unit_id, period_id=period_id)
        return to_record(SeatAdditionRecord, a)


def list_seat_additions(db: Database, unit_id: int, period_id: int) -> list[SeatAdditionRecord]:
    with db.session() as session:
        stmt = select(SeatAddition).where(SeatAddition.unit_id == unit_id, SeatAddition.period_id == period_id)
        return [to_record(SeatAdditionRecord, a) for a in session.scalars(stmt)]


def set_seat_task(db: Database, unit_id: int, data: SeatTaskData, *, actor: str = "system") -> SeatTaskRecord:
    """The county's seat-building task for one stage of a plan (editable copy of the policy table)."""
    if Stage.from_label(data.stage) is None or data.seats < 0 or data.end_year < data.start_year:
        raise ServiceError("学位建设任务不完整：请填写学段、起止年份和不小于 0 的学位数。")
    with db.session(write=True) as session:
        task = session.scalars(select(SeatTask).where(
            SeatTask.unit_id == unit_id, SeatTask.plan_name == data.plan_name, SeatTask.stage == data.stage)).first()
        values = {n: getattr(data, n) for n in data_fields(SeatTaskData)}
        if task is None:
            task = SeatTask(unit_id=unit_id, **values)
            session.add(task)
            session.flush()
            diff = {k: (None, v) for k, v in values.items()}
        else:
            diff = changed_values(task, values, list(values))
            for key, (_, new) in diff.items():
                setattr(task, key, new)
        if diff:
            audit.log(session, actor=actor, action="update", table="seat_tasks", record_id=task.id,
                      changes=diff, unit_id=unit_id)
        session.flush()
        return to_record(SeatTaskRecord, task)


def list_seat_tasks(db: Database, unit_id: int) -> list[SeatTaskRecord]:
    with db.session() as session:
        stmt = select(SeatTask).where(SeatTask.unit_id == unit_id).order_by(SeatTask.plan_name, SeatTask.stage)
        return [to_record(SeatTaskRecord, t) for t in session.scalars(stmt)]
