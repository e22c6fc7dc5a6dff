"""An office's 教职工, 资格证书 and 培训记录 tables: a per-school filter, and 单位 on screen at 1366 px."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.session import make_context
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import TaskManager
from desktop.services.demo import build_demo
from desktop.services.records.units import home_unit, list_units
from desktop.services.year.periods import list_periods
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture
def office_window(qtbot: QtBot, taskman: TaskManager, tmp_path: Path) -> Iterator[MainWindow]:
    path = tmp_path / "county.db"
    db = Database.for_path(path)
    upgrade(db, backup_dir=tmp_path / "backups")
    build_demo(db, "county", county_size={"schools": 4, "staff": 120, "training": 1500, "classes": 24})
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


@pytest.mark.parametrize("page_key", ["staff", "credentials", "training"])
def test_filter_by_school_with_the_unit_column_on_screen(qtbot: QtBot, office_window: MainWindow,
                                                         page_key: str) -> None:
    ctx = office_window.ctx
    page = office_window.show_page(page_key)
    page.load()
    wait_idle(qtbot, ctx.taskman)
    wait_idle(qtbot, ctx.taskman)
    table, model = page.view.table, page.model
    col = model.column_index("unit_name")
    header = table.horizontalHeader()
    assert header.visualIndex(col) == 1  # right after the name
    assert not table.isColumnHidden(col)
    assert header.sectionViewportPosition(col) + header.sectionSize(col) <= table.viewport().width()
    combo = page.filter_combos["unit_id"]
    qtbot.waitUntil(lambda: combo.count() > 1, timeout=5000)
    school = list_units(ctx.db, kind="school")[1]
    combo.setCurrentIndex(combo.findData(str(school.id)))
    wait_idle(qtbot, ctx.taskman)
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5000)
    shown = {model.row(i).unit_name for i in range(min(model.rowCount(), 40))}
    assert shown == {school.name}
