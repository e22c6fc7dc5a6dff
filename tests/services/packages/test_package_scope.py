"""A school's package cannot touch another school's data (issue: trust holes, items 1 and 2).

The attacker here holds one school's database and so its signing key: every
package below is signed with that key and has correct hashes and counts, so
only the rules under test stand between it and the county's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from package_world import (
    CITY,
    COUNTY,
    make_office,
    make_school,
    read_table,
    repack,
    school_code,
    signing_key_of,
)
from sqlalchemy import func, select

from desktop.appdirs import received_dir_for
from desktop.data.engine import Database
from desktop.data.models import Base, Period, Staff, Unit
from desktop.exchange.tables import BY_NAME
from desktop.services.core.errors import ServiceError
from desktop.services.core.users import Actor
from desktop.services.packages.export import export_package, import_packages
from desktop.services.packages.review import kept_package
from desktop.services.year import workflow
from tests.explained import explain_warnings

pytestmark = pytest.mark.slow
REVIEWER = Actor("r", "张审核", "reviewer")


@dataclass
class Two:
    root: Path
    a: Database
    a_pkg: Path
    b_pkg: Path
    county: Database


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Two:
    root = tmp_path_factory.mktemp("scope")
    a, b = make_school(root, 1), make_school(root, 2)
    explain_warnings(a)
    a_pkg = export_package(a, root / "a", with_returns=False).path
    explain_warnings(b)
    b_pkg = export_package(b, root / "b", with_returns=False).path
    county = make_office(root / "county.db", *COUNTY, "county", CITY[0])
    assert [r.status for r in import_packages(county, [a_pkg, b_pkg]).results] == ["imported", "imported"]
    return Two(root, a, a_pkg, b_pkg, county)


def row_counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


def _staff_of(db: Database, code: str) -> list[str]:
    with db.session() as s:
        return sorted(s.scalars(select(Staff.uid).join(Unit, Unit.id == Staff.unit_id).where(Unit.code == code)))


def _parent_of(db: Database, code: str) -> str | None:
    with db.session() as s:
        unit = s.scalars(select(Unit).where(Unit.code == code)).one()
        parent = s.get(Unit, unit.parent_id) if unit.parent_id else None
        return parent.code if parent else None


def _with_sibling(two: Two, dest: str) -> Path:
    """School 1's package that also carries school 2's unit row and school 2's staff, signed by school 1."""
    a_units, b_units = read_table(two.a_pkg, "units"), read_table(two.b_pkg, "units")
    b_staff = read_table(two.b_pkg, "staff")
    b_staff[0][3] = "冒名顶替"
    return repack(two.a_pkg, two.root / dest, signing_key_of(two.a),
                  {"units": a_units + b_units, "staff": read_table(two.a_pkg, "staff") + b_staff[:1]})


def test_a_school_package_carrying_a_sibling_school_is_refused_naming_it(two: Two) -> None:
    forged = _with_sibling(two, "sibling.erp")
    b_code = school_code(2)
    staff_before, before = _staff_of(two.county, b_code), row_counts(two.county)
    [r] = import_packages(two.county, [forged], confirm=True).results
    assert (r.status, r.reason) == ("refused", "foreign_unit"), r.message
    assert "测试第2学校" in r.message and b_code in r.message
    assert _staff_of(two.county, b_code) == staff_before
    assert _parent_of(two.county, b_code) == COUNTY[0]
    assert row_counts(two.county) == before


def test_the_sibling_stays_refused_when_the_county_has_approved_it(two: Two) -> None:
    b_code = school_code(2)
    with two.county.session() as s:
        b_id = s.scalars(select(Unit.id).where(Unit.code == b_code)).one()
        period_id = s.scalars(select(Period.id).where(Period.school_year == 2025)).one()
    workflow.approve(two.county, REVIEWER, b_id, period_id)
    forged = _with_sibling(two, "sibling-approved.erp")
    before = row_counts(two.county)
    [r] = import_packages(two.county, [forged], confirm=True).results
    assert (r.status, r.reason) == ("refused", "foreign_unit"), r.message
    assert row_counts(two.county) == before
    # The school itself, resubmitting honestly, is still accepted: only the foreign rows are the problem.
    explain_warnings(two.a)
    again = export_package(two.a, two.root / "a-again", with_returns=False).path
    [ok] = import_packages(two.county, [again], confirm=True).results
    assert ok.ok, ok.message


def test_a_package_cannot_move_the_sender_under_another_unit(two: Two) -> None:
    def elsewhere(m: dict[str, dict[str, str]]) -> None:
        m["unit"]["parent_code"] = school_code(2)

    units = read_table(two.a_pkg, "units")
    units[0][3] = school_code(2)
    moved = repack(two.a_pkg, two.root / "moved.erp", signing_key_of(two.a), {"units": units}, elsewhere)
    [r] = import_packages(two.county, [moved], confirm=True).results
    assert r.ok, r.message
    assert _parent_of(two.county, school_code(1)) == COUNTY[0]


@pytest.mark.parametrize("code", ["../../../pwned", f"x/../{school_code(3)}", "２１４４１６２２０１", "2144162201\n"],
                         ids=["climbs-out", "names-another-school", "full-width", "newline"])
def test_a_unit_code_that_is_no_code_is_refused_before_any_use(two: Two, code: str, tmp_path: Path) -> None:
    def rename(m: dict[str, dict[str, str]]) -> None:
        m["unit"]["code"] = code

    own = school_code(1)
    # Every table's rows name the new code, as the school's own export would.
    tables = {name: [[code if v == own else v for v in row] for row in read_table(two.a_pkg, name)]
              for name in BY_NAME if read_table(two.a_pkg, name)}
    forged = repack(two.a_pkg, tmp_path / "badcode.erp", signing_key_of(two.a), tables, rename)
    (tmp_path / "office").mkdir()
    county = make_office(tmp_path / "office" / "county.db", *COUNTY, "county", CITY[0])
    before = row_counts(county)
    [r] = import_packages(county, [forged]).results
    assert (r.status, r.reason) == ("refused", "bad_unit_code"), r.message
    assert "单位代码" in r.message
    assert row_counts(county) == before
    assert not list(tmp_path.rglob("*pwned*"))
    assert county.path is not None and not received_dir_for(county.path).exists()
    with pytest.raises(ServiceError, match="单位代码"):
        kept_package(county, code, 2025)
