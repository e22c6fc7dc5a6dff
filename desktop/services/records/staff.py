"""Staff (教职工): create, read, update and end — never delete — plus movements.

The one exception is ``withdraw_new_staff``: undoing an add that was a typing mistake
(Ctrl+Z right after adding) removes a record nothing hangs off yet; a person with any
certificate, training or movement can only be ended."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.locks import STAFF_IDENTITY, advisory_lock
from desktop.data.models import Credential, Movement, Setting, Staff, TrainingRecord, Unit
from desktop.domain.codes import EndReason, IdDocType
from desktop.domain.findings import error
from desktop.domain.idcard import id_tail, mask_id, normalize_id, parse_resident_id
from desktop.domain.records import MovementData, MovementRecord, StaffData, StaffRecord
from desktop.domain.search import pinyin_keys
from desktop.domain.validate import validate_staff
from desktop.services.core import audit
from desktop.services.core.common import (
    Edit,
    changed_values,
    check_version,
    data_fields,
    edit_in_one_transaction,
    ensure_editable,
    fetch,
    raise_on_errors,
    to_record,
)
from desktop.services.core.errors import ServiceError
from desktop.services.records.courses import parse_courses, replace_courses_in
from desktop.services.records.tables import StaffRow, staff_rows_in
from desktop.services.records.units import DIGEST_KEY_SETTING

WHAT = "教职工"


def digest_key(session: Session) -> bytes:
    setting = session.get(Setting, DIGEST_KEY_SETTING)
    return bytes.fromhex(setting.value) if setting else b"edureturns"


def id_digest(key: bytes, number: str) -> str:
    """Keyed hash of a normalised ID number: finds duplicates without reading numbers."""
    return hmac.new(key, normalize_id(number).encode("ascii", "ignore"), hashlib.sha256).hexdigest()


def staff_record(s: Staff) -> StaffRecord:
    return to_record(StaffRecord, s, id_masked=mask_id(s.id_number))


def _complete(data: StaffData) -> StaffData:
    """Normalise the ID and derive gender and birth date from a resident ID."""
    values = {n: getattr(data, n) for n in data_fields(StaffData)}
    values["name"] = data.name.strip()
    values["id_number"] = normalize_id(data.id_number or "")
    if data.id_type in (IdDocType.RESIDENT_ID, IdDocType.HMT_RESIDENCE):
        info, _ = parse_resident_id(values["id_number"])
        if info is not None:
            values["id_number"] = info.number  # a 15-digit ID is stored converted
            values["gender"] = values["gender"] or info.gender.value
            values["birth_date"] = values["birth_date"] or info.birth_date
    return StaffData(**values)


def _apply_keys(session: Session, s: Staff) -> None:
    s.name_pinyin, s.name_initials = pinyin_keys(s.name)
    s.id_tail = id_tail(s.id_number)
    s.id_digest = id_digest(digest_key(session), s.id_number)


def _duplicate_check(session: Session, s: Staff) -> None:
    # Held to commit: a second office registering the same person waits and then sees the first.
    advisory_lock(session, STAFF_IDENTITY)
    stmt = select(Staff).where(Staff.id_digest == s.id_digest, Staff.status == "active", Staff.id != s.id)
    other = session.scalars(stmt.limit(1)).first()
    if other is not None:
        unit = session.get(Unit, other.unit_id)
        where = unit.name if unit else "本库"
        raise ServiceError(
            f"证件号码 {mask_id(s.id_number)} 已登记给“{other.name}”（{where}）。同一人只能有一条在职记录，"
            "请先核对号码，或在原记录上办理调出。",
            [error("id_number", "该证件号码已被其他在职人员使用。", "staff.duplicate_id")],
        )


def create_staff(db: Database, unit_id: int, data: StaffData, *, actor: str = "system") -> StaffRecord:
    data = _complete(data)
    raise_on_errors(validate_staff(data), WHAT)
    with db.session(write=True) as session:
        fetch(session, Unit, unit_id, "单位")
        ensure_editable(session, unit_id)
        s = Staff(unit_id=unit_id, status="active", **{n: getattr(data, n) for n in data_fields(StaffData)})
        _apply_keys(session, s)
        _duplicate_check(session, s)
        audit.log_created(session, s, actor=actor, table="staff",
                          changes={"name": (None, s.name), "id_number": (None, s.id_number)}, unit_id=unit_id)
        return staff_record(s)


def update_staff(
    db: Database, staff_id: int, changes: Mapping[str, Any], *, expected_version: int | None = None,
    actor: str = "system",
) -> StaffRecord:
    with db.session(write=True) as session:
        s, _old = _update(session, staff_id, changes, expected_version=expected_version, actor=actor)
        return staff_record(s)


StaffEdit = Edit[StaffRow]  # what one edit of the table gives back


def edit_staff(db: Database, staff_id: int, changes: Mapping[str, Any], *, actor: str = "system") -> StaffEdit:
    """One cell (or form) edit in one transaction: the old values, the update, the row read back."""
    return edit_in_one_transaction(db, staff_id, changes, actor, _update,
                                   lambda session, i: staff_rows_in(session, staff_id=i)[0])


def _update(session: Session, staff_id: int, changes: Mapping[str, Any], *, expected_version: int | None,
            actor: str) -> tuple[Staff, dict[str, Any]]:
    """Apply ``changes`` (validated, audited); returns the row and the edited fields as they were."""
    s = fetch(session, Staff, staff_id, WHAT)
    check_version(s, expected_version, WHAT)
    ensure_editable(session, s.unit_id)
    changes = dict(changes)
    courses = changes.pop("courses", None)  # 任教课程 text, a child table: courses.py
    before = staff_record(s)
    old = {k: getattr(before, k) for k in changes if hasattr(before, k)}
    if courses is not None:
        old["courses"] = replace_courses_in(session, s, parse_courses(str(courses)), actor=actor)
    current = {n: getattr(s, n) for n in data_fields(StaffData)}
    merged = _complete(StaffData(**(current | dict(changes))))
    raise_on_errors(validate_staff(merged), WHAT)
    wanted = {k: getattr(merged, k) for k in current if getattr(merged, k) != current[k]}
    diff = changed_values(s, wanted, data_fields(StaffData))
    for key, (_, new) in diff.items():
        setattr(s, key, new)
    if diff:
        _apply_keys(session, s)
        if "id_number" in diff:
            _duplicate_check(session, s)
        audit.log(session, actor=actor, action="update", table="staff", record_id=s.id, record_uid=s.uid,
                  changes=diff, unit_id=s.unit_id)
    session.flush()
    return s, old


def end_staff(
    db: Database, staff_id: int, end_date: date, reason: str, *, expected_version: int | None = None,
    note: str | None = None, actor: str = "system",
) -> StaffRecord:
    """End a person's record here (调出, 退休, 离职 …); the record is kept for returns and history."""
    if EndReason.from_label(reason) is None:
        raise ServiceError("请选择离开原因（调出、退休、离职或其他）。", [error("end_reason", "请选择离开原因。")])
    reason = EndReason.from_label(reason).value  # type: ignore[union-attr]
    with db.session(write=True) as session:
        s = fetch(session, Staff, staff_id, WHAT)
        check_version(s, expected_version, WHAT)
        ensure_editable(session, s.unit_id)
        if s.status == "ended":
            raise ServiceError(f"{s.name} 的记录已于 {s.end_date} 结束。")
        if s.join_date and end_date < s.join_date:
            raise ServiceError("离开日期不能早于进本校日期。", [error("end_date", "离开日期不能早于进本校日期。")])
        diff = {"status": (s.status, "ended"), "end_date": (None, end_date), "end_reason": (None, reason)}
        s.status, s.end_date, s.end_reason = "ended", end_date, reason
        if note:
            s.note = f"{s.note}\n{note}" if s.note else note
        audit.log(session, actor=actor, action="end", table="staff", record_id=s.id, record_uid=s.uid,
                  changes=diff, unit_id=s.unit_id, reason=note)
        session.flush()
        return staff_record(s)


def reactivate_staff(db: Database, staff_id: int, *, actor: str = "system") -> StaffRecord:
    """Undo an end (e.g. the end was recorded by mistake)."""
    with db.session(write=True) as session:
        s = fetch(session, Staff, staff_id, WHAT)
        ensure_editable(session, s.unit_id)
        diff = {"status": (s.status, "active"), "end_date": (s.end_date, None), "end_reason": (s.end_reason, None)}
        s.status, s.end_date, s.end_reason = "active", None, None
        _duplicate_check(session, s)
        audit.log(session, actor=actor, action="reactivate", table="staff", record_id=s.id, record_uid=s.uid,
                  changes=diff, unit_id=s.unit_id)
        session.flush()
        return staff_record(s)


def withdraw_new_staff(db: Database, staff_id: int, *, actor: str = "system") -> None:
    """Remove a record added by mistake (undo of an add); audited. Refused once the person
    has certificates, training or movements: such a person is ended, not removed."""
    with db.session(write=True) as session:
        s = fetch(session, Staff, staff_id, WHAT)
        ensure_editable(session, s.unit_id)
        for model, what in ((Credential, "资格证书"), (TrainingRecord, "培训记录"), (Movement, "交流轮岗记录")):
            if session.scalars(select(model.id).where(model.staff_id == s.id).limit(1)).first() is not None:
                raise ServiceError(f"{s.name} 已有{what}，不能撤销新增；如此人已离开，请办理离开。")
        audit.log(session, actor=actor, action="delete", table="staff", record_id=s.id, record_uid=s.uid,
                  changes={"name": (s.name, None), "id_number": (s.id_number, None)}, unit_id=s.unit_id,
                  reason="撤销新增")
        session.delete(s)


def get_staff(db: Database, staff_id: int) -> StaffRecord:
    with db.session() as session:
        return staff_record(fetch(session, Staff, staff_id, WHAT))


def list_staff(db: Database, *, unit_id: int | None = None, include_ended: bool = False) -> list[StaffRecord]:
    with db.session() as session:
        stmt = select(Staff).order_by(Staff.unit_id, Staff.name_pinyin, Staff.id)
        if unit_id is not None:
            stmt = stmt.where(Staff.unit_id == unit_id)
        if not include_ended:
            stmt = stmt.where(Staff.status == "active")
        return [staff_record(s) for s in session.scalars(stmt)]


def add_movement(db: Database, staff_id: int, data: MovementData, *, actor: str = "system") -> MovementRecord:
    from desktop.domain.codes import MovementKind

    if MovementKind.from_label(data.kind) is None:
        raise ServiceError("请选择经历类型（入职、调动、交流、支教、跟岗）。")
    if data.end_date and data.end_date < data.start_date:
        raise ServiceError("结束日期不能早于开始日期。", [error("end_date", "结束日期不能早于开始日期。")])
    with db.session(write=True) as session:
        s = fetch(session, Staff, staff_id, WHAT)
        ensure_editable(session, s.unit_id)
        m = Movement(staff_id=staff_id, **{n: getattr(data, n) for n in data_fields(MovementData)})
        session.add(m)
        session.flush()
        audit.log(session, actor=actor, action="create", table="movements", record_id=m.id, record_uid=m.uid,
                  changes={"kind": (None, m.kind)}, unit_id=s.unit_id)
        return to_record(MovementRecord, m)


def list_movements(db: Database, staff_id: int) -> list[MovementRecord]:
    with db.session() as session:
        stmt = select(Movement).where(Movement.staff_id == staff_id).order_by(Movement.start_date)
        return [to_record(MovementRecord, m) for m in session.scalars(stmt)]
