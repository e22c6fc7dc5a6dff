"""概览's figures come first, the reminders after them (issue 24, cold start): the reminders' query
is queued only once the figures are on screen, so it cannot delay them.

Shown by ordering, not timing: every job the page hands the database worker is noted when it
is handed over, with what the 概览 cards show at that moment and how many start-page
computations have run (``startpage.COMPUTATIONS``). The worker runs jobs in the order given.
"""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.overview_page import OverviewPage
from desktop.services.indicators import startpage
from tests.gui.conftest import wait_idle


def test_the_figures_are_on_screen_before_the_reminders_job_is_queued(
        qtbot: QtBot, ctx: AppContext, staffed: dict[str, int], monkeypatch: Any) -> None:
    handed: list[tuple[str | None, dict[str, int]]] = []
    run = ctx.taskman.run
    windows: list[MainWindow] = []

    def noting(job: Any, **kw: Any) -> Any:
        """What the cards show when a job is handed over (None: the window is still being built)."""
        page = windows[0].pages["overview"] if windows else None
        assert page is None or isinstance(page, OverviewPage)
        handed.append((page.view.cards["staff"].number.text() if page else None, dict(startpage.COMPUTATIONS)))
        return run(job, **kw)

    monkeypatch.setattr(ctx.taskman, "run", noting)
    start = dict(startpage.COMPUTATIONS)
    win = MainWindow(ctx)  # builds 概览 and starts its load
    windows.append(win)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.load_start_page()
    wait_idle(qtbot, ctx.taskman)
    page = win.pages["overview"]
    assert isinstance(page, OverviewPage)
    assert page.data is not None and page.reminders.data is not None
    assert page.view.cards["staff"].number.text() == str(len(staffed))  # the unit's figures, from its database
    assert len(handed) == 2, handed
    (first_cards, first_counts), (second_cards, second_counts) = handed
    assert first_cards is None and first_counts == start  # the figures' job: first, as the window is built
    # The reminders' job was handed over only once the figures were on screen and before any
    # reminders were computed: on the one worker it ran after them.
    assert second_cards == str(len(staffed)) and second_cards != first_cards
    assert second_counts["overview"] == start["overview"] + 1 and second_counts["reminders"] == start["reminders"]
    assert startpage.COMPUTATIONS["reminders"] == start["reminders"] + 1
