"""Reads every service shares: the home unit, the period of a school year, the unit tree.

Written once so that two returns cannot disagree about which schools count.

**Closed units (撤销).** A unit is never deleted; closing it sets ``closed_on``. Whether a
closed unit belongs in a walk of the tree is a decision each caller states with
``include_closed``:

- ``include_closed=True`` — the tree as recorded: packages (a package carries the closed
  units so the level above learns of the closure; an office recognises a late package from
  a unit it has since closed) and the seat-task offices.
- ``include_closed=False`` with the period's census date (``counted_on``) — everything that
  reports *for a period*: returns, readiness, indicators, reminders, consolidation, the
  approval of an office (units still pending below it) and the rollover. A school closed
  during the school year still counts for the year it reported (it was open on the census
  date, 1 September); from the next year on it does not.
- ``include_closed=False`` without a date — units still open today.

Sessions belong to the caller (a service's unit of work); nothing here commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Row, and_, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import GenericFunction

from desktop.data.models import Period, Staff, Unit
from desktop.domain.codes import UnitKind


def home_unit(session: Session) -> Unit | None:
    """The unit this database belongs to (``is_home``), or None before set-up."""
    return session.scalars(select(Unit).where(Unit.is_home.is_(True))).first()


def home_unit_id(session: Session) -> int | None:
    """The id of the home unit, without loading the row."""
    return session.scalars(select(Unit.id).where(Unit.is_home.is_(True))).first()


def period_for_year(session: Session, school_year: int | None) -> Period | None:
    """The period of ``school_year`` (2025 = 2025学年), or the latest period when None."""
    stmt = select(Period)
    if school_year:
        stmt = stmt.where(Period.school_year == school_year)
    else:
        stmt = stmt.order_by(Period.school_year.desc())
    return session.scalars(stmt).first()


def counts_on(closed_on: date | None, counted_on: date | None) -> bool:
    """Whether a unit closed on ``closed_on`` still counts at ``counted_on`` (None: today's view).

    It counts while it is open, and for a period whose census date came before the closure.
    """
    if closed_on is None:
        return True
    return counted_on is not None and closed_on > counted_on


_BASE = (Unit.id, Unit.code, Unit.kind, Unit.parent_id, Unit.closed_on)


def unit_tree(
    session: Session, unit_id: int, *, include_closed: bool, counted_on: date | None = None,
    columns: Sequence[InstrumentedAttribute[Any]] = (), include_root: bool = True,
) -> list[Row[Any]]:
    """The unit and every unit below it, parents before children, by code within a level.

    Each row has ``id, code, kind, parent_id, closed_on`` plus the extra ``columns`` asked
    for. With ``include_closed=False`` units that do not count at ``counted_on`` are left out
    together with everything below them (see the module docstring). The root is returned
    whatever its state: the caller asked about it by id. An unknown id gives an empty list.
    """
    cols = (*_BASE, *(c for c in columns if c not in _BASE))
    root = session.execute(select(*cols).where(Unit.id == unit_id)).first()
    if root is None:
        return []
    out: list[Row[Any]] = [root] if include_root else []
    frontier = [root.id] if root.kind != UnitKind.SCHOOL.value else []
    while frontier:
        stmt = select(*cols).where(Unit.parent_id.in_(frontier)).order_by(Unit.code)
        if not include_closed:
            stmt = stmt.where(or_(Unit.closed_on.is_(None), Unit.closed_on > counted_on)
                              if counted_on is not None else Unit.closed_on.is_(None))
        rows = session.execute(stmt).all()
        out += rows
        # Schools have no units below them: stop there rather than ask again.
        frontier = [r.id for r in rows if r.kind != UnitKind.SCHOOL.value]
    return out


def school_ids(session: Session, unit_id: int, *, include_closed: bool, counted_on: date | None = None) -> list[int]:
    """Ids of every school at or below ``unit_id`` (a school gives itself)."""
    return [r.id for r in unit_tree(session, unit_id, include_closed=include_closed, counted_on=counted_on)
            if r.kind == UnitKind.SCHOOL.value]


def in_post_on(census: date) -> Any:
    """Staff counted in a period: in post on its census date (统计时点).

    Records are never deleted; someone who left after the census date still
    counts for that period, someone who joined after it does not.
    """
    return and_(or_(Staff.status == "active", Staff.end_date > census),
                or_(Staff.join_date.is_(None), Staff.join_date <= census))


class plain_value(GenericFunction[Any]):
    """A column compared as stored, without its type affinity: ``+col`` on SQLite, ``col`` elsewhere.

    SQLite gives a ``DATE`` column NUMERIC affinity, so ``end_date > ?`` tries to read the
    ISO text of the parameter as a number on every row (0.5–1 s over a city's 4.8 million
    training records). Dates are stored as ISO text, which compares the same without it."""

    name = "plain_value"
    inherit_cache = True


@compiles(plain_value)
def _plain_value(element: plain_value, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(plain_value, "sqlite")
def _plain_value_sqlite(element: plain_value, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(element.clauses, **kw)


def as_stored(column: Any) -> ColumnElement[Any]:
    """``column`` for comparisons that skip SQLite's affinity conversion (``plain_value``)."""
    return plain_value(column, type_=column.type)
