"""Completeness and timeliness (上报及时性与完整性), per unit below the office and per season.

For each expected unit of the period (``returns.readiness.expected_units``):

* **on time or late, by how many days** — the first package received for the period
  against the deadline (the unit's own, else the period's ``due_date``: set on the
  统计期 page or ``period set-due``); a resubmission after 退回 does not make a unit
  late. A unit with nothing yet is counted late from the day after the deadline;
* **times returned** — the 退回 replies sent for the period;
* **passed first time** — approved and never returned (None while not approved);
* **warnings explained / unexplained** — of its latest package (the school's 填写说明);
* **零上报** — the package says the unit had nothing to report (``packages/zero.py``);
* **reason** — why an expected unit has not reported, recorded by the office
  (``record_absence``); a consolidation can be marked 可上报 only when every expected
  unit reported or has one (``returns.readiness.mark_ready``).

Days are counted in this PC's local time. ``arrivals`` gives the chart of packages
received by day against the deadline. The office's own package carries only the
counts (``completeness_counts``), never its schools' lateness.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import StoredFinding, Submission
from desktop.domain.codes import SubmissionKind, WorkflowState
from desktop.services.core import audit
from desktop.services.core.common import home_or_raise
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import SYSTEM, Actor
from desktop.services.office.dashboard import STATUS_LABELS, acting, dashboard, unit_below
from desktop.services.packages.support import period_for
from desktop.services.returns.readiness import expected_units
from desktop.services.year.periods import ensure_unit_period


def local_day(at: datetime) -> date:
    """The local calendar day of a stored UTC time."""
    return at.replace(tzinfo=UTC).astimezone().date()


@dataclass(frozen=True, slots=True)
class CompletenessRow:
    unit_id: int
    code: str
    name: str
    status: str  # missing | received | approved | returned (as on the dashboard)
    deadline: date | None
    first_received: datetime | None  # UTC, the first package of the period
    days_late: int | None  # > 0 late, ≤ 0 on time (days early), None without a deadline
    returned: int  # times 退回
    first_time: bool | None  # approved without ever being returned; None until approved
    warnings_explained: int
    warnings_unexplained: int
    zero_report: bool
    absence_reason: str | None

    @property
    def id(self) -> int:  # table models key rows by ``id``
        return self.unit_id

    @property
    def reported(self) -> bool:
        return self.first_received is not None

    @property
    def on_time(self) -> bool | None:
        return None if self.days_late is None else self.days_late <= 0

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def timeliness(self) -> str:
        if self.days_late is None:
            return "无截止日期" if self.reported else ""
        if not self.reported:
            return f"未报，已逾期 {self.days_late} 天" if self.days_late > 0 else "未报"
        return f"逾期 {self.days_late} 天" if self.days_late > 0 else "按时"


@dataclass(frozen=True, slots=True)
class ArrivalSeries:
    """Packages received per day (first package of each unit), for the chart."""

    days: tuple[date, ...]
    received: tuple[int, ...]
    cumulative: tuple[int, ...]
    deadline: date | None
    expected: int


@dataclass(frozen=True, slots=True)
class Completeness:
    school_year: int
    deadline: date | None  # the period's
    rows: tuple[CompletenessRow, ...]
    arrivals: ArrivalSeries

    def count(self, what: str) -> int:
        """Units that reported | on_time | late | zero | reason (not reported, reason recorded) | missing | first_time."""
        return sum(1 for r in self.rows if _is(what, r))


def _is(what: str, r: CompletenessRow) -> bool:
    if what == "reported":
        return r.reported
    if what == "on_time":
        return r.reported and r.on_time is not False
    if what == "late":
        return r.reported and r.on_time is False
    if what == "zero":
        return r.zero_report
    if what == "reason":
        return not r.reported and r.absence_reason is not None
    if what == "missing":
        return not r.reported and r.absence_reason is None
    if what == "first_time":
        return r.first_time is True
    raise ValueError(what)


def arrivals(rows: tuple[CompletenessRow, ...], deadline: date | None, today: date) -> ArrivalSeries:
    per_day = Counter(local_day(r.first_received) for r in rows if r.first_received is not None)
    marks = [*per_day, *([deadline] if deadline else [])]
    if not marks:
        return ArrivalSeries((), (), (), deadline, len(rows))
    first, last = min(marks), max(*marks, min(today, max(marks)))
    days = tuple(first + timedelta(days=i) for i in range((last - first).days + 1))
    counts = tuple(per_day.get(d, 0) for d in days)
    running, total = [], 0
    for n in counts:
        total += n
        running.append(total)
    return ArrivalSeries(days, counts, tuple(running), deadline, len(rows))


def completeness(db: Database, *, school_year: int | None = None, today: date | None = None) -> Completeness:
    """The completeness and timeliness table of the office's units for the season (``school_year``)."""
    today = today or date.today()
    board = dashboard(db, school_year=school_year, today=today)
    with db.session() as session:
        home = home_or_raise(session)
        period = period_for(session, board.school_year)
        expected = {u.unit_id: u for u in expected_units(session, home.id, period.id)}
        ids = list(expected)
        first = dict(session.execute(select(Submission.unit_id, func.min(Submission.recorded_at)).where(
            Submission.period_id == period.id, Submission.unit_id.in_(ids),
            Submission.kind == SubmissionKind.RECEIVED.value).group_by(Submission.unit_id)).all())
        returned = dict(session.execute(select(Submission.unit_id, func.count()).where(
            Submission.period_id == period.id, Submission.unit_id.in_(ids),
            Submission.kind == SubmissionKind.REPLY_SENT.value).group_by(Submission.unit_id)).all())
        warn: dict[int, list[int]] = {}
        for uid, text in session.execute(select(StoredFinding.unit_id, StoredFinding.explanation).where(
                StoredFinding.period_id == period.id, StoredFinding.unit_id.in_(ids),
                StoredFinding.severity == "warning")):
            warn.setdefault(uid, [0, 0])[0 if (text or "").strip() else 1] += 1
    rows = []
    for d in board.rows:
        e = expected.get(d.unit_id)
        if e is None:
            continue
        received = first.get(d.unit_id)
        when = local_day(received) if received is not None else today
        late = (when - d.deadline).days if d.deadline is not None else None
        times = int(returned.get(d.unit_id, 0))
        approved = d.status == "approved"
        w = warn.get(d.unit_id, [0, 0])
        rows.append(CompletenessRow(d.unit_id, d.code, d.name, d.status, d.deadline, received, late, times,
                                    (times == 0) if approved else None, w[0], w[1], e.zero_report,
                                    e.absence_reason))
    out = tuple(rows)
    return Completeness(board.school_year, period.due_date, out, arrivals(out, period.due_date, today))


def record_absence(db: Database, code: str, reason: str, *, school_year: int | None = None,
                   actor: Actor | str = SYSTEM) -> None:
    """Record (or, with an empty text, clear) why an expected unit has not reported (reviewers only)."""
    who = acting(actor, "approve")
    text = "".join(ch for ch in reason if ch in "\n\t" or ord(ch) >= 32).strip() or None
    with db.session(write=True) as session:
        home = home_or_raise(session)
        unit = unit_below(session, home, code)
        period = period_for(session, school_year)
        up = ensure_unit_period(session, unit.id, period.id)
        if text is not None and session.scalars(select(Submission.id).where(
                Submission.unit_id == unit.id, Submission.period_id == period.id,
                Submission.kind == SubmissionKind.RECEIVED.value)).first() is not None:
            raise ServiceError(f"{unit.name} 已经上报了本学年的数据包，不需要记录未报原因。")
        if up.state == WorkflowState.APPROVED.value:
            raise ServiceError(f"{unit.name} 本学年已审核通过（已锁定），不能修改未报原因。")
        old, up.absence_reason = up.absence_reason, text
        audit.log(session, actor=who, action="update", table="unit_periods", record_id=up.id,
                  changes={"absence_reason": (old, text)}, unit_id=unit.id, period_id=period.id,
                  reason=text or "清除未报原因")
