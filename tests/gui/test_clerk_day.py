"""A clerk's real day, start to finish, on real widgets at 1366×768; then the county's day.

School: the first run (the wizard's own widgets: 新建数据库, the school's code and name) →
a class → a teacher with a rare-character name (王䶮) and every field, and a colleague →
a certificate and a training record for 王䶮, chosen by initials → end the colleague after
the census date → explain the warnings in bulk → check → export the returns (not drafts)
and the package → import the county's 退回 reply → add what was asked → resubmit.
County: import the packages → filter by school → approve one, 退回 another with a
comment → consolidate → import the resubmission, check its changes on the page and replace
(no blocking question box: the choice sits on the 上报 page).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.gui.controllers.classes_page import ClassesPage
from desktop.gui.controllers.credentials_page import CredentialsPage
from desktop.gui.controllers.end_staff import EndStaffDialog
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.reports_page import ReportsPage
from desktop.gui.controllers.staff_page import StaffPage
from desktop.gui.controllers.submit_page import SubmitPage
from desktop.gui.controllers.training_page import TrainingPage
from desktop.gui.controllers.wizard import FirstRunWizard
from desktop.gui.models.submissions import COL_STATUS
from desktop.gui.session import Launcher
from desktop.gui.settings import AppSettings
from desktop.gui.signin import set_actor
from desktop.gui.taskman import TaskManager
from desktop.services.demo import build_demo
from desktop.services.office.send_back import reporting_state
from desktop.services.packages.export import export_package
from desktop.services.records import credentials, staff, training
from desktop.services.returns.checks import run_checks
from tests.explained import explain_warnings
from tests.gui.conftest import resident_id, wait_idle
from tests.gui.picking import pick_staff
from tests.gui.test_every_printed_field import fill_every_field
from tests.gui.test_submit_page import REVIEWER, _office

pytestmark = pytest.mark.gui


def _page(qtbot: QtBot, window: MainWindow, key: str) -> object:
    page = window.show_page(key)
    if hasattr(page, "load"):
        page.load()
    wait_idle(qtbot, window.ctx.taskman)
    wait_idle(qtbot, window.ctx.taskman)
    return page


SCHOOL = ("2144162205", "龙川县第五小学")
TODAY = date(2025, 10, 8)  # the clerk's first run: the 2025学年 has begun, its census date passed


@pytest.fixture
def launcher(qtbot: QtBot, taskman: TaskManager) -> Iterator[Launcher]:
    launcher = Launcher(taskman, AppSettings())
    yield launcher
    qtbot.waitUntil(lambda: taskman.pending == 0, timeout=60000)
    for widget in (launcher.window, launcher.wizard):
        if widget is not None:
            widget.close()
    if launcher.claim is not None:
        launcher.claim.release()
    launcher.close_database()


def _first_run(qtbot: QtBot, launcher: Launcher, taskman: TaskManager, folder: Path) -> MainWindow:
    """The first-run wizard, as a new clerk fills it in: 新建数据库, the school, 完成."""
    wizard = FirstRunWizard(taskman, AppSettings(), today=TODAY)
    qtbot.addWidget(wizard)
    launcher.wizard = wizard
    wizard.opened.connect(launcher.show_main)
    wizard.show()
    wizard.new_db.setChecked(True)
    wizard.next.click()
    assert wizard.stack.currentIndex() == wizard.NEW
    wizard.new_path.setText(str(folder / "学校数据.db"))
    wizard.kind.setCurrentIndex(wizard.kind.findData("school"))
    wizard.category.setCurrentIndex(wizard.category.findData("211"))  # 小学
    qtbot.keyClicks(wizard.code, SCHOOL[0])
    assert "正确" in wizard.code_error.text()
    wizard.name.setText(SCHOOL[1])
    qtbot.keyClicks(wizard.parent_code, "441622")
    assert wizard.school_year.value() == 2025  # the 学年 of the day: from 1 September
    wizard.next.click()
    qtbot.waitUntil(lambda: launcher.window is not None and launcher.window.isVisible(), timeout=60000)
    window = launcher.window
    assert window is not None
    wait_idle(qtbot, taskman)
    return window


def _school_day(qtbot: QtBot, window: MainWindow, out: Path) -> Path:
    ctx = window.ctx
    window.resize(1366, 768)
    assert window.statusBar().isVisible()
    assert (ctx.unit.code, ctx.period.school_year) == (SCHOOL[0], 2025)
    # A class, so the return has pupils to count.
    rooms = _page(qtbot, window, "classes")
    assert isinstance(rooms, ClassesPage)
    rooms.new_grade.setCurrentIndex(rooms.new_grade.findData("P3"))
    rooms.new_name.setText("三年级(1)班")  # Chinese comes from the input method, not key by key
    rooms.new_enrolled.setValue(45)
    rooms.new_save.click()
    wait_idle(qtbot, ctx.taskman)
    assert rooms.new_error.text() == ""
    # A new teacher with a rare-character name and every field, and a colleague.
    page = _page(qtbot, window, "staff")
    assert isinstance(page, StaffPage)
    for name, number in (("王䶮", resident_id("441622", "19880512", "024")),
                         ("李四", resident_id("441622", "19850312", "002"))):
        page.add_new()
        fill_every_field(page.form, name, number)
        page.form.save.click()
        wait_idle(qtbot, ctx.taskman)
    her = next(s for s in staff.list_staff(ctx.db) if s.name == "王䶮")
    colleague = next(s for s in staff.list_staff(ctx.db) if s.name == "李四")
    assert (her.ethnicity, her.post, her.honour_level) == ("08", "02", "3")

    # Her certificate and a training record, chosen by initials.
    creds = _page(qtbot, window, "credentials")
    assert isinstance(creds, CredentialsPage)
    creds.add_new()
    pick_staff(qtbot, creds.form.staff, "wy")
    creds.form.cert_type.setCurrentIndex(creds.form.cert_type.findData("2"))
    creds.form.number.setText("20124400122000002")
    creds.form.issue_date.setDate(QDate(2012, 7, 1))
    creds.form.save.click()
    wait_idle(qtbot, ctx.taskman)
    assert [c.staff_id for c in credentials.list_credentials(ctx.db, staff_id=her.id)] == [her.id]
    train = _page(qtbot, window, "training")
    assert isinstance(train, TrainingPage)
    train.view.table.selectRow(0)  # someone else's record is shown first
    train.add_new()
    pick_staff(qtbot, train.form.staff, "wy")
    train.form.title.setText("新教师岗前培训")
    train.form.start_date.setDate(QDate(2025, 8, 20))
    train.form.end_date.setDate(QDate(2025, 8, 25))
    train.form.hours.setValue(40)
    train.form.title.setFocus()
    qtbot.keyClick(train.form.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx.taskman)
    assert [t.title for t in training.list_training(ctx.db, her.id)] == ["新教师岗前培训"], (
        train.form.message.text(), {k: v.text() for k, v in train.form.errors.items()})

    # Another teacher leaves after the census date.
    people = _page(qtbot, window, "staff")
    assert isinstance(people, StaffPage)
    people.view.table.setCurrentIndex(people.model.index(people.model.row_of_id(colleague.id), 0))
    people.view.table.setFocus()
    qtbot.keyClick(people.view.table, Qt.Key.Key_Delete)
    dialog = people.findChild(EndStaffDialog)
    assert dialog is not None
    c = ctx.period.census_date
    dialog.end_date.setDate(QDate(c.year, c.month, c.day).addDays(20))
    dialog.buttons.accepted.emit()
    wait_idle(qtbot, ctx.taskman)

    # Explain the warnings in bulk, rule by rule, check, mark ready, export the returns.
    reports = _page(qtbot, window, "reports")
    assert isinstance(reports, ReportsPage)
    while True:
        todo = [r for r, i in enumerate(reports.items) if i.finding.severity.value == "warning" and not i.explanation]
        if not todo:
            break
        reports.view.findings.selectRow(todo[0])
        reports.select_same_rule()
        reports.view.explanation.setPlainText("已核实，情况属实，本学年内整改。")
        reports.save_explanation()
        wait_idle(qtbot, ctx.taskman)
        wait_idle(qtbot, ctx.taskman)
    result = run_checks(ctx.db, ctx.unit.id, ctx.period.id)
    assert result.unexplained() == [] and result.errors() == []
    reports.view.ready_button.click()
    wait_idle(qtbot, ctx.taskman)
    wait_idle(qtbot, ctx.taskman)
    assert "已标记为可上报" in reports.view.message.text()
    reports.export_to(out / "returns")
    wait_idle(qtbot, ctx.taskman)
    assert sorted(p.suffix for p in reports.exported) == [".pdf", ".xlsx"]
    assert not any("草稿" in p.name for p in reports.exported)

    # The package.
    submit = _page(qtbot, window, "submit")
    assert isinstance(submit, SubmitPage)
    submit.export_to(out / "package")
    qtbot.waitUntil(lambda: "已导出" in submit.view.result.text(), timeout=60000)
    wait_idle(qtbot, ctx.taskman)
    (package,) = (out / "package").glob("*.erp")
    return package


def test_a_clerks_day_then_the_countys(qtbot: QtBot, launcher: Launcher, taskman: TaskManager,
                                      tmp_path: Path) -> None:
    (tmp_path / "school").mkdir()
    window = _first_run(qtbot, launcher, taskman, tmp_path / "school")
    ctx = window.ctx
    package = _school_day(qtbot, window, tmp_path)

    # Another school of the county sends its package too.
    other_db = Database.for_path(tmp_path / "other.db")
    upgrade(other_db, backup_dir=tmp_path / "other-backups")
    build_demo(other_db, "school", school_size={"staff": 10, "training": 200, "classes": 6})
    explain_warnings(other_db)
    other = export_package(other_db, tmp_path / "other-package", with_returns=False).path
    other_db.dispose()

    # The county's day, in its own window at 1366×768.
    (tmp_path / "county").mkdir()
    office = _office(tmp_path / "county", taskman)
    set_actor(office.db, REVIEWER)  # the county's reviewer signed in: only a reviewer approves or returns
    county = MainWindow(office)
    qtbot.addWidget(county)
    county.resize(1366, 768)
    county.show()
    county.load_start_page()
    wait_idle(qtbot, taskman)
    board = _page(qtbot, county, "submit")
    assert isinstance(board, SubmitPage)
    board.import_paths([package, other])
    qtbot.waitUntil(lambda: board.last_import is not None and board.model.rowCount() >= 2, timeout=60000)
    wait_idle(qtbot, taskman)
    codes = [board.model.row(i).code for i in range(board.model.rowCount())]
    mine, theirs = codes.index(ctx.unit.code), codes.index("2144162201")

    people = _page(qtbot, county, "staff")
    combo = people.filter_combos["unit_id"]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: combo.count() > 2, timeout=5000)
    combo.setCurrentIndex(combo.findText(ctx.unit.name))
    names = {people.model.row(i).name for i in range(people.model.rowCount())}  # type: ignore[attr-defined]
    assert "王䶮" in names and "李四" not in names  # the list shows those in post now

    board = _page(qtbot, county, "submit")
    assert isinstance(board, SubmitPage)
    board.view.table.selectRow(theirs)
    board.approve_selected()
    wait_idle(qtbot, taskman)
    qtbot.waitUntil(lambda: board.model.index(theirs, COL_STATUS).data() == "已审核", timeout=10000)
    board.view.table.selectRow(mine)
    board.return_unit(board.selected_code() or "", "王䶮的培训证明请补充扫描件。", tmp_path / "reply")
    wait_idle(qtbot, taskman)
    qtbot.waitUntil(lambda: board.model.index(mine, COL_STATUS).data() == "已退回", timeout=10000)
    board.consolidate(tmp_path / "consolidated")
    wait_idle(qtbot, taskman)
    qtbot.waitUntil(lambda: any((tmp_path / "consolidated").glob("*.pdf")), timeout=60000)

    # Back at the school: the reply reopens the period with the comment; the clerk adds what was
    # asked (the missing training record) and resubmits.
    (reply,) = (tmp_path / "reply").glob("*.erp")
    school_board = _page(qtbot, window, "submit")
    assert isinstance(school_board, SubmitPage)
    school_board.import_reply(reply)
    wait_idle(qtbot, ctx.taskman)
    assert reporting_state(ctx.db) == ("returned", "王䶮的培训证明请补充扫描件。")
    assert "王䶮的培训证明请补充扫描件" in school_board.view.comment.text()
    train = _page(qtbot, window, "training")
    assert isinstance(train, TrainingPage)
    train.add_new()
    pick_staff(qtbot, train.form.staff, "wy")
    train.form.title.setText("县级信息技术应用能力提升培训")
    train.form.start_date.setDate(QDate(2025, 9, 6))
    train.form.end_date.setDate(QDate(2025, 9, 7))
    train.form.hours.setValue(12)
    train.form.save.click()
    wait_idle(qtbot, ctx.taskman)
    her = next(s for s in staff.list_staff(ctx.db) if s.name == "王䶮")
    assert len(training.list_training(ctx.db, her.id)) == 2
    school_board = _page(qtbot, window, "submit")
    assert isinstance(school_board, SubmitPage)
    school_board.export_to(tmp_path / "again")
    qtbot.waitUntil(lambda: any((tmp_path / "again").glob("*.erp")), timeout=60000)
    wait_idle(qtbot, ctx.taskman)
    assert reporting_state(ctx.db)[0] == "submitted"

    # The county takes the resubmission: its changes on the page, then 替换.
    (again,) = (tmp_path / "again").glob("*.erp")
    board = _page(qtbot, county, "submit")
    assert isinstance(board, SubmitPage)
    board.last_import = None
    board.import_paths([again])
    qtbot.waitUntil(lambda: board.view.resubmit_box.isVisible(), timeout=60000)
    assert QApplication.activeModalWidget() is None  # nothing blocks: the question is on the page
    assert "培训" in board.view.resubmit_text.text()  # the diff names what changed
    board.view.replace_button.click()
    qtbot.waitUntil(lambda: board.last_import is not None
                    and any(r.status == "replaced" for r in board.last_import.results), timeout=60000)
    wait_idle(qtbot, taskman)
    assert not board.view.resubmit_box.isVisible()
    codes = [board.model.row(i).code for i in range(board.model.rowCount())]
    mine = codes.index(ctx.unit.code)
    assert board.model.index(mine, COL_STATUS).data() not in ("已退回", "已审核")
    county.close()
