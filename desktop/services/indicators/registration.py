"""定期注册 readiness (注册预判): teachers whose registration falls due within 12 months.

For a school, or an office over every school below it, one row per teacher whose
certificate's next 定期注册 is due within ``months`` of ``today`` (or overdue),
with the predicted result (合格 / 暂缓 / 不合格) and the reasons, from the rules in
``desktop.domain.registration``: training hours in the five years before the due
date against the target set's ``cycle_hours_teacher`` (450 in 河源, 360 where the
set keeps the national floor), the 年度考核 results and the 师德 records. The list
is what a school acts on: each reason says what to enter or complete.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import (
    Appraisal,
    Credential,
    EthicsRecord,
    Period,
    Registration,
    Staff,
    TrainingRecord,
    Unit,
)
from desktop.data.queries import period_for_year, school_ids
from desktop.domain.idcard import mask_id
from desktop.domain.indicators.certs import is_valid, next_due
from desktop.domain.indicators.common import add_months
from desktop.domain.indicators.inputs import CertRow
from desktop.domain.registration import Prediction, predict, registration_window
from desktop.services.core.common import fetch
from desktop.services.indicators.targets import chosen_code, spec_in_session


@dataclass(frozen=True, slots=True)
class RegistrationDue:  # one line of the readiness list
    unit_code: str
    unit_name: str
    staff_id: int
    name: str
    id_masked: str
    certificate_no: str
    due: date
    overdue: bool
    result: str  # 合格 | 暂缓 | 不合格
    reasons: tuple[str, ...]
    hours: float
    required: float


def _chunks(ids: list[int], size: int = 900) -> list[list[int]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def _certificates(session: Session, staff_ids: list[int]) -> dict[int, list[tuple[CertRow, str]]]:
    out: dict[int, list[tuple[CertRow, str]]] = defaultdict(list)
    for chunk in _chunks(staff_ids):
        latest: dict[int, tuple[date | None, str | None, date | None]] = {}
        for cid, last_reg, last_result, last_due in session.execute(
                select(Registration.credential_id, Registration.reg_date, Registration.result, Registration.next_due)
                .join(Credential, Credential.id == Registration.credential_id)
                .where(Credential.kind == "teacher", Credential.staff_id.in_(chunk))
                .order_by(Registration.credential_id, Registration.reg_date, Registration.id)):
            latest[cid] = (last_reg, last_result, last_due)
        for c in session.execute(select(Credential.id, Credential.staff_id, Credential.cert_type, Credential.revoked,
                                        Credential.issue_date, Credential.number)
                                 .where(Credential.kind == "teacher", Credential.staff_id.in_(chunk))):
            row = CertRow(c.id, c.staff_id, c.cert_type, bool(c.revoked), c.issue_date,
                          *latest.get(c.id, (None, None, None)))
            out[c.staff_id].append((row, c.number or ""))
    return out


def _hours(session: Session, staff_id: int, start: date, end: date) -> float:
    total = session.scalar(select(func.coalesce(func.sum(TrainingRecord.hours), 0)).where(
        TrainingRecord.staff_id == staff_id, TrainingRecord.end_date >= start, TrainingRecord.end_date <= end))
    return round(float(total or 0), 1)


def registrations_due(db: Database, unit_id: int, *, today: date | None = None, months: int = 12,
                      school_year: int | None = None) -> list[RegistrationDue]:
    """The readiness list of a school, or of every school below an office, soonest due first."""
    today = today or date.today()
    with db.session() as session:
        fetch(session, Unit, unit_id, "单位")
        period: Period | None = period_for_year(session, school_year)
        code = chosen_code(session, unit_id, period.id) if period else "heyuan-2025"
        required = float(spec_in_session(session, code).setting("cycle_hours_teacher"))
        units = {u.id: u for u in session.scalars(select(Unit).where(
            Unit.id.in_(school_ids(session, unit_id, include_closed=False))))}
        people = list(session.scalars(select(Staff).where(Staff.unit_id.in_(list(units)), Staff.status == "active")))
        certs = _certificates(session, [p.id for p in people])
        horizon = add_months(today, months)
        out: list[RegistrationDue] = []
        for p in people:
            dues = [(next_due(c), c, no) for c, no in certs.get(p.id, []) if is_valid(c)]
            dated = sorted((d, no) for d, c, no in dues if d is not None and d <= horizon)
            if not dated:
                continue
            due, number = dated[0]
            start, end = registration_window(due)
            appraisals = {a.year: a.result for a in session.scalars(select(Appraisal).where(Appraisal.staff_id == p.id))}
            ethics = [(e.record_date, e.kind) for e in session.scalars(
                select(EthicsRecord).where(EthicsRecord.staff_id == p.id))]
            pred: Prediction = predict(due=due, as_of=today, hours=_hours(session, p.id, start, min(end, today)),
                                       required=required, appraisals=appraisals, ethics=ethics,
                                       since=p.first_work_date)
            u = units[p.unit_id]
            out.append(RegistrationDue(u.code, u.name, p.id, p.name, mask_id(p.id_number), number, due, due < today,
                                       pred.result, pred.reasons, pred.hours, pred.required))
    order = {"不合格": 0, "暂缓": 1, "合格": 2}
    out.sort(key=lambda r: (r.unit_code, order[r.result], r.due, r.name))
    return out
