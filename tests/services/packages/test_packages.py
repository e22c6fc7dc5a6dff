"""End to end: 20 schools → county → city, refusals, resubmission, double import, 退回.

The chain is built once per module (``world``); tests that change it (the
resubmission) run last and keep the union-equals-county property true.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from package_world import (
    COUNTY,
    World,
    build_world,
    edit_manifest,
    gz_edit,
    make_school,
    rewrite_member,
)
from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import Base, StoredFinding, Submission, Unit, UnitPeriod
from desktop.services.core.users import Actor
from desktop.services.indicators.compute import compute_indicators, compute_indicators_by_school
from desktop.services.office.consolidation import consolidate, detail_totals
from desktop.services.packages.export import export_package, import_packages, preview_import
from tests.explained import explain_warnings

REVIEWER = Actor("r", "张审核", "reviewer")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world"))


def row_counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


def totals(db: Database, unit_code: str | None = None) -> dict[str, float]:
    with db.session() as s:
        unit = s.scalars(select(Unit).where(Unit.code == unit_code) if unit_code else
                         select(Unit).where(Unit.is_home.is_(True))).one()
        return detail_totals(s, unit.id, 1)


def home_id(db: Database) -> int:
    with db.session() as s:
        return s.scalars(select(Unit.id).where(Unit.is_home.is_(True))).one()


def unit_id(db: Database, code: str) -> int:
    with db.session() as s:
        return s.scalars(select(Unit.id).where(Unit.code == code)).one()


def values(report: object) -> dict[tuple[str, str | None], tuple[object, ...]]:
    return {(r.code, r.stage): (r.value, r.numerator, r.denominator, r.passed, len(r.failures))
            for r in report.results}  # type: ignore[attr-defined]


def test_every_school_package_is_imported_into_the_county(world: World) -> None:
    results = world.county_import.results
    assert [r.status for r in results] == ["imported"] * 20
    assert all("已导入" in r.message for r in results)
    assert world.county_import.backup is not None and world.county_import.backup.exists()
    with world.county.session() as s:
        states = set(s.scalars(select(UnitPeriod.state).where(UnitPeriod.unit_id != home_id(world.county))))
    assert states == {"submitted"}


def test_county_totals_equal_the_sum_over_the_schools(world: World) -> None:
    union: dict[str, float] = {}
    for db in world.schools:
        for k, v in totals(db).items():
            union[k] = round(union.get(k, 0) + v, 1)
    assert totals(world.county) == union
    assert union["staff"] > 200 and union["training"] == 20 * 500


def test_county_indicators_are_computed_from_the_schools_detail(world: World) -> None:
    by_school = compute_indicators_by_school(world.county, home_id(world.county), 1)
    for db in world.schools:
        own = compute_indicators(db, home_id(db), 1)
        with db.session() as s:
            code = s.scalars(select(Unit.code).where(Unit.is_home.is_(True))).one()
        assert values(by_school[unit_id(world.county, code)]) == values(own)
    # County level: every share is recomputed from the pooled numerators and denominators of the
    # schools' detail (not averaged), and every count is the sum of the schools' counts.
    county = compute_indicators(world.county, home_id(world.county), 1).results
    checked = 0
    for r in county:
        if r.code == "seats.progress":  # its denominator is the county's own task, not the schools'
            continue
        parts = [x for rep in by_school.values() for x in rep.results if (x.code, x.stage) == (r.code, r.stage)]
        if not parts:  # county-only indicators (e.g. share of 县级骨干 in township schools)
            continue
        if r.numerator is not None:
            assert r.numerator == pytest.approx(sum(x.numerator or 0 for x in parts)), r.code
            assert r.denominator == pytest.approx(sum(x.denominator or 0 for x in parts)), r.code
            checked += 1
        elif r.unit == "个":
            assert r.value == pytest.approx(sum(x.value or 0 for x in parts)), r.code
            checked += 1
    assert checked >= 20


def test_city_gets_the_same_numbers_from_the_county_package(world: World) -> None:
    assert [r.status for r in world.city_import.results] == ["imported"]
    assert totals(world.city) == totals(world.county)
    county_in_city = compute_indicators(world.city, unit_id(world.city, COUNTY[0]), 1)
    assert values(county_in_city) == values(compute_indicators(world.county, home_id(world.county), 1))
    # Drill-down to a person: every school and every staff member arrived at the city.
    assert row_counts(world.city)["staff"] == row_counts(world.county)["staff"]
    with world.city.session() as s:
        assert s.scalar(select(func.count()).select_from(Unit).where(Unit.kind == "school")) == 20


def test_consolidation_writes_the_county_returns_and_seat_progress(world: World, tmp_path: Path) -> None:
    result = consolidate(world.county, out_dir=tmp_path)
    assert result.schools == 20
    assert {p.suffix for p in result.files} == {".xlsx", ".pdf"}
    assert [r.stage for r in result.seat_progress] == ["preschool", "primary", "junior", "senior"]
    assert result.seat_progress[0].task == 2400
    assert sum(r.done for r in result.seat_progress) <= result.totals["added_seats"]


def test_a_double_import_changes_nothing_and_says_so(world: World) -> None:
    before = row_counts(world.county)
    summary = import_packages(world.county, [world.school_folder])
    assert [r.status for r in summary.results] == ["unchanged"] * 20
    assert "导入过" in summary.results[0].message
    assert row_counts(world.county) == before


def _refused(world: World, path: Path, **kw: object) -> tuple[str, str]:
    before = row_counts(world.county)
    [result] = import_packages(world.county, [path], **kw).results  # type: ignore[arg-type]
    assert result.status == "refused"
    assert row_counts(world.county) == before, "a refused package must not write anything"
    return result.reason, result.message


def test_tampered_and_foreign_packages_are_refused_with_their_own_reason(world: World, tmp_path: Path) -> None:
    original = sorted(world.school_folder.glob("*.erp"))[5]
    reasons: dict[str, tuple[str, str]] = {}

    flipped = tmp_path / "byte.erp"
    data = bytearray(original.read_bytes())
    start = data.find(b"data/training.jsonl.gz") + 200  # inside the training member's bytes
    data[start] ^= 0xFF
    flipped.write_bytes(bytes(data))
    reasons["byte"] = _refused(world, flipped)

    edited = tmp_path / "row.erp"
    rewrite_member(original, edited, "data/staff.jsonl.gz", lambda b: gz_edit(b, '"active"', '"ended"'))
    reasons["row"] = _refused(world, edited)

    removed = tmp_path / "removed.erp"
    rewrite_member(original, removed, "data/credentials.jsonl.gz", None)
    reasons["member"] = _refused(world, removed)

    newer = tmp_path / "newer.erp"
    edit_manifest(original, newer, lambda m: m.update(format_version=99))
    reasons["newer"] = _refused(world, newer)

    other_school = make_school(tmp_path, 1, county="441621")
    explain_warnings(other_school)
    other = export_package(other_school, tmp_path / "other", with_returns=False).path
    reasons["county"] = _refused(world, other)

    from desktop.services.year.periods import ensure_period

    ensure_period(world.county, 2024)
    reasons["period"] = _refused(world, original, school_year=2024)

    assert reasons["byte"][0] == "tampered" and "training" in reasons["byte"][1]
    assert reasons["row"][0] == "tampered" and "staff" in reasons["row"][1]
    assert reasons["member"][0] == "missing_member" and "credentials" in reasons["member"][1]
    assert reasons["newer"][0] == "newer_format" and "升级" in reasons["newer"][1]
    assert reasons["county"][0] == "wrong_office" and "441621" in reasons["county"][1]
    assert reasons["period"][0] == "wrong_period" and "2024学年" in reasons["period"][1]
    assert len({m for _, m in reasons.values()}) == len(reasons)


def test_a_folder_with_a_bad_file_imports_the_rest(world: World, tmp_path: Path) -> None:
    (tmp_path / "junk.erp").write_bytes(b"not a zip at all")
    (tmp_path / "a.erp").write_bytes(sorted(world.school_folder.glob("*.erp"))[0].read_bytes())
    summary = import_packages(world.county, [tmp_path])
    assert {r.path.name: r.status for r in summary.results} == {"a.erp": "unchanged", "junk.erp": "refused"}
    assert "不是上报数据包" in summary.results[1].message


def test_the_same_person_active_at_two_schools_becomes_a_finding(world: World, tmp_path: Path) -> None:
    from desktop.data.models import Staff
    from desktop.services.records.staff import digest_key, id_digest

    twin = make_school(tmp_path, 21)
    with world.schools[0].session() as s:
        original = s.scalars(select(Staff).where(Staff.status == "active")).first()
        assert original is not None
        number, gender, born = original.id_number, original.gender, original.birth_date
    with twin.session(write=True) as s:
        person = s.scalars(select(Staff).where(Staff.status == "active")).first()
        assert person is not None and number is not None
        # The same person as a clerk would type them: the ID with its gender and birth date.
        person.id_number, person.id_digest = number, id_digest(digest_key(s), number)
        person.gender, person.birth_date = gender, born
        if person.first_work_date is not None and born is not None and person.first_work_date <= born:
            person.first_work_date = person.join_date = None
    explain_warnings(twin)
    path = export_package(twin, tmp_path / "twin", with_returns=False).path
    [result] = import_packages(world.county, [path]).results
    assert result.status == "imported" and result.findings >= 1
    with world.county.session() as s:
        rules = set(s.scalars(select(StoredFinding.rule).where(StoredFinding.unit_id == unit_id(world.county,
                                                                                                 result.unit_code))))
    assert "staff.active_elsewhere" in rules


def test_return_reply_reopens_the_school_period_and_shows_the_comment(world: World, tmp_path: Path) -> None:
    from desktop.services.office.dashboard import dashboard
    from desktop.services.office.send_back import import_reply, reporting_state, return_unit

    school = world.schools[3]
    with school.session() as s:
        code = s.scalars(select(Unit.code).where(Unit.is_home.is_(True))).one()
    reply = return_unit(world.county, code, "三年级(2)班人数与学籍系统不符，请核对后重报。", tmp_path, actor=REVIEWER)
    row = next(r for r in dashboard(world.county).rows if r.code == code)
    assert row.status == "returned" and row.comment and "学籍" in row.comment
    assert reporting_state(school)[0] == "submitted"
    result = import_reply(school, reply)
    assert result.status == "applied" and "学籍" in result.message
    assert reporting_state(school) == ("returned", "三年级(2)班人数与学籍系统不符，请核对后重报。")
    assert import_reply(school, reply).status == "unchanged"
    # A reply is not a data package.
    [refused] = import_packages(world.county, [reply]).results
    assert refused.reason == "wrong_type"


def test_dashboard_lists_received_and_missing_units(world: World) -> None:
    from desktop.data.models import Unit as U
    from desktop.services.office.dashboard import dashboard

    with world.county.session(write=True) as s:
        s.add(U(code="2144162299", name="未报送学校", kind="school", parent_id=home_id(world.county),
                parent_code=COUNTY[0]))
    board = dashboard(world.county)
    missing = next(r for r in board.rows if r.code == "2144162299")
    assert missing.status == "missing" and missing.late  # the demo period was due 2025-09-20
    assert board.count("received") + board.count("returned") >= 20


def test_a_resubmission_shows_its_diff_and_replaces_only_when_confirmed(world: World, tmp_path: Path) -> None:
    from desktop.data.models import Staff, TrainingRecord

    school = world.schools[7]
    with school.session(write=True) as s:
        person = s.scalars(select(Staff).where(Staff.status == "active").order_by(Staff.id)).first()
        assert person is not None
        person.status, person.end_reason = "ended", "1"
        name = person.name
        extra = s.scalars(select(TrainingRecord).order_by(TrainingRecord.id)).first()
        assert extra is not None
        extra.hours += 10
    explain_warnings(school)
    path = export_package(school, tmp_path, with_returns=False).path
    [preview] = preview_import(world.county, [path])
    assert preview.status == "needs_confirm" and preview.diff is not None
    lines = "\n".join(preview.diff.lines())
    assert name in lines and "培训学时" in lines
    before = row_counts(world.county)
    [pending] = import_packages(world.county, [path]).results
    assert pending.status == "needs_confirm" and row_counts(world.county) == before
    [done] = import_packages(world.county, [path], confirm=True).results
    assert done.status == "replaced"
    with world.county.session() as s:
        subs = s.scalars(select(Submission).where(Submission.unit_id == unit_id(world.county, done.unit_code),
                                                  Submission.kind == "received").order_by(Submission.id)).all()
    assert subs[0].superseded_by_id == subs[-1].id
    assert totals(world.county, done.unit_code) == totals(school)
