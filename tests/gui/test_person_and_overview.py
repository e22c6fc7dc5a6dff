"""The person page totals follow new training; the overview flags a class of 58."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from desktop.domain.records import ClassData
from desktop.gui.context import AppContext
from desktop.gui.controllers.classes_page import ClassesPage
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.overview_page import OverviewPage
from desktop.gui.delegates import to_qdate
from desktop.gui.models.records import ClassTableModel
from desktop.services.records import classes
from tests.gui.conftest import wait_idle


def test_adding_a_training_record_updates_the_person_page_totals(qtbot: QtBot, window: MainWindow,
                                                                 ctx: AppContext, staffed: dict[str, int]) -> None:
    ctx.events.open_staff.emit(staffed["李四"])
    wait_idle(qtbot, ctx.taskman)
    person = window.person
    assert window.stack.currentWidget() is person
    assert person.view.total.text().startswith("16 ")
    form = person.form
    form.title.setText("信息技术应用能力提升工程2.0")
    day = date(ctx.as_of.year, 1, 10)
    form.start_date.setDate(to_qdate(day))
    form.end_date.setDate(to_qdate(day))
    form.hours.setValue(6.5)
    form.mode.setCurrentIndex(form.mode.findData("02"))  # 网络研修
    form.topics["it"].setChecked(True)
    form.save.click()
    wait_idle(qtbot, ctx.taskman)
    assert person.view.total.text().startswith("22.5 ")
    assert "6.5" in person.view.it_hours.text()
    assert "网络研修 6.5" in person.view.modes.text()
    assert person.training_model.rowCount() == 2


def test_a_class_of_58_is_flagged_on_the_overview(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> None:
    classes.create_class(ctx.db, ctx.unit.id, ctx.period.id, ClassData(grade="P4", name="四年级(1)班", enrolled=58))
    ctx.events.classes_changed.emit()
    overview = window.show_page("overview")
    assert isinstance(overview, OverviewPage)
    wait_idle(qtbot, ctx.taskman)
    assert overview.view.cards["large"].number.text() == "1"
    assert overview.view.cards["huge"].number.text() == "0"
    assert overview.view.cards["large"].property("alert") == "true"
    # A click opens the classes behind the number, each marked 大班额.
    overview.view.cards["large"].click()
    wait_idle(qtbot, ctx.taskman)
    page = window.stack.currentWidget()
    assert isinstance(page, ClassesPage)
    assert page.model.rowCount() == 1
    flag = page.model.index(0, ClassTableModel.COL_FLAG)
    assert page.model.data(flag) == "大班额"
    assert page.view.banner.isVisible()


def test_overview_counts_open_the_filtered_lists(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> None:
    overview = window.show_page("overview")
    wait_idle(qtbot, ctx.taskman)
    assert overview.view.cards["staff"].number.text() == "4"
    assert overview.view.cards["overdue"].number.text() == "1"  # registered 2019 → due 2024
    overview.view.cards["overdue"].click()
    wait_idle(qtbot, ctx.taskman)
    page = window.pages["credentials"]
    assert window.stack.currentWidget() is page
    assert page.model.rowCount() == 1
    overview = window.show_page("overview")
    overview.view.cards["behind"].click()
    wait_idle(qtbot, ctx.taskman)
    staff = window.pages["staff"]
    assert staff.model.rowCount() == 3  # the three teachers with few hours this cycle
