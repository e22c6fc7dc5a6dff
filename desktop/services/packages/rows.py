"""Reading a unit's detail out of the database as package rows (exchange.tables order).

The package of a unit carries everything at or below it: a school's own
records, or a county's and every school's below it, so the next level up can
drill down to a person. Queries select columns (never ORM objects) and yield
rows, because a county has 800,000 training records.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.data.models import (
    Appraisal,
    Credential,
    EthicsRecord,
    Explanation,
    Movement,
    Registration,
    SchoolClass,
    SeatAddition,
    SeatTask,
    Staff,
    StaffCourse,
    StageCapacity,
    TrainingRecord,
    Unit,
    UnitPeriod,
)
from desktop.exchange import tables as T

Row = Sequence[Any]


def _chunks(ids: Sequence[int], size: int = 500) -> Iterator[list[int]]:
    for i in range(0, len(ids), size):
        yield list(ids[i:i + size])


def _stream(session: Session, stmt_for: Any, ids: Sequence[int]) -> Iterator[Row]:
    for chunk in _chunks(ids):
        stmt: Select[Any] = stmt_for(chunk)
        yield from session.execute(stmt.execution_options(yield_per=20_000))


class DetailReader:
    """Yields the rows of each package table for the units ``ids`` and the period."""

    def __init__(self, session: Session, ids: Sequence[int], period_id: int) -> None:
        self.s = session
        self.ids = list(ids)
        self.period_id = period_id

    def rows(self, table: str) -> Iterator[Row]:
        return getattr(self, f"_{table}")()  # type: ignore[no-any-return]

    def _units(self) -> Iterator[Row]:
        cols = [getattr(Unit, c) for c in T.UNITS.columns]
        by_id = {r.id: tuple(r)[1:] for r in self.s.execute(select(Unit.id, *cols).where(Unit.id.in_(self.ids)))}
        for i in self.ids:  # parents first, as ``data.queries.unit_tree`` ordered them
            yield by_id[i]

    def _unit_periods(self) -> Iterator[Row]:
        cols = [getattr(UnitPeriod, c) for c in T.UNIT_PERIODS.columns[1:]]
        return _stream(self.s, lambda ch: select(Unit.code, *cols).join(Unit, Unit.id == UnitPeriod.unit_id).where(
            UnitPeriod.unit_id.in_(ch), UnitPeriod.period_id == self.period_id), self.ids)

    def _proxies(self) -> Iterator[Row]:
        """代报 marks: the units of the period whose data an office entered for them."""
        return _stream(self.s, lambda ch: select(Unit.code, UnitPeriod.proxy_by).join(
            Unit, Unit.id == UnitPeriod.unit_id).where(UnitPeriod.unit_id.in_(ch), UnitPeriod.period_id ==
                                                       self.period_id, UnitPeriod.proxy_by.is_not(None))
            .order_by(UnitPeriod.id), self.ids)

    def _staff(self) -> Iterator[Row]:
        names = T.STAFF.columns
        cols = [Unit.code if c == "unit_code" else getattr(Staff, c) for c in names]
        return _stream(self.s, lambda ch: select(*cols).join(Unit, Unit.id == Staff.unit_id)
                       .where(Staff.unit_id.in_(ch)).order_by(Staff.id), self.ids)

    def _by_staff(self, model: Any, names: Sequence[str]) -> Iterator[Row]:
        cols = [Staff.uid if c == "staff_uid" else getattr(model, c) for c in names]
        return _stream(self.s, lambda ch: select(*cols).join(Staff, Staff.id == model.staff_id)
                       .where(Staff.unit_id.in_(ch)).order_by(model.id), self.ids)

    def _movements(self) -> Iterator[Row]:
        return self._by_staff(Movement, T.MOVEMENTS.columns)

    def _credentials(self) -> Iterator[Row]:
        return self._by_staff(Credential, T.CREDENTIALS.columns)

    def _training(self) -> Iterator[Row]:
        return self._by_staff(TrainingRecord, T.TRAINING.columns)

    def _appraisals(self) -> Iterator[Row]:
        return self._by_staff(Appraisal, T.APPRAISALS.columns)

    def _ethics_records(self) -> Iterator[Row]:
        return self._by_staff(EthicsRecord, T.ETHICS.columns)

    def _staff_national(self) -> Iterator[Row]:
        """Only the people with a national field set: the others read as "none" (exchange.tables)."""
        cols = [Staff.uid if c == "staff_uid" else getattr(Staff, c) for c in T.STAFF_NATIONAL.columns]
        recorded = or_(Staff.not_teaching.is_(True), Staff.external_teacher.is_(True),
                       Staff.foreign_national.is_(True), Staff.overseas.is_not(None))
        return _stream(self.s, lambda ch: select(*cols).where(Staff.unit_id.in_(ch), recorded)
                       .order_by(Staff.id), self.ids)

    def _staff_courses(self) -> Iterator[Row]:
        return self._by_staff(StaffCourse, T.STAFF_COURSES.columns)

    def _registrations(self) -> Iterator[Row]:
        cred = aliased(Credential)
        cols = [cred.uid if c == "credential_uid" else getattr(Registration, c) for c in T.REGISTRATIONS.columns]
        return _stream(self.s, lambda ch: select(*cols).join(cred, cred.id == Registration.credential_id)
                       .join(Staff, Staff.id == cred.staff_id).where(Staff.unit_id.in_(ch))
                       .order_by(Registration.id), self.ids)

    def _per_period(self, model: Any, names: Sequence[str]) -> Iterator[Row]:
        cols = [Unit.code if c == "unit_code" else getattr(model, c) for c in names]
        return _stream(self.s, lambda ch: select(*cols).join(Unit, Unit.id == model.unit_id).where(
            model.unit_id.in_(ch), model.period_id == self.period_id).order_by(model.id), self.ids)

    def _classes(self) -> Iterator[Row]:
        return self._per_period(SchoolClass, T.CLASSES.columns)

    def _capacities(self) -> Iterator[Row]:
        return self._per_period(StageCapacity, T.CAPACITIES.columns)

    def _seat_additions(self) -> Iterator[Row]:
        return self._per_period(SeatAddition, T.SEAT_ADDITIONS.columns)

    def _explanations(self) -> Iterator[Row]:
        return self._per_period(Explanation, T.EXPLANATIONS.columns)

    def _seat_tasks(self) -> Iterator[Row]:
        cols = [Unit.code if c == "unit_code" else getattr(SeatTask, c) for c in T.SEAT_TASKS.columns]
        return _stream(self.s, lambda ch: select(*cols).join(Unit, Unit.id == SeatTask.unit_id)
                       .where(SeatTask.unit_id.in_(ch)).order_by(SeatTask.id), self.ids)

    def _findings(self) -> Iterator[Row]:  # filled by the exporter from a fresh check, not read here
        return iter(())
