"""Training records (培训记录) and per-person cycle totals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import Staff, TrainingRecord
from desktop.domain.codes import TrainingMode
from desktop.domain.records import TrainingData, TrainingRecordOut
from desktop.domain.validate import validate_training
from desktop.services.core import audit
from desktop.services.core.common import (
    Edit,
    check_version,
    data_fields,
    edit_in_one_transaction,
    ensure_editable,
    fetch,
    raise_on_errors,
    to_record,
)
from desktop.services.core.errors import ServiceError
from desktop.services.records.tables import TrainingRow, training_row_in

WHAT = "培训记录"


def _values(data: TrainingData) -> dict[str, Any]:
    values = {n: getattr(data, n) for n in data_fields(TrainingData)}
    values["topics"] = ";".join(sorted(set(data.topics)))
    return values


def _record(t: TrainingRecord) -> TrainingRecordOut:
    topics = tuple(x for x in t.topics.split(";") if x)
    return to_record(TrainingRecordOut, t, topics=topics)


def create_training(db: Database, staff_id: int, data: TrainingData, *, actor: str = "system") -> TrainingRecordOut:
    raise_on_errors(validate_training(data), WHAT)
    with db.session(write=True) as session:
        s = fetch(session, Staff, staff_id, "教职工")
        ensure_editable(session, s.unit_id)
        t = TrainingRecord(staff_id=staff_id, source="manual", **_values(data))
        audit.log_created(session, t, actor=actor, table="training_records",
                          changes={"title": (None, t.title), "hours": (None, t.hours)}, unit_id=s.unit_id)
        return _record(t)


def update_training(
    db: Database, training_id: int, changes: Mapping[str, Any], *, expected_version: int | None = None,
    actor: str = "system",
) -> TrainingRecordOut:
    with db.session(write=True) as session:
        t, _old = _update(session, training_id, changes, expected_version=expected_version, actor=actor)
        return _record(t)


TrainingEdit = Edit[TrainingRow]  # what one edit of the table gives back


def edit_training(db: Database, training_id: int, changes: Mapping[str, Any], *,
                  actor: str = "system") -> TrainingEdit:
    """One cell (or form) edit in one transaction: the old values, the update, the row read back."""
    return edit_in_one_transaction(db, training_id, changes, actor, _update, training_row_in)


def _update(session: Session, training_id: int, changes: Mapping[str, Any], *, expected_version: int | None,
            actor: str) -> tuple[TrainingRecord, dict[str, Any]]:
    t = fetch(session, TrainingRecord, training_id, WHAT)
    check_version(t, expected_version, WHAT)
    s = fetch(session, Staff, t.staff_id, "教职工")
    ensure_editable(session, s.unit_id)
    current = _record(t)
    old = {k: getattr(current, k) for k in changes if hasattr(current, k)}
    merged = TrainingData(**({n: getattr(current, n) for n in data_fields(TrainingData)} | dict(changes)))
    raise_on_errors(validate_training(merged), WHAT)
    new_values = _values(merged)
    diff = {k: (getattr(t, k), v) for k, v in new_values.items() if getattr(t, k) != v}
    unknown = set(changes) - set(new_values)
    if unknown:
        raise ServiceError(f"字段“{', '.join(sorted(unknown))}”不能在这里修改。")
    audit.apply_update(session, t, diff, actor=actor, table="training_records", unit_id=s.unit_id)
    return t, old


def delete_training(db: Database, training_id: int, *, actor: str = "system") -> None:
    """Remove a record entered by mistake; audited with its title and hours."""
    with db.session(write=True) as session:
        t = fetch(session, TrainingRecord, training_id, WHAT)
        s = fetch(session, Staff, t.staff_id, "教职工")
        ensure_editable(session, s.unit_id)
        audit.log(session, actor=actor, action="delete", table="training_records", record_id=t.id,
                  record_uid=t.uid, changes={"title": (t.title, None), "hours": (t.hours, None)}, unit_id=s.unit_id)
        session.delete(t)


def list_training(db: Database, staff_id: int) -> list[TrainingRecordOut]:
    with db.session() as session:
        stmt = select(TrainingRecord).where(TrainingRecord.staff_id == staff_id).order_by(
            TrainingRecord.end_date.desc(), TrainingRecord.id.desc()
        )
        return [_record(t) for t in session.scalars(stmt)]


@dataclass(frozen=True, slots=True)
class CycleTotals:  # one person's hours in a training cycle
    total: float
    by_category: dict[str, float]
    it_hours_3y: float  # 信息技术应用能力 in the 3 years before ``as_of``
    face_to_face: float
    online: float


def cycle_totals(db: Database, staff_id: int, start: date, end: date, *, as_of: date) -> CycleTotals:
    """Totals of records whose end date falls in [start, end] (the cycle of a record is its end date's)."""
    it_from = as_of.replace(year=as_of.year - 3)
    with db.session() as session:
        rows = session.execute(
            select(TrainingRecord.category, TrainingRecord.mode, TrainingRecord.topics, TrainingRecord.end_date,
                   func.sum(TrainingRecord.hours))
            .where(TrainingRecord.staff_id == staff_id)
            .group_by(TrainingRecord.category, TrainingRecord.mode, TrainingRecord.topics, TrainingRecord.end_date)
        ).all()
    total = face = online = it = 0.0
    by_cat: dict[str, float] = {}
    for category, mode, topics, end_date, hours in rows:
        hours = float(hours or 0)
        if it_from < end_date <= as_of and "it" in topics.split(";"):
            it += hours
        if not start <= end_date <= end:
            continue
        total += hours
        by_cat[category] = by_cat.get(category, 0.0) + hours
        if TrainingMode(mode).is_face_to_face:
            face += hours
        elif mode == TrainingMode.ONLINE:
            online += hours
    return CycleTotals(total, by_cat, it, face, online)
