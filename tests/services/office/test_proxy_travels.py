"""代报 (issue 23 item 5) travels up: the county's package carries the mark of the school whose
data it entered, so the city's returns of that school print "本表由…代报" too. The mark is an
optional package member (like 年度考核 and 师德): a package without marks has no such member."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import Period, Unit, UnitPeriod
from desktop.domain.records import ClassData, StaffData, UnitData
from desktop.exchange.tables import member_name
from desktop.services.packages.export import export_package, import_packages
from desktop.services.records.classes import create_class
from desktop.services.records.staff import create_staff
from desktop.services.records.units import create_unit
from desktop.services.returns.build import build_returns, write_returns
from desktop.services.year.periods import latest_period
from tests.explained import explain_warnings
from tests.pdfread import pdf_pages
from tests.services.package_world import (
    CITY,
    COUNTY,
    make_office,
    make_school,
    read_table,
    school_code,
)

SCHOOL = school_code(31)


def _school_sends_its_own(county: Database, root: Path) -> None:
    own = make_school(root, 31)
    explain_warnings(own)
    package = export_package(own, root / "school", with_returns=False).path
    assert import_packages(county, [package], confirm=True).results[0].ok


def _county_with_a_proxied_school(root: Path, *, proxy: bool = True) -> tuple[Database, Path]:
    """The county's package: the school's data entered by the county clerk (代报), or sent by the school."""
    county = make_office(root / "county.db", *COUNTY, "county", CITY[0])
    if proxy:
        school = create_unit(county, UnitData(code=SCHOOL, name="龙川县无电脑小学", kind="school",
                                              parent_code=COUNTY[0], category="211", ownership="1", urban_rural="3"))
        create_staff(county, school.id, StaffData(name="代录员", id_number="11010519491231002X",
                                                  teaching_stage="primary"))
        period = latest_period(county)
        assert period is not None
        create_class(county, school.id, period.id, ClassData(grade="P1", name="一年级(1)班", enrolled=30))
    else:  # the school has a PC and sends its own package
        _school_sends_its_own(county, root)
    explain_warnings(county)
    return county, export_package(county, root / "county-package", with_returns=False).path


def _counts(package: Path) -> dict[str, int]:
    with zipfile.ZipFile(package) as zf:
        return json.loads(zf.read("manifest.json"))["counts"]  # type: ignore[no-any-return]


def _city_returns(root: Path, package: Path) -> str:
    city = make_office(root / "city.db", *CITY, "city", "440000")
    result = import_packages(city, [package]).results[0]
    assert result.ok, result
    with city.session() as s:
        unit_id = s.scalars(select(Unit.id).where(Unit.code == SCHOOL)).one()
        period_id = s.scalars(select(Period.id)).one()
    write_returns(build_returns(city, ["roster"], unit_id, period_id), ["pdf"], root / "city-returns")
    return pdf_pages(next((root / "city-returns").glob("*.pdf")))[0]


def test_the_citys_returns_of_a_proxied_school_print_the_county_as_proxy(tmp_path: Path) -> None:
    _, package = _county_with_a_proxied_school(tmp_path)
    assert read_table(package, "proxies") == [[SCHOOL, COUNTY[1]]]
    # An older program checks every table named in the manifest: it asks to be upgraded for this one.
    assert _counts(package)["proxies"] == 1
    assert f"本表由{COUNTY[1]}代报" in _city_returns(tmp_path, package)


def test_a_package_without_proxy_entry_has_no_proxy_member(tmp_path: Path) -> None:
    _, package = _county_with_a_proxied_school(tmp_path, proxy=False)
    with zipfile.ZipFile(package) as zf:
        assert member_name("proxies") not in zf.namelist()
    assert "proxies" not in _counts(package)  # so an older program reads this package as before
    assert "代报" not in _city_returns(tmp_path, package)


@pytest.mark.parametrize("office", ["", "x" * 101])
def test_a_proxy_row_the_program_would_not_write_is_refused(tmp_path: Path, office: str) -> None:
    from desktop.exchange.row_checks import RowProblem, check_row

    with pytest.raises(RowProblem, match="代报标记"):
        check_row("proxies", [SCHOOL, office], 1)


def test_the_school_sending_its_own_package_later_clears_the_mark(tmp_path: Path) -> None:
    county, package = _county_with_a_proxied_school(tmp_path)
    city = make_office(tmp_path / "city.db", *CITY, "city", "440000")
    assert import_packages(city, [package]).results[0].ok
    # The school gets a PC and sends its own package: its data in the county is its own now.
    _school_sends_its_own(county, tmp_path)
    explain_warnings(county)
    again = export_package(county, tmp_path / "county-again", with_returns=False).path
    assert read_table(again, "proxies") == []
    assert import_packages(city, [again], confirm=True).results[0].ok
    with city.session() as s:
        marks = s.scalars(select(UnitPeriod.proxy_by).join(Unit, Unit.id == UnitPeriod.unit_id)
                          .where(Unit.code == SCHOOL)).all()
    assert marks == [None]
