"""The first paint (issue 24, cold start, fourth pass): 概览's kept figures before SQLAlchemy loads.

Each start of a program on a demo school is played as ``app.main`` plays it: the light read
(``read_early``, standard library only), the first-paint window when it returns figures, the
open on the worker, then the launcher's window in its place. Real files, real widgets.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.cli import main
from desktop.data.closemark import clean_mark, file_state
from desktop.gui.controllers.early_window import EarlyWindow
from desktop.gui.controllers.overview_page import OverviewPage
from desktop.gui.operations.early import read_early
from desktop.gui.operations.setup import open_database
from desktop.gui.session import Launcher
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import TaskManager
from desktop.services.indicators import startpage
from desktop.services.indicators.overview import overview
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture
def school_file(tmp_path: Path) -> Path:
    path = tmp_path / "school.db"
    assert main(["demo", "--scale", "school", "--db", str(path)]) == 0
    return path


@pytest.fixture
def launchers(qtbot: QtBot, taskman: TaskManager) -> Iterator[list[Launcher]]:
    made: list[Launcher] = []
    yield made
    qtbot.waitUntil(lambda: taskman.pending == 0, timeout=60000)
    for launcher in made:
        for widget in (launcher.window, launcher.early, launcher.login):
            if widget is not None:
                widget.close()
        if launcher.claim is not None:
            launcher.claim.release()
        launcher.close_database()


def _start(qtbot: QtBot, taskman: TaskManager, launchers: list[Launcher], path: Path,
           before_open: Any = None) -> tuple[Launcher, dict[str, Any] | None]:
    """One start as ``app.main`` does it; ``before_open`` is called with the first paint (clicks).
    Returns the launcher and what the first paint showed (None: there was none)."""
    launcher = Launcher(taskman, AppSettings())
    launchers.append(launcher)
    kept = read_early(path)
    early = EarlyWindow(kept, AppSettings()) if kept is not None else None
    if early is not None:
        qtbot.addWidget(early)
        early.resize(1366, 768)
        early.show()
        launcher.early = early
        painted = {"cards": _cards(early.overview), "title": early.windowTitle(), "shown": early.figures_shown,
                   "busy": early.busy.isVisible(), "status": early.statusBar().currentMessage()}
        if before_open is not None:
            before_open(early)
    taskman.run(lambda: open_database(path=path, defer_check=True), on_done=launcher.start,
                on_error=launcher.open_failed)
    wait_idle(qtbot, taskman)
    qtbot.waitUntil(lambda: launcher.window is not None, timeout=60000)
    if launcher.check is not None:  # the demo's first start: not closed by the program yet
        qtbot.waitUntil(lambda: launcher.window is not None and launcher.window.check_passed, timeout=60000)
    window = launcher.window
    assert window is not None
    qtbot.waitUntil(lambda: getattr(window.pages["overview"], "data", None) is not None, timeout=60000)
    wait_idle(qtbot, taskman)
    return launcher, painted if early is not None else None


def _quit(launcher: Launcher) -> None:
    """A normal exit: the window closed, the file closed cleanly."""
    assert launcher.window is not None
    launcher.window.close()
    launcher.close_database()
    if launcher.claim is not None:
        launcher.claim.release()
        launcher.claim = None
    launcher.window = None


def _cards(page: Any) -> dict[str, str]:
    return {key: card.number.text() for key, card in page.cards.items()}


def test_a_start_on_unchanged_data_paints_the_kept_figures_first_and_they_equal_a_fresh_computation(
        qtbot: QtBot, taskman: TaskManager, launchers: list[Launcher], school_file: Path) -> None:
    assert read_early(school_file) is None  # never shown by this program yet: the usual start
    first, early = _start(qtbot, taskman, launchers, school_file)
    assert early is None
    page = first.window.pages["overview"] if first.window else None
    assert isinstance(page, OverviewPage) and page.data is not None
    shown = _cards(page.view)
    _quit(first)

    kept = read_early(school_file)
    assert kept is not None
    opened = open_database(path=school_file)  # a fresh computation on the same file
    try:
        assert kept.overview == overview(opened.db, period_id=opened.period.id, as_of=opened.period.census_date)
        assert (kept.unit_name, kept.period_id) == (opened.unit.name, opened.period.id)
    finally:
        opened.db.dispose()
    from desktop.gui.operations.trust import mark_clean_close

    mark_clean_close(school_file)  # that check-up open was a clean one too

    computed = startpage.COMPUTATIONS["overview"]
    second, early = _start(qtbot, taskman, launchers, school_file)
    assert early is not None and early["cards"] == shown and early["shown"]  # the first paint: the same figures
    assert early["busy"] and "正在打开数据库" in early["status"] and str(school_file) not in early["status"]
    assert second.window is not None and second.window.isVisible()
    assert early["title"] == second.window.windowTitle()
    assert second.early is None  # replaced by the real window
    page = second.window.pages["overview"]
    assert isinstance(page, OverviewPage) and _cards(page.view) == shown
    assert startpage.COMPUTATIONS["overview"] == computed  # unchanged data: nothing computed again
    _quit(second)


def _kept_once(qtbot: QtBot, taskman: TaskManager, launchers: list[Launcher], path: Path) -> None:
    launcher, _early = _start(qtbot, taskman, launchers, path)
    _quit(launcher)
    assert read_early(path) is not None


def _refresh_mark(path: Path) -> None:
    """As if the program itself had closed the file after the change (only the stamp can tell then)."""
    clean_mark(path).write_text(json.dumps(file_state(path)), encoding="utf-8")


def test_after_a_change_the_kept_figures_are_not_painted_and_are_computed_again(
        qtbot: QtBot, taskman: TaskManager, launchers: list[Launcher], school_file: Path) -> None:
    _kept_once(qtbot, taskman, launchers, school_file)
    opened = open_database(path=school_file)
    try:
        from desktop.services.core.users import SYSTEM, set_setting

        set_setting(opened.db, SYSTEM, "first-paint-test", "1")  # a record changed by the program
    finally:
        opened.db.dispose()
    _refresh_mark(school_file)
    assert read_early(school_file) is None  # the stamp moved

    computed = startpage.COMPUTATIONS["overview"]
    launcher, early = _start(qtbot, taskman, launchers, school_file)
    assert early is None and startpage.COMPUTATIONS["overview"] == computed + 1  # recomputed
    _quit(launcher)
    assert read_early(school_file) is not None  # and kept for the next start

    with sqlite3.connect(school_file) as conn:  # a SQL tool deletes a class: a count changes
        conn.execute("DELETE FROM classes WHERE id = (SELECT max(id) FROM classes)")
    assert read_early(school_file) is None  # the file changed since the clean close
    _refresh_mark(school_file)
    assert read_early(school_file) is None  # and the stamp says so too


def test_an_unclean_close_still_shows_the_start_up_check_first(
        qtbot: QtBot, taskman: TaskManager, launchers: list[Launcher], school_file: Path) -> None:
    _kept_once(qtbot, taskman, launchers, school_file)
    opened = open_database(path=school_file)
    opened.db.dispose()  # the process "dies" here: no clean-close mark
    assert read_early(school_file) is None
    # Even a first paint that slipped through (the file crashed in between) gives way to the check.
    launcher = Launcher(taskman, AppSettings())
    launchers.append(launcher)
    pending = open_database(path=school_file, defer_check=True)
    assert pending.check_pending
    launcher.start(pending)
    assert launcher.early is None and launcher.window is not None
    assert launcher.window.check_banner is not None and not launcher.window._loaded
    qtbot.waitUntil(lambda: launcher.check is not None and launcher.check.result is not None, timeout=60000)
    wait_idle(qtbot, taskman)


def test_a_database_needing_an_upgrade_shows_no_kept_figures(
        qtbot: QtBot, taskman: TaskManager, launchers: list[Launcher], school_file: Path) -> None:
    _kept_once(qtbot, taskman, launchers, school_file)
    with sqlite3.connect(school_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '20261206_0700'")  # one revision behind
    _refresh_mark(school_file)
    assert read_early(school_file) is None


def test_a_click_on_another_page_before_the_open_ends_on_that_page_working(
        qtbot: QtBot, taskman: TaskManager, launchers: list[Launcher], school_file: Path) -> None:
    _kept_once(qtbot, taskman, launchers, school_file)
    seen: dict[str, Any] = {}

    def click_staff(early: EarlyWindow) -> None:
        early.nav.setCurrentRow(early.keys.index("staff"))  # before the database is open
        seen["waiting"] = early.stack.currentWidget() is early.waiting and "正在打开数据库" in early.waiting.text()
        seen["busy"] = early.busy.isVisible()

    launcher, early = _start(qtbot, taskman, launchers, school_file, before_open=click_staff)
    assert early is not None and seen == {"waiting": True, "busy": True}  # it waits, visibly
    window = launcher.window
    assert window is not None and window.current_key() == "staff"
    staff_page: Any = window.pages["staff"]
    wait_idle(qtbot, taskman)
    assert window.stack.currentWidget() is staff_page
    assert staff_page.model.rowCount() > 0  # the school's people, read from the database


def test_a_card_clicked_before_the_open_ends_on_its_list(
        qtbot: QtBot, taskman: TaskManager, launchers: list[Launcher], school_file: Path) -> None:
    _kept_once(qtbot, taskman, launchers, school_file)
    seen: dict[str, Any] = {}

    def click_overdue(early: EarlyWindow) -> None:
        early.overview.cards["overdue"].click()
        seen["waiting"] = early.stack.currentWidget() is early.waiting

    launcher, early = _start(qtbot, taskman, launchers, school_file, before_open=click_overdue)
    assert early is not None and seen == {"waiting": True}
    window = launcher.window
    assert window is not None and window.current_key() == "credentials"
    wait_idle(qtbot, taskman)
    page: Any = window.pages["credentials"]
    assert page.model.rowCount() == int(early["cards"]["overdue"]) > 0  # the list behind the card


def test_a_start_file_of_another_program_version_is_not_used(
        qtbot: QtBot, taskman: TaskManager, launchers: list[Launcher], school_file: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _kept_once(qtbot, taskman, launchers, school_file)
    from desktop.services.indicators import early

    monkeypatch.setattr(early, "__version__", "99.0")  # the program was upgraded since
    assert read_early(school_file) is None
