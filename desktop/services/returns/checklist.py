"""The principal's 核查单 of a school: the data of ``reports.checklist``, and the PDF.

One line per active 教职工 of the school (ID masked as on every printed return), the
school's 填写说明 for the period, and the fingerprint and signed QR code of its
教职工名册 (教填-02表) built from the same data in the same transaction.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.engine import Database
from desktop.data.models import (
    Credential,
    Period,
    Registration,
    Staff,
    TrainingRecord,
    Unit,
    UnitPeriod,
)
from desktop.domain.codes import EducationLevel, StaffCategory, TeacherCertType, Title, UnitKind
from desktop.domain.cycles import CycleRule, cycle_containing, standing
from desktop.domain.idcard import mask_id
from desktop.domain.indicators.certs import is_valid, next_due
from desktop.domain.indicators.inputs import CertRow
from desktop.domain.numbers import amount
from desktop.reports.checklist import ChecklistData, ChecklistLine, write_checklist
from desktop.reports.qrpayload import payload_for
from desktop.reports.text import explanation_rows
from desktop.services.core.common import fetch
from desktop.services.core.errors import ServiceError
from desktop.services.indicators.targets import chosen_code, spec_in_session
from desktop.services.returns.build import build_returns_in


def _certificates(session: Session, staff_ids: list[int], today: date) -> dict[int, tuple[str, str]]:
    """staff id → (资格证 text, 定期注册 text)."""
    regs: dict[int, tuple[date | None, str | None, date | None]] = {}
    creds: dict[int, list[CertRow]] = defaultdict(list)
    for i in range(0, len(staff_ids), 900):
        chunk = staff_ids[i:i + 900]
        for r in session.execute(select(Registration.credential_id, Registration.reg_date, Registration.result,
                                        Registration.next_due).join(Credential)
                                 .where(Credential.staff_id.in_(chunk))
                                 .order_by(Registration.reg_date, Registration.id)):
            regs[r[0]] = (r[1], r[2], r[3])
        for c in session.execute(select(Credential.id, Credential.staff_id, Credential.cert_type, Credential.revoked,
                                        Credential.issue_date).where(Credential.kind == "teacher",
                                                                     Credential.staff_id.in_(chunk))):
            reg = regs.get(c.id, (None, None, None))
            creds[c.staff_id].append(CertRow(c.id, c.staff_id, c.cert_type, bool(c.revoked), c.issue_date, *reg))
    out: dict[int, tuple[str, str]] = {}
    for sid, rows in creds.items():
        valid = [r for r in rows if is_valid(r)]
        if not valid:
            out[sid] = ("已失效", "—")
            continue
        kinds = "、".join(sorted({TeacherCertType.label_of(r.cert_type) or "种类未填" for r in valid}))
        dues = sorted(d for d in (next_due(r) for r in valid) if d is not None)
        if not dues:
            state = "日期未填"
        elif dues[0] < today:
            state = f"{dues[0].isoformat()} 已逾期"
        else:
            state = f"{dues[0].isoformat()} 到期"
        out[sid] = (kinds, state)
    return out


def checklist_data(db: Database, unit_id: int, period_id: int, *, today: date | None = None) -> ChecklistData:
    """What the 核查单 of school ``unit_id`` for ``period_id`` prints."""
    today = today or date.today()
    with db.session() as session:
        unit = fetch(session, Unit, unit_id, "单位")
        if unit.kind != UnitKind.SCHOOL.value:
            raise ServiceError(f"{unit.name}不是学校。核查单按学校打印，请选择一所学校。")
        period = fetch(session, Period, period_id, "统计期")
        rule = CycleRule.from_spec(spec_in_session(session, chosen_code(session, unit_id, period_id)))
        people = list(session.scalars(select(Staff).where(Staff.unit_id == unit_id, Staff.status == "active")
                                      .order_by(Staff.category, Staff.name_pinyin, Staff.id)))
        ids = [p.id for p in people]
        training: dict[int, list[tuple[date, float]]] = defaultdict(list)
        for i in range(0, len(ids), 900):
            for sid, end, hours in session.execute(select(TrainingRecord.staff_id, TrainingRecord.end_date,
                                                          TrainingRecord.hours)
                                                   .where(TrainingRecord.staff_id.in_(ids[i:i + 900]))):
                training[sid].append((end, float(hours)))
        certs = _certificates(session, ids, today)
        lines = []
        cycle_label = ""
        for p in people:
            st = standing(rule, period.census_date, today, training.get(p.id, []))
            cycle_label = st.cycle.label
            cert, reg = certs.get(p.id, ("无", "—"))
            lines.append(ChecklistLine(
                name=p.name, id_masked=mask_id(p.id_number), category=StaffCategory.label_of(p.category),
                education=EducationLevel.label_of(p.education) or "未填", title=Title.label_of(p.title) or "未填",
                certificate=cert, registration=reg, hours=f"{amount(st.hours, 1)} / {amount(st.required)}"))
        roster = build_returns_in(session, ["roster"], unit_id, period_id)[0]
        up = session.scalars(select(UnitPeriod).where(UnitPeriod.unit_id == unit_id,
                                                      UnitPeriod.period_id == period_id)).first()
    if not cycle_label:
        cycle_label = cycle_containing(period.census_date, rule).label
    return ChecklistData(
        unit_code=unit.code, unit_name=unit.name, school_year=period.school_year, census_date=period.census_date,
        cycle_label=cycle_label, lines=tuple(lines),
        explanations=tuple((rule_, text, record) for _, rule_, text, record in explanation_rows(roster)),
        fingerprint=roster.fingerprint, short_fingerprint=roster.short_fingerprint, qr_payload=payload_for(roster),
        return_label=f"{roster.definition.table_no} {roster.definition.title}",
        proxy_by=(up.proxy_by or "") if up else "")


def export_checklist(db: Database, unit_id: int, period_id: int, out: Path, *, today: date | None = None) -> Path:
    """Write the 核查单 PDF to ``out`` (a file, or a folder to put ``<代码>_<学年>学年_核查单.pdf`` in)."""
    data = checklist_data(db, unit_id, period_id, today=today)
    path = out / f"{data.unit_code}_{data.school_year}学年_核查单.pdf" if out.is_dir() or not out.suffix else out
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_checklist(data, path)
    except PermissionError:
        raise ServiceError(f"无法写入 {path}：文件可能正在被其他程序（如 PDF 阅读器）打开，请关闭后重试。") from None
    return path
