"""The approval lock along the package chain: school → county → city.

At an office, a unit's data is locked once the office has approved it; a
resubmitted package for that unit is refused with its own reason until a
reviewer unlocks it. The copies of the sender's approvals that a county package
carries (its schools, approved by the county) are replaced with the county's
resubmission. The offices run on the engine under test (``make_db``: SQLite, or
PostgreSQL in the server pass); the schools are their own SQLite files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy.exc
from package_world import CITY, COUNTY, make_school, setup_office
from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import Base, Staff, Unit
from desktop.services.core.users import Actor
from desktop.services.office.consolidation import detail_totals
from desktop.services.packages.export import export_package, import_packages, preview_import
from desktop.services.year import workflow
from tests.conftest import MakeDatabase
from tests.explained import explain_warnings

REVIEWER = Actor("r", "张审核", "reviewer")


def _office(make_db: MakeDatabase, code: str, name: str, kind: str, parent: str) -> Database:
    return setup_office(make_db(f"office-{code}"), code, name, kind, parent)


@dataclass
class Chain:
    root: Path
    schools: list[Database]
    county: Database


@pytest.fixture
def chain(tmp_path: Path, make_db: MakeDatabase) -> Chain:
    folder = tmp_path / "school-packages"
    schools = [make_school(tmp_path, i) for i in (1, 2)]
    for school in schools:
        explain_warnings(school)
        export_package(school, folder, with_returns=False)
    county = _office(make_db, *COUNTY, "county", CITY[0])
    assert import_packages(county, [folder]).count("imported") == 2
    return Chain(tmp_path, schools, county)


def _unit_ids(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {u.code: u.id for u in s.scalars(select(Unit))}


def _row_counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


def _totals(db: Database, code: str) -> dict[str, float]:
    with db.session() as s:
        unit_id = s.scalars(select(Unit.id).where(Unit.code == code)).one()
        return detail_totals(s, unit_id, _period_id(db))


def _period_id(db: Database) -> int:
    from desktop.data.models import Period

    with db.session() as s:
        return int(s.scalars(select(Period.id).where(Period.school_year == 2025)).one())


def _approve(db: Database, code: str) -> None:
    units = _unit_ids(db)
    workflow.approve(db, REVIEWER, units[code], _period_id(db))


def _edit_and_export(school: Database, out: Path) -> Path:
    with school.session(write=True) as s:
        person = s.scalars(select(Staff).where(Staff.status == "active").order_by(Staff.id)).first()
        assert person is not None
        person.status, person.end_reason = "ended", "1"
    explain_warnings(school)
    return export_package(school, out, with_returns=False).path


def test_an_approved_school_is_not_replaced_until_the_office_unlocks_it(chain: Chain, tmp_path: Path) -> None:
    school, code = chain.schools[0], "2144162201"
    _approve(chain.county, code)
    path = _edit_and_export(school, tmp_path / "again")
    [preview] = preview_import(chain.county, [path])
    assert preview.status == "refused" and preview.reason == "locked"
    before = _row_counts(chain.county)
    [refused] = import_packages(chain.county, [path], confirm=True).results
    assert refused.status == "refused" and refused.reason == "locked"
    assert "已审核通过" in refused.message and "解锁" in refused.message
    assert _row_counts(chain.county) == before
    # The import switched the lock triggers off for its transaction only: direct SQL is still refused.
    units = _unit_ids(chain.county)
    with pytest.raises(sqlalchemy.exc.IntegrityError, match="已锁定"), chain.county.session(write=True) as s:
        s.connection().exec_driver_sql(f"DELETE FROM staff WHERE unit_id = {units[code]}")
    workflow.unlock(chain.county, REVIEWER, units[code], _period_id(chain.county), "学校更正了离岗人员")
    [done] = import_packages(chain.county, [path], confirm=True).results
    assert done.status == "replaced", done.message
    assert _totals(chain.county, code) == _totals(school, code)


def test_the_lock_triggers_are_the_same_after_imports(chain: Chain, tmp_path: Path) -> None:
    def triggers() -> list[tuple[str, str]]:
        with chain.county.session() as s:
            conn = s.connection()
            if conn.dialect.name == "postgresql":
                return sorted((r[0], "") for r in conn.exec_driver_sql(
                    "SELECT tgname FROM pg_trigger WHERE substr(tgname, 1, 4) = 'edr_'"))
            return sorted((r[0], r[1]) for r in conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))

    before = triggers()
    assert any(name.startswith("edr_lock_training") for name, _ in before)
    _approve(chain.county, "2144162201")
    paths = [_edit_and_export(s, tmp_path / f"again{i}") for i, s in enumerate(chain.schools)]
    results = import_packages(chain.county, paths, confirm=True).results
    assert [r.status for r in results] == ["refused", "replaced"]  # one locked, one replaced, same batch
    assert triggers() == before


def test_the_city_takes_a_county_resubmission_whose_schools_the_county_approved(
    chain: Chain, tmp_path: Path, make_db: MakeDatabase
) -> None:
    for code in ("2144162201", "2144162202"):
        _approve(chain.county, code)
    explain_warnings(chain.county)
    first = export_package(chain.county, tmp_path / "county1", with_returns=False).path
    city = _office(make_db, *CITY, "city", "440000")
    assert import_packages(city, [first]).results[0].status == "imported"
    # The county re-exports (a correction of its own); the city's copies of the school approvals
    # must not stop the replacement.
    explain_warnings(chain.county)
    second = export_package(chain.county, tmp_path / "county2", with_returns=False).path
    [done] = import_packages(city, [second], confirm=True).results
    assert done.status == "replaced", done.message
    for code in ("2144162201", "2144162202", COUNTY[0]):
        assert _totals(city, code) == _totals(chain.county, code)
    # Once the city approves the county, the county's next package waits for an unlock.
    _approve(city, COUNTY[0])
    explain_warnings(chain.county)
    third = export_package(chain.county, tmp_path / "county3", with_returns=False).path
    [refused] = import_packages(city, [third], confirm=True).results
    assert refused.status == "refused" and refused.reason == "locked"
