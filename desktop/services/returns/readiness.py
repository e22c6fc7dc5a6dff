"""Whether a period marked ready (可上报) is still ready: the data fingerprint at mark-ready.

``mark_ready`` stores a fingerprint of everything the mark vouches for; any
later change to a record the period covers changes the fingerprint, and the
mark no longer holds (``ready_status`` says 已过期 and clears the flag, so the
checks must be run and the mark given again). Comparing fingerprints instead of
clearing the flag in every write path also catches the writes that bypass the
ORM (bulk imports through Core, restores, another program on a shared server).

The fingerprint covers
- every return of the unit as it would print (each return's data fingerprint,
  built with full ID numbers so a changed digit in the middle counts, plus its
  header markers and the sign-off block),
- the findings of the checks and the 填写说明,
- a stamp (row count, sum of row versions, latest change time) of each table the
  returns are built from, for the unit and every school below it, so a change
  that no return prints (a phone number, a registration) still counts.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import (
    Credential,
    Movement,
    Period,
    Registration,
    SchoolClass,
    SeatAddition,
    Staff,
    StageCapacity,
    Submission,
    TrainingRecord,
    Unit,
    UnitPeriod,
)
from desktop.data.queries import counts_on, school_ids
from desktop.domain.codes import SubmissionKind
from desktop.services.core import audit
from desktop.services.core.common import ensure_editable
from desktop.services.core.errors import LockedError, ServiceError
from desktop.services.returns.build import build_returns, relation_failures
from desktop.services.returns.checks import CheckResult, run_checks
from desktop.services.year.periods import ensure_unit_period

FINGERPRINT_VERSION = 1


@dataclass(frozen=True, slots=True)
class ReadyStatus:
    state: str  # "ready" | "stale" | "not_ready"
    message: str  # one Chinese sentence for the 报表 page

    @property
    def ready(self) -> bool:
        return self.state == "ready"


def _stamp(session: Session, model: Any, where: Any, *, join: Any = None) -> list[Any]:
    version = func.sum(model.version) if hasattr(model, "version") else func.count()
    q = select(func.count(), version, func.max(model.updated_at))
    if join is not None:
        q = q.select_from(model).join(Staff, join)
    row = session.execute(q.where(where)).one()
    return [int(row[0] or 0), int(row[1] or 0), str(row[2] or "")]


def _table_stamps(session: Session, unit_ids: list[int], period_id: int) -> dict[str, list[Any]]:
    by_staff = Staff.unit_id.in_(unit_ids)
    return {
        "units": _stamp(session, Unit, Unit.id.in_(unit_ids)),
        "staff": _stamp(session, Staff, by_staff),
        "credentials": _stamp(session, Credential, by_staff, join=Staff.id == Credential.staff_id),
        "registrations": _registration_stamp(session, unit_ids),
        "training": _stamp(session, TrainingRecord, by_staff, join=Staff.id == TrainingRecord.staff_id),
        "movements": _stamp(session, Movement, by_staff, join=Staff.id == Movement.staff_id),
        "classes": _stamp(session, SchoolClass,
                          SchoolClass.unit_id.in_(unit_ids) & (SchoolClass.period_id == period_id)),
        "capacity": _stamp(session, StageCapacity,
                           StageCapacity.unit_id.in_(unit_ids) & (StageCapacity.period_id == period_id)),
        "seats": _stamp(session, SeatAddition,
                        SeatAddition.unit_id.in_(unit_ids) & (SeatAddition.period_id == period_id)),
    }


def _registration_stamp(session: Session, unit_ids: list[int]) -> list[Any]:
    row = session.execute(
        select(func.count(), func.max(Registration.updated_at))
        .select_from(Registration).join(Credential, Credential.id == Registration.credential_id)
        .join(Staff, Staff.id == Credential.staff_id).where(Staff.unit_id.in_(unit_ids))
    ).one()
    return [int(row[0] or 0), str(row[1] or "")]


def data_fingerprint(db: Database, unit_id: int, period_id: int) -> str:
    """SHA-256 over what a ready mark vouches for (see the module docstring)."""
    returns = build_returns(db, "all", unit_id, period_id, full_ids=True)
    checks = run_checks(db, unit_id, period_id)
    with db.session() as session:
        census = session.scalars(select(Period.census_date).where(Period.id == period_id)).one()
        unit_ids = sorted({unit_id, *school_ids(session, unit_id, include_closed=False, counted_on=census)})
        stamps = _table_stamps(session, unit_ids, period_id)
    doc = {
        "v": FINGERPRINT_VERSION,
        "returns": [[r.code, r.fingerprint, sorted(r.header.items()), repr(r.signoff)] for r in returns],
        "explanations": [repr(e) for e in returns[0].explanations] if returns else [],
        "findings": sorted([i.finding.rule, str(i.finding.severity), i.record_key, i.finding.message]
                           for i in checks.items),
        "tables": stamps,
    }
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _unit_period(session: Session, unit_id: int, period_id: int) -> UnitPeriod | None:
    return session.scalars(select(UnitPeriod).where(
        UnitPeriod.unit_id == unit_id, UnitPeriod.period_id == period_id)).first()


def ready_status(db: Database, unit_id: int, period_id: int, *, actor: str = "system") -> ReadyStatus:
    """Ready, not ready, or stale (marked, then the data changed: the mark is cleared here)."""
    with db.session() as session:
        up = _unit_period(session, unit_id, period_id)
        marked, stored = (bool(up.ready), up.ready_fingerprint) if up is not None else (False, None)
    if not marked:
        return ReadyStatus("not_ready", "尚未标记为可上报：请检查数据，处理全部错误并为警告填写说明后再标记。")
    if stored is not None and stored == data_fingerprint(db, unit_id, period_id):
        return ReadyStatus("ready", "已标记为可上报，标记之后数据没有改动。")
    try:
        with db.session(write=True) as session:
            ensure_editable(session, unit_id, period_id)
            up = _unit_period(session, unit_id, period_id)
            if up is not None and up.ready:
                up.ready, up.ready_fingerprint = False, None
                audit.log(session, actor=actor, action="update", table="unit_periods", record_id=up.id,
                          changes={"ready": (True, False)}, unit_id=unit_id, period_id=period_id,
                          reason="标记可上报之后数据有改动，标记失效")
    except LockedError:
        pass  # approved data cannot change; the stale mark stays visible as stale
    return ReadyStatus("stale", "标记为可上报之后数据又有改动，标记已失效：请重新检查数据并再次标记为可上报。")


@dataclass(frozen=True, slots=True)
class ExpectedUnit:
    unit_id: int
    code: str
    name: str
    reported: bool  # the office holds a package of it for the period
    zero_report: bool  # …and that package is a 零上报
    absence_reason: str | None  # why not, as the office recorded it


def expected_units(session: Session, unit_id: int, period_id: int) -> list[ExpectedUnit]:
    """The units directly below ``unit_id`` expected to report for the period, and whether they did."""
    census = session.scalars(select(Period.census_date).where(Period.id == period_id)).one()
    units = [u for u in session.execute(select(Unit.id, Unit.code, Unit.name, Unit.closed_on)
                                        .where(Unit.parent_id == unit_id).order_by(Unit.code))
             if counts_on(u.closed_on, census)]
    ids = [u.id for u in units]
    received: dict[int, bool] = {}
    for uid, extra in session.execute(select(Submission.unit_id, Submission.extra).where(
            Submission.period_id == period_id, Submission.unit_id.in_(ids),
            Submission.kind == SubmissionKind.RECEIVED.value).order_by(Submission.id)):
        received[uid] = bool((extra or {}).get("zero_report"))
    reasons = dict(session.execute(select(UnitPeriod.unit_id, UnitPeriod.absence_reason).where(
        UnitPeriod.period_id == period_id, UnitPeriod.unit_id.in_(ids))).all())
    return [ExpectedUnit(u.id, u.code, u.name, u.id in received, received.get(u.id, False),
                         (reasons.get(u.id) or "").strip() or None) for u in units]


def completeness_counts(session: Session, unit_id: int, period_id: int) -> dict[str, int]:
    """How complete an office's consolidation is — the only timeliness figure that goes up a level."""
    units = expected_units(session, unit_id, period_id)
    return {"expected": len(units), "reported": sum(u.reported for u in units),
            "zero_report": sum(u.zero_report for u in units),
            "absent_with_reason": sum(1 for u in units if not u.reported and u.absence_reason),
            "missing": sum(1 for u in units if not u.reported and not u.absence_reason)}


def mark_ready(db: Database, unit_id: int, period_id: int, *, actor: str = "system") -> CheckResult:
    """Mark the unit's return ready for export; refused while errors or unexplained warnings remain.

    An office's consolidation is refused too while a unit expected below it has neither
    reported (a 零上报 counts) nor a recorded reason (``office.completeness.record_absence``).
    """
    with db.session() as session:
        missing = [u for u in expected_units(session, unit_id, period_id) if not u.reported and not u.absence_reason]
    if missing:
        names = "、".join(f"{u.name}（{u.code}）" for u in missing[:5]) + (" 等" if len(missing) > 5 else "")
        raise ServiceError(f"还有 {len(missing)} 个应报单位既没有上报、也没有记录原因：{names}。汇总不能标记为可上报。"
                           "请催报并导入其数据包，或在“上报”页为确实无法上报的单位记录原因后再标记。")
    result = run_checks(db, unit_id, period_id)
    errors, unexplained = result.errors(), result.unexplained()
    if errors:
        sample = "；".join(i.finding.message.rstrip("。") for i in errors[:3]) + "。"
        raise ServiceError(f"还有 {len(errors)} 个错误，不能标记为可上报。请先改正：{sample}", [i.finding for i in errors])
    if unexplained:
        sample = "；".join(i.finding.message.rstrip("。") for i in unexplained[:3]) + "。"
        raise ServiceError(f"还有 {len(unexplained)} 条警告没有填写说明，不能标记为可上报。请逐条填写说明：{sample}",
                           [i.finding for i in unexplained])
    # The package refuses a return whose sum relations fail: the mark must not promise it.
    failed = relation_failures(build_returns(db, "all", unit_id, period_id))
    if failed:
        raise ServiceError(f"报表有 {len(failed)} 处合计关系不成立，数据包不能导出，所以不能标记为可上报。"
                           f"{failed[0].message}", failed)
    # The fingerprint of what was just checked: a later change to any covered record
    # makes the mark stale (above).
    fingerprint = data_fingerprint(db, unit_id, period_id)
    with db.session(write=True) as session:
        ensure_editable(session, unit_id, period_id)
        up = ensure_unit_period(session, unit_id, period_id)
        up.ready_fingerprint = fingerprint
        if not up.ready:
            up.ready = True
            audit.log(session, actor=actor, action="update", table="unit_periods", record_id=up.id,
                      changes={"ready": (False, True)}, unit_id=unit_id, period_id=period_id)
    return result


def is_ready(db: Database, unit_id: int, period_id: int) -> bool:
    """Marked ready and no covered record changed since (a stale mark is cleared)."""
    return ready_status(db, unit_id, period_id).ready
