"""年度考核 and 师德 records travel in packages (issue 23 item 7): the county's readiness list sees them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import Appraisal, EthicsRecord, Staff
from desktop.services.indicators.registration import registrations_due
from desktop.services.packages.export import export_package, import_packages
from desktop.services.records.conduct import add_ethics_record, set_appraisal
from desktop.services.year.periods import ensure_period
from tests.explained import explain_warnings
from tests.services.package_world import (
    CITY,
    COUNTY,
    make_office,
    make_school,
    read_table,
    repack,
    signing_key_of,
)

TODAY = date(2026, 6, 1)


def _due_teacher(db: Database) -> int:
    rows = registrations_due(db, _home(db), today=TODAY, months=600)
    assert rows, "the demo school has teachers with certificates"
    return rows[0].staff_id


def _home(db: Database) -> int:
    from desktop.data.models import Unit

    with db.session() as s:
        return int(s.scalar(select(Unit.id).where(Unit.is_home.is_(True))))


def _count(db: Database, model: object) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)))  # type: ignore[arg-type]


def test_appraisals_and_ethics_reach_the_county_and_a_resubmission_replaces_them(tmp_path: Path) -> None:
    school = make_school(tmp_path, 1, seed=91)
    ensure_period(school, 2025)
    sid = _due_teacher(school)
    with school.session() as s:
        name = s.get(Staff, sid).name  # type: ignore[union-attr]
    set_appraisal(school, sid, 2024, "不合格")
    add_ethics_record(school, sid, date(2024, 3, 1), "表彰", "县级师德标兵")
    explain_warnings(school)
    pkg = export_package(school, tmp_path / "p1", with_returns=False).path
    assert [r[2:4] for r in read_table(pkg, "appraisals")] == [[2024, "4"]]
    county = make_office(tmp_path / "county.db", *COUNTY, "county", CITY[0])
    assert import_packages(county, [pkg]).count("imported") == 1
    mine = [r for r in registrations_due(county, _home(county), today=TODAY, months=600) if r.name == name]
    assert mine and mine[0].result == "不合格" and "2024 年度考核不合格" in mine[0].reasons[0]
    # The school corrects the year and reports again: the county holds the corrected record only.
    set_appraisal(school, sid, 2024, "合格")
    explain_warnings(school)
    pkg2 = export_package(school, tmp_path / "p2", with_returns=False).path
    summary = import_packages(county, [pkg2], confirm=True)
    assert summary.count("replaced") == 1, summary.lines()
    with county.session() as s:
        assert list(s.scalars(select(Appraisal.result))) == ["2"]
    assert _count(county, EthicsRecord) == 1


def test_a_package_without_such_records_has_no_such_members(tmp_path: Path) -> None:
    school = make_school(tmp_path, 2, seed=92)
    ensure_period(school, 2025)
    explain_warnings(school)
    pkg = export_package(school, tmp_path / "p", with_returns=False).path
    import zipfile

    with zipfile.ZipFile(pkg) as zf:
        assert not [n for n in zf.namelist() if "appraisals" in n or "ethics" in n]


def test_a_package_with_an_unknown_appraisal_result_is_refused(tmp_path: Path) -> None:
    school = make_school(tmp_path, 3, seed=93)
    ensure_period(school, 2025)
    set_appraisal(school, _due_teacher(school), 2024, "合格")
    explain_warnings(school)
    pkg = export_package(school, tmp_path / "p", with_returns=False).path
    rows = read_table(pkg, "appraisals")
    rows[0][3] = "9"
    bad = repack(pkg, tmp_path / "bad.erp", signing_key_of(school), tables={"appraisals": rows})
    county = make_office(tmp_path / "county.db", *COUNTY, "county", CITY[0])
    summary = import_packages(county, [bad])
    assert summary.count("refused") == 1 and "年度考核第 1 行" in summary.lines()[0]
    assert _count(county, Appraisal) == 0
