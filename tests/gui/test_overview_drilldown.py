"""Issue items 5 and 6 in full: every overview count opens the list behind it, both
charts are drawn (a bar of the education chart opens that stage's teachers), and the
person page shows the category totals, the gap to the target, the registration due
date and the employment history."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCharts import QBarSeries, QStackedBarSeries
from pytestqt.qtbot import QtBot

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.domain.records import ClassData, CredentialData, MovementData, RegistrationData
from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.overview_page import DRILLDOWN, OverviewPage
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.session import make_context
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import TaskManager
from desktop.services.demo import build_demo
from desktop.services.records import classes, credentials, staff
from desktop.services.records.units import home_unit
from desktop.services.year.periods import latest_period
from tests.gui.conftest import wait_idle


def overview(qtbot: QtBot, window: MainWindow) -> OverviewPage:
    page = window.show_page("overview")
    assert isinstance(page, OverviewPage)
    wait_idle(qtbot, window.ctx.taskman)
    return page


def assert_each_card_lists_its_number(qtbot: QtBot, window: MainWindow) -> dict[str, int]:
    """Click every card; the list it opens has as many rows as the card says. Returns the numbers."""
    ctx = window.ctx
    page = overview(qtbot, window)
    numbers: dict[str, int] = {}
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
            numbers[key] = rows
        if hasattr(listed, "clear_drilldown"):
            listed.clear_drilldown()
        for combo in getattr(listed, "filter_combos", {}).values():
            combo.setCurrentIndex(0)
    return numbers


def test_every_count_opens_the_list_behind_it(qtbot: QtBot, window: MainWindow, ctx: AppContext,
                                              staffed: dict[str, int]) -> None:
    classes.create_class(ctx.db, ctx.unit.id, ctx.period.id, ClassData(grade="P4", name="四年级(1)班", enrolled=58))
    classes.create_class(ctx.db, ctx.unit.id, ctx.period.id, ClassData(grade="P5", name="五年级(1)班", enrolled=70))
    # The edges where card and list used to part: due six months and a day on (183 days counted
    # in the list, six calendar months on the card), and a certificate with no registration yet.
    census = ctx.period.census_date
    edge = credentials.create_credential(ctx.db, staffed["李四"], CredentialData(
        kind="teacher", cert_type="2", number="20124400122000009", issue_date=date(2012, 7, 1)))
    credentials.add_registration(ctx.db, edge.id, RegistrationData(
        reg_date=date(2021, 3, 1), result="1", next_due=census + timedelta(days=182)))
    credentials.create_credential(ctx.db, staffed["王芳"], CredentialData(
        kind="teacher", cert_type="2", number="20104400122000010", issue_date=date(2010, 7, 1)))
    numbers = assert_each_card_lists_its_number(qtbot, window)
    assert numbers["due_soon"] == 0 and numbers["overdue"] == 1  # 张三's, from 2019: overdue in 2025


def test_each_card_of_the_county_demo_lists_its_number(qtbot: QtBot, taskman: TaskManager, tmp_path: Path) -> None:
    """On the county demo a card said 335 and the list it opened 338."""
    path = tmp_path / "county.db"
    db = Database.for_path(path)
    upgrade(db, backup_dir=tmp_path / "backups")
    build_demo(db, "county", county_size={"schools": 40, "staff": 1200, "training": 20_000, "classes": 300},
               today=date(2026, 12, 6))
    unit, period = home_unit(db), latest_period(db)
    assert unit is not None and period is not None
    ctx = make_context(OpenedDatabase(path, db, unit, period), taskman, AppSettings())
    ctx.today = date(2026, 12, 6)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.load_start_page()
    wait_idle(qtbot, taskman)
    numbers = assert_each_card_lists_its_number(qtbot, window)
    assert numbers["due_soon"] > 0 and numbers["overdue"] > 0 and numbers["staff"] == 1200
    window.close()
    db.dispose()


def test_cards_say_they_count_at_the_census_date_and_reminders_at_today(qtbot: QtBot, window: MainWindow,
                                                                        ctx: AppContext) -> None:
    page = overview(qtbot, window)
    census = ctx.period.census_date.isoformat()
    assert f"按统计时点 {census}" in page.view.cards_heading.text()
    assert all(f"按统计时点 {census}" in card.toolTip() for card in page.view.cards.values())
    assert f"按今天 {ctx.today.isoformat()}" in page.reminders.heading.text()


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
