"""A clerk's real day, start to finish, on real widgets at 1366×768; then the county's day.

School: add a teacher with a rare-character name (王䶮) and every field → a certificate
and a training record for her, chosen by initials → end another teacher after the
census date → explain the warnings in bulk → check → export the returns (not drafts)
and the package → import the county's 退回 reply → resubmit.
County: import the packages → filter by school → approve one, 退回 another with a
comment → consolidate.

Not yet covered: the first-run wizard (the school database comes from the fixtures).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.gui.context import AppContext
from desktop.gui.controllers.credentials_page import CredentialsPage
from desktop.gui.controllers.end_staff import EndStaffDialog
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.reports_page import ReportsPage
from desktop.gui.controllers.staff_page import StaffPage
from desktop.gui.controllers.submit_page import SubmitPage
from desktop.gui.controllers.training_page import TrainingPage
from desktop.gui.models.submissions import COL_STATUS
from desktop.gui.signin import set_actor
from desktop.gui.taskman import TaskManager
from desktop.services.demo import build_demo
from desktop.services.office.send_back import reporting_state
from desktop.services.packages.export import export_package
from desktop.services.records import credentials, staff, training
from desktop.services.returns.checks import run_checks
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


def _school_day(qtbot: QtBot, window: MainWindow, ctx: AppContext, staffed: dict[str, int], out: Path) -> Path:
    window.resize(1366, 768)
    assert window.statusBar().isVisible()
    # A new teacher with a rare-character name and every field.
    page = _page(qtbot, window, "staff")
    assert isinstance(page, StaffPage)
    page.add_new()
    fill_every_field(page.form, "王䶮", resident_id("441622", "19880512", "024"))
    page.form.save.click()
    wait_idle(qtbot, ctx.taskman)
    her = next(s for s in staff.list_staff(ctx.db) if s.name == "王䶮")
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
    people.view.table.setCurrentIndex(people.model.index(people.model.row_of_id(staffed["李四"]), 0))
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


def test_a_clerks_day_then_the_countys(qtbot: QtBot, window: MainWindow, ctx: AppContext, staffed: dict[str, int],
                                      taskman: TaskManager, tmp_path: Path) -> None:
    package = _school_day(qtbot, window, ctx, staffed, tmp_path)

    # Another school of the county sends its package too.
    other_db = Database.for_path(tmp_path / "other.db")
    upgrade(other_db, backup_dir=tmp_path / "other-backups")
    build_demo(other_db, "school", school_size={"staff": 10, "training": 200, "classes": 6})
    other = export_package(other_db, tmp_path / "other-package", with_returns=False).path
    other_db.dispose()

    # The county's day, in its own window at 1366×768.
    (tmp_path / "county").mkdir()
    office = _office(tmp_path / "county", taskman)
    set_actor(office.db, REVIEWER)  # approving and 退回 are the county reviewer's
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

    # Back at the school: the reply reopens the period with the comment, and the clerk resubmits.
    (reply,) = (tmp_path / "reply").glob("*.erp")
    school_board = _page(qtbot, window, "submit")
    assert isinstance(school_board, SubmitPage)
    school_board.import_reply(reply)
    wait_idle(qtbot, ctx.taskman)
    assert reporting_state(ctx.db) == ("returned", "王䶮的培训证明请补充扫描件。")
    school_board.export_to(tmp_path / "again")
    qtbot.waitUntil(lambda: any((tmp_path / "again").glob("*.erp")), timeout=60000)
    wait_idle(qtbot, ctx.taskman)
    assert reporting_state(ctx.db)[0] == "submitted"
