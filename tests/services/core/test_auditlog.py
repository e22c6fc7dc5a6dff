"""Audit log reading and exports: history, filters, formula-free CSV/XLSX, masked and audited IDs (R11, R14)."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.data.base import utcnow
from desktop.data.engine import Database
from desktop.data.models import AuditEntry
from desktop.domain.idcard import id_check_char
from desktop.domain.privacy import mask_ids_in_text
from desktop.domain.records import ClassData, PeriodRecord, StaffData, UnitRecord
from desktop.reports.safe import FORMULA_TRIGGERS
from desktop.services.core import auditlog
from desktop.services.core.auditlog import AuditFilter
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor, PermissionDenied
from desktop.services.records import classes, idexport, staff
from desktop.services.year import workflow

ADMIN = Actor("admin", "王管理", "admin")
CLERK = Actor("clerk", "李填报", "clerk")
REVIEWER = Actor("rev", "张审核", "reviewer")
FIRST17 = "44162219850612123"
FULL_ID = FIRST17 + id_check_char(FIRST17)


def _person() -> StaffData:
    return StaffData(name="陈老师", id_number=FULL_ID, teaching_stage="primary", first_work_date=date(2008, 9, 1))


def test_history_and_filters(db: Database, school: UnitRecord, period: PeriodRecord) -> None:
    cls = classes.create_class(db, school.id, period.id, ClassData(grade="P1", name="一年级(1)班", enrolled=40),
                               actor="clerk")
    classes.update_class(db, cls.id, {"enrolled": 42}, actor="clerk")
    workflow.submit(db, CLERK, school.id, period.id)
    workflow.return_(db, REVIEWER, school.id, period.id, "核对人数")
    hist = auditlog.history(db, "classes", cls.id)
    assert [(h.action_label, h.field, h.old_value, h.new_value) for h in hist] == [
        ("新增", "name", None, "一年级(1)班"), ("新增", "enrolled", None, "40"), ("修改", "enrolled", "40", "42")]
    assert {r.username for r in auditlog.search(db, AuditFilter(username="rev"))} == {"rev"}
    assert [r.action for r in auditlog.search(db, AuditFilter(table="unit_periods"))] == ["return", "submit"]
    assert len(auditlog.search(db, AuditFilter(action="update"))) == 1
    today = utcnow().date()
    assert len(auditlog.search(db, AuditFilter(start=today, end=today))) == len(auditlog.search(db)) >= 5
    assert auditlog.search(db, AuditFilter(end=today - timedelta(days=1))) == []
    with pytest.raises(ServiceError, match="结束日期"):
        auditlog.search(db, AuditFilter(start=today, end=today - timedelta(days=1)))


def test_ids_are_masked_in_log_messages_and_exports(db: Database, school: UnitRecord, tmp_path: Path) -> None:
    rec = staff.create_staff(db, school.id, _person())
    # a reason typed with a full number in it
    staff.end_staff(db, rec.id, date(2026, 1, 1), "调出", note=f"身份证 {FULL_ID} 调往二小")
    staff.reactivate_staff(db, rec.id)
    with pytest.raises(ServiceError) as dup:
        staff.create_staff(db, school.id, _person())
    assert FULL_ID not in dup.value.message and "441622********" in dup.value.message
    assert FULL_ID not in str(ServiceError(f"号码 {FULL_ID} 有误"))
    with db.session() as s:
        stored = " ".join(f"{e.reason} {e.old_value} {e.new_value}" for e in s.scalars(select(AuditEntry)))
        assert FULL_ID not in stored and "441622********" in stored
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"log{suffix}"
        assert auditlog.export(db, out) > 0
        raw = out.read_bytes() if suffix == ".csv" else b"".join(
            str(c.value).encode() for row in openpyxl.load_workbook(out).active.iter_rows() for c in row)
        assert FULL_ID.encode() not in raw
        assert mask_ids_in_text(FULL_ID).encode() in raw


def test_full_id_export_only_for_admin_and_audited(db: Database, school: UnitRecord, tmp_path: Path) -> None:
    staff.create_staff(db, school.id, _person())
    masked = tmp_path / "masked.csv"
    assert idexport.export_staff_ids(db, CLERK, masked) == 1
    assert FULL_ID not in masked.read_text(encoding="utf-8-sig")
    assert auditlog.search(db, AuditFilter(action="export_full_ids")) == []
    with pytest.raises(PermissionDenied, match="管理员"):
        idexport.export_staff_ids(db, CLERK, tmp_path / "full.csv", full_ids=True)
    full = tmp_path / "full.xlsx"
    idexport.export_staff_ids(db, ADMIN, full, full_ids=True)
    cells = [c.value for c in openpyxl.load_workbook(full).active[2]]
    assert FULL_ID in cells
    entries = auditlog.search(db, AuditFilter(action="export_full_ids"))
    assert [(e.username, e.reason) for e in entries] == [("admin", "导出到 full.xlsx")]


NASTY = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30) | st.sampled_from(
    ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\")",
     "DDE(\"cmd\")", "-5"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reason=NASTY)
def test_exports_never_contain_formulas(db: Database, school: UnitRecord, period: PeriodRecord,
                                        tmp_path_factory: pytest.TempPathFactory, reason: str) -> None:
    """Whatever text a user typed into a reason, neither export holds a formula or a trigger-leading cell."""
    workflow.submit(db, CLERK, school.id, period.id)
    try:
        workflow.return_(db, REVIEWER, school.id, period.id, reason)
    except ServiceError:
        return  # blank reasons are refused
    finally:
        with db.session(write=True) as s:  # back to draft for the next example (guards allow it)
            s.connection().exec_driver_sql("UPDATE unit_periods SET state = 'draft'")
    out = tmp_path_factory.mktemp("x")
    auditlog.export(db, out / "log.xlsx")
    auditlog.export(db, out / "log.csv")
    ws = openpyxl.load_workbook(out / "log.xlsx").active
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
            assert not (isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS))
    with (out / "log.csv").open(encoding="utf-8-sig", newline="") as fh:
        for line in list(csv.reader(fh))[1:]:
            assert not any(v.startswith(FORMULA_TRIGGERS) for v in line)
