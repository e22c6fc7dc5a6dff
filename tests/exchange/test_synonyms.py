"""Every row of every synonym table in templates/synonyms/ reads as the value it names."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from desktop.domain.codes import CodeEnum, EducationLevel, Ethnicity
from desktop.exchange.normalise import CellError, parse_code, parse_code_noted
from desktop.exchange.synonyms import FILES, synonyms_dir, synonyms_for

ROWS = [(table, row) for table in FILES for row in synonyms_for(table)]


def _code_of(table: type[CodeEnum], text: str) -> str:
    member = table.from_label(text)
    assert member is not None, f"{table.__name__}: {text!r} is not a label, alias or code"
    return member.value


@pytest.mark.parametrize(("table", "row"), ROWS, ids=[f"{t.__name__}:{r.spelling}" for t, r in ROWS])
def test_each_synonym_reads_as_the_value_it_names(table: type[CodeEnum], row) -> None:
    code, shown = parse_code_noted(row.spelling, table, "字段")
    if row.target:
        assert code == _code_of(table, row.target)
        assert shown == row.target  # the preview says "县级骨干 → 县级"
    else:
        assert code == "" and shown  # "无" is no value, and the preview says so


def test_every_table_the_issue_names_has_a_file_and_every_file_is_registered() -> None:
    on_disk = {p.name for p in synonyms_dir().glob("*.csv")}
    assert on_disk == set(FILES.values())
    assert {t.__name__ for t in FILES} == {"HonourLevel", "EducationLevel", "Title", "StaffCategory",
                                           "EmploymentForm", "PoliticalStatus", "Ethnicity",
                                           "AppraisalResult", "EthicsKind",
                                           "OverseasStatus", "Post"}  # issue 23: 年度考核, 师德; issue 21: 港澳台侨, 幼儿园岗位
    assert len(ROWS) >= 150


def test_every_ethnicity_is_accepted_with_and_without_zu() -> None:
    for member in Ethnicity:
        assert parse_code(member.label, Ethnicity, "民族") == member.value
        if member.label.endswith("族"):
            assert parse_code(member.label[:-1], Ethnicity, "民族") == member.value


def test_a_spelling_no_table_knows_is_still_refused() -> None:
    with pytest.raises(CellError, match="不在代码表中"):
        parse_code("大学", EducationLevel, "最高学历")


def test_the_preview_says_which_values_were_read_by_synonym(db, school, tmp_path: Path) -> None:
    from desktop.services.imports.spreadsheet import preview_import
    from tests.exchange.import_corpus import NEW

    wb = openpyxl.Workbook()
    for r in (["姓名", "身份证号", "骨干级别", "最高学历", "职称", "教职工类别", "用人形式"],
              [*NEW[0], "县级骨干", "中师", "小学高级", "专任教师", "在编"],
              [*NEW[1], "市级骨干", "大专", "中学一级教师", "专任教师", "代课"]):
        wb.active.append(r)
    wb.save(tmp_path / "r.xlsx")
    preview = preview_import(db, "roster", tmp_path / "r.xlsx")
    assert preview.counts["add"] == 2 and preview.counts["error"] == 0
    notes = " ".join(n.message for n in preview.notices)
    assert "县级骨干 → 县级" in notes and "市级骨干 → 市级" in notes
    assert "中师 → 高中阶段" in notes and "小学高级 → 一级" in notes
    values = {r.row: r.values for r in preview.rows}
    assert (values[2]["honour_level"], values[2]["education"], values[2]["title"]) == ("4", "61", "3")
    assert (values[3]["honour_level"], values[3]["employment_form"]) == ("3", "4")


def test_docs_list_every_accepted_spelling() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "import.md").read_text(encoding="utf-8")
    missing = [row.spelling for table, row in ROWS if table is not Ethnicity and row.spelling not in docs]
    assert not missing, missing
    assert "--map 列名=字段" in docs and "不导入" in docs
