"""The 国家统计 page on the demo school: a cell shows its people, a person opens, an altered workbook's
differences are listed and jump to their cells."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.national_page import NationalPage
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.session import make_context
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import TaskManager
from desktop.reports.national import FIRST_BODY_ROW
from desktop.services.demo import build_demo
from desktop.services.records.units import home_unit
from desktop.services.returns.national import build_national, cell_people
from desktop.services.year.periods import list_periods
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui
SHEET = "教基4149_九年一贯制学校"


@pytest.fixture
def demo_window(qtbot: QtBot, taskman: TaskManager, tmp_path: Path) -> Iterator[MainWindow]:
    path = tmp_path / "school.db"
    db = Database.for_path(path)
    upgrade(db, backup_dir=tmp_path / "backups")
    build_demo(db, "school")
    unit = home_unit(db)
    assert unit is not None
    ctx = make_context(OpenedDatabase(path, db, unit, list_periods(db)[0]), taskman, AppSettings())
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.load_start_page()
    wait_idle(qtbot, taskman)
    yield win
    db.dispose()


def _page(qtbot: QtBot, win: MainWindow) -> NationalPage:
    page = win.show_page("national")
    assert isinstance(page, NationalPage)
    wait_idle(qtbot, win.ctx.taskman)
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    return page


def test_a_cell_lists_its_people_and_opens_one(qtbot: QtBot, demo_window: MainWindow, tmp_path: Path) -> None:
    page = _page(qtbot, demo_window)
    ret = build_national(demo_window.ctx.db)
    assert [page.view.sheet.itemText(i) for i in range(page.view.sheet.count())] == [s.name for s in ret.sheets]
    assert page.view.problems_label.text() == "逻辑校验：全部通过"
    page.select_cell(SHEET, ("01", "7"))
    expected = cell_people(ret, SHEET, "01", "7")
    assert expected and page.view.table.item(0, 6).text() == str(len(expected))
    assert [page.view.people.item(i).text() for i in range(page.view.people.count())] == [
        f"{n}（{i}）" for i, n in expected]
    page.view.people.itemDoubleClicked.emit(page.view.people.item(0))
    wait_idle(qtbot, demo_window.ctx.taskman)
    assert demo_window.person.staff_id == expected[0][0]


def test_reconciling_an_altered_workbook_lists_the_cell_and_jumps_to_it(
        qtbot: QtBot, demo_window: MainWindow, tmp_path: Path) -> None:
    page = _page(qtbot, demo_window)
    page.export_to(tmp_path)
    wait_idle(qtbot, demo_window.ctx.taskman)
    xlsx = next(tmp_path.glob("*.xlsx"))
    assert page.view.status.text().startswith("已写出：") and str(xlsx) in page.view.status.text()
    wb = load_workbook(xlsx)
    wb[SHEET].cell(FIRST_BODY_ROW + 2, 3).value += 1  # 03 #少数民族, column 1
    wb.save(xlsx)
    page.reconcile(xlsx)
    wait_idle(qtbot, demo_window.ctx.taskman)
    assert page.view.problems.count() == 1
    item = page.view.problems.item(0)
    assert item.text().startswith(f"{SHEET}：第03行（#少数民族）第1栏（教职工数）")
    page.view.problems.itemDoubleClicked.emit(item)
    assert (page.view.table.currentRow(), page.view.table.currentColumn()) == (2, 0)
