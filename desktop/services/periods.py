"""Periods (统计期): one per 学年, counted at 1 September."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.locks import advisory_lock, period_lock
from desktop.data.models import Period, UnitPeriod
from desktop.domain.records import PeriodRecord
from desktop.services.common import to_record
from desktop.services.errors import NotFoundError, ServiceError

FIRST_YEAR, LAST_YEAR = 2000, 2100


def default_census_date(school_year: int) -> date:
    return date(school_year, 9, 1)


def default_due_date(school_year: int) -> date:
    return date(school_year, 9, 20)


def _record(p: Period) -> PeriodRecord:
    return to_record(PeriodRecord, p)


def ensure_period_in(session: Session, school_year: int) -> Period:
    if not FIRST_YEAR <= school_year <= LAST_YEAR:
        raise ServiceError(f"学年应在 {FIRST_YEAR}–{LAST_YEAR} 之间，现在是 {school_year}。")
    advisory_lock(session, period_lock(school_year))  # get-or-create: two offices must not both create it
    period = session.scalars(select(Period).where(Period.school_year == school_year)).first()
    if period is None:
        period = Period(
            school_year=school_year,
            census_date=default_census_date(school_year),
            due_date=default_due_date(school_year),
        )
        session.add(period)
        session.flush()
    return period


def ensure_period(db: Database, school_year: int) -> PeriodRecord:
    """The period for ``school_year``, created with the national calendar dates if missing."""
    with db.session(write=True) as session:
        return _record(ensure_period_in(session, school_year))


def ensure_unit_period(session: Session, unit_id: int, period_id: int) -> UnitPeriod:
    advisory_lock(session, f"unit-period-row:{unit_id}:{period_id}")
    up = session.scalars(
        select(UnitPeriod).where(UnitPeriod.unit_id == unit_id, UnitPeriod.period_id == period_id)
    ).first()
    if up is None:
        up = UnitPeriod(unit_id=unit_id, period_id=period_id, return_overrides={})
        session.add(up)
        session.flush()
    return up


def list_periods(db: Database) -> list[PeriodRecord]:
    with db.session() as session:
        return [_record(p) for p in session.scalars(select(Period).order_by(Period.school_year.desc()))]


def get_period(db: Database, period_id: int) -> PeriodRecord:
    with db.session() as session:
        p = session.get(Period, period_id)
        if p is None:
            raise NotFoundError("找不到该统计期。")
        return _record(p)


def latest_period(db: Database) -> PeriodRecord | None:
    periods = list_periods(db)
    return periods[0] if periods else None
