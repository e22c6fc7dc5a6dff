"""代报 in the desktop client (issue 23 item 5): a county opens one of its schools, adds a person on the
教职工 page, and the entry is marked 代报 on the audit trail, the school's returns and the 上报 table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.data.engine import Database
from desktop.data.models import AuditEntry
from desktop.domain.records import StaffData, UnitData
from desktop.gui.controllers.staff_page import StaffPage
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.session import Launcher
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import TaskManager
from desktop.services.office.dashboard import dashboard
from desktop.services.records.units import create_home_unit, create_unit, list_units
from desktop.services.year.periods import ensure_period
from tests.conftest import MakeDatabase
from tests.gui.conftest import resident_id, wait_idle


@pytest.fixture
def county_launcher(qtbot: QtBot, qapp: QApplication, make_db: MakeDatabase, taskman: TaskManager,
                    tmp_path: Path) -> Iterator[tuple[Launcher, Database]]:
    db = make_db("county")
    county = create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county", parent_code="441600"))
    create_unit(db, UnitData(code="2144162201", name="龙川县山村小学", kind="school", parent_code="441622",
                             category="211", ownership="1", urban_rural="3"))
    period = ensure_period(db, 2025)
    launcher = Launcher(taskman, AppSettings(tmp_path / "settings.ini"))
    launcher.show_main(OpenedDatabase(Path(str(db.path)), db, county, period))
    wait_idle(qtbot, taskman)
    yield launcher, db
    if launcher.window is not None:
        launcher.window.close()


def test_a_county_enters_a_schools_staff_from_the_window(qtbot: QtBot, county_launcher: tuple[Launcher, Database],
                                                         taskman: TaskManager) -> None:
    launcher, db = county_launcher
    window = launcher.window
    assert window is not None and window.proxy_action.text() == "代报：为下属学校录入…"
    school = list_units(db, kind="school")[0]
    window.switch_unit.emit(school)
    wait_idle(qtbot, taskman)
    window = launcher.window
    assert window is not None and window.ctx.unit.code == "2144162201"
    assert window.windowTitle().startswith("代报：龙川县山村小学")
    page = window.show_page("staff")
    assert isinstance(page, StaffPage)
    wait_idle(qtbot, taskman)
    page.save_new(StaffData(name="代录老师", id_number=resident_id("441622", "19900101", "012"),
                            teaching_stage="primary"))
    wait_idle(qtbot, taskman)
    with db.session() as s:
        reasons = set(s.scalars(select(AuditEntry.reason).where(AuditEntry.table_name == "staff")))
    assert reasons == {"代报（龙川县教育局代为录入）"}
    row = next(r for r in dashboard(db, school_year=2025).rows if r.code == "2144162201")
    assert row.proxy_by == "龙川县教育局"
    window.end_proxy_action.trigger()
    wait_idle(qtbot, taskman)
    assert launcher.window is not None and launcher.window.ctx.unit.code == "441622"


def test_the_menu_asks_which_school_and_opens_it(qtbot: QtBot, county_launcher: tuple[Launcher, Database],
                                                 taskman: TaskManager, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    launcher, _db = county_launcher
    window = launcher.window
    assert window is not None
    offered: list[list[str]] = []
    answers = iter([("", False), ("2144162201 龙川县山村小学", True)])

    def pick(_parent: object, _title: str, _label: str, items: list[str], *_args: object) -> tuple[str, bool]:
        offered.append(list(items))
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    window.proxy_action.trigger()  # 取消: nothing changes
    wait_idle(qtbot, taskman)
    assert offered == [["2144162201 龙川县山村小学"]]  # the county's schools, never the county itself
    assert launcher.window is window and window.ctx.unit.code == "441622"
    window.proxy_action.trigger()  # the school chosen: the window is rebuilt on it
    wait_idle(qtbot, taskman)
    qtbot.waitUntil(lambda: launcher.window is not None and launcher.window.ctx.unit.code == "2144162201",
                    timeout=60000)
    assert launcher.window.windowTitle().startswith("代报：龙川县山村小学")  # type: ignore[union-attr]


def test_an_office_without_schools_is_told_how_to_get_them(qtbot: QtBot, make_db: MakeDatabase,
                                                           taskman: TaskManager, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    db = make_db("empty-county")
    county = create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county", parent_code="441600"))
    launcher = Launcher(taskman, AppSettings(tmp_path / "settings.ini"))
    launcher.show_main(OpenedDatabase(Path(str(db.path)), db, county, ensure_period(db, 2025)))
    wait_idle(qtbot, taskman)
    window = launcher.window
    assert window is not None
    asked: list[object] = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: asked.append(a) or ("", False))
    try:
        window.proxy_action.trigger()
        wait_idle(qtbot, taskman)
        assert asked == []  # no empty list to choose from
        assert "还没有下属学校" in window.statusBar().currentMessage()
    finally:
        window.close()
