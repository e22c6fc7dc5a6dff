"""The import wizard on real pages, a real temporary database and real files written here."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QWizard
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.credentials_page import CredentialsPage
from desktop.gui.controllers.import_wizard import ImportWizard
from desktop.gui.controllers.staff_page import StaffPage
from desktop.gui.controllers.training_page import TrainingPage
from desktop.services.imports.spreadsheet import ADD, ERROR, UPDATE, preview_import
from desktop.services.records import tables as browse
from desktop.services.records.staff import list_staff
from tests.gui.conftest import resident_id, wait_idle

NEW_A = ("赵六", resident_id("441622", "19900101", "021"))
NEW_B = ("钱七", resident_id("441622", "19920202", "032"))
ZHANG = resident_id("441622", "19850310", "001")  # 张三 of the ``staffed`` fixture


def xlsx(path: Path, rows: list[list[object]], title: str = "花名册") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def to_preview(qtbot: QtBot, ctx: AppContext, wizard: ImportWizard, path: Path) -> None:
    """File → sheet → mapping → preview, pressing 下一步 as a clerk would."""
    wizard.open_file(path)
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=10000)
    wizard.next()
    assert wizard.currentPage() is wizard.sheet_page
    wizard.next()  # reads the sheet on the worker, then moves on by itself
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=20000)
    for field in list(wizard.answers):  # a classification the file has no column for: the clerk answers
        wizard.answer(field, ANSWERS[field])
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=20000)


ANSWERS = {"category": "专任教师", "employment_form": "在编"}


def commit(qtbot: QtBot, ctx: AppContext, wizard: ImportWizard) -> None:
    with qtbot.waitSignal(wizard.imported, timeout=20000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    wait_idle(qtbot, ctx.taskman)


def open_wizard(qtbot: QtBot, page: StaffPage | CredentialsPage | TrainingPage) -> ImportWizard:
    qtbot.addWidget(page)
    wizard = page.open_import()
    assert isinstance(wizard, ImportWizard)
    return wizard


def test_roster_with_one_bad_row_imports_only_the_good_rows(qtbot: QtBot, ctx: AppContext,
                                                           staffed: dict[str, int], tmp_path: Path) -> None:
    path = xlsx(tmp_path / "名册.xlsx", [["龙川县第一小学教职工名单"], ["姓名", "身份证号", "最高学历"],
                                         [*NEW_A, "本科"], ["孙八", "441622199001011234", "本科"], [*NEW_B, "大专"]])
    page = StaffPage(ctx)
    wizard = open_wizard(qtbot, page)
    to_preview(qtbot, ctx, wizard, path)
    counts = wizard.preview_page.counts.text()
    assert "新增 2 行" in counts and "错误 1 行" in counts
    errors = wizard.models[ERROR]
    assert errors.rowCount() == 1
    row_text = [errors.text(errors.rows[0], c) for c in range(4)]
    assert row_text[0] == "花名册" and row_text[1] == "第 4 行"
    assert "校验" in row_text[3] or "身份证" in row_text[3]
    assert wizard.preview_page.tabs.tabText(0) == "新增 (2)"
    assert list_staff(ctx.db)[0].name != "赵六" and len(list_staff(ctx.db)) == 4  # nothing written yet
    commit(qtbot, ctx, wizard)
    names = {s.name for s in list_staff(ctx.db)}
    assert {"赵六", "钱七"} <= names and "孙八" not in names
    assert wizard.outcome is not None and wizard.outcome.added == 2
    assert "显示 6 人" in page.view.status.text()  # the page reloaded after the import


def test_an_unticked_row_is_not_imported(qtbot: QtBot, ctx: AppContext, staffed: dict[str, int],
                                         tmp_path: Path) -> None:
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号"], list(NEW_A), list(NEW_B)])
    wizard = open_wizard(qtbot, StaffPage(ctx))
    to_preview(qtbot, ctx, wizard, path)
    adds = wizard.models[ADD]
    from PySide6.QtCore import Qt

    adds.setData(adds.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert "已勾选 1 行" in wizard.preview_page.counts.text()
    commit(qtbot, ctx, wizard)
    names = {s.name for s in list_staff(ctx.db)}
    assert "赵六" in names and "钱七" not in names


def test_corrected_mapping_is_remembered_for_the_same_shaped_file(qtbot: QtBot, ctx: AppContext,
                                                                  staffed: dict[str, int], tmp_path: Path) -> None:
    first = xlsx(tmp_path / "a.xlsx", [["姓名", "号码甲", "学历"], [*NEW_A, "本科"]])
    wizard = open_wizard(qtbot, StaffPage(ctx))
    wizard.open_file(first)
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=10000)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=20000)
    assert wizard.overrides()[1] is None  # "号码甲" names no field
    assert "身份证件号" in wizard.mapping_page.required.text()
    wizard.set_mapping(1, "id_number")
    assert wizard.mapping_page.required.text() == "必填字段都已对应。"
    wizard.next()  # previews again with the correction, and remembers it
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=20000)
    assert wizard.models[ADD].rowCount() == 1 and wizard.models[ERROR].rowCount() == 0
    wizard.reject()
    wait_idle(qtbot, ctx.taskman)

    second = xlsx(tmp_path / "b.xlsx", [["姓名", "号码甲", "学历"], [*NEW_B, "大专"]])
    again = open_wizard(qtbot, StaffPage(ctx))
    again.open_file(second)
    qtbot.waitUntil(again.file_page.isComplete, timeout=10000)
    again.next()
    again.next()
    qtbot.waitUntil(lambda: again.currentPage() is again.mapping_page, timeout=20000)
    assert again.overrides()[1] == "id_number"
    assert again.combos[1].currentText().startswith("身份证件号")


def test_update_row_shows_old_and_new_and_commit_changes_the_person(qtbot: QtBot, ctx: AppContext,
                                                                    staffed: dict[str, int], tmp_path: Path) -> None:
    path = xlsx(tmp_path / "u.xlsx", [["姓名", "身份证号", "最高学历"], ["张三", ZHANG, "大专"]])
    wizard = open_wizard(qtbot, StaffPage(ctx))
    to_preview(qtbot, ctx, wizard, path)
    updates = wizard.models[UPDATE]
    assert updates.rowCount() == 1
    text = updates.text(updates.rows[0], 3)
    assert "最高学历：大学本科 → 大学专科" in text or ("最高学历" in text and "→" in text), text
    commit(qtbot, ctx, wizard)
    zhang = next(s for s in list_staff(ctx.db) if s.name == "张三")
    assert zhang.education == updates.rows[0].changes["education"][1]
    assert wizard.outcome is not None and wizard.outcome.updated == 1


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_chinese(qtbot: QtBot, ctx: AppContext,
                                                                staffed: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "照片.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    wizard = open_wizard(qtbot, StaffPage(ctx))
    wizard.open_file(path)
    qtbot.waitUntil(lambda: bool(wizard.file_page.message.text()) and "正在" not in wizard.file_page.message.text(),
                    timeout=10000)
    assert "不是电子表格" in wizard.file_page.message.text()
    assert not wizard.file_page.isComplete()
    assert len(list_staff(ctx.db)) == 4


def test_an_empty_sheet_is_refused_on_the_sheet_step(qtbot: QtBot, ctx: AppContext, staffed: dict[str, int],
                                                     tmp_path: Path) -> None:
    path = xlsx(tmp_path / "empty.xlsx", [])
    wizard = open_wizard(qtbot, StaffPage(ctx))
    wizard.open_file(path)
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=10000)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: "空" in wizard.sheet_page.message.text(), timeout=10000)
    assert wizard.currentPage() is wizard.sheet_page


def test_error_workbook_is_written_and_reads_back(qtbot: QtBot, ctx: AppContext, staffed: dict[str, int],
                                                  tmp_path: Path) -> None:
    path = xlsx(tmp_path / "t.xlsx", [["姓名", "身份证号", "最高学历"], [*NEW_A, "本科"], ["孙八", "12345", "本科"]])
    wizard = open_wizard(qtbot, StaffPage(ctx))
    to_preview(qtbot, ctx, wizard, path)
    out = tmp_path / "错误清单.xlsx"
    wizard.save_errors_to(out)
    wait_idle(qtbot, ctx.taskman)
    assert "已把 1 行错误保存" in wizard.preview_page.message.text()
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][-2:] == ("原行号", "错误原因")
    assert rows[1][0] == "孙八" and rows[1][1] == "12345" and rows[1][-2] == "花名册 第 3 行"
    assert rows[1][-1]


def test_template_button_writes_a_template_that_reimports_cleanly(qtbot: QtBot, ctx: AppContext,
                                                                  staffed: dict[str, int], tmp_path: Path) -> None:
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    assert page.view.template_button.isVisibleTo(page) and page.view.import_button.isVisibleTo(page)
    out = tmp_path / "培训模板.xlsx"
    page.write_template_to(out)
    wait_idle(qtbot, ctx.taskman)
    assert "模板已保存" in page.view.status.text()
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    row = {"姓名": "李四", "身份证件号": resident_id("441622", "19850311", "002"), "培训名称": "校本研修",
           "开始日期": "2025-03-01", "结束日期": "2025-03-02", "学时": 8, "培训层级": "校级",
           "培训形式": "集中面授", "科目类别": "专业科目"}
    for c, h in enumerate(headers, start=1):
        key = str(h or "").lstrip("*")
        if key in row:
            ws.cell(row=2, column=c, value=row[key])
    wb.save(out)
    preview = preview_import(ctx.db, "training", out)
    assert preview.counts["error"] == 0 and preview.counts["add"] == 1, [r.errors for r in preview.rows]
    before = browse.count_training(ctx.db, browse.TrainingQuery())
    wizard = open_wizard(qtbot, page)
    to_preview(qtbot, ctx, wizard, out)
    commit(qtbot, ctx, wizard)
    assert browse.count_training(ctx.db, browse.TrainingQuery()) == before + 1


def test_every_table_page_offers_import_and_template(qtbot: QtBot, ctx: AppContext, staffed: dict[str, int]) -> None:
    from desktop.gui.controllers.classes_page import ClassesPage

    for cls, kind in ((StaffPage, "roster"), (CredentialsPage, "credentials"), (TrainingPage, "training"),
                      (ClassesPage, "classes")):
        page = cls(ctx)
        qtbot.addWidget(page)
        assert page.import_kind == kind
        wizard = page.open_import()
        assert wizard.windowTitle().startswith("导入")
        wizard.reject()


def test_preview_models_pass_the_model_tester(qtmodeltester: ModelTester, ctx: AppContext,
                                              staffed: dict[str, int], tmp_path: Path) -> None:
    """The three preview tabs' models (新增 / 更新 / 错误) over a real preview of a real file."""
    from PySide6.QtCore import Qt

    from desktop.gui.models.import_rows import ImportRowsModel

    path = xlsx(tmp_path / "名册.xlsx", [["姓名", "身份证号", "最高学历"], [*NEW_A, "本科"],
                                         ["孙八", "441622199001011234", "本科"], ["张三", ZHANG, "大专"]])
    preview = preview_import(ctx.db, "roster", path)
    fields = {f.key: f for f in preview.fields}
    checked = {r.row for r in preview.rows if r.status in (ADD, UPDATE)}
    models = {status: ImportRowsModel(status, [r for r in preview.rows if r.status == status], checked, fields)
              for status in (ADD, UPDATE, ERROR)}
    for model in models.values():
        qtmodeltester.check(model)
    assert [m.rowCount() for m in models.values()] == [1, 1, 1]
    # Unticking a row in one tab changes the set all tabs share; error rows are not checkable.
    add = models[ADD]
    add.setData(add.index(0, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert add.rows[0].row not in checked
    assert not models[ERROR].flags(models[ERROR].index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    qtmodeltester.check(add)


def test_a_classification_with_no_column_is_asked_never_defaulted(qtbot: QtBot, ctx: AppContext,
                                                                   staffed: dict[str, int], tmp_path: Path) -> None:
    """A roster with a 岗位类别 column but no 用人形式: 岗位类别 maps to 教职工类别, and the wizard
    asks for the batch's 用人形式 before it lets the clerk go on; the answer is what is stored."""
    path = xlsx(tmp_path / "名册.xlsx", [["姓名", "身份证号", "岗位类别", "工龄"],
                                         [*NEW_A, "行政人员", 12], [*NEW_B, "工勤人员", 3]])
    wizard = open_wizard(qtbot, StaffPage(ctx))
    wizard.open_file(path)
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=10000)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=20000)
    assert wizard.overrides()[2] == "category"
    assert list(wizard.answers) == ["employment_form"]
    assert "用人形式" in wizard.mapping_page.required.text()
    assert not wizard.mapping_page.isComplete()  # 下一步 waits for the answer
    wizard.answer("employment_form", "临聘")
    assert wizard.mapping_page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=20000)
    notices = [wizard.preview_page.notices.item(i).text() for i in range(wizard.preview_page.notices.count())]
    assert any("D列“工龄”有数据" in n for n in notices), notices  # the unmapped column is named
    commit(qtbot, ctx, wizard)
    stored = {s.name: (s.category, s.employment_form) for s in list_staff(ctx.db)}
    assert stored["赵六"] == ("13", "3") and stored["钱七"] == ("14", "3")
