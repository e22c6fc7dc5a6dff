"""One text policy for every free-text field, typed or imported (issue: trust holes, item 15).

Zero-width characters, a right-to-left override (which shows a name reversed
in Excel), a byte-order mark, DEL and other control characters, and a leading
formula sign are refused with a Chinese sentence in 姓名, 备注, 专业, 培训名称,
主办单位 and every other free-text field — not only in 姓名.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from desktop.data.engine import Database
from desktop.domain.idcard import id_check_char
from desktop.domain.records import ClassData, StaffData, TrainingData, UnitRecord
from desktop.domain.textpolicy import text_problem
from desktop.domain.validate import validate_class, validate_staff, validate_training
from desktop.services.core.errors import ServiceError
from desktop.services.imports.spreadsheet import preview_import
from desktop.services.records.staff import create_staff

HOSTILE = {
    "zero-width": "张\u200b三",
    "rlo": "\u202e三张",
    "bom": "\ufeff张三",
    "del": "张三\x7f",
    "nul": "张\x00三",
    "formula": "=HYPERLINK(\"http://x\",\"点我\")",
    "formula-after-space": "  +1+1",
    "at-sign": "@SUM(A1)",
}
def _id(first17: str) -> str:
    return first17 + id_check_char(first17)


ID, ID2, ID3 = _id("44162219850301123"), _id("44162219900512234"), _id("44162219780101345")
STAFF = StaffData(name="张三", id_number=ID, gender="1", birth_date=date(1985, 3, 1))
TRAINING = TrainingData(title="班主任培训", start_date=date(2024, 5, 1), end_date=date(2024, 5, 1), hours=4,
                        level="4", mode="02", category="2")


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
@pytest.mark.parametrize(("record", "field", "check"), [
    (STAFF, "name", validate_staff), (STAFF, "note", validate_staff), (STAFF, "major", validate_staff),
    (TRAINING, "title", validate_training), (TRAINING, "organiser", validate_training),
    (ClassData(grade="P1", name="一年级(1)班"), "name", validate_class),
], ids=["姓名", "备注", "专业", "培训名称", "主办单位", "班级名称"])
def test_every_free_text_field_refuses_deceiving_text(record: object, field: str, check: object, text: str) -> None:
    from dataclasses import replace

    assert not [f for f in check(record) if f.is_error]  # type: ignore[operator]
    findings = [f for f in check(replace(record, **{field: text})) if f.is_error]  # type: ignore[operator, type-var]
    assert [f.field for f in findings] == [field]
    assert "请" in findings[0].message


def test_ordinary_text_passes() -> None:
    for text in ("张三", "数学（师范）", "2024年县级培训 -- 第二期", "A+B 方案", "邮箱 a@b.cn", "李 四"):
        assert text_problem(text, "备注") is None, text


def test_a_typed_note_with_a_formula_or_an_override_is_refused(db: Database, school: UnitRecord) -> None:
    from dataclasses import replace

    for text in (HOSTILE["formula"], HOSTILE["rlo"]):
        with pytest.raises(ServiceError, match="备注"):
            create_staff(db, school.id, replace(STAFF, note=text))


def test_an_imported_roster_reports_each_deceiving_cell(tmp_path: Path, db: Database, school: UnitRecord) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "身份证号", "参加工作年月", "学历", "所学专业", "备注"])
    ws.append(["\u202e三张", ID, "2010年9月", "本科", "数学", ""])
    ws.append(["李四", ID2, "2012年9月", "本科", "\u200b语文", ""])
    ws.append(["王五", ID3, "2000年9月", "本科", "物理", ""])
    note = ws.cell(row=4, column=6)
    note.value, note.data_type = "=1+1", "s"  # text that looks like a formula, as a hostile file stores it
    wb.save(tmp_path / "roster.xlsx")
    preview = preview_import(db, "roster", tmp_path / "roster.xlsx", unit_id=school.id)
    assert [r.status for r in preview.rows] == ["error", "error", "error"]
    messages = [" ".join(r.errors) for r in preview.rows]
    assert "姓名" in messages[0] and "所学专业" in messages[1] and "备注" in messages[2]


@pytest.mark.parametrize("note", ["第一行\n第二行", "第一行\r\n第二行", "调入\n\n2024年9月"], ids=["lf", "crlf", "blank-line"])
def test_a_line_break_in_a_note_is_accepted_and_other_fields_still_refuse_it(note: str) -> None:
    from dataclasses import replace

    assert not [f for f in validate_staff(replace(STAFF, note=note)) if f.is_error]
    # Only multi-line fields: a line break in a name or a major is still refused.
    for field in ("name", "major"):
        assert [f.field for f in validate_staff(replace(STAFF, **{field: note})) if f.is_error] == [field]
    # In a note, whatever else deceives is still refused beside the line break.
    for hostile in ("第一行\n\u202e第二行", "第一行\r第二行", "第一行\n\x00", "=1+1\n第二行"):
        assert [f.field for f in validate_staff(replace(STAFF, note=hostile)) if f.is_error] == ["note"], hostile


def test_an_imported_roster_keeps_a_note_typed_with_alt_enter(tmp_path: Path, db: Database, school: UnitRecord) -> None:
    from desktop.services.imports.spreadsheet import commit_import
    from desktop.services.records.staff import list_staff

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "身份证号", "参加工作年月", "学历", "所学专业", "备注"])
    ws.append(["张三", ID, "2010年9月", "本科", "数学", "2024年9月调入\n兼任班主任"])
    ws.append(["李四", ID2, "2012年9月", "本科", "语文", "病假\r\n2025年3月返岗"])
    wb.save(tmp_path / "roster.xlsx")
    preview = preview_import(db, "roster", tmp_path / "roster.xlsx", unit_id=school.id,
                             defaults={"category": "专任教师", "employment_form": "在编"})
    assert [r.status for r in preview.rows] == ["add", "add"], [r.errors for r in preview.rows]
    commit_import(db, preview)
    notes = {s.name: s.note for s in list_staff(db, unit_id=school.id)}
    assert notes == {"张三": "2024年9月调入\n兼任班主任", "李四": "病假\r\n2025年3月返岗"}
