"""One window per database file: a second start brings the first window to the front and says why.

On main a second start opened a second window on the same file without a word.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.data.engine import Database
from desktop.domain.records import PeriodRecord, UnitRecord
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.session import Launcher
from desktop.gui.settings import AppSettings
from desktop.gui.single_instance import claim, server_name
from desktop.gui.taskman import TaskManager
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui


def test_the_second_claim_on_a_file_is_refused_and_knocks(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "学校.db"
    path.touch()
    first = claim(path)
    assert first is not None
    try:
        with qtbot.waitSignal(first.activate, timeout=3000):
            assert claim(tmp_path / "." / "学校.db") is None  # the same file, however it is written
        other = claim(tmp_path / "另一个.db")
        assert other is not None and other.name != first.name
        other.release()
    finally:
        first.release()
    assert server_name(path) == first.name


@pytest.fixture
def launchers(qtbot: QtBot, taskman: TaskManager) -> Iterator[tuple[Launcher, Launcher]]:
    a, b = Launcher(taskman, AppSettings()), Launcher(taskman, AppSettings())
    yield a, b
    for launcher in (a, b):
        if launcher.window is not None:
            launcher.window.close()
        if launcher.claim is not None:
            launcher.claim.release()


def test_a_second_start_on_the_same_file_raises_the_first_window(
        qtbot: QtBot, launchers: tuple[Launcher, Launcher], db: Database, db_path: object, school: UnitRecord,
        period: PeriodRecord, taskman: TaskManager) -> None:
    first, second = launchers
    path = Path(str(db_path))
    first.show_main(OpenedDatabase(path, db, school, period))
    wait_idle(qtbot, taskman)
    assert first.window is not None and first.window.isVisible()
    again = Database.for_path(path)
    with qtbot.waitSignal(first.claim.activate, timeout=3000):  # type: ignore[union-attr]
        second.show_main(OpenedDatabase(path, again, school, period))
    assert second.window is None
    assert second.refused is not None and second.refused.isVisible()
    assert "已经在另一个窗口中打开" in second.refused.text()
    second.refused.deleteLater()  # closing it would end this (otherwise windowless) start
