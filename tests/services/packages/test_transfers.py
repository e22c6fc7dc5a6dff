"""One person, one place: a teacher moves between schools of two counties (issue 23 item 3).

Real databases throughout: two demo schools in two counties, the sending school's 调出
and its signed transfer file, the receiving school's entry by ID number and 调入, the
four packages up to the counties and the two county packages up to the city.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import Movement, Staff, TrainingRecord, Unit
from desktop.domain.records import StaffData
from desktop.services.core.errors import ServiceError
from desktop.services.indicators.registration import registrations_due
from desktop.services.packages.export import export_package, import_packages
from desktop.services.packages.transfer_file import export_transfer_file, import_transfer_file
from desktop.services.packages.transfers import (
    confirm_transfer_in,
    pending_for_id,
    pending_transfers,
    record_transfer_out,
)
from desktop.services.records.conduct import (
    add_ethics_record,
    list_appraisals,
    list_ethics_records,
    set_appraisal,
)
from desktop.services.records.staff import create_staff
from desktop.services.returns.checks import run_checks
from desktop.services.year.periods import ensure_period
from tests.explained import explain_warnings
from tests.services.package_world import CITY, make_office, make_school, school_code

COUNTY_A, COUNTY_B = ("441622", "龙川县教育局"), ("441624", "和平县教育局")
OUT, IN = date(2025, 8, 20), date(2025, 8, 25)
CYCLE = (date(2021, 1, 1), date(2025, 9, 1))


def _teacher(db: Database) -> tuple[int, str, str, float]:
    """The active teacher of the school with the most training hours in the cycle up to the census date."""
    with db.session() as s:
        row = s.execute(
            select(Staff.id, Staff.id_number, Staff.name, func.sum(TrainingRecord.hours))
            .join(TrainingRecord, TrainingRecord.staff_id == Staff.id)
            .where(Staff.status == "active", TrainingRecord.end_date.between(*CYCLE))
            .group_by(Staff.id, Staff.id_number, Staff.name).order_by(func.sum(TrainingRecord.hours).desc())).first()
        assert row is not None
        return int(row[0]), str(row[1]), str(row[2]), float(row[3])


def _active(db: Database, number: str) -> list[tuple[str, float]]:
    """(school code, hours in the cycle) of every active record with this ID number."""
    with db.session() as s:
        out = []
        for sid, code in s.execute(select(Staff.id, Unit.code).join(Unit, Unit.id == Staff.unit_id)
                                   .where(Staff.id_number == number, Staff.status == "active")):
            hours = s.scalar(select(func.coalesce(func.sum(TrainingRecord.hours), 0)).where(
                TrainingRecord.staff_id == sid, TrainingRecord.end_date.between(*CYCLE)))
            out.append((code, float(hours)))
        return out


def _unit_id(db: Database, code: str) -> int:
    with db.session() as s:
        return int(s.scalar(select(Unit.id).where(Unit.code == code)))


def _city(root: Path, a: Database, b: Database, tag: str) -> Database:
    counties = []
    for (code, name), school in ((COUNTY_A, a), (COUNTY_B, b)):
        explain_warnings(school)
        export_package(school, root / f"{tag}-{code}-schools", with_returns=False)
        county = make_office(root / f"{tag}-{code}.db", code, name, "county", CITY[0])
        assert import_packages(county, [root / f"{tag}-{code}-schools"]).count("imported") == 1
        explain_warnings(county)
        counties.append(export_package(county, root / f"{tag}-counties", with_returns=False).path)
    city = make_office(root / f"{tag}-city.db", *CITY, "city", "440000")
    assert import_packages(city, counties).count("imported") == 2
    return city


@pytest.fixture
def schools(tmp_path: Path) -> tuple[Database, Database]:
    a = make_school(tmp_path, 1, county=COUNTY_A[0], seed=71)
    b = make_school(tmp_path, 2, county=COUNTY_B[0], seed=72)
    for db in (a, b):
        ensure_period(db, 2025)
    return a, b


def test_a_teacher_moves_across_counties_and_the_city_counts_her_once_with_her_hours(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    a, b = schools
    code_a, code_b = school_code(1, COUNTY_A[0]), school_code(2, COUNTY_B[0])
    staff_id, number, name, hours = _teacher(a)
    assert hours > 0

    out = record_transfer_out(a, staff_id, code_b, "测试第2学校", OUT, kind="调动")
    assert out.state == "pending" and out.hours_in_cycle == pytest.approx(hours)
    file = export_transfer_file(a, out.id, tmp_path / "transfer")
    assert _active(a, number) == []  # her record at the sending school ended (调出)

    # The receiving school imports the file (twice: the same pending 调入) …
    first = import_transfer_file(b, file)
    assert import_transfer_file(b, file).id == first.id
    unit_b = _unit_id(b, code_b)
    assert [t.name for t in pending_transfers(b, unit_b)] == [name]
    # … the clerk enters her by ID number, sees the pending 调出 and confirms 调入.
    create_staff(b, unit_b, StaffData(name=name, id_number=number, teaching_stage="primary", join_date=IN))
    seen = pending_for_id(b, unit_b, number)
    assert seen is not None and seen.from_unit.startswith(code_a)
    done = confirm_transfer_in(b, seen.id, unit_b, IN)
    assert done.state == "confirmed" and pending_transfers(b, unit_b) == []
    assert _active(b, number) == [(code_b, pytest.approx(hours))]
    with b.session() as s:
        kinds = [(m.from_unit_code, m.to_unit_code) for m in s.scalars(select(Movement).join(Staff).where(
            Staff.id_number == number, Staff.status == "active"))]
    assert (code_a, code_b) in kinds

    city = _city(tmp_path, a, b, "moved")
    assert _active(city, number) == [(code_b, pytest.approx(hours))]  # once, with her hours
    rules = {i.finding.rule for i in run_checks(city, _unit_id(city, CITY[0]), _period(city)).items}
    assert "staff.duplicate_id" not in rules


def _period(db: Database) -> int:
    from desktop.data.models import Period

    with db.session() as s:
        return int(s.scalar(select(Period.id).where(Period.school_year == 2025)))


def test_the_same_person_active_in_two_counties_is_a_finding_naming_both_schools(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    a, b = schools
    code_a, code_b = school_code(1, COUNTY_A[0]), school_code(2, COUNTY_B[0])
    _, number, name, _ = _teacher(a)
    # The receiving school enters her without the sending school having recorded 调出.
    create_staff(b, _unit_id(b, code_b), StaffData(name=name, id_number=number, teaching_stage="primary"))
    city = _city(tmp_path, a, b, "twice")
    assert sorted(c for c, _ in _active(city, number)) == [code_a, code_b]
    # A single school's check in the city's database finds the other county's record.
    found = [i for i in run_checks(city, _unit_id(city, code_b), _period(city)).items
             if i.finding.rule == "staff.duplicate_id"]
    assert len(found) == 1
    msg = found[0].finding.message
    assert code_b in msg and code_a in msg and "测试第1学校" in msg and "测试第2学校" in msg
    assert found[0].finding.is_error


def test_a_changed_transfer_file_is_refused_and_one_for_another_school_too(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    a, b = schools
    staff_id, *_ = _teacher(a)
    out = record_transfer_out(a, staff_id, school_code(2, COUNTY_B[0]), "测试第2学校", OUT)
    file = export_transfer_file(a, out.id, tmp_path / "t")
    doc = json.loads(file.read_text(encoding="utf-8"))
    doc["body"] = doc["body"].replace('"hours":', '"hours":1', 1)
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ServiceError, match="签名与内容不符"):
        import_transfer_file(b, forged)
    other = make_school(tmp_path, 3, county=COUNTY_B[0], seed=73)
    with pytest.raises(ServiceError, match="本库没有该单位"):
        import_transfer_file(other, file)


def test_the_roster_import_of_the_receiving_school_names_the_pending_move(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    from openpyxl import Workbook

    from desktop.services.imports.spreadsheet import preview_import

    a, b = schools
    staff_id, number, name, _ = _teacher(a)
    out = record_transfer_out(a, staff_id, school_code(2, COUNTY_B[0]), "测试第2学校", OUT)
    import_transfer_file(b, export_transfer_file(a, out.id, tmp_path / "t"))
    wb = Workbook()
    wb.active.append(["姓名", "身份证号", "教职工类别", "用人形式"])
    wb.active.append([name, number, "专任教师", "在编"])
    wb.save(tmp_path / "roster.xlsx")
    preview = preview_import(b, "roster", tmp_path / "roster.xlsx", unit_id=_unit_id(b, school_code(2, COUNTY_B[0])))
    row = preview.rows[0]
    assert row.status == "add"
    assert any("待确认的调入（自 2144162201 测试第1学校）" in w for w in row.warnings)


def test_an_office_sees_a_move_pending_until_the_receiving_schools_package_settles_it(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    """Two schools of one county: the county learns of the 调出 from the sending school's package."""
    _, b = schools
    a = make_school(tmp_path, 3, county=COUNTY_B[0], seed=73)
    ensure_period(a, 2025)
    code_b = school_code(2, COUNTY_B[0])
    staff_id, number, name, hours = _teacher(a)
    out = record_transfer_out(a, staff_id, code_b, "测试第2学校", OUT)
    county = make_office(tmp_path / "c.db", *COUNTY_B, "county", CITY[0])
    for school, tag in ((a, "a"), (b, "b")):
        explain_warnings(school)
        summary = import_packages(county, [export_package(school, tmp_path / tag, with_returns=False).path])
        assert summary.count("imported") == 1, summary.lines()
    pending = pending_transfers(county, _unit_id(county, code_b))
    assert [(t.name, t.hours_in_cycle) for t in pending] == [(name, pytest.approx(hours))]
    # The receiving school confirms with the file and reports: a county importing both packages sees nothing pending.
    unit_b = _unit_id(b, code_b)
    confirm_transfer_in(b, import_transfer_file(b, export_transfer_file(a, out.id, tmp_path / "t")).id, unit_b, IN)
    explain_warnings(b)  # the teacher moved in brings her own warning (training.behind) to explain
    fresh = make_office(tmp_path / "c2.db", *COUNTY_B, "county", CITY[0])
    import_packages(fresh, [tmp_path / "a", export_package(b, tmp_path / "b2", with_returns=False).path])
    assert pending_transfers(fresh, _unit_id(fresh, code_b)) == []
    assert _active(fresh, number) == [(code_b, pytest.approx(hours))]


def _national(db: Database, number: str) -> tuple[bool, str | None, bool]:
    """(外籍, 港澳台侨, 本学年不授课) of the active record with this ID number."""
    with db.session() as s:
        st = s.scalars(select(Staff).where(Staff.id_number == number, Staff.status == "active")).one()
        return st.foreign_national, st.overseas, st.not_teaching


def _moved_with(tmp_path: Path, a: Database, b: Database, *, appraisals: tuple[tuple[int, str], ...] = (),
                ethics: tuple[tuple[date, str, str], ...] = (), **fields: object) -> tuple[int, str, str]:
    """A teacher of school 1 (with ``fields``, 年度考核 and 师德 records there) moved out to school 2:
    (the pending 调入 at school 2, ID number, name)."""
    staff_id, number, name, _ = _teacher(a)
    with a.session(write=True) as s:
        teacher = s.get(Staff, staff_id)
        assert teacher is not None
        for key, value in fields.items():
            setattr(teacher, key, value)
    for year, result in appraisals:
        set_appraisal(a, staff_id, year, result)
    for day, kind, text in ethics:
        add_ethics_record(a, staff_id, day, kind, text)
    out = record_transfer_out(a, staff_id, school_code(2, COUNTY_B[0]), "测试第2学校", OUT, kind="调动")
    received = import_transfer_file(b, export_transfer_file(a, out.id, tmp_path / "transfer"))
    return received.id, number, name


def test_foreign_nationality_and_hong_kong_macau_taiwan_status_travel_with_the_person(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    # Before: the receiving school's record lost 外籍 and 港澳台侨, which 教基4067 counts at every school.
    a, b = schools
    transfer, number, _ = _moved_with(tmp_path, a, b, foreign_national=True, overseas="1", not_teaching=True)
    confirm_transfer_in(b, transfer, _unit_id(b, school_code(2, COUNTY_B[0])), IN)
    # 本学年不授课 is the sending school's for this year: it stays there.
    assert _national(b, number) == (True, "1", False)


def test_what_the_receiving_school_recorded_itself_stays_and_the_rest_is_filled_in_and_logged(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    from desktop.data.models import AuditEntry

    a, b = schools
    transfer, number, name = _moved_with(tmp_path, a, b, foreign_national=True, overseas="1")
    unit_b = _unit_id(b, school_code(2, COUNTY_B[0]))
    create_staff(b, unit_b, StaffData(name=name, id_number=number, teaching_stage="primary", join_date=IN,
                                      overseas="5"))
    confirm_transfer_in(b, transfer, unit_b, IN)
    assert _national(b, number) == (True, "5", False)
    with b.session() as s:
        logged = [(e.field, e.old_value, e.new_value, e.reason) for e in s.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "staff", AuditEntry.action == "update"))]
    assert [row[:3] for row in logged] == [("foreign_national", "False", "True")]
    assert logged[0][3] is not None and school_code(1, COUNTY_A[0]) in logged[0][3]


def test_a_transfer_from_a_program_that_carried_neither_is_confirmed_as_before(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    from desktop.data.models import Transfer

    a, b = schools
    transfer, number, _ = _moved_with(tmp_path, a, b, foreign_national=True, overseas="1")
    with b.session(write=True) as s:  # the payload as an earlier program wrote it
        t = s.get(Transfer, transfer)
        assert t is not None and "national" in t.payload
        t.payload = {k: v for k, v in t.payload.items() if k != "national"}
    confirm_transfer_in(b, transfer, _unit_id(b, school_code(2, COUNTY_B[0])), IN)
    assert _national(b, number) == (False, None, False)


def test_annual_appraisals_and_ethics_records_travel_and_decide_the_registration_at_the_new_school(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    # Before: they stayed behind, and the receiving school's 定期注册 readiness never saw them.
    a, b = schools
    transfer, number, name = _moved_with(tmp_path, a, b, appraisals=((2023, "不合格"), (2024, "不合格")),
                                         ethics=((date(2024, 3, 1), "处分", "有偿补课，警告处分"),))
    unit_b = _unit_id(b, school_code(2, COUNTY_B[0]))
    confirm_transfer_in(b, transfer, unit_b, IN)
    with b.session() as s:
        here = s.scalars(select(Staff.id).where(Staff.id_number == number, Staff.status == "active")).one()
    assert [(r.year, r.result) for r in list_appraisals(b, here)] == [(2023, "4"), (2024, "4")]
    assert [(e.record_date, e.kind, e.description) for e in list_ethics_records(b, here)] == [
        (date(2024, 3, 1), "3", "有偿补课，警告处分")]
    lines = [r for r in registrations_due(b, unit_b, today=date(2026, 6, 1), months=600) if r.name == name]
    assert lines and {r.result for r in lines} == {"不合格"}


def test_the_receiving_schools_own_appraisal_of_a_year_stays_and_nothing_is_added_twice(
        tmp_path: Path, schools: tuple[Database, Database]) -> None:
    a, b = schools
    honour = (date(2024, 5, 4), "表彰", "县级师德标兵")
    transfer, number, name = _moved_with(tmp_path, a, b, appraisals=((2023, "合格"), (2024, "优秀")), ethics=(honour,))
    unit_b = _unit_id(b, school_code(2, COUNTY_B[0]))
    mine = create_staff(b, unit_b, StaffData(name=name, id_number=number, teaching_stage="primary", join_date=IN))
    set_appraisal(b, mine.id, 2024, "合格")
    add_ethics_record(b, mine.id, *honour)
    confirm_transfer_in(b, transfer, unit_b, IN)
    assert [(r.year, r.result) for r in list_appraisals(b, mine.id)] == [(2023, "2"), (2024, "2")]
    assert len(list_ethics_records(b, mine.id)) == 1
