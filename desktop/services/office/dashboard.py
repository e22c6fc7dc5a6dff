"""Office dashboard (上报情况): who reported, who is late, and 审核通过 of a received package.

The expected units are the units directly below the home unit (the office's
school list, built by hand, from a spreadsheet, or from received packages).
For each: received / approved / returned / missing, when the package came,
the deadline (the unit's own, else the period's) and whether it was late, and
the number of errors and warnings it carries.

Sending a package back (退回) is in ``send_back``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.base import utcnow
from desktop.data.engine import Database
from desktop.data.models import Submission, Unit, UnitPeriod
from desktop.data.queries import counts_on
from desktop.domain.codes import SubmissionKind, WorkflowState
from desktop.services.core import audit
from desktop.services.core.common import home_or_raise
from desktop.services.core.errors import NotFoundError, ServiceError
from desktop.services.core.users import SYSTEM, Actor, require
from desktop.services.packages.support import period_for
from desktop.services.signing.package_keys import (
    pinned_keys,
)
from desktop.services.year.periods import ensure_unit_period

STATUS_LABELS = {"missing": "未报送", "received": "已接收", "approved": "已审核", "returned": "已退回"}


@dataclass(frozen=True, slots=True)
class DashboardRow:
    unit_id: int
    code: str
    name: str
    kind: str
    status: str  # missing | received | approved | returned
    received_at: datetime | None
    deadline: date | None
    late: bool
    errors: int
    warnings: int
    file_name: str | None
    comment: str | None
    key_fingerprint: str | None = None  # the unit's pinned package key (trust on first use)
    return_fingerprints: tuple[tuple[str, str], ...] = ()  # (return code, sha256) of the latest package
    proxy_by: str | None = None  # 代报: this office entered the school's data for it

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def id(self) -> int:  # table models key rows by ``id``
        return self.unit_id


@dataclass(frozen=True, slots=True)
class Dashboard:
    home_code: str
    home_name: str
    school_year: int
    period_id: int
    rows: tuple[DashboardRow, ...]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def late_rows(self) -> list[DashboardRow]:
        return [r for r in self.rows if r.late]


def dashboard(db: Database, *, school_year: int | None = None, today: date | None = None) -> Dashboard:
    """One row per expected unit with its reporting state for the period."""
    today = today or date.today()
    with db.session() as session:
        home = home_or_raise(session)
        period = period_for(session, school_year)
        # The units expected for the period: those that count on its census date (a school
        # closed during the year still reports for it; one closed before is not expected).
        units = [u for u in session.scalars(select(Unit).where(Unit.parent_id == home.id).order_by(Unit.code))
                 if counts_on(u.closed_on, period.census_date)]
        ids = [u.id for u in units]
        ups = {u.unit_id: u for u in session.scalars(
            select(UnitPeriod).where(UnitPeriod.period_id == period.id, UnitPeriod.unit_id.in_(ids)))}
        subs: dict[int, Submission] = {}
        for s in session.scalars(select(Submission).where(
                Submission.period_id == period.id, Submission.unit_id.in_(ids),
                Submission.kind == SubmissionKind.RECEIVED.value, Submission.superseded_by_id.is_(None))
                .order_by(Submission.id)):
            subs[s.unit_id] = s
        pins = pinned_keys(session)
        rows = []
        for u in units:
            up, sub = ups.get(u.id), subs.get(u.id)
            deadline = (up.due_date if up and up.due_date else None) or period.due_date
            if up is not None and up.state == WorkflowState.RETURNED.value:
                status = "returned"
            elif up is not None and up.state == WorkflowState.APPROVED.value and sub is not None:
                status = "approved"
            elif sub is not None:
                status = "received"
            else:
                status = "missing"
            received = sub.recorded_at if sub else None
            late = deadline is not None and (received.date() > deadline if received else today > deadline)
            rows.append(DashboardRow(
                unit_id=u.id, code=u.code, name=u.name, kind=u.kind, status=status, received_at=received,
                deadline=deadline, late=late,
                errors=sub.errors if sub else 0, warnings=sub.warnings if sub else 0,
                file_name=sub.file_name if sub else None, comment=up.return_comment if up else None,
                key_fingerprint=pins[u.code].fingerprint if u.code in pins else None,
                return_fingerprints=tuple(sorted((sub.fingerprints or {}).items())) if sub else (),
                proxy_by=up.proxy_by if up else None))
        return Dashboard(home.code, home.name, period.school_year, period.id, tuple(rows))


def unit_below(session: Session, home: Unit, code: str) -> Unit:
    unit = session.scalars(select(Unit).where(Unit.code == code.strip())).first()
    if unit is None or unit.parent_id != home.id:
        raise NotFoundError(f"本局的应报单位中没有代码为 {code} 的单位。")
    return unit


def acting(actor: Actor | str, action: str) -> str:
    """The role check for an office action; returns the name the audit log records.

    A bare user name (older callers) carries no role and is refused: only a
    signed-in reviewer approves or returns (``users.PERMISSIONS``).
    """
    if isinstance(actor, str):
        actor = Actor(actor, actor, "")
    require(actor, action)
    return actor.username


def approve_unit(db: Database, code: str, *, school_year: int | None = None, actor: Actor | str = SYSTEM) -> None:
    """审核通过 a received package (reviewers only)."""
    who = acting(actor, "approve")
    with db.session(write=True) as session:
        home = home_or_raise(session)
        unit = unit_below(session, home, code)
        period = period_for(session, school_year)
        up = ensure_unit_period(session, unit.id, period.id)
        if up.state != WorkflowState.SUBMITTED.value:
            raise ServiceError(f"{unit.name} 的数据包尚未接收（或已退回），不能审核通过。")
        up.state, up.approved_at, up.approved_by = WorkflowState.APPROVED.value, utcnow(), who
        audit.log(session, actor=who, action="approve", table="unit_periods", record_id=up.id,
                  changes={"state": (WorkflowState.SUBMITTED.value, up.state)}, unit_id=unit.id, period_id=period.id)
