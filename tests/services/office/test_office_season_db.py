"""The office's side of issue 23 on the suite's database (SQLite, or PostgreSQL when the suite
runs there): receipts recorded and made on first use, completeness with a 零上报, the 可上报
rule's data, bulk review and the stored resubmission changes.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Receipt
from desktop.domain.records import UnitData
from desktop.services.core.users import Actor
from desktop.services.office.bulk_review import approve_units, resubmission, return_units
from desktop.services.office.completeness import completeness, record_absence
from desktop.services.office.send_back import import_reply
from desktop.services.packages.export import export_package, import_packages
from desktop.services.packages.receipts import export_receipts, import_receipt
from desktop.services.records.units import create_unit
from tests.explained import explain_warnings
from tests.services.package_world import COUNTY, make_school, school_code, setup_office
from tests.services.season_world import ZERO_REASON, at, make_zero_school

REVIEWER = Actor("reviewer", "张审核", "reviewer")


def test_the_office_season_on_this_database(db: Database, tmp_path: Path) -> None:
    county = setup_office(db, *COUNTY, "county", "441600")
    create_unit(county, UnitData(code=school_code(3), name="测试第3学校", kind="school", parent_code=COUNTY[0],
                                 category="211", ownership="1", urban_rural="3"))
    school = make_school(tmp_path, 1)
    zero = make_zero_school(tmp_path)
    explain_warnings(school)
    pkg = export_package(school, tmp_path / "p1", with_returns=False).path
    zpkg = export_package(zero, tmp_path / "p2", with_returns=False, zero_report=ZERO_REASON).path
    assert import_packages(county, [pkg], received_at=at(18)).results[0].status == "imported"
    assert import_packages(county, [zpkg], received_at=at(22)).results[0].status == "imported"
    with county.session() as s:  # recorded at import, made on first use
        assert [r.content for r in s.scalars(select(Receipt))] == [None, None]
    written = export_receipts(county, tmp_path / "rc")
    assert len(written) == 2
    again = export_receipts(county, tmp_path / "rc2")
    assert [p.read_bytes() for p in written] == [p.read_bytes() for p in again]
    with zipfile.ZipFile(next(p for p in written if school_code(20) in p.name)) as zf:
        assert json.loads(zf.read("manifest.json"))["extra"]["zero_report"] == ZERO_REASON
    assert import_receipt(school, next(p for p in written if school_code(1) in p.name)).status == "applied"

    c = {r.code: r for r in completeness(county, today=date(2025, 9, 30)).rows}
    assert c[school_code(1)].days_late == -2 and c[school_code(20)].days_late == 2 and c[school_code(20)].zero_report
    assert not c[school_code(3)].reported and c[school_code(3)].days_late == 10
    record_absence(county, school_code(3), "已撤并", actor=REVIEWER)
    assert {r.code: r for r in completeness(county).rows}[school_code(3)].absence_reason == "已撤并"

    out = return_units(county, [school_code(1)], tmp_path / "r", templates=["职称请核对。"], text="见附表。",
                       actor=REVIEWER)
    assert out[0].ok and import_reply(school, out[0].path).status == "applied"  # type: ignore[arg-type]
    explain_warnings(school)  # warnings the reply's change brings, if any
    pkg2 = export_package(school, tmp_path / "p3", with_returns=False).path
    assert import_packages(county, [pkg2], confirm=True, received_at=at(25)).results[0].status == "replaced"
    change = resubmission(county, school_code(1))
    assert change is not None and change.returned and change.comments[0][1] == "职称请核对。\n见附表。"
    outcomes = {o.code: o.ok for o in approve_units(county, [school_code(1), school_code(20), school_code(3)],
                                                    actor=REVIEWER)}
    assert outcomes == {school_code(1): True, school_code(20): True, school_code(3): False}
    c = {r.code: r for r in completeness(county, today=date(2025, 9, 30)).rows}
    assert c[school_code(1)].first_time is False and c[school_code(20)].first_time is True
    assert c[school_code(1)].first_received == at(18)
