"""Workflow per unit and period (填报状态): 草稿 → 已提交 → 已审核 / 已退回.

    draft ──submit──▶ submitted ──approve──▶ approved ──unlock(reason)──▶ draft
      ▲                   │
      └──(edit)── returned ◀──return(comment)──┘      returned ──submit──▶ submitted

* submit: clerk or reviewer; approve, return, unlock: reviewer (users.PERMISSIONS).
* approved data is read-only (services: ``ensure_editable``; database: guards.py)
  until a reviewer unlocks with a reason;
* an office (county/city) approves its consolidation only when every unit below
  it is approved for the period, or with a recorded override reason;
* a unit cannot be unlocked while the office above it has approved the period
  (the office must unlock first), as in DHIS2's approval levels;
* every transition is one transaction together with its audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from desktop.data.base import utcnow
from desktop.data.engine import Database
from desktop.data.models import Period, Unit, UnitPeriod
from desktop.data.queries import unit_tree
from desktop.domain.codes import WorkflowState
from desktop.services.core import audit
from desktop.services.core.common import fetch
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor, require
from desktop.services.year.periods import ensure_unit_period

DRAFT, SUBMITTED, APPROVED, RETURNED = (s.value for s in WorkflowState)


@dataclass(frozen=True)
class WorkflowStatus:
    unit_id: int
    period_id: int
    state: str
    state_label: str
    submitted_at: datetime | None
    approved_at: datetime | None
    approved_by: str | None
    returned_at: datetime | None
    return_comment: str | None
    unlock_reason: str | None
    approve_override_reason: str | None
    version: int


def _status(up: UnitPeriod) -> WorkflowStatus:
    state = WorkflowState.from_label(up.state)
    return WorkflowStatus(
        up.unit_id, up.period_id, up.state, state.label if state else up.state, up.submitted_at,
        up.approved_at, up.approved_by, up.returned_at, up.return_comment, up.unlock_reason,
        up.approve_override_reason, up.version,
    )


def _label(state: str) -> str:
    found = WorkflowState.from_label(state)
    return found.label if found else state


def _load(session: Session, unit_id: int, period_id: int) -> UnitPeriod:
    fetch(session, Unit, unit_id, "单位")
    fetch(session, Period, period_id, "统计期")
    return ensure_unit_period(session, unit_id, period_id)


def _expect(up: UnitPeriod, allowed: tuple[str, ...], doing: str) -> None:
    if up.state not in allowed:
        wanted = "或".join(f"“{_label(s)}”" for s in allowed)
        raise ServiceError(f"当前状态是“{_label(up.state)}”，不能{doing}；只有{wanted}的填报才能{doing}。")


def _need_text(text: str | None, what: str) -> str:
    # Invisible control characters (a pasted NUL, say) are dropped: PostgreSQL cannot store
    # NUL in text, and nobody means them. Line breaks and tabs in a comment are kept.
    cleaned = "".join(ch for ch in (text or "") if ch in "\n\t" or ord(ch) >= 32).strip()
    if not cleaned:
        raise ServiceError(f"请填写{what}。")
    return cleaned


def _record(session: Session, up: UnitPeriod, actor: Actor, action: str, old_state: str,
            reason: str | None = None, **fields: tuple[object, object]) -> None:
    session.flush()
    audit.log(session, actor=actor.username, action=action, table="unit_periods", record_id=up.id,
              changes={"state": (old_state, up.state), **fields}, unit_id=up.unit_id,
              period_id=up.period_id, reason=reason)


def pending_below(session: Session, unit_id: int, period_id: int) -> list[Row[Any]]:
    """Units below ``unit_id`` that count for the period and are not approved for it.

    A unit closed during the year still counts (it reported for that year), see ``data.queries``."""
    census = session.scalars(select(Period.census_date).where(Period.id == period_id)).one()
    below = unit_tree(session, unit_id, include_closed=False, counted_on=census, columns=(Unit.name,),
                      include_root=False)
    if not below:
        return []
    approved = set(session.scalars(select(UnitPeriod.unit_id).where(
        UnitPeriod.period_id == period_id, UnitPeriod.state == APPROVED,
        UnitPeriod.unit_id.in_([u.id for u in below]))))
    return [u for u in below if u.id not in approved]


def get_status(db: Database, unit_id: int, period_id: int) -> WorkflowStatus:
    with db.session() as session:
        up = session.scalars(select(UnitPeriod).where(
            UnitPeriod.unit_id == unit_id, UnitPeriod.period_id == period_id)).first()
        if up is None:
            return WorkflowStatus(unit_id, period_id, DRAFT, _label(DRAFT), None, None, None, None, None,
                                  None, None, 0)
        return _status(up)


def submit(db: Database, actor: Actor, unit_id: int, period_id: int) -> WorkflowStatus:
    require(actor, "submit")
    with db.session(write=True) as session:
        up = _load(session, unit_id, period_id)
        _expect(up, (DRAFT, RETURNED), "提交")
        old = up.state
        up.state, up.submitted_at = SUBMITTED, utcnow()
        _record(session, up, actor, "submit", old)
        return _status(up)


def approve(db: Database, actor: Actor, unit_id: int, period_id: int,
            *, override_reason: str | None = None) -> WorkflowStatus:
    """审核通过. An office with units below not yet approved needs ``override_reason``."""
    require(actor, "approve")
    with db.session(write=True) as session:
        up = _load(session, unit_id, period_id)
        _expect(up, (SUBMITTED,), "审核通过")
        pending = pending_below(session, unit_id, period_id)
        reason = (override_reason or "").strip() or None
        if pending and reason is None:
            names = "、".join(u.name for u in pending[:5]) + (" 等" if len(pending) > 5 else "")
            raise ServiceError(
                f"还有 {len(pending)} 个下级单位未审核通过（{names}），汇总不能审核。"
                "请等下级全部审核后再审核；如确需先审核，请填写原因。"
            )
        old = up.state
        up.state, up.approved_at, up.approved_by = APPROVED, utcnow(), actor.display_name
        up.approve_override_reason = reason if pending else None
        up.unlock_reason = None  # the next unlock must give its own reason (trigger checks it)
        _record(session, up, actor, "approve", old, reason=up.approve_override_reason)
        return _status(up)


def return_(db: Database, actor: Actor, unit_id: int, period_id: int, comment: str) -> WorkflowStatus:
    """退回 a submitted return with the reviewer's comment (退回意见)."""
    require(actor, "return")
    comment = _need_text(comment, "退回意见（说明需要修改什么）")
    with db.session(write=True) as session:
        up = _load(session, unit_id, period_id)
        _expect(up, (SUBMITTED,), "退回")
        old = up.state
        up.state, up.returned_at, up.return_comment = RETURNED, utcnow(), comment
        _record(session, up, actor, "return", old, reason=comment)
        return _status(up)


def unlock(db: Database, actor: Actor, unit_id: int, period_id: int, reason: str) -> WorkflowStatus:
    """解锁 an approved period so it can be corrected; it goes back to 草稿."""
    require(actor, "unlock")
    reason = _need_text(reason, "解锁原因")
    with db.session(write=True) as session:
        up = _load(session, unit_id, period_id)
        _expect(up, (APPROVED,), "解锁")
        unit = session.get(Unit, unit_id)
        if unit is not None and unit.parent_id is not None:
            parent = session.scalars(select(UnitPeriod).where(
                UnitPeriod.unit_id == unit.parent_id, UnitPeriod.period_id == period_id)).first()
            if parent is not None and parent.state == APPROVED:
                raise ServiceError("上级单位已审核本期汇总，请先由上级解锁汇总，再解锁本单位。")
        old = up.state
        up.state, up.unlock_reason = DRAFT, reason
        up.approved_at = up.approved_by = None
        _record(session, up, actor, "unlock", old, reason=reason)
        return _status(up)


def list_statuses(db: Database, period_id: int, unit_ids: list[int]) -> dict[int, WorkflowStatus]:
    """unit id → status for a dashboard (units without a row are 草稿)."""
    with db.session() as session:
        rows = session.scalars(select(UnitPeriod).where(
            UnitPeriod.period_id == period_id, UnitPeriod.unit_id.in_(unit_ids)))
        found = {up.unit_id: _status(up) for up in rows}
    return {uid: found.get(uid) or get_status(db, uid, period_id) for uid in unit_ids}
