"""调出 / 调入: a person moving between schools, as an offline handshake.

1. The sending school records 调出 to school X (``record_transfer_out``): the person's
   record here ends (reason 调出), a movement 本校 → X is added, and a transfer row keeps
   what travels — the person (with 外籍 and 港澳台侨), certificates with their registrations,
   training, movements, 年度考核 and 师德 records.
2. That travels to X in the sending school's package (an office that imported it sees the
   pending 调出) or in a small signed file (``transfer_file``).
3. The receiving school confirms 调入 (``confirm_transfer_in``): the person's record there
   (entered by ID number, imported with the roster, or made from what travelled) gets the
   certificates and training, so the hours already earned in the cycle stay counted, and a
   movement X ← 本校. The old record stays ended, so every level counts her once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.base import utcnow
from desktop.data.engine import Database
from desktop.data.models import (
    Appraisal,
    Credential,
    EthicsRecord,
    Movement,
    Registration,
    Staff,
    TrainingRecord,
    Transfer,
    Unit,
)
from desktop.domain.codes import (
    AppraisalResult,
    EndReason,
    EthicsKind,
    MovementKind,
    OverseasStatus,
)
from desktop.domain.cycles import CycleRule, cycle_containing
from desktop.domain.idcard import mask_id, normalize_id
from desktop.exchange.tables import CREDENTIALS, MOVEMENTS, REGISTRATIONS, STAFF, TRAINING
from desktop.services.core import audit
from desktop.services.core.common import ensure_editable, fetch
from desktop.services.core.errors import ServiceError
from desktop.services.records.staff import digest_key, id_digest

PERSON_FIELDS = [c for c in STAFF.columns if c not in ("uid", "unit_code", "status", "end_date", "end_reason")]


@dataclass(frozen=True, slots=True)
class TransferInfo:  # one pending or settled 调动, for lists and messages
    id: int
    direction: str  # out | in
    state: str  # pending | confirmed | withdrawn (撤销调出) | refused (不予确认)
    kind: str
    name: str
    id_masked: str
    from_unit: str
    to_unit: str
    out_date: date
    in_date: date | None
    hours_in_cycle: float


def _info(t: Transfer) -> TransferInfo:
    return TransferInfo(t.id, t.direction, t.state, t.kind, t.person_name, mask_id(t.id_number),
                        f"{t.from_unit_code} {t.from_unit_name}", f"{t.to_unit_code} {t.to_unit_name}", t.out_date,
                        t.in_date, t.hours_in_cycle)


def _value(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


def person_payload(session: Session, s: Staff) -> dict[str, Any]:
    """What travels with a person: record, certificates (with registrations), training, movements.

    ``national``: 外籍 and 港澳台侨, which belong to the person (the 教基 forms count them at every
    school); 本学年不授课 and 校外教师 belong to the school and year, and stay. ``appraisals`` and
    ``ethics_records``: the person's 年度考核 and 师德 records, which decide the 定期注册 at the
    receiving school as the training hours do. Keys of their own, so a program that does not know
    them still reads the rest of a transfer file."""
    creds = list(session.scalars(select(Credential).where(Credential.staff_id == s.id).order_by(Credential.id)))
    regs: Any = session.scalars(select(Registration).where(Registration.credential_id.in_([c.id for c in creds]))
                           .order_by(Registration.reg_date, Registration.id)) if creds else []
    uid_of = {c.id: c.uid for c in creds}
    return {
        "person": {f: _value(getattr(s, f)) for f in PERSON_FIELDS},
        "credentials": [{f: _value(getattr(c, f)) for f in CREDENTIALS.columns if f != "staff_uid"} for c in creds],
        "registrations": [{**{f: _value(getattr(r, f)) for f in REGISTRATIONS.columns if f != "credential_uid"},
                           "credential_uid": uid_of[r.credential_id]} for r in regs],
        "training": [{f: _value(getattr(t, f)) for f in TRAINING.columns if f != "staff_uid"} for t in session.scalars(
            select(TrainingRecord).where(TrainingRecord.staff_id == s.id).order_by(TrainingRecord.end_date))],
        "movements": [{f: _value(getattr(m, f)) for f in MOVEMENTS.columns if f != "staff_uid"} for m in session.scalars(
            select(Movement).where(Movement.staff_id == s.id).order_by(Movement.start_date))],
        "national": {"foreign_national": bool(s.foreign_national), "overseas": s.overseas},
        "appraisals": [{"year": a.year, "result": a.result, "note": a.note} for a in session.scalars(
            select(Appraisal).where(Appraisal.staff_id == s.id).order_by(Appraisal.year))],
        "ethics_records": [{"record_date": e.record_date.isoformat(), "kind": e.kind, "description": e.description,
                            "note": e.note} for e in session.scalars(
            select(EthicsRecord).where(EthicsRecord.staff_id == s.id).order_by(EthicsRecord.record_date))],
    }


_OVERSEAS = frozenset(m.value for m in OverseasStatus)
_RESULTS = frozenset(m.value for m in AppraisalResult)
_ETHICS = frozenset(m.value for m in EthicsKind)


def _carry_conduct(session: Session, s: Staff, payload: dict[str, Any]) -> None:
    """The person's 年度考核 and 师德 records onto the receiving record: a year it has already keeps its own
    result, a 师德 record it has already (same date, kind and 事由) is not added twice. Rows that are not
    what this program stores (a year out of range, an unknown code, an empty 事由) are left out."""
    if s.id is None:
        session.flush()
    rows = payload.get("appraisals")
    years = set(session.scalars(select(Appraisal.year).where(Appraisal.staff_id == s.id)))
    for row in rows if isinstance(rows, list) else []:
        year = row.get("year") if isinstance(row, dict) else None
        if (type(year) is int and 1990 <= year <= date.today().year and row.get("result") in _RESULTS
                and year not in years):
            session.add(Appraisal(staff_id=s.id, year=year, result=row["result"], note=_text(row.get("note"))))
            years.add(year)
    rows = payload.get("ethics_records")
    have = {(e.record_date, e.kind, e.description) for e in session.scalars(
        select(EthicsRecord).where(EthicsRecord.staff_id == s.id))}
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict):
            continue
        day, kind, text = _date(row.get("record_date")), row.get("kind"), _text(row.get("description"))
        if day is not None and day <= date.today() and kind in _ETHICS and text and (day, kind, text) not in have:
            session.add(EthicsRecord(staff_id=s.id, record_date=day, kind=kind, description=text, note=_text(row.get("note"))))
            have.add((day, kind, text))


def _text(v: Any) -> str | None:
    return v.strip() or None if isinstance(v, str) else None


def _carry_national(s: Staff, payload: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """外籍 and 港澳台侨 from the payload onto the receiving record, where that record has none; the changes.

    What the receiving school recorded itself stays. A value that is not a code this program
    knows is ignored (a transfer file is signed by the sending school, not checked by it)."""
    national = payload.get("national")
    if not isinstance(national, dict):
        return {}  # a transfer made by a program before 外籍 and 港澳台侨 travelled
    changes: dict[str, tuple[Any, Any]] = {}
    if national.get("foreign_national") is True and not s.foreign_national:
        changes["foreign_national"] = (s.foreign_national, True)
        s.foreign_national = True
    overseas = national.get("overseas")
    if not s.overseas and isinstance(overseas, str) and overseas in _OVERSEAS:
        changes["overseas"] = (s.overseas, overseas)
        s.overseas = overseas
    return changes


def cycle_hours(payload: dict[str, Any], on: date, rule: CycleRule | None = None) -> float:
    cycle = cycle_containing(on, rule or CycleRule())
    return round(sum(float(t["hours"]) for t in payload["training"]
                     if cycle.start <= date.fromisoformat(t["end_date"]) <= on), 1)


def record_transfer_out(db: Database, staff_id: int, to_code: str, to_name: str, out_date: date, *,
                        kind: str = "transfer", note: str | None = None, actor: str = "system") -> TransferInfo:
    """The sending school's 调出: end the record here, note the move, keep what travels."""
    mk = MovementKind.from_label(kind)
    if mk is None or mk is MovementKind.JOINED:
        raise ServiceError("请选择调动类型（调动、交流、支教或跟岗）。")
    to_code, to_name = to_code.strip(), to_name.strip()
    if not to_code.isdigit() or len(to_code) != 10 or not to_name:
        raise ServiceError("请填写调入学校的 10 位学校标识码和学校名称，调入学校凭此确认调入。")
    with db.session(write=True) as session:
        s = fetch(session, Staff, staff_id, "教职工")
        ensure_editable(session, s.unit_id)
        if s.status != "active":
            raise ServiceError(f"{s.name} 的记录已于 {s.end_date} 结束，不能再办理调出。")
        unit = fetch(session, Unit, s.unit_id, "单位")
        if to_code == unit.code:
            raise ServiceError("调入学校不能是本校，请核对学校标识码。")
        if s.join_date and out_date < s.join_date:
            raise ServiceError("调出日期不能早于进本校日期。")
        m = Movement(staff_id=s.id, kind=mk.value, from_unit_code=unit.code, from_unit_name=unit.name,
                     to_unit_code=to_code, to_unit_name=to_name, start_date=out_date, note=note)
        session.add(m)
        diff = {"status": (s.status, "ended"), "end_date": (None, out_date), "end_reason": (None, EndReason.TRANSFER_OUT.value)}
        s.status, s.end_date, s.end_reason = "ended", out_date, EndReason.TRANSFER_OUT.value
        session.flush()
        payload = person_payload(session, s)
        t = Transfer(direction="out", state="pending", kind=mk.value, staff_uid=s.uid, person_name=s.name,
                     id_number=s.id_number, from_unit_code=unit.code, from_unit_name=unit.name, to_unit_code=to_code,
                     to_unit_name=to_name, out_date=out_date, hours_in_cycle=cycle_hours(payload, out_date),
                     payload=payload, note=note)
        audit.log(session, actor=actor, action="end", table="staff", record_id=s.id, record_uid=s.uid, changes=diff,
                  unit_id=s.unit_id, reason=f"调出至 {to_code} {to_name}")
        audit.log_created(session, t, actor=actor, table="transfers", changes={"to_unit_code": (None, to_code)},
                          unit_id=s.unit_id)
        return _info(t)


def _from_packages(session: Session, unit: Unit) -> list[Transfer]:
    """调出 to ``unit`` that this database knows from packages (an office): made into pending rows once."""
    known: set[tuple[str, str]] = set()
    refused: set[tuple[str, str, date]] = set()  # 不予确认: that 调出 only; a later one of the person is new
    for t in session.scalars(select(Transfer)):
        if t.state == "refused":
            refused.add((t.staff_uid, t.to_unit_code, t.out_date))
        else:
            known.add((t.staff_uid, t.to_unit_code))
    out: list[Transfer] = []
    rows = session.execute(
        select(Staff, Movement).join(Movement, Movement.staff_id == Staff.id)
        .where(Movement.to_unit_code == unit.code, Staff.status == "ended",
               Staff.end_reason == EndReason.TRANSFER_OUT.value, Staff.unit_id != unit.id)).all()
    here = set(session.scalars(select(Staff.id_digest).where(Staff.unit_id == unit.id, Staff.status == "active")))
    for s, m in rows:
        if (s.uid, unit.code) in known or (s.uid, unit.code, m.start_date) in refused or s.id_digest in here:
            # settled already (at the school, in its package), or refused here
            continue
        payload = person_payload(session, s)
        t = Transfer(direction="in", state="pending", kind=m.kind, staff_uid=s.uid, person_name=s.name,
                     id_number=s.id_number, from_unit_code=m.from_unit_code or "", from_unit_name=m.from_unit_name or "",
                     to_unit_code=unit.code, to_unit_name=unit.name, out_date=m.start_date,
                     hours_in_cycle=cycle_hours(payload, m.start_date), payload=payload)
        session.add(t)
        known.add((s.uid, unit.code))
        out.append(t)
    session.flush()
    return out


def pending_transfers(db: Database, unit_id: int) -> list[TransferInfo]:
    """调出 waiting for this school's 调入: from received transfer files and from packages."""
    with db.session(write=True) as session:
        unit = fetch(session, Unit, unit_id, "单位")
        _from_packages(session, unit)
        rows = session.scalars(select(Transfer).where(Transfer.direction == "in", Transfer.state == "pending",
                                                      Transfer.to_unit_code == unit.code).order_by(Transfer.out_date))
        return [_info(t) for t in rows]


def pending_for_id(db: Database, unit_id: int, id_number: str) -> TransferInfo | None:
    """The pending 调出 of this ID number to this school (shown when the clerk enters or imports the person)."""
    wanted = normalize_id(id_number)
    pending = {t.id: t for t in pending_transfers(db, unit_id)}
    with db.session() as session:
        for t in session.scalars(select(Transfer).where(Transfer.id.in_(list(pending)))):
            if normalize_id(t.id_number) == wanted:
                return pending[t.id]
    return None


def _date(v: Any) -> date | None:
    return date.fromisoformat(v) if isinstance(v, str) and v else None


def _copy(row: dict[str, Any], model: Any, **extra: Any) -> Any:
    cols = model.__table__.columns.keys()
    values = {k: _date(v) if k.endswith(("_date", "next_due")) and isinstance(v, str) else v
              for k, v in row.items() if k in cols and k not in ("uid", "id")}
    if "verified_at" in values and isinstance(values["verified_at"], str):
        values["verified_at"] = None
    return model(**values, **extra)


def incoming(session: Session, transfer_id: int, unit_id: int, verb: str) -> tuple[Transfer, Unit]:
    """A 调入 to ``unit_id`` the receiving school may ``verb`` (确认调入, 退回, 恢复): its year not approved."""
    t = fetch(session, Transfer, transfer_id, "调动记录")
    unit = fetch(session, Unit, unit_id, "单位")
    ensure_editable(session, unit.id)
    if t.direction != "in" or t.to_unit_code != unit.code:
        raise ServiceError(f"这条调动是调往 {t.to_unit_code} {t.to_unit_name} 的，不能由{unit.name}{verb}。")
    return t, unit


def confirm_transfer_in(db: Database, transfer_id: int, unit_id: int, in_date: date, *,
                        actor: str = "system") -> TransferInfo:
    """The receiving school's 调入: the person's record here gets what travelled; hours stay counted."""
    with db.session(write=True) as session:
        t, unit = incoming(session, transfer_id, unit_id, "确认调入")
        if t.state == "confirmed":
            return _info(t)
        if in_date < t.out_date:
            raise ServiceError(f"调入日期不能早于调出日期 {t.out_date.isoformat()}。")
        payload = t.payload or {}
        digest = id_digest(digest_key(session), t.id_number)
        s = session.scalars(select(Staff).where(Staff.id_digest == digest, Staff.status == "active")).first()
        if s is not None and s.unit_id != unit.id:
            other = session.get(Unit, s.unit_id)
            raise ServiceError(f"{t.person_name} 在本库中仍是 {other.name if other else '其他单位'} 的在职人员，"
                               "请先由该校办理调出，再确认调入。")
        if s is None:
            person = {k: (_date(v) if k.endswith("_date") else v) for k, v in payload["person"].items()}
            s = Staff(**person, unit_id=unit.id, status="active")
            s.join_date = in_date
            s.id_digest = digest
            _carry_national(s, payload)
            audit.log_created(session, s, actor=actor, table="staff", unit_id=unit.id,
                              changes={"name": (None, s.name), "id_number": (None, s.id_number)})
        else:
            carried = _carry_national(s, payload)
            if carried:
                session.flush()
                audit.log(session, actor=actor, action="update", table="staff", record_id=s.id, record_uid=s.uid,
                          changes=carried, unit_id=unit.id, reason=f"调入：随调动自 {t.from_unit_code} 带来")
        _carry_conduct(session, s, payload)
        have = {(r.title, r.start_date, r.end_date, r.hours) for r in session.scalars(
            select(TrainingRecord).where(TrainingRecord.staff_id == s.id))}
        for row in payload.get("training", []):
            rec = _copy(row, TrainingRecord, staff_id=s.id)
            if (rec.title, rec.start_date, rec.end_date, rec.hours) not in have:
                rec.source = "transfer"
                session.add(rec)
        numbers = {c.number for c in session.scalars(select(Credential).where(Credential.staff_id == s.id))}
        for row in payload.get("credentials", []):
            if row.get("number") and row["number"] in numbers:
                continue
            cred = _copy(row, Credential, staff_id=s.id)
            session.add(cred)
            session.flush()
            for reg in payload.get("registrations", []):
                if reg["credential_uid"] == row["uid"]:
                    session.add(_copy(reg, Registration, credential_id=cred.id))
        session.add(Movement(staff_id=s.id, kind=t.kind, from_unit_code=t.from_unit_code,
                             from_unit_name=t.from_unit_name, to_unit_code=unit.code, to_unit_name=unit.name,
                             start_date=in_date, note=f"调入，确认于 {utcnow():%Y-%m-%d}"))
        t.state, t.in_date, t.in_staff_uid, t.confirmed_at = "confirmed", in_date, s.uid, utcnow()
        session.flush()
        audit.log(session, actor=actor, action="update", table="transfers", record_id=t.id, record_uid=t.uid,
                  changes={"state": ("pending", "confirmed")}, unit_id=unit.id,
                  reason=f"确认调入：{t.person_name}，自 {t.from_unit_code} {t.from_unit_name}，"
                         f"本周期已有学时 {t.hours_in_cycle}")
        return _info(t)


def list_transfers(db: Database, *, unit_code: str | None = None) -> list[TransferInfo]:
    with db.session() as session:
        q = select(Transfer).order_by(Transfer.out_date, Transfer.id)
        if unit_code:
            q = q.where((Transfer.from_unit_code == unit_code) | (Transfer.to_unit_code == unit_code))
        return [_info(t) for t in session.scalars(q)]


def active_staff_id(db: Database, id_number: str, *, unit_code: str | None = None) -> int:
    """The active record of this ID number (in ``unit_code`` when given), for the CLI and forms."""
    with db.session() as session:
        digest = id_digest(digest_key(session), id_number)
        q = select(Staff.id).join(Unit, Unit.id == Staff.unit_id).where(Staff.id_digest == digest,
                                                                         Staff.status == "active")
        if unit_code:
            q = q.where(Unit.code == unit_code)
        found = list(session.scalars(q))
    if not found:
        where = f"单位 {unit_code} " if unit_code else "本库"
        raise ServiceError(f"{where}没有证件号码为 {mask_id(id_number)} 的在职人员，请核对号码。")
    if len(found) > 1:
        raise ServiceError(f"证件号码 {mask_id(id_number)} 在本库有 {len(found)} 条在职记录，请用 --unit 指明单位。")
    return found[0]
