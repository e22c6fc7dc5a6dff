"""Periods (统计期): one per 学年, counted at 1 September; creating, closing, due dates.

Data that belongs to a period (classes, seats, 填写说明, findings, workflow state)
is kept per period; people, certificates and training live across periods. A
closed period (已关闭) is read-only for its period data: ``ensure_period_open``
refuses, and ``common.ensure_editable`` calls it for every period-data edit.
The GUI keeps one "current period" (``AppContext.period``): ``default_period``
says which to open and ``list_periods`` feeds the switcher.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.locks import advisory_lock, period_lock
from desktop.data.models import Period, Unit, UnitPeriod
from desktop.data.queries import period_for_year
from desktop.domain.records import PeriodRecord
from desktop.services.core import audit
from desktop.services.core.common import (
    ensure_period_open as ensure_period_open,  # the guard, re-exported
)
from desktop.services.core.common import fetch, to_record
from desktop.services.core.errors import NotFoundError, ServiceError

FIRST_YEAR, LAST_YEAR = 2000, 2100


def default_census_date(school_year: int) -> date:
    return date(school_year, 9, 1)


def default_due_date(school_year: int) -> date:
    return date(school_year, 9, 20)


def school_year_of(day: date) -> int:
    """The 学年 a day falls in (a 学年 runs 1 September – 31 August)."""
    return day.year if day.month >= 9 else day.year - 1


def _record(p: Period) -> PeriodRecord:
    return to_record(PeriodRecord, p)


def _check_year(school_year: int) -> None:
    if not FIRST_YEAR <= school_year <= LAST_YEAR:
        raise ServiceError(f"学年应在 {FIRST_YEAR}–{LAST_YEAR} 之间，现在是 {school_year}。")



def ensure_period_in(session: Session, school_year: int) -> Period:
    _check_year(school_year)
    advisory_lock(session, period_lock(school_year))  # get-or-create: two offices must not both create it
    period = period_for_year(session, school_year)
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


def create_period(
    db: Database, school_year: int, *, census_date: date | None = None, due_date: date | None = None,
    actor: str = "system",
) -> PeriodRecord:
    """A new, empty period (use rollover to build it from last year's data instead)."""
    _check_year(school_year)
    census = census_date or default_census_date(school_year)
    due = due_date or default_due_date(school_year)
    if school_year_of(census) != school_year:
        raise ServiceError(f"统计时点 {census.isoformat()} 不在 {school_year}学年内（{school_year}年9月1日至次年8月31日）。")
    if due < census:
        raise ServiceError(f"报送截止日期 {due.isoformat()} 早于统计时点 {census.isoformat()}，请改为统计时点之后的日期。")
    with db.session(write=True) as session:
        advisory_lock(session, period_lock(school_year))
        if period_for_year(session, school_year) is not None:
            raise ServiceError(f"{school_year}学年 的统计期已经存在，无需重复新建。")
        p = Period(school_year=school_year, census_date=census, due_date=due)
        session.add(p)
        session.flush()
        audit.log(session, actor=actor, action="create", table="periods", record_id=p.id,
                  changes={"school_year": (None, school_year)}, period_id=p.id)
        return _record(p)


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


def ensure_unit_periods(session: Session, unit_ids: Iterable[int], period_id: int) -> dict[int, UnitPeriod]:
    """``ensure_unit_period`` for many units at once: one query per 500 units and one flush, not two per unit.

    A county's package carries some 300 units; asked one by one, their rows cost a SELECT and
    a flush each (0.5 s of a county package's import). The same locks are taken, in unit order.
    """
    ids = sorted(set(unit_ids))
    for unit_id in ids:
        advisory_lock(session, f"unit-period-row:{unit_id}:{period_id}")
    found: dict[int, UnitPeriod] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        found.update((up.unit_id, up) for up in session.scalars(
            select(UnitPeriod).where(UnitPeriod.period_id == period_id, UnitPeriod.unit_id.in_(chunk))))
    missing = [UnitPeriod(unit_id=unit_id, period_id=period_id, return_overrides={})
               for unit_id in ids if unit_id not in found]
    if missing:
        session.add_all(missing)
        session.flush()
        found.update((up.unit_id, up) for up in missing)
    return found


def list_periods(db: Database) -> list[PeriodRecord]:
    """Newest first: what the period switcher lists."""
    with db.session() as session:
        return [_record(p) for p in session.scalars(select(Period).order_by(Period.school_year.desc()))]


def get_period(db: Database, period_id: int) -> PeriodRecord:
    with db.session() as session:
        p = session.get(Period, period_id)
        if p is None:
            raise NotFoundError("找不到该统计期。")
        return _record(p)


def find_period(db: Database, school_year: int) -> PeriodRecord | None:
    with db.session() as session:
        p = period_for_year(session, school_year)
        return _record(p) if p else None


def latest_period(db: Database) -> PeriodRecord | None:
    periods = list_periods(db)
    return periods[0] if periods else None


def default_period(db: Database, today: date | None = None) -> PeriodRecord | None:
    """The period the GUI opens: the 学年 containing today if it exists, else the newest before it, else the newest."""
    periods = list_periods(db)
    year = school_year_of(today or date.today())
    return next((p for p in periods if p.school_year <= year), periods[0] if periods else None)


def close_period(db: Database, period_id: int, *, actor: str = "system", reason: str | None = None) -> PeriodRecord:
    """Make the period's data read-only (people, certificates and training stay editable)."""
    with db.session(write=True) as session:
        p = fetch(session, Period, period_id, "统计期")
        if p.closed:
            raise ServiceError(f"{p.school_year}学年 的统计期已经关闭。")
        p.closed = True
        audit.log(session, actor=actor, action="close", table="periods", record_id=p.id,
                  changes={"closed": (False, True)}, period_id=p.id, reason=reason)
        return _record(p)


def reopen_period(db: Database, period_id: int, *, reason: str, actor: str = "system") -> PeriodRecord:
    if not reason.strip():
        raise ServiceError("重新打开已关闭的统计期需要填写原因（将记入操作日志）。")
    with db.session(write=True) as session:
        p = fetch(session, Period, period_id, "统计期")
        if not p.closed:
            raise ServiceError(f"{p.school_year}学年 的统计期没有关闭，无需重新打开。")
        p.closed = False
        audit.log(session, actor=actor, action="reopen", table="periods", record_id=p.id,
                  changes={"closed": (True, False)}, period_id=p.id, reason=reason.strip())
        return _record(p)


def set_period_due_date(db: Database, period_id: int, due: date, *, actor: str = "system") -> PeriodRecord:
    """The 报送截止 of the period for every unit that has no date of its own."""
    with db.session(write=True) as session:
        p = fetch(session, Period, period_id, "统计期")
        if due < p.census_date:
            raise ServiceError(f"报送截止日期 {due.isoformat()} 早于统计时点 {p.census_date.isoformat()}，"
                               "请改为统计时点之后的日期。")
        if p.due_date != due:
            audit.log(session, actor=actor, action="update", table="periods", record_id=p.id,
                      changes={"due_date": (p.due_date, due)}, period_id=p.id)
            p.due_date = due
        return _record(p)


def set_unit_due_date(
    db: Database, unit_id: int, period_id: int, due: date | None, *, actor: str = "system"
) -> date | None:
    """An office's own 报送截止 for one unit below it (None falls back to the period's date)."""
    with db.session(write=True) as session:
        fetch(session, Unit, unit_id, "单位")
        p = fetch(session, Period, period_id, "统计期")
        if due is not None and due < p.census_date:
            raise ServiceError(f"报送截止日期 {due.isoformat()} 早于统计时点 {p.census_date.isoformat()}，"
                               "请改为统计时点之后的日期。")
        up = ensure_unit_period(session, unit_id, period_id)
        if up.due_date != due:
            audit.log(session, actor=actor, action="update", table="unit_periods", record_id=up.id,
                      changes={"due_date": (up.due_date, due)}, unit_id=unit_id, period_id=period_id)
            up.due_date = due
        return due if due is not None else p.due_date


def due_date_in(session: Session, unit_id: int, period_id: int) -> date | None:
    """The unit's own date if the office set one, else the period's."""
    own = session.scalars(select(UnitPeriod.due_date).where(
        UnitPeriod.unit_id == unit_id, UnitPeriod.period_id == period_id)).first()
    if own is not None:
        return own
    return session.scalars(select(Period.due_date).where(Period.id == period_id)).first()


def due_date_for(db: Database, unit_id: int, period_id: int) -> date | None:
    with db.session() as session:
        return due_date_in(session, unit_id, period_id)


def days_left(due: date, today: date) -> int:
    """Days until ``due`` (0 on the day itself, negative when late)."""
    return (due - today).days
