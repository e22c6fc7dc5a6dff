"""年度考核 (annual appraisal) and 师德 (professional ethics) records of a person.

Both feed the 定期注册 readiness list (``services.indicators.registration``). An
appraisal is one result per person and year (entering a year again replaces its
result); ethics records are any number of dated entries. Every write is audited,
and refused while the person's unit is approved (locked).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Appraisal, EthicsRecord, Staff
from desktop.domain.codes import AppraisalResult, EthicsKind
from desktop.domain.findings import error
from desktop.services.core import audit
from desktop.services.core.common import ensure_editable, fetch
from desktop.services.core.errors import ServiceError


@dataclass(frozen=True, slots=True)
class AppraisalRecord:
    id: int
    staff_id: int
    year: int
    result: str
    result_label: str
    note: str | None


@dataclass(frozen=True, slots=True)
class EthicsEntry:
    id: int
    staff_id: int
    record_date: date
    kind: str
    kind_label: str
    description: str
    note: str | None


def _appraisal(a: Appraisal) -> AppraisalRecord:
    return AppraisalRecord(a.id, a.staff_id, a.year, a.result, AppraisalResult.label_of(a.result), a.note)


def _ethics(e: EthicsRecord) -> EthicsEntry:
    return EthicsEntry(e.id, e.staff_id, e.record_date, e.kind, EthicsKind.label_of(e.kind), e.description, e.note)


def set_appraisal(db: Database, staff_id: int, year: int, result: str, *, note: str | None = None,
                  actor: str = "system") -> AppraisalRecord:
    """Record (or correct) the 年度考核 result of ``year``; ``result`` is a code or label (优秀, 合格 …)."""
    code = AppraisalResult.from_label(str(result))
    if code is None:
        raise ServiceError(f"年度考核结果“{result}”不认识，请填 优秀、合格、基本合格 或 不合格。",
                           [error("result", "请选择年度考核结果。")])
    if not 1990 <= year <= date.today().year:
        raise ServiceError(f"考核年度 {year} 不对，请填 1990 年到今年之间的年份。", [error("year", "考核年度不对。")])
    with db.session(write=True) as session:
        s = fetch(session, Staff, staff_id, "教职工")
        ensure_editable(session, s.unit_id)
        a = session.scalars(select(Appraisal).where(Appraisal.staff_id == staff_id, Appraisal.year == year)).first()
        if a is None:
            a = Appraisal(staff_id=staff_id, year=year, result=code.value, note=note)
            audit.log_created(session, a, actor=actor, table="appraisals",
                              changes={"year": (None, year), "result": (None, code.label)}, unit_id=s.unit_id)
        else:
            audit.apply_update(session, a, {k: v for k, v in {"result": (a.result, code.value), "note": (a.note, note)}
                                            .items() if v[0] != v[1]}, actor=actor, table="appraisals",
                               unit_id=s.unit_id)
        return _appraisal(a)


def list_appraisals(db: Database, staff_id: int) -> list[AppraisalRecord]:
    with db.session() as session:
        return [_appraisal(a) for a in session.scalars(
            select(Appraisal).where(Appraisal.staff_id == staff_id).order_by(Appraisal.year))]


def add_ethics_record(db: Database, staff_id: int, record_date: date, kind: str, description: str, *,
                      note: str | None = None, actor: str = "system") -> EthicsEntry:
    """Add a 师德 record: 表彰, 批评教育, 处分 or 撤销教师资格, with what happened."""
    code = EthicsKind.from_label(str(kind))
    if code is None:
        raise ServiceError(f"师德记录类别“{kind}”不认识，请填 表彰、批评教育、处分 或 撤销教师资格。",
                           [error("kind", "请选择师德记录类别。")])
    description = (description or "").strip()
    if not description:
        raise ServiceError("请写明师德记录的事由（例如：获评县级师德标兵；有偿补课受到警告处分）。",
                           [error("description", "请填写事由。")])
    if record_date > date.today():
        raise ServiceError("师德记录的日期不能晚于今天。", [error("record_date", "日期不能晚于今天。")])
    with db.session(write=True) as session:
        s = fetch(session, Staff, staff_id, "教职工")
        ensure_editable(session, s.unit_id)
        e = EthicsRecord(staff_id=staff_id, record_date=record_date, kind=code.value, description=description,
                         note=note)
        audit.log_created(session, e, actor=actor, table="ethics_records",
                          changes={"kind": (None, code.label), "description": (None, description)}, unit_id=s.unit_id)
        return _ethics(e)


def list_ethics_records(db: Database, staff_id: int) -> list[EthicsEntry]:
    with db.session() as session:
        return [_ethics(e) for e in session.scalars(
            select(EthicsRecord).where(EthicsRecord.staff_id == staff_id).order_by(EthicsRecord.record_date))]


def remove_ethics_record(db: Database, record_id: int, *, actor: str = "system") -> None:
    with db.session(write=True) as session:
        e = fetch(session, EthicsRecord, record_id, "师德记录")
        s = fetch(session, Staff, e.staff_id, "教职工")
        ensure_editable(session, s.unit_id)
        audit.log(session, actor=actor, action="delete", table="ethics_records", record_id=e.id, record_uid=e.uid,
                  changes={"description": (e.description, None)}, unit_id=s.unit_id)
        session.delete(e)
