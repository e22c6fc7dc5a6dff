"""The start file kept at a normal close (issue 24, cold start, fifth pass).

The clerk opens the program, changes the data in a way that does not load 概览 again (a package
import on 上报, a submission, a setting; the record pages' own edits reload it) and closes it:
the close makes the start file match the data it leaves behind, before the clean-close mark,
so the next start paints 概览's figures at once — figures equal to a fresh computation.
Starts and closes are played as ``app.main`` plays them (``test_first_paint``); real demo school
files, real widgets.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.data import closemark
from desktop.data.stampsql import sqlite_stamp
from desktop.domain.records import StaffData
from desktop.gui.operations import setup
from desktop.gui.operations.early import read_early
from desktop.gui.operations.setup import open_database
from desktop.gui.operations.staff import add_staff
from desktop.gui.operations.trust import mark_clean_close
from desktop.gui.session import Launcher, close_opened
from desktop.gui.taskman import TaskManager
from desktop.services.indicators import early as early_file
from desktop.services.indicators import startpage
from desktop.services.indicators.overview import Overview, overview
from tests.gui.conftest import resident_id, wait_idle
from tests.gui.test_first_paint import _cards, _quit, _start, launchers, school_file  # noqa: F401 (fixtures)

pytestmark = pytest.mark.gui


def _file_stamp(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sqlite_stamp(conn)
    finally:
        conn.close()


def _fresh(path: Path) -> Overview:
    """概览 computed now from the file, then the file closed cleanly again (a check-up open)."""
    opened = open_database(path=path)
    try:
        return overview(opened.db, period_id=opened.period.id, as_of=opened.period.census_date)
    finally:
        opened.db.dispose()
        mark_clean_close(path)


def _add_teacher(qtbot: QtBot, taskman: TaskManager, launcher: Launcher) -> None:
    """A teacher added through the program's own operation, on its worker, without the page's event:
    a change after which 概览 is not loaded again (its start file stays at the old stamp)."""
    window = launcher.window
    assert window is not None
    window.nav.setCurrentRow(window.keys.index("staff"))
    data = StaffData(name="赵新来", id_number=resident_id("441622", "19900101", "123"), category="11",
                     teaching_stage="primary", subject="01", education="21")
    db, unit_id = window.ctx.db, window.ctx.unit.id
    taskman.run(lambda: add_staff(db=db, unit_id=unit_id, data=data), on_done=lambda _r: None,
                on_error=lambda exc: pytest.fail(str(exc)))
    wait_idle(qtbot, taskman)


def test_a_change_made_in_the_program_is_kept_at_close_and_the_next_start_paints_it_first(
        qtbot: QtBot, taskman: TaskManager, launchers: list[Launcher], school_file: Path) -> None:  # noqa: F811
    first, _early = _start(qtbot, taskman, launchers, school_file)
    before = first.window.pages["overview"].data if first.window else None  # type: ignore[attr-defined]
    assert early_file.kept_stamp(school_file) == _file_stamp(school_file)  # 概览 shown: kept at this stamp
    _add_teacher(qtbot, taskman, first)
    assert early_file.kept_stamp(school_file) != _file_stamp(school_file)  # the data moved on
    _quit(first)

    assert closemark.matches(school_file)  # closed cleanly, as before
    kept = read_early(school_file)
    assert kept is not None and kept.stamp == _file_stamp(school_file)  # the start file matches the data
    fresh = _fresh(school_file)
    assert kept.overview == fresh and fresh != before  # the new teacher counted, exactly as a computation
    computed = startpage.COMPUTATIONS["overview"]
    second, painted = _start(qtbot, taskman, launchers, school_file)
    assert painted is not None and painted["shown"]  # the first paint, before SQLAlchemy
    window: Any = second.window
    assert window is not None and _cards(window.pages["overview"].view) == painted["cards"]
    assert startpage.COMPUTATIONS["overview"] == computed  # nothing computed at this start
    _quit(second)


def test_a_change_by_a_sql_tool_while_the_program_was_open_is_kept_correctly(
        qtbot: QtBot, taskman: TaskManager, launchers: list[Launcher], school_file: Path) -> None:  # noqa: F811
    first, _early = _start(qtbot, taskman, launchers, school_file)
    conn = sqlite3.connect(school_file, timeout=10)  # a SQL tool deletes a class meanwhile
    with conn:
        conn.execute("DELETE FROM classes WHERE id = (SELECT max(id) FROM classes)")
    conn.close()
    _quit(first)
    kept = read_early(school_file)
    assert kept is not None and kept.stamp == _file_stamp(school_file)
    assert kept.overview == _fresh(school_file)


def test_an_unchanged_file_keeps_its_start_file_as_it_was(
        qtbot: QtBot, taskman: TaskManager, launchers: list[Launcher], school_file: Path) -> None:  # noqa: F811
    first, _early = _start(qtbot, taskman, launchers, school_file)
    raw = early_file.start_file(school_file).read_bytes()
    computed = startpage.COMPUTATIONS["overview"]
    _quit(first)
    assert early_file.start_file(school_file).read_bytes() == raw  # not written again
    assert startpage.COMPUTATIONS["overview"] == computed


def test_a_database_with_a_login_gets_no_start_file_at_close(school_file: Path) -> None:  # noqa: F811
    from desktop.services.core.users import create_user, set_login_required

    opened = open_database(path=school_file)
    admin = create_user(opened.db, None, "admin", "王管理", "admin", "Longchuan-2025!")
    set_login_required(opened.db, admin, True)
    close_opened(opened)  # the program's close path of an opened database
    assert closemark.matches(school_file)
    assert not early_file.start_file(school_file).exists()
    assert read_early(school_file) is None


def _fail_at_close(qtbot: QtBot, taskman: TaskManager, made: list[Launcher], path: Path,
                   monkeypatch: pytest.MonkeyPatch, name: str, value: Any, target: Any) -> None:
    first, _early = _start(qtbot, taskman, made, path)
    _add_teacher(qtbot, taskman, first)
    with monkeypatch.context() as patch:
        patch.setattr(target, name, value)
        _quit(first)  # must complete
    assert closemark.matches(path)  # and still mark the file closed cleanly
    assert early_file.start_file(path).exists()  # the start file of the first start, at the old stamp
    assert read_early(path) is None  # never accepted for data it does not match
    _second, painted = _start(qtbot, taskman, made, path)
    assert painted is None  # the usual start, as before this pass


def test_a_failure_while_keeping_at_close_leaves_no_start_file_that_is_accepted(
        qtbot: QtBot, taskman: TaskManager, launchers: list[Launcher], school_file: Path,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_a: Any, **_k: Any) -> Overview:
        raise OSError("磁盘已满")

    _fail_at_close(qtbot, taskman, launchers, school_file, monkeypatch, "overview", broken, startpage)


def test_keeping_at_close_gives_up_after_its_time_limit(
        qtbot: QtBot, taskman: TaskManager, launchers: list[Launcher], school_file: Path,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    # No time at all: the first statement is interrupted (the county needs ~0.3 s of the 2 s allowed).
    _fail_at_close(qtbot, taskman, launchers, school_file, monkeypatch, "KEEP_START_SECONDS", 0.0, setup)
