"""代报 (issue 23 item 5): a county clerk entering a school's data is marked on the audit trail,
on the school's returns and on the dashboard; the school's own entry is not."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from desktop.data.models import AuditEntry
from desktop.domain.records import StaffData, UnitData
from desktop.services.office.dashboard import dashboard
from desktop.services.records.staff import create_staff
from desktop.services.records.units import create_home_unit
from desktop.services.returns.build import build_returns, write_returns
from desktop.services.year.periods import ensure_period
from tests.conftest import MakeDatabase
from tests.pdfread import pdf_pages
from tests.services.conftest import County

ID = "11010519491231002X"


def _reasons(db: object, table: str = "staff") -> list[str | None]:
    with db.session() as s:  # type: ignore[attr-defined]
        return list(s.scalars(select(AuditEntry.reason).where(AuditEntry.table_name == table)))


def test_a_county_entering_a_schools_staff_is_proxy_entry_everywhere(county: County, tmp_path: Path) -> None:
    school = county.units["A"]
    create_staff(county.db, school, StaffData(name="代录员", id_number=ID, teaching_stage="primary"))
    assert _reasons(county.db) == ["代报（龙川县教育局代为录入）"] * 2  # one entry per field logged
    row = next(r for r in dashboard(county.db, school_year=2025).rows if r.unit_id == school)
    assert row.proxy_by == "龙川县教育局"
    assert all(r.proxy_by is None for r in dashboard(county.db, school_year=2025).rows if r.unit_id != school)
    returns = build_returns(county.db, ["roster"], school, county.period)
    write_returns(returns, ["pdf"], tmp_path)
    pdf = next(tmp_path.glob("*.pdf"))
    assert "本表由龙川县教育局代报" in pdf_pages(pdf)[0]
    other = build_returns(county.db, ["roster"], county.units["B"], county.period)[0]
    assert other.signoff.proxy_by == ""


def test_a_schools_own_entry_is_not_proxy(make_db: MakeDatabase) -> None:
    db = make_db("school")
    unit = create_home_unit(db, UnitData(code="2144012345", name="测试小学", kind="school", category="211",
                                         ownership="1", urban_rural="1"))
    ensure_period(db, 2025)
    create_staff(db, unit.id, StaffData(name="张堃", id_number=ID, teaching_stage="primary"))
    assert set(_reasons(db)) == {None}
