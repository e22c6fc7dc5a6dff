"""Real rosters import as they are (issue: 出生年月, unmapped columns, questions, the period, typed text)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from desktop.cli import main
from desktop.data.engine import Database
from desktop.domain.idcard import id_check_char
from desktop.domain.records import UnitRecord
from desktop.services.core.errors import ServiceError
from desktop.services.imports.spreadsheet import commit_import, preview_import, remember_mapping
from desktop.services.records.classes import list_classes
from desktop.services.records.staff import list_staff
from desktop.services.year.periods import ensure_period, list_periods


def make_id(first17: str) -> str:
    return first17 + id_check_char(first17)


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


ANSWERS = {"category": "专任教师", "employment_form": "在编"}


# ---------------------------------------------------------------- 1. 出生年月 as year and month

def test_year_month_birth_dates_are_compared_by_month_and_nobody_is_rejected(db: Database, school: UnitRecord,
                                                                            tmp_path: Path) -> None:
    people = [("张三", make_id("44162219800317123"), "1980.03"), ("李四", make_id("44162219900725234"), "1990年7月"),
              ("王五", make_id("44162219951209345"), "1995.12"), ("赵六", make_id("44162219880611456"), 1988.06),
              ("钱七", make_id("44162219920202567"), "1992-02"),
              ("孙八", make_id("44162219850430678"), "1985.05")]  # a real slip: the ID says April
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "出生年月"], *[list(p) for p in people]])
    preview = preview_import(db, "roster", path, defaults=ANSWERS)
    assert preview.counts == {"add": 6, "update": 0, "skip": 0, "error": 0}, [r.errors for r in preview.rows]
    by_row = {r.row: r for r in preview.rows}
    assert all("出生" not in w for n in range(2, 7) for w in by_row[n].warnings)
    warning = " ".join(by_row[7].warnings)
    assert "1985-05" in warning and "1985-04-30" in warning
    commit_import(db, preview)
    stored = {s.name: s.birth_date for s in list_staff(db)}
    assert stored == {"张三": date(1980, 3, 17), "李四": date(1990, 7, 25), "王五": date(1995, 12, 9),
                      "赵六": date(1988, 6, 11), "钱七": date(1992, 2, 2), "孙八": date(1985, 4, 30)}


# ---------------------------------------------------------------- 3. unmapped columns and questions

def test_a_post_category_column_maps_to_staff_category(db: Database, school: UnitRecord, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "岗位类别", "用工形式"],
                                      ["张三", make_id("44162219800317123"), "专任教师", "在编"],
                                      ["李四", make_id("44162219900725234"), "行政人员", "临聘"],
                                      ["王五", make_id("44162219951209345"), "工勤人员", "代课"]])
    preview = preview_import(db, "roster", path)
    assert not preview.questions
    commit_import(db, preview)
    assert {s.name: (s.category, s.employment_form) for s in list_staff(db)} == {
        "张三": ("11", "1"), "李四": ("13", "3"), "王五": ("14", "4")}


def test_a_missing_classification_is_a_question_and_nothing_is_written_until_answered(
        db: Database, school: UnitRecord, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号"], ["张三", make_id("44162219800317123")]])
    preview = preview_import(db, "roster", path)
    assert [q.field for q in preview.questions] == ["category", "employment_form"]
    assert "教职工类别" in preview.questions[0].message and "专任教师" in preview.questions[0].message
    with pytest.raises(ServiceError, match="教职工类别"):
        commit_import(db, preview)
    assert list_staff(db) == []
    answered = preview_import(db, "roster", path, defaults={"category": "行政人员", "employment_form": "合同制"})
    assert not answered.questions
    commit_import(db, answered)
    assert [(s.category, s.employment_form) for s in list_staff(db)] == [("13", "2")]


def test_updates_alone_ask_nothing_and_keep_the_stored_classification(db: Database, school: UnitRecord,
                                                                     tmp_path: Path) -> None:
    first = xlsx(tmp_path / "a.xlsx", [["姓名", "身份证号", "教职工类别", "用人形式"],
                                       ["张三", make_id("44162219800317123"), "行政人员", "临聘"]])
    commit_import(db, preview_import(db, "roster", first))
    phone = xlsx(tmp_path / "b.xlsx", [["姓名", "身份证号", "联系电话"],
                                       ["张三", make_id("44162219800317123"), "13800000000"]])
    preview = preview_import(db, "roster", phone)
    assert not preview.questions and preview.counts["update"] == 1
    commit_import(db, preview)
    assert [(s.category, s.employment_form) for s in list_staff(db)] == [("13", "3")]


def test_an_answer_for_the_batch_applies_to_added_people_only(db: Database, school: UnitRecord,
                                                              tmp_path: Path) -> None:
    first = xlsx(tmp_path / "a.xlsx", [["姓名", "身份证号", "教职工类别", "用人形式"],
                                       ["张三", make_id("44162219800317123"), "行政人员", "临聘"]])
    commit_import(db, preview_import(db, "roster", first))
    both = xlsx(tmp_path / "b.xlsx", [["姓名", "身份证号", "联系电话"],
                                      ["张三", make_id("44162219800317123"), "13800000000"],
                                      ["李四", make_id("44162219900725234"), "13900000000"]])
    preview = preview_import(db, "roster", both, defaults=ANSWERS)
    assert preview.rows[0].changes == {"phone": (None, "13800000000")}
    commit_import(db, preview)
    assert {s.name: (s.category, s.employment_form) for s in list_staff(db)} == {
        "张三": ("13", "3"), "李四": ("11", "1")}


def test_every_unmapped_column_holding_values_is_listed(db: Database, school: UnitRecord, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "r.xlsx", [["序号", "姓名", "身份证号", "工龄", "空列", "教职工类别", "用人形式"],
                                      [1, "张三", make_id("44162219800317123"), 12, None, "专任教师", "在编"]])
    notices = " ".join(n.message for n in preview_import(db, "roster", path).notices)
    assert "A列“序号”有数据" in notices and "D列“工龄”有数据（如“12”）" in notices
    assert "空列" not in notices  # a column with no values is nothing to report


@pytest.mark.sqlite_only  # drives the CLI on the fixture's database file (`--db`)
def test_cli_map_option_and_the_wizard_s_remembered_mapping(db: Database, school: UnitRecord, db_path: Path,
                                                            tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "号码", "人员身份", "编制性质", "工龄"],
                                      ["张三", make_id("44162219800317123"), "行政人员", "临聘", 12]])
    # The wizard corrected 号码 → 身份证件号 for this header shape before.
    remember_mapping(db, preview_import(db, "roster", path), {0: "name", 1: "id_number"})
    code = main(["import", "roster", str(path), "--db", str(db_path), "--map", "人员身份=教职工类别",
                 "--map", "编制性质=employment_form", "--map", "E=不导入"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "B:号码→id_number" in out.out and "C:人员身份→category" in out.out and "D:编制性质→employment_form" in out.out
    assert "需要确认" not in out.out and "E列“工龄”有数据" in out.err
    assert main(["import", "roster", str(path), "--db", str(db_path), "--map", "没有这列=category"]) == 2
    assert "文件中没有名为“没有这列”的列" in capsys.readouterr().err


@pytest.mark.sqlite_only  # drives the CLI on the fixture's database file (`--db`)
def test_cli_dry_run_lists_unmapped_columns_and_asks_instead_of_defaulting(
        db: Database, school: UnitRecord, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "人员身份"],
                                      ["张三", make_id("44162219800317123"), "行政人员"]])
    assert main(["import", "roster", str(path), "--db", str(db_path), "--commit"]) == 2
    out = capsys.readouterr()
    assert "需要确认：文件中没有“教职工类别”列" in out.out and "C列“人员身份”有数据" in out.err
    assert "教职工类别" in out.err  # the refusal says why nothing was written
    assert list_staff(db) == []


# ---------------------------------------------------------------- 4. the period is always stated

@pytest.mark.sqlite_only  # drives the CLI on the fixture's database file (`--db`)
def test_classes_without_a_year_go_to_the_existing_period_and_say_so(db: Database, school: UnitRecord,
                                                                     db_path: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    ensure_period(db, 2024)
    path = xlsx(tmp_path / "c.xlsx", [["年级", "班级名称", "学生数"], ["一年级", "一(1)班", 45]])
    assert main(["import", "classes", str(path), "--db", str(db_path)]) == 0
    assert "统计期：2024学年" in capsys.readouterr().out
    assert main(["import", "classes", str(path), "--db", str(db_path), "--commit"]) == 0
    assert "已写入2024学年：新增 1 条" in capsys.readouterr().out
    assert [p.school_year for p in list_periods(db)] == [2024]  # no period made from the clock


@pytest.mark.sqlite_only  # drives the CLI on the fixture's database file (`--db`)
def test_an_import_never_creates_a_period(db: Database, school: UnitRecord, db_path: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = xlsx(tmp_path / "c.xlsx", [["年级", "班级名称", "学生数"], ["一年级", "一(1)班", 45]])
    with pytest.raises(ServiceError, match="还没有统计期"):
        preview_import(db, "classes", path)
    preview = preview_import(db, "classes", path, year=2026)
    assert not preview.period_exists and preview.period_label == "2026学年"
    assert any("2026学年的统计期还不存在" in n.message for n in preview.notices)
    with pytest.raises(ServiceError, match="不会自动新建"):
        commit_import(db, preview)
    assert main(["import", "classes", str(path), "--db", str(db_path), "--year", "2026", "--commit"]) == 2
    assert "统计期：2026学年（尚未新建" in capsys.readouterr().out
    assert list_periods(db) == []
    commit_import(db, preview, create_period=True)  # the wizard's confirmation
    (period,) = list_periods(db)
    assert period.school_year == 2026 and [c.name for c in list_classes(db, school.id, period.id)] == ["一(1)班"]


# ---------------------------------------------------------------- 5. text keeps what was typed

def test_free_text_keeps_full_width_punctuation(db: Database, school: UnitRecord, tmp_path: Path) -> None:
    note = "备注：2024年9月调入（原龙川县实验小学）"
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "所学专业", "备注"],
                                      ["张三", make_id("44162219800317123"), "汉语言文学（师范）", f"  {note} "]])
    commit_import(db, preview_import(db, "roster", path, defaults=ANSWERS))
    (person,) = list_staff(db)
    assert person.note == note and person.major == "汉语言文学（师范）"
