"""The 人员核查 page (issue 23 items 6, 7, 3): readiness list, 年度考核 entry, 核查单 PDF, 调入 confirmation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from desktop.domain.records import StaffData, TrainingData, UnitData
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.people_page import PeoplePage
from desktop.services.packages.transfer_file import export_transfer_file, import_transfer_file
from desktop.services.packages.transfers import record_transfer_out
from desktop.services.records.staff import create_staff
from desktop.services.records.training import create_training
from desktop.services.records.units import create_home_unit
from desktop.services.year.periods import ensure_period
from tests.conftest import SCHOOL_CODE, MakeDatabase
from tests.gui.conftest import resident_id, wait_idle
from tests.pdfread import pdf_text


def _page(qtbot: QtBot, window: MainWindow) -> PeoplePage:
    window.ctx.today = date(2025, 10, 1)
    page = window.show_page("people")
    assert isinstance(page, PeoplePage)
    page.load()
    wait_idle(qtbot, window.ctx.taskman)
    return page


def _cells(table: object, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]  # type: ignore[attr-defined]


def test_the_readiness_list_and_an_appraisal_entered_on_the_page(qtbot: QtBot, window: MainWindow,
                                                                 tmp_path: Path, staffed: dict[str, int]) -> None:
    page = _page(qtbot, window)
    rows = [_cells(page.view.due_table, r) for r in range(page.view.due_table.rowCount())]
    assert [r[1] for r in rows] == ["张三"]  # registered 2019-06-01: due 2024-06-01
    assert rows[0][4] == "暂缓" and "已逾期" in rows[0][3] and "0 / 450" in rows[0][5]
    assert "共 1 人" in page.view.due_summary.text()
    page.view.appraisal_id.setText(resident_id("441622", "19850310", "001"))
    page.view.appraisal_year.setValue(2020)
    page.view.appraisal_result.setCurrentIndex(page.view.appraisal_result.findData("4"))
    page.save_appraisal()
    wait_idle(qtbot, window.ctx.taskman)
    assert "已保存 2020 年度考核：不合格" in page.view.status.text()
    assert _cells(page.view.due_table, 0)[4] == "不合格"
    page.resize(1366, 768)
    assert page.grab().save(str(tmp_path / "people-readiness.png"))
    window.open_person(staffed["张三"])  # the person page lists the record too
    wait_idle(qtbot, window.ctx.taskman)
    table = window.person.conduct
    assert [table.item(0, c).text() for c in range(3)] == ["年度考核", "2020", "不合格"]
    wizard = page.open_import("appraisals")
    assert wizard.windowTitle() == "导入年度考核"
    wizard.close()
    # A wrong ID number: one sentence, nothing saved.
    page.view.appraisal_id.setText("440000000000000000")
    page.save_appraisal()
    wait_idle(qtbot, window.ctx.taskman)


def test_the_checklist_is_written_from_the_page(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    page = _page(qtbot, window)
    page.write_checklist(tmp_path / "核查单.pdf")
    wait_idle(qtbot, window.ctx.taskman)
    assert "已生成校长核查单" in page.view.status.text()
    text = pdf_text(tmp_path / "核查单.pdf")
    assert all(name in text for name in ("张三", "李四", "王芳", "欧阳娜娜")) and "校长（签字）" in text


def test_a_transfer_file_is_imported_and_confirmed_on_the_page(qtbot: QtBot, window: MainWindow,
                                                              make_db: MakeDatabase, tmp_path: Path) -> None:
    other = make_db("sender")
    unit = create_home_unit(other, UnitData(code="2144012399", name="龙川县第九小学", kind="school",
                                            parent_code="441622", category="211", ownership="1", urban_rural="1"))
    ensure_period(other, 2025)
    number = resident_id("441622", "19800101", "123")
    person = create_staff(other, unit.id, StaffData(name="陈调动", id_number=number, teaching_stage="primary",
                                                    join_date=date(2015, 9, 1)))
    create_training(other, person.id, TrainingData(title="省级骨干培训", start_date=date(2024, 7, 1),
                                                   end_date=date(2024, 7, 10), hours=80, level="2", mode="01",
                                                   category="2"))
    out = record_transfer_out(other, person.id, SCHOOL_CODE, "龙川县第一小学", date(2025, 8, 20))
    file = export_transfer_file(other, out.id, tmp_path)
    page = _page(qtbot, window)
    page.import_transfer(file)
    wait_idle(qtbot, window.ctx.taskman)
    assert _cells(page.view.transfer_table, 0)[1:3] == ["陈调动", out.id_masked]
    assert _cells(page.view.transfer_table, 0)[5] == "80"
    page.view.transfer_table.selectRow(0)
    page.view.in_date.setDate(QDate(2025, 8, 25))
    page.view.tabs.setCurrentIndex(1)
    page.resize(1366, 768)
    assert page.grab().save(str(tmp_path / "people-transfer.png"))
    page.confirm_selected()
    wait_idle(qtbot, window.ctx.taskman)
    assert "已确认 陈调动 调入" in page.view.status.text() and "80" in page.view.status.text()
    assert page.view.transfer_table.rowCount() == 0
    # … and the same school sends 王芳 on 交流 from the page: her record ends, the signed file is written.
    page.view.out_id.setText(resident_id("441622", "19850312", "003"))
    page.view.out_to.setText("2144012399")
    page.view.out_to_name.setText("龙川县第九小学")
    page.view.out_kind.setCurrentIndex(page.view.out_kind.findData("exchange"))
    page.view.out_date.setDate(QDate(2025, 8, 30))
    page.record_transfer_out(tmp_path / "usb")
    wait_idle(qtbot, window.ctx.taskman)
    assert "已为 王芳 办理调出" in page.view.status.text()
    sent = next((tmp_path / "usb").glob("调动-2144012399-*.json"))
    back = import_transfer_file(other, sent)
    assert back.name == "王芳" and back.kind == "exchange"


def test_a_mistaken_ethics_record_is_deleted_from_the_person_page(qtbot: QtBot, window: MainWindow,
                                                                  staffed: dict[str, int],
                                                                  monkeypatch: object) -> None:
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import select

    from desktop.data.models import AuditEntry, EthicsRecord
    from desktop.services.records.conduct import add_ethics_record, set_appraisal

    db = window.ctx.db
    set_appraisal(db, staffed["张三"], 2023, "合格")
    add_ethics_record(db, staffed["张三"], date(2024, 5, 6), "批评教育", "录错了人")
    window.open_person(staffed["张三"])
    wait_idle(qtbot, window.ctx.taskman)
    tab = window.person.conduct
    assert [tab.item(r, 0).text() for r in range(tab.rowCount())] == ["年度考核", "师德记录"]
    tab.table.selectRow(0)
    assert not tab.remove_button.isEnabled()  # an appraisal is changed on the 人员核查 page, not deleted here
    tab.table.selectRow(1)
    assert tab.remove_button.isEnabled()
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)  # type: ignore[attr-defined]
    tab.remove_button.click()  # first answer: No — nothing happens
    wait_idle(qtbot, window.ctx.taskman)
    assert tab.rowCount() == 2 and "录错了人" in asked[0]
    tab.table.selectRow(1)
    tab.remove_button.click()
    qtbot.waitUntil(lambda: tab.rowCount() == 1, timeout=60000)
    assert "已删除" in tab.status.text()
    with db.session() as s:
        assert s.scalars(select(EthicsRecord)).all() == []
        entry = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "ethics_records",
                                                   AuditEntry.action == "delete")).one()
        assert entry.old_value == "录错了人"


def _answers(monkeypatch: object, questions: list[str], yes: list[bool], texts: list[tuple[str, bool]]) -> None:
    """QMessageBox.question answers ``yes`` in turn, QInputDialog.getText ``texts``; both record what was asked."""
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    def question(_parent: object, _title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        questions.append(text)
        return QMessageBox.StandardButton.Yes if yes.pop(0) else QMessageBox.StandardButton.No

    def get_text(_parent: object, _title: str, label: str, *args: object) -> tuple[str, bool]:
        questions.append(label)
        return texts.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)  # type: ignore[attr-defined]
    monkeypatch.setattr(QInputDialog, "getText", get_text)  # type: ignore[attr-defined]


def _open_messages(page: PeoplePage) -> list[str]:
    from PySide6.QtWidgets import QMessageBox

    return [box.text() for box in page.findChildren(QMessageBox) if box.isVisible()]


def _rows_become(qtbot: QtBot, window: MainWindow, table: QTableWidget, rows: int) -> None:
    """Let the worker finish, then wait until ``table`` shows ``rows`` rows."""
    wait_idle(qtbot, window.ctx.taskman)
    qtbot.waitUntil(lambda: table.rowCount() == rows, timeout=60000)


def test_a_mistaken_transfer_out_is_withdrawn_on_the_page(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                          staffed: dict[str, int], monkeypatch: object) -> None:
    from desktop.data.models import Movement, Staff, Transfer

    page = _page(qtbot, window)
    v = page.view
    v.tabs.setCurrentIndex(1)
    assert v.out_table.rowCount() == 0
    v.out_id.setText(resident_id("441622", "19850312", "003"))  # 王芳, sent to the wrong school
    v.out_to.setText("2144012399")
    v.out_to_name.setText("龙川县第九小学")
    v.out_date.setDate(QDate(2025, 8, 30))
    page.record_transfer_out(tmp_path / "usb")
    _rows_become(qtbot, window, v.out_table, 1)
    assert _cells(v.out_table, 0)[1] == "王芳" and _cells(v.out_table, 0)[3] == "2144012399 龙川县第九小学"
    asked: list[str] = []
    _answers(monkeypatch, asked, [False, True, True], [("", False), ("录错了学校", True)])
    v.withdraw_out.click()  # nothing selected: a sentence, no question
    assert "请先在“本校已办理的调出”表中选中" in v.status.text() and asked == []
    v.out_table.selectRow(0)
    v.withdraw_out.click()  # No to the question: nothing happens
    v.withdraw_out.click()  # Yes, then Cancel on the reason: nothing happens
    wait_idle(qtbot, window.ctx.taskman)
    assert len(asked) == 3 and "撤销 王芳 调往 2144012399 龙川县第九小学 的调出" in asked[0]
    assert v.out_table.rowCount() == 1
    v.withdraw_out.click()  # Yes, with a reason
    _rows_become(qtbot, window, v.out_table, 0)
    assert "已撤销 王芳 的调出" in v.status.text() and "请告知该校不要确认调入" in v.status.text()
    with window.ctx.db.session() as s:
        p = s.get(Staff, staffed["王芳"])
        assert p is not None and (p.status, p.end_date, p.end_reason) == ("active", None, None)
        assert s.query(Movement).filter(Movement.staff_id == p.id).count() == 0
        assert [t.state for t in s.query(Transfer)] == ["withdrawn"]


def test_a_pending_transfer_in_is_refused_on_the_page(qtbot: QtBot, window: MainWindow, make_db: MakeDatabase,
                                                      tmp_path: Path, monkeypatch: object) -> None:
    from desktop.data.models import Staff, Transfer

    other = make_db("sender2")
    unit = create_home_unit(other, UnitData(code="2144012399", name="龙川县第九小学", kind="school",
                                            parent_code="441622", category="211", ownership="1", urban_rural="1"))
    ensure_period(other, 2025)
    person = create_staff(other, unit.id, StaffData(name="陈错调", id_number=resident_id("441622", "19800101", "123"),
                                                    teaching_stage="primary", join_date=date(2015, 9, 1)))
    out = record_transfer_out(other, person.id, SCHOOL_CODE, "龙川县第一小学", date(2025, 8, 20))
    page = _page(qtbot, window)
    v = page.view
    with window.ctx.db.session() as s:
        people = s.query(Staff).count()
    asked: list[str] = []
    _answers(monkeypatch, asked, [False, True], [("  ", True), ("调出学校已撤销调出", True)])
    v.out_id.setText(resident_id("441622", "19850310", "001"))  # 张三 leaves too: both lists on one screen
    v.out_to.setText("2144012399")
    v.out_to_name.setText("龙川县第九小学")
    v.out_date.setDate(QDate(2025, 8, 30))
    page.record_transfer_out(tmp_path / "usb")
    _rows_become(qtbot, window, v.out_table, 1)
    page.import_transfer(export_transfer_file(other, out.id, tmp_path))  # the status line names no temporary path
    _rows_become(qtbot, window, v.transfer_table, 1)
    assert _cells(v.transfer_table, 0)[1] == "陈错调"
    v.in_date.setDate(QDate(2025, 8, 25))
    v.transfer_table.selectRow(0)
    v.tabs.setCurrentIndex(1)
    page.resize(1366, 768)
    shots = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    assert page.grab().save(str(shots / "people-transfer-undo.png"))
    v.refuse_transfer.click()  # an empty reason: refused in a sentence, the row stays
    wait_idle(qtbot, window.ctx.taskman)
    assert any("请填写不予确认的原因" in m for m in _open_messages(page))
    assert "陈错调" in asked[0] and v.transfer_table.rowCount() == 1
    v.transfer_table.selectRow(0)
    v.refuse_transfer.click()
    _rows_become(qtbot, window, v.transfer_table, 0)
    assert "已退回 陈错调 的调入" in v.status.text()
    with window.ctx.db.session() as s:
        states = {t.direction: t.state for t in s.query(Transfer)}
        assert states == {"in": "refused", "out": "pending"} and s.query(Staff).count() == people
    page.import_transfer(export_transfer_file(other, out.id, tmp_path))  # the same file again: asked; No keeps it
    wait_idle(qtbot, window.ctx.taskman)
    assert "此前已不予确认" in asked[-1] and "是否恢复" in asked[-1]
    assert "此前已不予确认" in v.status.text() and v.transfer_table.rowCount() == 0
    # Refused by mistake: the file imported again and Yes puts the 调入 back on the list, to be confirmed.
    page.import_transfer(export_transfer_file(other, out.id, tmp_path))
    _rows_become(qtbot, window, v.transfer_table, 1)
    assert "已将 陈错调 的调入恢复为待确认" in v.status.text() and _cells(v.transfer_table, 0)[1] == "陈错调"
    v.transfer_table.selectRow(0)
    v.confirm_transfer.click()
    _rows_become(qtbot, window, v.transfer_table, 0)
    assert "已确认 陈错调 调入" in v.status.text()
    with window.ctx.db.session() as s:
        assert {t.direction: t.state for t in s.query(Transfer)} == {"in": "confirmed", "out": "pending"}
        assert s.query(Staff).count() == people + 1
