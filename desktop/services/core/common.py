"""Helpers every service module shares: ORM → record conversion, edit guards."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data import queries
from desktop.data.models import Base, Period, Unit, UnitPeriod
from desktop.domain.codes import WorkflowState
from desktop.domain.findings import Finding, has_errors
from desktop.services.core.errors import ConflictError, LockedError, NotFoundError, ServiceError

R = TypeVar("R")
M = TypeVar("M", bound=Base)
RowT = TypeVar("RowT")


def to_record(cls: type[R], obj: object, **extra: Any) -> R:
    """Build the record dataclass ``cls`` from the same-named attributes of ``obj``."""
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    values = {n: extra[n] if n in extra else getattr(obj, n) for n in names if n in extra or hasattr(obj, n)}
    return cls(**values)


def data_fields(cls: type[Any]) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


def fetch(session: Session, model: type[M], record_id: int, what: str) -> M:
    obj = session.get(model, record_id)
    if obj is None:
        raise NotFoundError(f"找不到这条{what}记录，它可能已被其他人删除。请刷新后重试。")
    return obj


def check_version(obj: Any, expected_version: int | None, what: str) -> None:
    """Refuse a save made on a stale copy, naming the other person's change (services/core/conflicts.py).

    On a server the row is locked first, so a save racing ours waits and then sees our version.
    """
    from desktop.services.core.conflicts import conflict_message, lock_row

    lock_row(obj)
    if expected_version is not None and obj.version != expected_version:
        raise ConflictError(conflict_message(obj, expected_version, what))


def raise_on_errors(findings: list[Finding], what: str) -> None:
    if has_errors(findings):
        errors = [f for f in findings if f.is_error]
        raise ServiceError(f"{what}未保存：" + "；".join(f.message for f in errors), findings)


def home_or_raise(session: Session) -> Unit:
    """The home unit (``data.queries.home_unit``); a clear sentence when set-up is not done."""
    home = queries.home_unit(session)
    if home is None:
        raise ServiceError("数据库还没有所属单位，请先完成初始设置。")
    return home


def ensure_period_open(session: Session, period_id: int) -> None:
    """Refuse edits to the data (classes, seats, 填写说明 …) of a closed period."""
    closed = session.scalars(select(Period.school_year).where(Period.id == period_id, Period.closed.is_(True))).first()
    if closed is not None:
        raise LockedError(f"{closed}学年 的统计期已关闭，班级、学位和填写说明等本期数据只能查看，不能修改。"
                          "如确需修改，请管理员先重新打开该统计期并填写原因。")


def ensure_editable(session: Session, unit_id: int, period_id: int | None = None) -> None:
    """Refuse edits of an approved unit+period or a closed period, or (period_id None: people
    data) of a unit whose current period — its unit-period with the latest school year — is
    approved.

    The approval rule is also enforced by database triggers (desktop/data/guards.py).
    """
    if period_id is None:
        stmt = (select(UnitPeriod.state).join(Period, Period.id == UnitPeriod.period_id)
                .where(UnitPeriod.unit_id == unit_id).order_by(Period.school_year.desc()).limit(1))
    else:
        ensure_period_open(session, period_id)
        stmt = select(UnitPeriod.state).where(UnitPeriod.unit_id == unit_id, UnitPeriod.period_id == period_id)
    if session.scalars(stmt).first() == WorkflowState.APPROVED.value:
        raise LockedError("该统计期已审核，数据已锁定，不能修改。如需修改，请审核人先解锁并填写原因。")


def changed_values(obj: Any, changes: Mapping[str, Any], allowed: list[str]) -> dict[str, tuple[Any, Any]]:
    """field → (old, new) for the changes that really change something."""
    out: dict[str, tuple[Any, Any]] = {}
    for key, new in changes.items():
        if key not in allowed:
            raise ServiceError(f"字段“{key}”不能在这里修改。")
        old = getattr(obj, key)
        if old != new:
            out[key] = (old, new)
    return out


@dataclasses.dataclass(frozen=True, slots=True)
class Edit(Generic[RowT]):
    """What one edit of a table gives back (``StaffEdit``, ``TrainingEdit``…)."""

    row: RowT  # the table line after the edit
    old: dict[str, Any]  # the edited fields as they were: what undo writes back


# ``_update(session, record_id, changes, *, expected_version, actor)`` of a records module:
# validates, writes and audits, and returns the record and the edited fields as they were.
Updater = Callable[..., tuple[Any, dict[str, Any]]]


def edit_in_one_transaction(db: Any, record_id: int, changes: Mapping[str, Any], actor: str, update: Updater,
                            read_row: Callable[[Session, int], RowT | None]) -> Edit[RowT]:
    """One cell (or form) edit in one transaction: the old values, the update, the row read back."""
    with db.session(write=True) as session:
        _record, old = update(session, record_id, changes, expected_version=None, actor=actor)
        row = read_row(session, record_id)
        assert row is not None  # just updated, in this transaction
        return Edit(row, old)
