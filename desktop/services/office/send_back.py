"""Sending a package back (退回) with comments, and the school's side of it.

The office writes comments; ``return_unit`` marks the unit's period returned and writes a
small reply file (same container as a package, type 'reply', no data members) that the
school imports with ``import_reply``. That reopens the school's period (state 'returned')
and keeps the comments on its side for the clerk to read (``reporting_state``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from desktop import __version__
from desktop.data.base import utcnow
from desktop.data.engine import Database
from desktop.data.models import Period, Submission, UnitPeriod
from desktop.domain.codes import SubmissionKind, WorkflowState
from desktop.exchange.package import Manifest, PackageWriter, file_sha256, reply_file_name
from desktop.exchange.verify import Destination, PackageError, check_destination, open_package
from desktop.services.core import audit
from desktop.services.core.common import home_or_raise
from desktop.services.core.errors import ServiceError, file_in_use_refused
from desktop.services.core.users import SYSTEM, Actor
from desktop.services.office.dashboard import acting, unit_below
from desktop.services.packages.receipts import import_receipt
from desktop.services.packages.support import period_for
from desktop.services.signing.package_keys import (
    check_signer,
    pin_on_first_use,
    signer_code,
    signing_key,
)
from desktop.services.year.periods import ensure_unit_period


def return_unit(db: Database, code: str, comment: str, out_dir: Path, *, school_year: int | None = None,
                actor: Actor | str = SYSTEM) -> Path:
    """退回 (reviewers only): mark the unit's period returned and write the reply file for it; returns its path."""
    who = acting(actor, "return")
    comment = comment.strip()
    if not comment:
        raise ServiceError("退回意见不能为空，请写明需要学校修改的内容。")
    with db.session(write=True) as session:
        home = home_or_raise(session)
        unit = unit_below(session, home, code)
        period = period_for(session, school_year)
        if ensure_unit_period(session, unit.id, period.id).state == WorkflowState.APPROVED.value:
            raise ServiceError(f"{unit.name} {period.school_year}学年的数据已审核通过（已锁定），不能退回。"
                               "如确需退回，请先在“上报”页解锁该单位（填写原因）。")
        now = utcnow()
        manifest = Manifest(
            unit_code=unit.code, unit_name=unit.name, unit_kind=unit.kind, parent_code=home.code,
            school_year=period.school_year, census_date=period.census_date.isoformat(),
            created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), app_version=__version__,
            package_type="reply",
            extra={"comment": comment, "office_code": home.code, "office_name": home.name, "returned_by": who},
        )
        with file_in_use_refused():
            path = PackageWriter(manifest).write(Path(out_dir) / reply_file_name(unit.code, period.school_year),
                                                 signing_key=signing_key(session, who))
        up = ensure_unit_period(session, unit.id, period.id)
        old = up.state
        up.state, up.returned_at, up.return_comment = WorkflowState.RETURNED.value, now, comment
        session.add(Submission(unit_id=unit.id, period_id=period.id, kind=SubmissionKind.REPLY_SENT.value,
                               file_name=path.name, package_hash=file_sha256(path), format_version=1,
                               app_version=__version__, created_at=now, comment=comment))
        audit.log(session, actor=who, action="return", table="unit_periods", record_id=up.id,
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
        home = home_or_raise(session)
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
                home = home_or_raise(session)
                period_id = periods[m.school_year]
                if session.scalars(select(Submission.id).where(Submission.package_hash == digest)).first() is not None:
                    return ReplyResult("unchanged", office, comment, m.school_year, "这份退回意见已经导入过，没有任何改动。")
                check_signer(session, reader)
                pin_on_first_use(session, reader, actor)
                up = ensure_unit_period(session, home.id, period_id)
                old = up.state
                if old == WorkflowState.APPROVED.value:
                    raise PackageError("locked", f"本校 {m.school_year}学年的数据已审核通过（已锁定），不能按退回意见重新打开。"
                                       "请先由审核人在“上报”页解锁（填写原因），再导入这份退回意见。")
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
        home = home_or_raise(session)
        period = period_for(session, school_year)
        up = session.scalars(select(UnitPeriod).where(UnitPeriod.unit_id == home.id,
                                                      UnitPeriod.period_id == period.id)).first()
        if up is None:
            return WorkflowState.DRAFT.value, None
        return up.state, up.return_comment if up.state == WorkflowState.RETURNED.value else None


def import_from_office(db: Database, path: Path, *, actor: str = "system") -> str:
    """School side: a file from the office — its receipt (回执) or a 退回 reply, by what the file says it is."""
    try:
        with open_package(Path(path)) as reader:
            kind = reader.manifest.package_type
    except PackageError as exc:
        raise ServiceError(exc.message) from exc
    if kind == "receipt":
        return import_receipt(db, path, actor=actor).message
    return import_reply(db, path, actor=actor).message
