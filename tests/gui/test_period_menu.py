"""The 统计期 menu: 开始新学年 shows a preview, applies once, and the window switches to the new period."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.data.engine import Database
from desktop.domain.records import PeriodRecord, UnitRecord
from desktop.gui.controllers.main_window import MainWindow, window_title
from desktop.gui.controllers.period_menu import RolloverDialog
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.session import Launcher
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import TaskManager
from desktop.services.records import classes
from desktop.services.year import periods
from tests.gui.conftest import wait_idle


def test_start_new_year_previews_applies_and_switches(qtbot: QtBot, db: Database, db_path: Path, school: UnitRecord,
                                                      period: PeriodRecord, staffed: dict[str, int],
                                                      taskman: TaskManager) -> None:
    launcher = Launcher(taskman, AppSettings())
    launcher.start(OpenedDatabase(db_path, db, school, period))
    first = launcher.window
    assert first is not None
    qtbot.addWidget(first)
    wait_idle(qtbot, taskman)
    first.period_menu.open_rollover()
    dialog = first.period_menu.dialog
    assert isinstance(dialog, RolloverDialog)
    wait_idle(qtbot, taskman)
    text = dialog.preview.toPlainText()
    assert "三年级(1)班（三年级）→ 四年级(1)班（四年级）" in text and "新建  一年级(1)班" in text
    assert periods.find_period(db, 2026) is None  # previewing wrote nothing
    assert dialog.start.isEnabled()
    dialog.start.click()
    wait_idle(qtbot, taskman)
    assert "已开始 2026学年" in dialog.outcome.text()
    assert not dialog.start.isEnabled()  # one click, one rollover
    dialog.cancel.click()  # 转到新学年
    wait_idle(qtbot, taskman)
    second = launcher.window
    assert isinstance(second, MainWindow) and second is not first
    qtbot.addWidget(second)
    assert second.ctx.period.school_year == 2026
    assert "2026学年" in window_title(second.ctx)
    assert second.ctx.db is db  # same database, still open
    assert len(classes.list_classes(db, school.id, second.ctx.period.id)) == 3  # 2 promoted + 1 empty 一年级
    # The menu lists both periods with the current one checked; a second 开始新学年 from 2025 says it is done.
    second.period_menu.load()
    wait_idle(qtbot, taskman)
    checked = [a.text() for a in second.period_menu.group.actions() if a.isChecked()]
    assert checked == ["2026学年"]
    assert [a.text() for a in second.period_menu.group.actions()] == ["2026学年", "2025学年"]
    older = next(a for a in second.period_menu.group.actions() if a.text() == "2025学年")
    older.trigger()
    wait_idle(qtbot, taskman)
    third = launcher.window
    assert third is not None and third.ctx.period.school_year == 2025
    qtbot.addWidget(third)
    third.period_menu.open_rollover()
    wait_idle(qtbot, taskman)
    again = third.period_menu.dialog
    assert again is not None and not again.start.isEnabled()
    assert "结转过" in again.outcome.text()
    again.close()
