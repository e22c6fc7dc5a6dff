"""Office dashboard (上报情况) and sending a package back (退回) with comments.

The expected units are the units directly below the home unit (the office's
school list, built by hand, from a spreadsheet, or from received packages).
For each: received / approved / returned / missing, when the package came,
the deadline (the unit's own, else the period's) and whether it was late, and
the number of errors and warnings it carries.

退回: the office writes comments; ``return_unit`` marks the unit's period
returned and writes a small reply file (same container as a package, type
'reply', no data members) that the school imports with ``import_reply``. That
reopens the school's period (state 'returned') and keeps the comments on its
side for the clerk to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import __version__
from desktop.data.base import utcnow
from desktop.data.engine import Database
from desktop.data.models import Period, Submission, Unit, UnitPeriod
from desktop.domain.codes import SubmissionKind, WorkflowState
from desktop.exchange.package import Manifest, PackageWriter, file_sha256, reply_file_name
from desktop.exchange.verify import Destination, PackageError, check_destination, open_package
from desktop.services import audit
from desktop.services.errors import NotFoundError, ServiceError, file_in_use_refused
from desktop.services.package_keys import (
    check_signer,
    pin_on_first_use,
    pinned_keys,
    signer_code,
    signing_key,
)
from desktop.services.package_support import period_for
from desktop.services.periods import ensure_unit_period

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


def _home(session: Session) -> Unit:
    home = session.scalars(select(Unit).where(Unit.is_home.is_(True))).first()
    if home is None:
        raise ServiceError("数据库还没有所属单位，请先完成初始设置。")
    return home


def dashboard(db: Database, *, school_year: int | None = None, today: date | None = None) -> Dashboard:
    """One row per expected unit with its reporting state for the period."""
    today = today or date.today()
    with db.session() as session:
        home = _home(session)
        period = period_for(session, school_year)
        units = list(session.scalars(select(Unit).where(Unit.parent_id == home.id).order_by(Unit.code)))
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
                return_fingerprints=tuple(sorted((sub.fingerprints or {}).items())) if sub else ()))
        return Dashboard(home.code, home.name, period.school_year, period.id, tuple(rows))


def _unit_below(session: Session, home: Unit, code: str) -> Unit:
    unit = session.scalars(select(Unit).where(Unit.code == code.strip())).first()
    if unit is None or unit.parent_id != home.id:
        raise NotFoundError(f"本局的应报单位中没有代码为 {code} 的单位。")
    return unit


def approve_unit(db: Database, code: str, *, school_year: int | None = None, actor: str = "system") -> None:
    """审核通过 a received package."""
    with db.session(write=True) as session:
        home = _home(session)
        unit = _unit_below(session, home, code)
        period = period_for(session, school_year)
        up = ensure_unit_period(session, unit.id, period.id)
        if up.state != WorkflowState.SUBMITTED.value:
            raise ServiceError(f"{unit.name} 的数据包尚未接收（或已退回），不能审核通过。")
        up.state, up.approved_at, up.approved_by = WorkflowState.APPROVED.value, utcnow(), actor
        audit.log(session, actor=actor, action="approve", table="unit_periods", record_id=up.id,
                  changes={"state": (WorkflowState.SUBMITTED.value, up.state)}, unit_id=unit.id, period_id=period.id)


def return_unit(db: Database, code: str, comment: str, out_dir: Path, *, school_year: int | None = None,
                actor: str = "system") -> Path:
    """退回: mark the unit's period returned and write the reply file for it; returns its path."""
    comment = comment.strip()
    if not comment:
        raise ServiceError("退回意见不能为空，请写明需要学校修改的内容。")
    with db.session(write=True) as session:
        home = _home(session)
        unit = _unit_below(session, home, code)
        period = period_for(session, school_year)
        now = utcnow()
        manifest = Manifest(
            unit_code=unit.code, unit_name=unit.name, unit_kind=unit.kind, parent_code=home.code,
            school_year=period.school_year, census_date=period.census_date.isoformat(),
            created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), app_version=__version__,
            package_type="reply",
            extra={"comment": comment, "office_code": home.code, "office_name": home.name, "returned_by": actor},
        )
        with file_in_use_refused():
            path = PackageWriter(manifest).write(Path(out_dir) / reply_file_name(unit.code, period.school_year),
                                                 signing_key=signing_key(session))
        up = ensure_unit_period(session, unit.id, period.id)
        old = up.state
        up.state, up.returned_at, up.return_comment = WorkflowState.RETURNED.value, now, comment
        session.add(Submission(unit_id=unit.id, period_id=period.id, kind=SubmissionKind.REPLY_SENT.value,
                               file_name=path.name, package_hash=file_sha256(path), format_version=1,
                               app_version=__version__, created_at=now, comment=comment))
        audit.log(session, actor=actor, action="return", table="unit_periods", record_id=up.id,
                  changes={"state": (old, up.state)}, unit_id=unit.id, period_id=period.id, reason=comment)
    return path


@dataclass(frozen=True, slots=True)
class ReplyResult:
    status: str  # applied | unchanged
    office: str
    comment: str
    school_year: int
    message: str


def import_reply(db: Database, path: Path, *, actor: str = "system") -> ReplyResult:
    """School side: read the office's 退回 reply, show its comments and reopen the period.

    The reply must come from this school's parent office, signed with the key pinned for
    that office (pinned on its first reply, as offices pin their units' keys).
    """
    with db.session() as session:
        home = _home(session)
        known = frozenset[str]()
        periods = {p.school_year: p.id for p in session.scalars(select(Period))}
        home_code, home_name, parent_code = home.code, home.name, home.parent_code
    digest = file_sha256(Path(path))
    try:
        with open_package(Path(path)) as reader:
            m = reader.manifest
            if m.school_year not in periods:
                raise PackageError("wrong_period", f"退回意见是 {m.school_year}学年 的，本库没有该学年。")
            check_destination(m, Destination(home_code, home_name, known, m.school_year), package_type="reply")
            comment = str(m.extra.get("comment", ""))
            office = f"{m.extra.get('office_code', '')} {m.extra.get('office_name', '')}"
            if parent_code and signer_code(m) != parent_code:
                raise PackageError("wrong_office", f"这份退回意见来自 {office}，不是本校的上级单位（{parent_code}）发出的，"
                                   "已拒绝。请确认是否收错了文件。")
            with db.session(write=True) as session:
                home = _home(session)
                period_id = periods[m.school_year]
                if session.scalars(select(Submission.id).where(Submission.package_hash == digest)).first() is not None:
                    return ReplyResult("unchanged", office, comment, m.school_year, "这份退回意见已经导入过，没有任何改动。")
                check_signer(session, reader)
                pin_on_first_use(session, reader, actor)
                up = ensure_unit_period(session, home.id, period_id)
                old = up.state
                up.state, up.returned_at, up.return_comment = WorkflowState.RETURNED.value, utcnow(), comment
                up.ready = False
                session.add(Submission(unit_id=home.id, period_id=period_id, kind=SubmissionKind.REPLY_RECEIVED.value,
                                       file_name=Path(path).name, package_hash=digest,
                                       format_version=m.format_version, app_version=m.app_version,
                                       created_at=utcnow(), comment=comment))
                audit.log(session, actor=actor, action="return", table="unit_periods", record_id=up.id,
                          changes={"state": (old, up.state)}, unit_id=home.id, period_id=period_id, reason=comment)
    except PackageError as exc:
        raise ServiceError(exc.message) from exc
    return ReplyResult("applied", office, comment, m.school_year,
                       f"{office} 退回了 {m.school_year}学年 的数据，请按意见修改后重新导出上报：{comment}")


def reporting_state(db: Database, *, school_year: int | None = None) -> tuple[str, str | None]:
    """The home unit's own state for the period and the office's last 退回 comment (school side)."""
    with db.session() as session:
        home = _home(session)
        period = period_for(session, school_year)
        up = session.scalars(select(UnitPeriod).where(UnitPeriod.unit_id == home.id,
                                                      UnitPeriod.period_id == period.id)).first()
        if up is None:
            return WorkflowState.DRAFT.value, None
        return up.state, up.return_comment if up.state == WorkflowState.RETURNED.value else None
