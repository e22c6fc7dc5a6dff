"""Import of 年度考核 and 师德 records from real xlsx files (issue 23 item 7), with their spellings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from desktop.data.engine import Database
from desktop.domain.idcard import id_check_char
from desktop.domain.records import StaffData, UnitData
from desktop.services.imports.spreadsheet import commit_import, preview_import
from desktop.services.records.conduct import list_appraisals, list_ethics_records
from desktop.services.records.staff import create_staff
from desktop.services.records.units import create_home_unit
from desktop.services.year.periods import ensure_period
from tests.conftest import MakeDatabase


def _id(seq: str) -> str:
    first = "441622" + "19850310" + seq
    return first + id_check_char(first)


def _school(make_db: MakeDatabase) -> tuple[Database, int, dict[str, int]]:
    db = make_db("conduct")
    unit = create_home_unit(db, UnitData(code="2144012345", name="龙川县第一小学", kind="school", category="211",
                                         ownership="1", urban_rural="1"))
    ensure_period(db, 2025)
    people = {name: create_staff(db, unit.id, StaffData(name=name, id_number=_id(seq), teaching_stage="primary")).id
              for name, seq in (("张三", "001"), ("李四", "002"))}
    return db, unit.id, people


def _xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_appraisals_are_added_updated_and_read_through_their_spellings(make_db: MakeDatabase, tmp_path: Path) -> None:
    db, unit, people = _school(make_db)
    file = _xlsx(tmp_path / "考核.xlsx", ["姓名", "身份证号", "年度", "考核等次"], [
        ["张三", _id("001"), 2023, "称职"],
        ["张三", _id("001"), 2024, "不称职"],
        ["李四", _id("002"), 2024, "优"],
        ["王五", _id("009"), 2024, "合格"],  # not on the roster
        ["李四", _id("002"), 2024, "合格"],  # the same person and year twice
    ])
    preview = preview_import(db, "appraisals", file, unit_id=unit)
    assert [r.status for r in preview.rows] == ["add", "add", "error", "error", "error"]
    assert "找不到" in preview.rows[3].errors[0] and "重复" in preview.rows[2].errors[0]
    assert commit_import(db, preview).added == 2
    assert [(a.year, a.result_label) for a in list_appraisals(db, people["张三"])] == [(2023, "合格"), (2024, "不合格")]
    again = _xlsx(tmp_path / "考核2.xlsx", ["姓名", "身份证号", "考核年度", "考核结果"], [
        ["张三", _id("001"), 2023, "合格"], ["张三", _id("001"), 2024, "基本称职"]])
    preview = preview_import(db, "appraisals", again, unit_id=unit)
    assert [r.status for r in preview.rows] == ["skip", "update"]
    result = commit_import(db, preview)
    assert (result.added, result.updated) == (0, 1)
    assert [a.result_label for a in list_appraisals(db, people["张三"])] == ["合格", "基本合格"]


def test_ethics_records_are_imported_once(make_db: MakeDatabase, tmp_path: Path) -> None:
    db, unit, people = _school(make_db)
    file = _xlsx(tmp_path / "师德.xlsx", ["姓名", "证件号码", "日期", "类别", "事由"], [
        ["李四", _id("002"), date(2024, 3, 1), "警告处分", "有偿补课"],
        ["张三", _id("001"), date(2025, 5, 1), "师德标兵", "获评县级师德标兵"],
        ["张三", _id("001"), date(2099, 1, 1), "表彰", "未来的日期"],
    ])
    preview = preview_import(db, "ethics", file, unit_id=unit)
    assert [r.status for r in preview.rows] == ["add", "add", "error"]
    assert commit_import(db, preview).added == 2
    assert [(e.kind_label, e.description) for e in list_ethics_records(db, people["李四"])] == [("处分", "有偿补课")]
    assert [r.status for r in preview_import(db, "ethics", file, unit_id=unit).rows] == ["skip", "skip", "error"]
