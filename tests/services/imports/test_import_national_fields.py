"""The roster import reads the national forms' fields: 本学年不授课, 校外教师, 外籍, 港澳台侨."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from desktop.data.engine import Database
from desktop.domain.records import UnitRecord
from desktop.services.imports.spreadsheet import commit_import, preview_import
from desktop.services.records.staff import list_staff
from tests.exchange.import_corpus import NEW, make_id


def _book(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


def test_national_fields_are_read_added_and_kept_when_a_later_file_lacks_them(
        db: Database, school: UnitRecord, tmp_path: Path) -> None:
    first = _book(tmp_path / "a.xlsx", [
        ["姓名", "身份证号", "教职工类别", "用人形式", "是否本学年不授课", "是否校外教师", "是否外籍", "港澳台侨外"],
        [*NEW[0], "专任教师", "在编", "是", "否", "否", "台胞"],
        [*NEW[1], "专任教师", "合同制", "否", "是", "是", "无"]])
    preview = preview_import(db, "roster", first)
    assert preview.counts["add"] == 2 and preview.counts["error"] == 0
    commit_import(db, preview)
    got = {s.name: (s.not_teaching, s.external_teacher, s.foreign_national, s.overseas) for s in list_staff(db)}
    assert got == {NEW[0][0]: (True, False, False, "5"), NEW[1][0]: (False, True, True, None)}
    # A later roster without these columns changes nothing of them.
    second = _book(tmp_path / "b.xlsx", [["姓名", "身份证号", "联系电话"], [*NEW[0], "13800000000"]])
    commit_import(db, preview_import(db, "roster", second))
    again = {s.name: (s.not_teaching, s.overseas) for s in list_staff(db)}
    assert again[NEW[0][0]] == (True, "5")


def test_an_unknown_overseas_value_is_refused_with_a_reason(db: Database, school: UnitRecord, tmp_path: Path) -> None:
    path = _book(tmp_path / "c.xlsx", [["姓名", "身份证号", "港澳台侨"], [*NEW[0], "新加坡"]])
    preview = preview_import(db, "roster", path)
    assert preview.counts["error"] == 1
    assert any("新加坡" in e for r in preview.rows for e in r.errors)


def test_courses_column_sets_several_courses_main_first_and_an_update_replaces_them(
        db: Database, school: UnitRecord, tmp_path: Path) -> None:
    from desktop.services.records.courses import staff_courses

    first = _book(tmp_path / "d.xlsx", [
        ["姓名", "身份证号", "教职工类别", "用人形式", "任教学科", "任教课程"],
        [*NEW[0], "专任教师", "在编", "数学", "数学、科学；数学"],
        [*NEW[1], "专任教师", "在编", "语文", None]])
    preview = preview_import(db, "roster", first)
    assert preview.counts["add"] == 2 and preview.counts["error"] == 0
    commit_import(db, preview)
    ids = {s.name: s.id for s in list_staff(db)}
    assert [(c.label, c.main) for c in staff_courses(db, ids[NEW[0][0]])] == [("数学", True), ("科学", False)]
    assert staff_courses(db, ids[NEW[1][0]]) == []
    second = _book(tmp_path / "e.xlsx", [["姓名", "身份证号", "任教课程"], [*NEW[0], "科学、劳动"], [*NEW[1], ""]])
    preview = preview_import(db, "roster", second)
    assert preview.counts["update"] == 1 and preview.counts["skip"] == 1
    commit_import(db, preview)
    assert [(c.label, c.main) for c in staff_courses(db, ids[NEW[0][0]])] == [("科学", True), ("劳动", False)]
    bad = _book(tmp_path / "f.xlsx", [["姓名", "身份证号", "任教课程"], [*NEW[0], "科学、体操"]])
    assert preview_import(db, "roster", bad).counts["error"] == 1


def test_the_template_leaves_the_courses_column_free_of_a_single_choice_list(tmp_path: Path) -> None:
    from desktop.exchange.fields import ROSTER
    from desktop.exchange.templates import write_template

    path = write_template("roster", tmp_path / "roster.xlsx")
    ws = openpyxl.load_workbook(path).worksheets[0]
    letter = openpyxl.utils.get_column_letter([f.key for f in ROSTER].index("courses") + 1)
    assert ws[f"{letter}1"].value.lstrip("*") == "任教课程"
    assert not [dv for dv in ws.data_validations.dataValidation if f"{letter}2" in str(dv.sqref).split(":")[0]]


THIRD = ("孙八", make_id("44162219850505123"))


def test_kindergarten_posts_are_read_from_the_post_or_the_category_column(
        db: Database, school: UnitRecord, tmp_path: Path) -> None:
    """教基4148 counts 保育员 and 卫生保健人员 by their post: a 岗位 cell (with its usual spellings) sets it,
    and so does a 教职工类别 cell that names the post when the 岗位 cell is empty (it reads as 教辅人员)."""
    path = _book(tmp_path / "kg.xlsx", [
        ["姓名", "身份证号", "用人形式", "教职工类别", "岗位"],
        [*NEW[0], "在编", "保育员", None],
        [*NEW[1], "合同制", "教辅人员", "保健医生"],
        [*THIRD, "在编", "专任教师", "执行园长"]])
    preview = preview_import(db, "roster", path)
    assert preview.counts["add"] == 3 and preview.counts["error"] == 0
    commit_import(db, preview)
    got = {s.name: (s.category, s.post) for s in list_staff(db)}
    assert got == {NEW[0][0]: ("12", "07"), NEW[1][0]: ("12", "08"), THIRD[0]: ("11", "03")}
