"""Issue items 5 and 6 in full: every overview count opens the list behind it, both
charts are drawn (a bar of the education chart opens that stage's teachers), and the
person page shows the category totals, the gap to the target, the registration due
date and the employment history."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import QBarSeries, QStackedBarSeries
from pytestqt.qtbot import QtBot

from desktop.domain.records import ClassData, MovementData
from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.overview_page import DRILLDOWN, OverviewPage
from desktop.services.records import classes, staff
from tests.gui.conftest import wait_idle


def overview(qtbot: QtBot, window: MainWindow) -> OverviewPage:
    page = window.show_page("overview")
    assert isinstance(page, OverviewPage)
    wait_idle(qtbot, window.ctx.taskman)
    return page


def test_every_count_opens_the_list_behind_it(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> None:
    classes.create_class(ctx.db, ctx.unit.id, ctx.period.id, ClassData(grade="P4", name="四年级(1)班", enrolled=58))
    classes.create_class(ctx.db, ctx.unit.id, ctx.period.id, ClassData(grade="P5", name="五年级(1)班", enrolled=70))
    page = overview(qtbot, window)
    assert set(page.view.cards) == set(DRILLDOWN)
    for key, (target, _spec) in DRILLDOWN.items():
        page = overview(qtbot, window)
        number = page.view.cards[key].number.text()
        page.view.cards[key].click()
        wait_idle(qtbot, ctx.taskman)
        listed = window.pages[target]
        assert window.stack.currentWidget() is listed, key
        rows = listed.model.rowCount()  # type: ignore[attr-defined]
        if key == "seats":  # free seats: the classes page with its seat table
            assert listed.capacity_model.rowCount() >= 1  # type: ignore[attr-defined]
        else:
            assert rows == int(number), key
        if hasattr(listed, "clear_drilldown"):
            listed.clear_drilldown()
        for combo in getattr(listed, "filter_combos", {}).values():
            combo.setCurrentIndex(0)


def test_two_charts_are_drawn_and_a_stage_bar_opens_its_teachers(qtbot: QtBot, window: MainWindow,
                                                                ctx: AppContext) -> None:
    page = overview(qtbot, window)
    hours = page.view.hours_chart.chart()
    education = page.view.education_chart.chart()
    assert hours.title() and education.title()
    assert isinstance(hours.series()[0], QBarSeries) and hours.series()[0].barSets()[0].count() > 0
    series = education.series()[0]
    assert isinstance(series, QStackedBarSeries) and series.count() > 0
    series.clicked.emit(0, series.barSets()[0])  # the first stage: 小学
    wait_idle(qtbot, ctx.taskman)
    listed = window.pages["staff"]
    assert window.stack.currentWidget() is listed
    names = {listed.model.row(i).name for i in range(listed.model.rowCount())}  # type: ignore[attr-defined]
    assert names == {"张三", "李四", "王芳"}  # the primary teachers, not 欧阳娜娜 (no stage)


def test_person_page_shows_totals_gap_registration_and_history(qtbot: QtBot, window: MainWindow,
                                                               ctx: AppContext, staffed: dict[str, int]) -> None:
    staff.add_movement(ctx.db, staffed["张三"], MovementData(kind="support", start_date=date(2024, 9, 1),
                                                           end_date=date(2025, 7, 1), to_unit_name="某某村小学"))
    ctx.events.open_staff.emit(staffed["李四"])
    wait_idle(qtbot, ctx.taskman)
    view = window.person.view
    assert "专业科目 16" in view.by_category.text() and "公需科目 0" in view.by_category.text()
    assert "还差" in view.gap.text()  # 16 hours of the cycle's target
    assert view.progress.value() == 16
    assert "无注册记录" in view.registration.text()
    ctx.events.open_staff.emit(staffed["张三"])
    wait_idle(qtbot, ctx.taskman)
    assert "2024-06-01" in view.registration.text()  # registered 2019 → due 2024
    assert window.person.credential_model.rowCount() == 1
    assert window.person.movement_model.rowCount() == 1
    assert "某某村小学" in str(window.person.movement_model.data(window.person.movement_model.index(0, 4)))
