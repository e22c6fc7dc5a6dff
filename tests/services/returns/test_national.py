"""The national forms (教基 series) on the demo school and a demo county: every cell against plain SQL,
the workbook layout cell by cell against the definitions, the reconciliation of an altered workbook."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.domain.codes import SchoolCategory
from desktop.reports.national import FIRST_BODY_ROW, header_lines, note_lines
from desktop.services.demo import build_demo
from desktop.services.returns.national import NationalReturn, build_national, cell_people
from desktop.services.returns.national_io import (
    ExportedNational,
    export_national,
    reconcile,
    reconcile_folder,
)
from tests.services.returns.national_sql import count_cell

FORMS = ("教基4149", "教基4153", "教基4155", "教基4067", "教基2106", "教基2107")
COUNTY_ONLY = ("教基2105", "教基4148", "教基4159", "教基4150")  # 幼儿园 and 特殊教育学校: not on the demo school
SMALL_COUNTY = {"schools": 20, "staff": 700, "training": 2000, "classes": 120}


def _demo(tmp: Path, scale: str) -> Database:
    db = Database.for_path(tmp / f"{scale}.db")
    upgrade(db, backup_dir=tmp / "backups")
    build_demo(db, scale, county_size=SMALL_COUNTY)
    return db


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Path]]:
    tmp = tmp_path_factory.mktemp("national_school")
    db = _demo(tmp, "school")
    yield db, tmp
    db.dispose()


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Path]]:
    tmp = tmp_path_factory.mktemp("national_county")
    db = _demo(tmp, "county")
    yield db, tmp
    db.dispose()


@pytest.fixture(scope="module")
def school_export(school: tuple[Database, Path]) -> ExportedNational:
    db, tmp = school
    return export_national(db, tmp / "out")


def _every_cell_equals_sql(db: Database, ret: NationalReturn, forms: tuple[str, ...] | None = None) -> int:
    assert db.path is not None
    conn = sqlite3.connect(db.path)
    checked = 0
    try:
        for sheet in ret.sheets:
            if forms is not None and sheet.name.split("_")[0] not in forms:
                continue
            d = sheet.filled.definition
            for r in d.rows:
                for c in d.columns:
                    app = sheet.filled.value(r.code, c.code)
                    if (r.code, c.code) in d.dash:
                        assert app == "-"
                        continue
                    expected = count_cell(conn, d, r.code, c.code, list(sheet.unit_ids), ret.census_date)
                    assert app == expected, f"{sheet.name} [{r.code}]({c.code}) {r.name}/{c.name}"
                    assert len(cell_people(ret, sheet.name, r.code, c.code)) == expected
                    checked += 1
    finally:
        conn.close()
    return checked


def test_demo_school_every_cell_equals_plain_sql(school: tuple[Database, Path]) -> None:
    db, _ = school
    ret = build_national(db)
    assert [s.name for s in ret.sheets] == [f"{f}_九年一贯制学校" for f in FORMS]
    assert _every_cell_equals_sql(db, ret) > 700
    # The demo fills the new records: each of these columns counts someone.
    f4149, f4067 = ret.sheet("教基4149_九年一贯制学校").filled, ret.sheet("教基4067_九年一贯制学校").filled
    assert all(f4149.number("01", c) > 0 for c in ("1", "2", "3", "4", "7", "8"))
    assert f4149.number("04", "1") > 0 and f4149.number("05", "1") > 0
    assert all(f4067.number("01", c) > 0 for c in map(str, range(1, 9)))
    f4155 = ret.sheet("教基4155_九年一贯制学校").filled
    assert f4155.number("01", "24") > 0 and f4155.number("01", "8") + f4155.number("01", "9") > 0


def test_spot_cells_by_hand_written_sql(school: tuple[Database, Path]) -> None:
    """A few cells with SQL written out by hand, not derived from the definitions."""
    db, _ = school
    ret = build_national(db)
    assert db.path is not None
    conn = sqlite3.connect(db.path)
    try:
        def q(sql: str) -> int:
            return int(conn.execute(sql).fetchone()[0])
        teachers = q("SELECT COUNT(*) FROM staff WHERE status='active' AND category='11' "
                     "AND NOT external_teacher AND employment_form <> '6'")
        women_junior_30s = q("SELECT COUNT(*) FROM staff WHERE status='active' AND category='11' "
                             "AND NOT external_teacher AND employment_form <> '6' AND teaching_stage='junior' "
                             "AND birth_date > '1990-09-01' AND birth_date <= '1995-09-01'")
        math_primary = q("SELECT COUNT(*) FROM staff s JOIN staff_courses c ON c.staff_id = s.id AND c.main "
                         "WHERE s.status='active' AND s.category='11' AND NOT s.external_teacher "
                         "AND s.employment_form <> '6' AND NOT s.not_teaching AND s.teaching_stage='primary' "
                         "AND c.course='02'")
        youth_league = q("SELECT COUNT(*) FROM staff WHERE status='active' AND political_status='03' "
                         "AND NOT external_teacher AND employment_form <> '6'")
    finally:
        conn.close()
    assert ret.sheet("教基4149_九年一贯制学校").filled.number("01", "2") == teachers
    assert ret.sheet("教基4153_九年一贯制学校").filled.number("19", "5") == women_junior_30s  # 初中, 30-34岁
    assert ret.sheet("教基4155_九年一贯制学校").filled.number("02", "5") == math_primary
    assert ret.sheet("教基4067_九年一贯制学校").filled.number("01", "2") == youth_league


def test_demo_county_every_cell_equals_plain_sql_per_school_type(county: tuple[Database, Path]) -> None:
    db, _ = county
    ret = build_national(db)
    types = {s.school_type for s in ret.sheets}
    assert len(types) >= 3 and all(s.name.split("_")[1] == SchoolCategory(s.school_type).label for s in ret.sheets)
    assert {s.name.split("_")[0] for s in ret.sheets} == {*FORMS, *COUNTY_ONLY}
    assert _every_cell_equals_sql(db, ret) > 2000
    # The 幼儿园 and 特殊教育学校 forms: every column of the 总计 row and every row counts someone.
    for name, rows in (("教基4148_幼儿园", ("01",)), ("教基4150_特殊教育学校", ("01",)),
                       ("教基4159_幼儿园", ("04",))):
        filled = ret.sheet(name).filled
        for row in rows:
            assert all(filled.number(row, c.code) > 0 for c in filled.definition.columns), name
        assert all(filled.number(r.code, "1") > 0 for r in filled.definition.rows), name
    # A county sheet is the sum of its schools' sheets.
    sheet = next(s for s in ret.sheets if s.name.startswith("教基4149") and len(s.unit_ids) > 1)
    code_of = dict(_unit_codes(db))
    total = [[0] * len(row) for row in sheet.filled.grid()]
    for uid in sheet.unit_ids:
        part = build_national(db, unit_code=code_of[uid]).sheet(sheet.name).filled.grid()
        total = [[a + b for a, b in zip(x, y, strict=True)] for x, y in zip(total, part, strict=True)]  # type: ignore[operator]
    assert total == sheet.filled.grid()


@pytest.mark.slow
def test_full_size_demo_county_fills_every_kindergarten_and_special_school_cell(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """On a county of the demo's full size (300 schools, 70 幼儿园, 8,000 staff; few training records to
    keep it quick) the demo fills every cell of 教基4148, 4159 and 4150, each equal to its SQL count."""
    tmp = tmp_path_factory.mktemp("national_full")
    db = Database.for_path(tmp / "full.db")
    try:
        upgrade(db, backup_dir=tmp / "backups")
        build_demo(db, "county", county_size={"schools": 300, "staff": 8000, "training": 500, "classes": 2400})
        ret = build_national(db)
        forms = ("教基4148", "教基4159", "教基4150")
        assert _every_cell_equals_sql(db, ret, forms) == 2 * (4 * 7) + 6 * 22
        empty = [(s.name, r.code, c.code) for s in ret.sheets if s.name.split("_")[0] in forms
                 for r in s.filled.definition.rows for c in s.filled.definition.columns
                 if s.filled.number(r.code, c.code) == 0]
        assert empty == []
        assert ret.findings == []
    finally:
        db.dispose()


def _unit_codes(db: Database) -> list[tuple[int, str]]:
    from sqlalchemy import select

    from desktop.data.models import Unit

    with db.session() as s:
        return [(i, c) for i, c in s.execute(select(Unit.id, Unit.code))]


def test_the_demo_passes_the_logic_checks(school: tuple[Database, Path], county: tuple[Database, Path]) -> None:
    assert build_national(school[0]).findings == []
    assert build_national(county[0]).findings == []


def test_workbook_layout_cell_by_cell(school_export: ExportedNational) -> None:
    _layout_cell_by_cell(school_export)


@pytest.fixture(scope="module")
def other_exports(county: tuple[Database, Path]) -> dict[str, ExportedNational]:
    """The workbooks of the county's first 幼儿园 and of its 特殊教育学校 (教基4148, 4159, 4150)."""
    db, tmp = county
    from sqlalchemy import select

    from desktop.data.models import Unit

    out: dict[str, ExportedNational] = {}
    for category in (SchoolCategory.KINDERGARTEN, SchoolCategory.SPECIAL):
        with db.session() as s:
            code = s.scalars(select(Unit.code).where(Unit.category == category.value).order_by(Unit.code)).first()
        assert code is not None
        out[category.label] = export_national(db, tmp / category.label, unit_code=code)
    return out


@pytest.mark.parametrize(("school_type", "forms"), [("幼儿园", ("教基4148", "教基4159")),
                                                    ("特殊教育学校", ("教基4150",))])
def test_kindergarten_and_special_school_layout_cell_by_cell(
        other_exports: dict[str, ExportedNational], school_type: str, forms: tuple[str, ...]) -> None:
    export = other_exports[school_type]
    assert {f"{f}_{school_type}" for f in forms} <= {s.name for s in export.national.sheets}
    _layout_cell_by_cell(export)


def _layout_cell_by_cell(export: ExportedNational) -> None:
    ret = export.national
    school_export = export
    wb = load_workbook(school_export.xlsx)
    assert wb.sheetnames == [s.name for s in ret.sheets]
    for sheet in ret.sheets:
        d, ws = sheet.filled.definition, wb[sheet.name]
        assert ws.cell(1, 1).value == d.title
        right = max(3, len(d.columns) + 2 - 3)
        assert [ws.cell(2 + i, right).value for i in range(5)] == header_lines(d)
        assert ws.cell(2, right).value == f"表　　号：{d.form}" and ws.cell(3, right).value == "制表机关：教育部"
        assert ws.cell(4, right).value == "批准机关：国家统计局"
        assert ws.cell(3, 1).value == f"单位代码：{ret.unit_code}"
        names = [ws.cell(FIRST_BODY_ROW - 2, j).value for j in range(1, len(d.columns) + 3)]
        codes = [ws.cell(FIRST_BODY_ROW - 1, j).value for j in range(1, len(d.columns) + 3)]
        assert names == [d.label_header, d.code_header, *(c.name for c in d.columns)]
        assert codes == ["甲", "乙", *(c.code for c in d.columns)]
        for i, row in enumerate(d.rows):
            r = FIRST_BODY_ROW + i
            assert (ws.cell(r, 1).value, ws.cell(r, 2).value) == (row.name, row.code)
            for j, col in enumerate(d.columns, start=3):
                cell = ws.cell(r, j)
                assert cell.data_type != "f"
                assert cell.value == sheet.filled.value(row.code, col.code)
        below = FIRST_BODY_ROW + len(d.rows) + 1
        assert ws.cell(below, 1).value == "说明："
        assert [ws.cell(below + k, 1).value for k in range(1, len(note_lines(d)) + 1)] == note_lines(d)
        assert any("=" in line for line in note_lines(d))


def test_reconciling_an_altered_workbook_lists_exactly_the_altered_cells(
        school: tuple[Database, Path], school_export: ExportedNational) -> None:
    db, tmp = school
    ret = school_export.national
    assert reconcile(db, school_export.xlsx).agrees
    wb = load_workbook(school_export.xlsx)
    altered = {("教基4149_九年一贯制学校", "02", "2"): 1, ("教基4153_九年一贯制学校", "19", "6"): 7,
               ("教基4155_九年一贯制学校", "11", "4"): None}
    for (name, row, col), delta in altered.items():
        d = ret.sheet(name).filled.definition
        r = FIRST_BODY_ROW + [x.code for x in d.rows].index(row)
        c = 3 + [x.code for x in d.columns].index(col)
        cell = wb[name].cell(r, c)
        cell.value = None if delta is None else cell.value + delta
    changed = tmp / "altered.xlsx"
    wb.save(changed)
    result = reconcile(db, changed)
    assert {(d.sheet, d.row, d.col) for d in result.differences} == set(altered)
    for diff in result.differences:
        app = ret.sheet(diff.sheet).filled.value(diff.row, diff.col)
        delta = altered[(diff.sheet, diff.row, diff.col)]
        assert diff.app == app and diff.reported == (0 if delta is None else app + delta)  # type: ignore[operator]
        assert list(diff.people) == cell_people(ret, diff.sheet, diff.row, diff.col) and len(diff.people) == app
    assert result.problems == []


@pytest.mark.parametrize(("school_type", "altered"), [
    ("幼儿园", {("教基4148_幼儿园", "01", "4"): 1, ("教基4148_幼儿园", "04", "2"): None,
              ("教基4159_幼儿园", "04", "3"): 2, ("教基4159_幼儿园", "06", "22"): 1}),
    ("特殊教育学校", {("教基4150_特殊教育学校", "01", "2"): -1, ("教基4150_特殊教育学校", "03", "7"): 3}),
])
def test_reconciling_an_altered_kindergarten_or_special_school_workbook(
        county: tuple[Database, Path], other_exports: dict[str, ExportedNational], school_type: str,
        altered: dict[tuple[str, str, str], int | None]) -> None:
    db, tmp = county
    export = other_exports[school_type]
    ret = export.national
    assert reconcile(db, export.xlsx, unit_code=ret.unit_code).agrees
    wb = load_workbook(export.xlsx)
    for (name, row, col), delta in altered.items():
        d = ret.sheet(name).filled.definition
        cell = wb[name].cell(FIRST_BODY_ROW + [x.code for x in d.rows].index(row),
                             3 + [x.code for x in d.columns].index(col))
        cell.value = None if delta is None else (cell.value or 0) + delta
    changed = tmp / f"altered-{school_type}.xlsx"
    wb.save(changed)
    result = reconcile(db, changed, unit_code=ret.unit_code)
    assert {(d.sheet, d.row, d.col) for d in result.differences} == set(altered)
    for diff in result.differences:
        app = ret.sheet(diff.sheet).filled.value(diff.row, diff.col)
        delta = altered[(diff.sheet, diff.row, diff.col)]
        assert diff.app == app and diff.reported == (0 if delta is None else app + delta)
        assert list(diff.people) == cell_people(ret, diff.sheet, diff.row, diff.col) and len(diff.people) == app
    assert result.problems == []


def test_a_county_reconciles_a_folder_of_school_workbooks(county: tuple[Database, Path]) -> None:
    db, tmp = county
    folder = tmp / "collected"
    codes = [c for _, c in _unit_codes(db) if len(c) == 10][:3]
    outs = [export_national(db, folder, unit_code=c).xlsx for c in codes]
    wb = load_workbook(outs[1])
    ws = wb.worksheets[0]
    ws.cell(FIRST_BODY_ROW, 3).value = (ws.cell(FIRST_BODY_ROW, 3).value or 0) + 2
    wb.save(outs[1])
    results = reconcile_folder(db, folder)
    assert [r.unit_code for r in results if not r.agrees] == [codes[1]]


def _real_layout(export: ExportedNational, path: Path) -> Path:
    """The export re-laid as the national system's sheets are (as the public importer reads them): one
    header row, the 甲/乙 code row, then the body — from row 6 for the staff forms, row 5 for the class
    forms — columns A 甲, B 乙, C (1) …"""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in export.national.sheets:
        d = sheet.filled.definition
        ws = wb.create_sheet(sheet.name)
        code_row = 4 if d.subject == "classes" else 5
        ws.cell(1, 1, d.title)
        ws.cell(2, 1, f"单位代码：{export.national.unit_code}")
        for j, name in enumerate([d.label_header, d.code_header, *(c.name for c in d.columns)], start=1):
            ws.cell(code_row - 1, j, name)
        for j, code in enumerate(["甲", "乙", *(c.code for c in d.columns)], start=1):
            ws.cell(code_row, j, code)
        for i, r in enumerate(d.rows, start=code_row + 1):
            ws.cell(i, 1, r.name)
            ws.cell(i, 2, r.code)
            for j, c in enumerate(d.columns, start=3):
                ws.cell(i, j, sheet.filled.value(r.code, c.code))
    wb.save(path)
    return path


def test_the_importers_cell_addresses_hold_what_it_reads_there(
        county: tuple[Database, Path], other_exports: dict[str, ExportedNational]) -> None:
    """The sources of the layouts (docs/national.md): 4148 E6 专任教师, 4159 D9:G9 专科及以上 专任教师,
    4150 D6 专任教师, 2105 C5 all classes — each equal to a count written out in SQL here — and a
    workbook laid out that way reconciles with the records."""
    db, tmp = county
    assert db.path is not None
    conn = sqlite3.connect(db.path)

    def q(sql: str, unit: str) -> int:
        return int(conn.execute(sql.replace(":unit", f"(SELECT id FROM units WHERE code = '{unit}')")).fetchone()[0])

    staff = ("SELECT COUNT(*) FROM staff WHERE unit_id = :unit AND status = 'active' AND NOT external_teacher "
             "AND category = '11' AND post NOT IN ('03', '04', '07', '08')")
    try:
        for school_type, export in other_exports.items():
            code = export.national.unit_code
            path = _real_layout(export, tmp / f"real-{school_type}.xlsx")
            assert reconcile(db, path, unit_code=code).agrees
            wb = load_workbook(path)
            if school_type == "幼儿园":
                assert wb["教基4148_幼儿园"]["E6"].value == q(staff, code) > 0
                vals = [wb["教基4159_幼儿园"][f"{c}9"].value for c in "DEFG"]
                assert sum(vals) == q(staff + " AND education IN ('11', '14', '21', '31')", code)
                classes = q("SELECT COUNT(*) FROM classes c JOIN periods p ON p.id = c.period_id "
                            "WHERE c.unit_id = :unit AND p.census_date = '2025-09-01'", code)
                assert wb["教基2105_幼儿园"]["C5"].value == classes > 0
            else:
                special = staff.replace(" AND post NOT IN ('03', '04', '07', '08')", "")
                assert wb["教基4150_特殊教育学校"]["D6"].value == q(special, code) > 0
                # The national system names the sheets 教基NNNN_其他特教学校: they reconcile all the same.
                for ws in wb.worksheets:
                    ws.title = ws.title.replace("特殊教育学校", "其他特教学校")
                wb.save(path)
                result = reconcile(db, path, unit_code=code)
                assert result.agrees and result.problems == []
    finally:
        conn.close()
