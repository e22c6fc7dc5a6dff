"""概览 shows the deadline and the reminders, and each reminder opens its record."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.records import ClassData
from desktop.gui.context import AppContext
from desktop.gui.controllers.classes_page import ClassesPage
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.overview_page import OverviewPage
from desktop.gui.controllers.reminders_panel import RECORD_ROLE
from desktop.services.indicators.reminders import CLASS_LARGE, REGISTRATION_OVERDUE, TRAINING_BEHIND
from desktop.services.records import classes
from tests.gui.conftest import wait_idle


@pytest.fixture
def overview(qtbot: QtBot, ctx: AppContext, staffed: dict[str, int]) -> tuple[MainWindow, OverviewPage]:
    ctx.today = date(2025, 9, 15)  # five days before the 20 September due date
    classes.create_class(ctx.db, ctx.unit.id, ctx.period.id, ClassData(grade="P4", name="四年级(1)班", enrolled=58))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 900)
    win.show()
    win.load_start_page()
    wait_idle(qtbot, ctx.taskman)
    page = win.pages["overview"]
    assert isinstance(page, OverviewPage)
    return win, page


def _rows(page: OverviewPage) -> list[tuple[str, object]]:
    items = page.reminders.items
    return [(items.item(i).text(), items.item(i).data(RECORD_ROLE)) for i in range(items.count())]


def test_deadline_and_reminders_show_on_the_overview(overview: tuple[MainWindow, OverviewPage],
                                                     staffed: dict[str, int]) -> None:
    _, page = overview
    panel = page.reminders
    assert panel.isVisible()
    assert "2025学年" in panel.deadline.text() and "还有 5 天" in panel.deadline.text()
    assert panel.data is not None
    counts = panel.data.counts
    assert counts[REGISTRATION_OVERDUE] == 1  # 张三 registered 2019-06-01, due 2024-06-01
    assert counts[TRAINING_BEHIND] == 3  # three 专任教师, at most 16 学时 each
    assert counts[CLASS_LARGE] == 1
    texts = [t for t, _ in _rows(page)]
    assert any("定期注册已逾期" in t and "张三" in t for t in texts)
    assert any("四年级(1)班有 58 人" in t for t in texts)
    assert "2021–2025周期" in panel.summary.text()
    assert "结束日期" in panel.rule.text()  # the boundary rule is stated in the UI


def test_a_reminder_opens_its_record(qtbot: QtBot, overview: tuple[MainWindow, OverviewPage],
                                     ctx: AppContext, staffed: dict[str, int]) -> None:
    win, page = overview
    items = page.reminders.items
    person = next(i for i in range(items.count()) if (items.item(i).data(RECORD_ROLE) or ("",))[0] == "staff")
    items.itemActivated.emit(items.item(person))
    wait_idle(qtbot, ctx.taskman)
    assert win.stack.currentWidget() is win.person
    win.show_page("overview")
    big = next(i for i in range(items.count()) if (items.item(i).data(RECORD_ROLE) or ("",))[0] == "class")
    items.itemActivated.emit(items.item(big))
    wait_idle(qtbot, ctx.taskman)
    classes_page = win.stack.currentWidget()
    assert isinstance(classes_page, ClassesPage)
    assert classes_page.model.rowCount() == 1


def test_a_late_unit_sees_how_many_days_it_is_late(qtbot: QtBot, overview: tuple[MainWindow, OverviewPage],
                                                  ctx: AppContext) -> None:
    _, page = overview
    ctx.today = date(2025, 9, 25)
    page.reminders.load()
    wait_idle(qtbot, ctx.taskman)
    assert "已超过报送截止日期（2025年9月20日）5 天" in page.reminders.deadline.text()
    assert "#b42318" in page.reminders.deadline.styleSheet()
