"""Import use cases end to end: preview, commit, updates, all-or-nothing, error workbook, memory."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
import python_calamine as pc
from sqlalchemy import func, select

from desktop.data.engine import Database
from desktop.data.models import AuditEntry, Registration, TrainingRecord, UnitPeriod
from desktop.domain.idcard import id_check_char
from desktop.domain.records import StaffData, UnitData, UnitRecord
from desktop.services.core import audit
from desktop.services.core.errors import ConflictError, LockedError, ServiceError
from desktop.services.imports.files import save_error_workbook
from desktop.services.imports.spreadsheet import (
    ImportPreview,
    commit_import,
    preview_import,
    remember_mapping,
)
from desktop.services.records.classes import list_classes
from desktop.services.records.credentials import list_credentials
from desktop.services.records.staff import create_staff, list_staff, update_staff
from desktop.services.records.units import create_unit
from desktop.services.year.periods import ensure_period, ensure_unit_period


def make_id(first17: str) -> str:
    return first17 + id_check_char(first17)


A = ("张三", make_id("44162219850301123"))
B = ("李四", make_id("44162219900512234"))
C = ("王五", make_id("44162219780101345"))


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


# A roster without 教职工类别/用人形式 columns asks for them; these tests answer for the batch.
ANSWERS = {"category": "专任教师", "employment_form": "在编"}


def roster_preview(db: Database, path: Path, **kw: object) -> ImportPreview:
    return preview_import(db, "roster", path, defaults=ANSWERS, **kw)  # type: ignore[arg-type]


def roster_file(tmp_path: Path, title: str = "一级") -> Path:
    return xlsx(tmp_path / "roster.xlsx", [["姓名", "身份证号", "最高学历", "职称", "任教学科"],
                                           [*A, "本科", title, "语文"], [*B, "大专", "二级", "数学"]])


def test_roster_commit_adds_people_with_search_keys_and_one_batch_audit(db: Database, school: UnitRecord,
                                                                        tmp_path: Path) -> None:
    preview = roster_preview(db, roster_file(tmp_path))
    assert preview.counts == {"add": 2, "update": 0, "skip": 0, "error": 0}
    assert list_staff(db) == []  # preview writes nothing
    result = commit_import(db, preview, actor="clerk")
    assert (result.added, result.updated) == (2, 0)
    people = {s.name: s for s in list_staff(db, unit_id=school.id)}
    assert people["张三"].education == "21" and people["张三"].title == "3" and people["张三"].subject == "01"
    assert people["张三"].gender == "1" and people["张三"].birth_date == date(1985, 3, 1)
    assert people["李四"].id_masked == "441622********2344"[:6] + "********" + B[1][-4:]
    with db.session() as s:
        from desktop.data.models import Staff

        zs = s.scalars(select(Staff).where(Staff.name == "张三")).one()
        assert (zs.name_pinyin, zs.name_initials, zs.id_tail) == ("zhangsan", "zs", A[1][-4:])
        batch = s.scalars(select(AuditEntry).where(AuditEntry.action == "import")).all()
        assert len(batch) == 2 and batch[0].username == "clerk" and "新增 2 条" in (batch[0].reason or "")
        assert audit.verify_chain(s) is None


def test_reimport_updates_only_changed_fields_and_keeps_absent_columns(db: Database, school: UnitRecord,
                                                                      tmp_path: Path) -> None:
    commit_import(db, roster_preview(db, roster_file(tmp_path)))
    zs = next(s for s in list_staff(db) if s.name == "张三")
    update_staff(db, zs.id, {"phone": "13800000000"})
    again = roster_preview(db, roster_file(tmp_path))
    assert again.counts["skip"] == 2 and again.counts["add"] == 0
    changed = xlsx(tmp_path / "changed.xlsx", [["姓名", "身份证号", "职称"], [*A, "高级"]])
    preview = roster_preview(db, changed)
    row = preview.rows[0]
    assert row.status == "update" and row.changes == {"title": ("3", "2")}
    commit_import(db, preview)
    after = next(s for s in list_staff(db) if s.name == "张三")
    assert after.title == "2" and after.education == "21" and after.phone == "13800000000"
    assert after.version == zs.version + 2
    with db.session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "import_update")).all()
        assert [(e.field, e.old_value, e.new_value) for e in entries] == [("title", "3", "2")]


def test_a_blank_cell_never_overwrites_a_stored_value_with_a_default(db: Database, school: UnitRecord,
                                                                     tmp_path: Path) -> None:
    commit_import(db, roster_preview(db, roster_file(tmp_path)))  # 张三: 职称 一级 ("3")
    blank = xlsx(tmp_path / "blank.xlsx", [["姓名", "身份证号", "职称", "联系电话"], [*A, None, "13912345678"]])
    row = roster_preview(db, blank).rows[0]
    assert row.status == "update" and row.changes == {"phone": (None, "13912345678")}
    commit_import(db, roster_preview(db, blank))
    assert next(s for s in list_staff(db) if s.name == "张三").title == "3"


def test_person_active_in_another_unit_is_an_error(db: Database, school: UnitRecord, tmp_path: Path) -> None:
    other = create_unit(db, UnitData(code="2144012346", name="龙川县第二小学", kind="school", parent_code="441622",
                                     category="211", ownership="1", urban_rural="2"))
    create_staff(db, other.id, StaffData(name="张三", id_number=A[1]))
    preview = roster_preview(db, roster_file(tmp_path), unit_id=school.id)
    bad = next(r for r in preview.rows if r.row == 2)
    assert bad.status == "error" and "龙川县第二小学" in bad.errors[0]


def test_training_import_attaches_by_id_and_reimport_is_harmless(db: Database, school: UnitRecord,
                                                                 tmp_path: Path) -> None:
    staff = create_staff(db, school.id, StaffData(name=A[0], id_number=A[1]))
    path = xlsx(tmp_path / "training.xlsx", [
        ["姓名", "身份证号", "培训名称", "培训日期", "学时", "培训层级", "培训形式", "科目类别", "专题"],
        ["张三", A[1], "师德专题", "2024年3月", "8学时", "县级", "面授", "公需", "师德；安全"],
        ["张叁", A[1].lower(), "信息技术", "2024.4.2", 4.5, "校本", "网络研修", "专业", ""],
        ["李四", B[1], "信息技术", "2024.4.2", 4.5, "校级", "网络研修", "专业", ""]])
    preview = preview_import(db, "training", path)
    assert preview.counts == {"add": 2, "update": 0, "skip": 0, "error": 1}
    assert "姓名“张叁”与名册中该证件号码的姓名“张三”不一致" in preview.rows[1].warnings[0]
    assert "在本单位教职工名册中找不到" in preview.rows[2].errors[0]
    commit_import(db, preview)
    with db.session() as s:
        rows = s.scalars(select(TrainingRecord).order_by(TrainingRecord.id)).all()
        assert [(r.staff_id, r.hours, r.topics, r.source, r.level) for r in rows] == [
            (staff.id, 8.0, "ethics;safety", "import", "4"), (staff.id, 4.5, "", "import", "5")]
        assert rows[0].start_date == rows[0].end_date == date(2024, 3, 1)
    again = preview_import(db, "training", path)
    assert again.counts["skip"] == 2 and again.counts["add"] == 0


def test_training_without_level_columns_needs_a_batch_value(db: Database, school: UnitRecord, tmp_path: Path) -> None:
    create_staff(db, school.id, StaffData(name=A[0], id_number=A[1]))
    path = xlsx(tmp_path / "t.xlsx", [["姓名", "身份证号", "培训项目", "开始日期", "结束日期", "学时"],
                                      [*A, "校本研修", "2024-09-01", "2024-09-01", 3]])
    preview = preview_import(db, "training", path)
    assert preview.counts["error"] == 1
    assert any("培训层级" in n.message for n in preview.notices)
    preview = preview_import(db, "training", path, defaults={"level": "校级", "mode": "校本研修", "category": "专业科目"})
    assert preview.counts["add"] == 1
    assert preview.rows[0].values["level"] == "5"
    with pytest.raises(ServiceError, match="不在代码表中"):
        preview_import(db, "training", path, defaults={"level": "乡级"})


def test_credentials_import_adds_certificate_and_registration(db: Database, school: UnitRecord, tmp_path: Path) -> None:
    staff = create_staff(db, school.id, StaffData(name=A[0], id_number=A[1]))
    path = xlsx(tmp_path / "c.xlsx", [["姓名", "身份证号", "资格种类", "任教学科", "证书编号", "颁发日期", "注册日期", "注册结论"],
                                      [*A, "小学", "语文", "20084416221000123", "2008-07-01", "2021-06-01", "合格"]])
    commit_import(db, preview_import(db, "credentials", path))
    (cred,) = list_credentials(db, staff_id=staff.id)
    assert (cred.cert_type, cred.number, cred.issue_date) == ("2", "20084416221000123", date(2008, 7, 1))
    assert cred.next_due == date(2026, 6, 1)
    again = preview_import(db, "credentials", path)
    assert again.rows[0].status == "update" and again.rows[0].changes == {}
    commit_import(db, again)  # the same registration is not added twice
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Registration)) == 1


def test_classes_import_into_the_chosen_year_then_update(db: Database, school: UnitRecord, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "cl.xlsx", [["年级", "班级名称", "学生数", "其中寄宿生"], ["一年级", "一(1)班", 45, 2],
                                       ["二年级", "二(1)班", 50, 0]])
    period = ensure_period(db, 2025)  # an import never creates the period it writes to
    commit_import(db, preview_import(db, "classes", path, year=2025))
    assert sorted(c.name for c in list_classes(db, school.id, period.id)) == ["一(1)班", "二(1)班"]
    changed = xlsx(tmp_path / "cl2.xlsx", [["年级", "班级名称", "学生数"], ["一年级", "一(1)班", 47]])
    preview = preview_import(db, "classes", changed, year=2025)
    assert preview.rows[0].status == "update" and preview.rows[0].changes == {"enrolled": (45, 47)}


def test_commit_is_all_or_nothing_when_a_person_changed_after_preview(db: Database, school: UnitRecord,
                                                                      tmp_path: Path) -> None:
    zs = create_staff(db, school.id, StaffData(name=A[0], id_number=A[1]))
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "职称"], [*A, "高级"], [*B, "一级"], [*C, "二级"]])
    preview = roster_preview(db, path)
    assert preview.counts["update"] == 1 and preview.counts["add"] == 2
    update_staff(db, zs.id, {"phone": "13900000000"})  # someone else edits the person meanwhile
    with pytest.raises(ConflictError, match="整批导入已取消"):
        commit_import(db, preview)
    assert [s.name for s in list_staff(db)] == ["张三"]


def test_approved_period_refuses_the_import(db: Database, school: UnitRecord, period, tmp_path: Path) -> None:
    with db.session(write=True) as s:
        ensure_unit_period(s, school.id, period.id)
        s.execute(UnitPeriod.__table__.update().values(state="approved"))
    preview = roster_preview(db, roster_file(tmp_path))
    with pytest.raises(LockedError):
        commit_import(db, preview)
    assert list_staff(db) == []


def test_only_accepted_rows_are_written_and_error_rows_cannot_be_accepted(db: Database, school: UnitRecord,
                                                                          tmp_path: Path) -> None:
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号"], [*A], [*B], ["坏", "123"]])
    preview = roster_preview(db, path)
    with pytest.raises(ServiceError, match="第 4 行有错误"):
        commit_import(db, preview, accept_rows={2, 4})
    result = commit_import(db, preview, accept_rows={3})
    assert result.added == 1 and [s.name for s in list_staff(db)] == ["李四"]


def test_error_workbook_keeps_text_and_reasons_and_can_be_fixed_and_reimported(db: Database, school: UnitRecord,
                                                                               tmp_path: Path) -> None:
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "最高学历", "备注"],
                                      [*A, "大学", "@SUM(1)"], [*B, "本科", ""]])
    preview = roster_preview(db, path)
    out = tmp_path / "errors.xlsx"
    assert save_error_workbook(preview, out) == 1
    rows = pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0] == ["姓名", "身份证号", "最高学历", "备注", "原行号", "错误原因"]
    assert rows[1][:3] == ["张三", A[1], "大学"] and rows[1][3] == "'@SUM(1)"
    assert rows[1][4] == "Sheet 第 2 行" and "最高学历“大学”不在代码表中" in rows[1][5]
    wb = openpyxl.load_workbook(out)
    assert wb.active["D2"].data_type == "s"
    wb.active["C2"] = "本科"
    wb.save(out)
    fixed = roster_preview(db, out)
    assert fixed.counts["add"] == 1 and fixed.rows[0].values["education"] == "21"


def test_mapping_correction_is_remembered_for_files_of_the_same_shape(db: Database, school: UnitRecord,
                                                                      tmp_path: Path) -> None:
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "证号码x", "学历"], [*A, "本科"]])
    first = roster_preview(db, path)
    assert "id_number" in first.mapping.missing_required and first.counts["error"] == 1
    remember_mapping(db, first, {1: "id_number"})
    second_file = xlsx(tmp_path / "r2.xlsx", [["姓名", "证号码x", "学历"], [*B, "专科"]])
    second = roster_preview(db, second_file)
    assert second.mapping.missing_required == [] and second.counts["add"] == 1
    ignored = roster_preview(db, second_file, overrides={1: "id_number", 2: None})
    assert ignored.rows[0].values["education"] is None


def test_template_of_another_kind_is_refused_and_a_filled_template_imports(db: Database, school: UnitRecord,
                                                                          tmp_path: Path) -> None:
    from desktop.exchange.templates import write_template

    training = write_template("training", tmp_path / "training.xlsx")
    with pytest.raises(ServiceError, match="培训记录"):
        roster_preview(db, training)
    roster = write_template("roster", tmp_path / "roster.xlsx")
    wb = openpyxl.load_workbook(roster)
    ws = wb.worksheets[0]
    ws["A2"], ws["C2"], ws["R2"], ws["W2"] = A[0], A[1], "本科", "一级"
    wb.save(roster)
    preview = roster_preview(db, roster)
    assert preview.counts == {"add": 1, "update": 0, "skip": 0, "error": 0}
    assert preview.notices == []  # the instruction and hidden list sheets are ours, not stray data
    wb["_模板信息"]["B2"] = "0"
    wb.save(roster)
    assert "第 0 版导入模板" in roster_preview(db, roster).notices[0].message


def test_list_sheets_names_every_sheet_but_a_template_s_own(tmp_path: Path) -> None:
    from desktop.exchange.templates import write_template
    from desktop.services.imports.spreadsheet import list_sheets

    sheets = list_sheets(write_template("classes", tmp_path / "c.xlsx"))
    assert [(s.name, s.visible) for s in sheets] == [("班级", True), ("填写说明", True)]
    assert sheets[0].rows == 1


def test_unreadable_files_raise_a_chinese_reason(db: Database, school: UnitRecord, tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="找不到文件"):
        roster_preview(db, tmp_path / "missing.xlsx")
    headerless = xlsx(tmp_path / "h.xlsx", [["甲", "乙"], [1, 2]])
    with pytest.raises(ServiceError, match="找不到表头"):
        roster_preview(db, headerless)
    with pytest.raises(ServiceError, match="没有名为“不存在”的工作表"):
        roster_preview(db, roster_file(tmp_path), sheet="不存在")
