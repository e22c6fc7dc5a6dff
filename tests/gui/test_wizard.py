"""The first-run wizard creates a database with its unit and period, and remembers it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.data.engine import Database
from desktop.gui.controllers.wizard import FirstRunWizard
from desktop.gui.operations.periods import load_reminders
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import TaskManager
from desktop.services.records import staff
from desktop.services.records.units import home_unit
from desktop.services.year.periods import list_periods


def test_wizard_creates_a_database(qtbot: QtBot, taskman: TaskManager, tmp_path: Path) -> None:
    """Given the wizard, when a school is entered and 完成 pressed, the file holds that school."""
    settings = AppSettings()
    wizard = FirstRunWizard(taskman, settings)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next.click()
    assert wizard.stack.currentIndex() == wizard.NEW
    target = tmp_path / "school.db"
    wizard.new_path.setText(str(target))
    qtbot.keyClicks(wizard.code, "214401234")  # one digit short
    assert "10" in wizard.code_error.text()  # the live check says what is wrong
    qtbot.keyClicks(wizard.code, "5")
    assert "正确" in wizard.code_error.text()
    wizard.name.setText("龙川县第一小学")  # QTest cannot type Chinese; an IME would
    wizard.parent_code.setText("441622")
    wizard.school_year.setValue(2025)
    with qtbot.waitSignal(wizard.opened, timeout=20000) as opened:
        wizard.next.click()
    assert target.exists()
    assert opened.args[0].unit.name == "龙川县第一小学"
    db = Database.for_path(target)
    unit = home_unit(db)
    assert unit is not None and unit.code == "2144012345"
    assert [p.school_year for p in list_periods(db)] == [2025]
    db.dispose()
    opened.args[0].db.dispose()
    assert AppSettings().last_database == target


def test_wizard_refuses_an_existing_file_and_keeps_the_typing(qtbot: QtBot, taskman: TaskManager,
                                                              tmp_path: Path) -> None:
    """A name clash is explained; the typed unit stays in the form."""
    existing = tmp_path / "taken.db"
    existing.write_bytes(b"")
    wizard = FirstRunWizard(taskman, AppSettings())
    qtbot.addWidget(wizard)
    wizard.next.click()
    wizard.new_path.setText(str(existing))
    wizard.code.setText("2144012345")
    wizard.name.setText("龙川县第一小学")
    wizard.next.click()
    qtbot.waitUntil(lambda: "已经存在" in wizard.message.text(), timeout=10000)
    assert wizard.name.text() == "龙川县第一小学"
    assert existing.read_bytes() == b""


def test_wizard_opens_the_demo_school(qtbot: QtBot, taskman: TaskManager) -> None:
    """打开示例数据 builds the demo school on the worker and opens it."""
    wizard = FirstRunWizard(taskman, AppSettings())
    qtbot.addWidget(wizard)
    wizard.demo_school.setChecked(True)
    with qtbot.waitSignal(wizard.opened, timeout=60000) as opened:
        wizard.next.click()
    result = opened.args[0]
    assert result.unit.kind == "school"
    assert result.path.name == "demo-school.db"
    result.db.dispose()


@pytest.mark.parametrize("today", [date(2026, 12, 6), date(2027, 8, 20), date(2026, 9, 1)])
def test_the_demo_is_of_the_year_the_wizard_proposes_and_not_overdue(qtbot: QtBot, taskman: TaskManager,
                                                                     today: date) -> None:
    """On main the demo was of 2025学年 whatever the date, while the wizard proposed today's
    学年: the demo opened "已超过截止日期 442 天"."""
    wizard = FirstRunWizard(taskman, AppSettings(), today=today)
    qtbot.addWidget(wizard)
    proposed = wizard.school_year.value()
    assert proposed == (today.year if today.month >= 9 else today.year - 1)  # 1 September starts a 学年
    wizard.demo_school.setChecked(True)
    with qtbot.waitSignal(wizard.opened, timeout=60000) as opened:
        wizard.next.click()
    result = opened.args[0]
    try:
        assert result.period.school_year == proposed
        assert result.period.census_date == date(proposed, 9, 1)
        due = load_reminders(db=result.db, unit_id=result.unit.id, period_id=result.period.id, today=today).deadline
        assert due.days_left is not None and due.days_left >= 30, due.text
        assert "已超过" not in due.text
        # The demo's people are of that year too: everyone joined before its census date.
        joined = [p.join_date for p in staff.list_staff(result.db)]
        assert joined and max(joined) < result.period.census_date
        assert max(joined) >= date(proposed - 1, 9, 1)  # moved with the year, not left in 2025
    finally:
        result.db.dispose()
