"""The national forms' staff fields and 任教课程 travel in packages (issue 21): the county's and the
city's 教基 tables for a school equal the school's own, and a package from before them still imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import Staff, StaffCourse, Unit
from desktop.domain.codes import StaffCategory
from desktop.services.packages.export import export_package, import_packages
from desktop.services.records.staff import update_staff
from desktop.services.returns.national import NationalReturn, build_national
from desktop.services.year.periods import ensure_period
from tests.explained import explain_warnings
from tests.services.package_world import (
    CITY,
    COUNTY,
    make_office,
    make_school,
    read_table,
    repack,
    school_code,
    signing_key_of,
)


def _fill_national_fields(db: Database) -> None:
    """Besides what the demo generated: each field set on some teacher, through the staff service."""
    with db.session() as s:
        teachers = list(s.scalars(select(Staff.id).where(Staff.category == StaffCategory.TEACHER.value,
                                                         Staff.status == "active").order_by(Staff.id)))
    assert len(teachers) >= 5, "the demo school has teachers"
    update_staff(db, teachers[0], {"foreign_national": True})
    update_staff(db, teachers[1], {"overseas": "5", "courses": "数学、科学"})
    update_staff(db, teachers[2], {"not_teaching": True, "courses": ""})
    update_staff(db, teachers[3], {"external_teacher": True, "overseas": "11"})
    update_staff(db, teachers[4], {"courses": "道德与法治、语文、劳动"})


def _cells(ret: NationalReturn) -> dict[tuple[str, str, str], tuple[Any, list[str]]]:
    """Every cell of every sheet: its value and the names of the people (or classes) behind it."""
    out: dict[tuple[str, str, str], tuple[Any, list[str]]] = {}
    for sheet in ret.sheets:
        d = sheet.filled.definition
        items = ret.items(d.subject)
        for r in d.rows:
            for c in d.columns:
                names = sorted(items[i].name for i in sheet.filled.people.get((r.code, c.code), []))
                out[(sheet.name, r.code, c.code)] = (sheet.filled.value(r.code, c.code), names)
    return out


def _count(db: Database, model: Any, *where: Any) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_county_and_city_national_tables_equal_the_schools_own(tmp_path: Path) -> None:
    school = make_school(tmp_path, 1, seed=211)
    ensure_period(school, 2025)
    _fill_national_fields(school)
    own = _cells(build_national(school, 2025))
    assert any(v[0] for k, v in own.items() if k[0].startswith("教基4067")), "the school counts 港澳台侨"
    explain_warnings(school)
    pkg = export_package(school, tmp_path / "p1", with_returns=False).path
    county = make_office(tmp_path / "county.db", *COUNTY, "county", CITY[0])
    assert import_packages(county, [pkg]).count("imported") == 1
    at_county = _cells(build_national(county, 2025, unit_code=school_code(1)))
    assert at_county.keys() == own.keys()
    differing = {k: (own[k], at_county[k]) for k in own if own[k] != at_county[k]}
    assert not differing, differing
    assert read_table(pkg, "staff_national") and read_table(pkg, "staff_courses")
    # The county's package carries its schools' detail: the city counts the same.
    explain_warnings(county)
    county_pkg = export_package(county, tmp_path / "p2", with_returns=False).path
    city = make_office(tmp_path / "city.db", *CITY, "city", "440000")
    assert import_packages(city, [county_pkg]).count("imported") == 1
    assert _cells(build_national(city, 2025, unit_code=school_code(1))) == own
    # A resubmission replaces the courses (no duplicates, no orphan rows left behind).
    before = _count(county, StaffCourse)
    explain_warnings(school)
    pkg2 = export_package(school, tmp_path / "p3", with_returns=False).path
    assert import_packages(county, [pkg2], confirm=True).count("replaced") == 1
    assert _count(county, StaffCourse) == before == len(read_table(pkg2, "staff_courses"))


def test_a_package_without_the_national_members_still_imports(tmp_path: Path) -> None:
    school = make_school(tmp_path, 2, seed=212)
    ensure_period(school, 2025)
    _fill_national_fields(school)
    explain_warnings(school)
    pkg = export_package(school, tmp_path / "p", with_returns=False).path

    def older(manifest: dict[str, Any]) -> None:  # as a program from before issue 21 wrote it
        for table in ("staff_national", "staff_courses"):
            manifest["members"].pop(f"data/{table}.jsonl.gz", None)
            manifest["counts"].pop(table, None)

    old = repack(pkg, tmp_path / "old.erp", signing_key_of(school), change=older)
    _without(old, ("data/staff_national.jsonl.gz", "data/staff_courses.jsonl.gz"))  # repack copied them over
    county = make_office(tmp_path / "county.db", *COUNTY, "county", CITY[0])
    summary = import_packages(county, [old])
    assert summary.count("imported") == 1, summary.lines()
    # Not recorded: no flags, no 港澳台侨, no courses (the 任教学科 stands in for the main course).
    assert _count(county, Staff) == len(read_table(pkg, "staff"))
    assert _count(county, Staff, Staff.not_teaching.is_(True) | Staff.external_teacher.is_(True)
                  | Staff.foreign_national.is_(True) | Staff.overseas.is_not(None)) == 0
    assert _count(county, StaffCourse) == 0
    build_national(county, 2025, unit_code=school_code(2))


def _without(path: Path, members: tuple[str, ...]) -> None:
    import zipfile

    with zipfile.ZipFile(path) as zin:
        kept = [(i, zin.read(i.filename)) for i in zin.infolist() if i.filename not in members]
    with zipfile.ZipFile(path, "w") as zout:
        for info, data in kept:
            zout.writestr(info, data)


def test_bad_national_rows_are_refused_by_the_domain_validators(tmp_path: Path) -> None:
    school = make_school(tmp_path, 3, seed=213)
    ensure_period(school, 2025)
    _fill_national_fields(school)
    explain_warnings(school)
    pkg = export_package(school, tmp_path / "p", with_returns=False).path
    key = signing_key_of(school)
    county = make_office(tmp_path / "county.db", *COUNTY, "county", CITY[0])
    courses = read_table(pkg, "staff_courses")
    courses[0][2] = "ZZ"
    national = read_table(pkg, "staff_national")
    national[0][4] = "99"
    for n, (table, rows, label) in enumerate((("staff_courses", courses, "任教课程第 1 行"),
                                              ("staff_national", national, "国家统计字段第 1 行"))):
        bad = repack(pkg, tmp_path / f"bad{n}.erp", key, tables={table: rows})
        summary = import_packages(county, [bad])
        assert summary.count("refused") == 1 and label in summary.lines()[0], summary.lines()
    assert _count(county, Unit, Unit.code == school_code(3)) == 0


def test_kindergarten_posts_travel_so_the_city_counts_4148_4159_and_4150_as_the_county(tmp_path: Path) -> None:
    """The 幼儿园 posts (园长, 保育员, 卫生保健人员) are in the staff member: a city building from a demo
    county's package gets the same 教基4148, 4159 and 4150 cells, people included, for each school."""
    from desktop.data.migrate import upgrade
    from desktop.services.demo import build_demo

    county = Database.for_path(tmp_path / "county.db")
    upgrade(county, backup_dir=tmp_path / "backups")
    build_demo(county, "county", county_size={"schools": 20, "staff": 700, "training": 200, "classes": 120})
    explain_warnings(county)
    pkg = export_package(county, tmp_path / "out", with_returns=False).path
    city = make_office(tmp_path / "city.db", *CITY, "city", "440000")
    assert import_packages(city, [pkg]).count("imported") == 1
    with county.session() as s:
        codes = list(s.scalars(select(Unit.code).where(Unit.category.in_(("111", "510"))).order_by(Unit.code)))
    assert len(codes) >= 2
    forms = {"教基4148", "教基4159", "教基4150"}
    for code in codes:
        own = _cells(build_national(county, 2025, unit_code=code))
        assert {k[0].split("_")[0] for k in own} & forms, code
        assert _cells(build_national(city, 2025, unit_code=code)) == own, code
    whole = _cells(build_national(county, 2025))
    assert any(k[0].startswith("教基4148") and k[2] == "5" and v[0] for k, v in whole.items())  # 保育员
    assert _cells(build_national(city, 2025, unit_code=COUNTY[0])) == whole
