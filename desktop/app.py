"""Composition root of the GUI: settings → look → task manager → database → window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.gui.operations.setup import OpenedDatabase

# The cold-start benchmark sets this to its clock (time.time()) when it spawns the app;
# the app then prints the seconds until the main window has painted, and quits.
COLD_START_ENV = "EDURETURNS_COLD_START_T0"


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Options for scripted starts (installer association, smoke test, screenshots)."""
    parser = argparse.ArgumentParser(prog="edureturns", add_help=True)
    parser.add_argument("--db", type=Path, help="open this database instead of the last one")
    parser.add_argument("--database-url", help="open this PostgreSQL server database (postgresql+psycopg://user@host/db; "
                                               "the password comes from the key store or is asked)")
    parser.add_argument("--import", dest="import_file", type=Path,
                        help="a package (.erp) to open in the 上报 page (the file association uses this)")
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the main window once it has painted")
    parser.add_argument("--quit-after", type=float, help="quit after this many seconds (smoke tests)")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def main() -> int:
    from PySide6.QtCore import QTimer

    from desktop.gui.compat import application
    from desktop.gui.errors import install_excepthook, show_unexpected
    from desktop.gui.i18n import install_language
    from desktop.gui.look import apply_look
    from desktop.gui.settings import AppSettings
    from desktop.gui.taskman import TaskManager

    args = parse_args(sys.argv[1:])
    app = application(sys.argv)
    settings = AppSettings()
    install_language(app, settings.language)
    apply_look(app)
    install_excepthook()
    _warn_if_data_folder_unwritable()
    taskman = TaskManager()
    taskman.on_unhandled = show_unexpected
    launchers: list[Any] = []  # the Launcher, built once its modules are imported
    arrived: list[Any] = []  # the opened database, also when the program quits before it is shown

    last = args.db or settings.last_database
    server_url = args.database_url or (None if args.db else settings.last_server)
    opening = not server_url and last is not None and last.exists()
    early = _first_paint(last, settings) if opening and last is not None and args.import_file is None else None

    def launcher() -> Any:
        if not launchers:
            from desktop.gui.session import Launcher

            launchers.append(Launcher(taskman, settings))
            launchers[0].early = early
            if args.import_file is not None:
                launchers[0].pending_import = args.import_file
        return launchers[0]

    def opened(result: OpenedDatabase) -> None:
        launcher().start(result)

    def failed(exc: BaseException) -> None:
        launcher().open_failed(exc)  # a damaged file: moved aside, the newest good backup offered

    def open_last() -> None:
        # On the worker: SQLAlchemy, the models and the services import there, then the file opens.
        def job() -> OpenedDatabase:
            from desktop.gui.operations.setup import open_database

            result = open_database(path=path, defer_check=True)
            arrived.append(result)
            return result

        taskman.run(job, on_done=opened, on_error=failed)
        taskman.run(warm, on_done=lambda _r: None, on_error=lambda _e: None)  # queued right behind the open

    def warm() -> None:
        # 概览's SQL runs here (sqlite releases the GIL) while the main thread builds the window; the
        # page's load, queued after it, finds the figures kept. A failure is the page's to report.
        if arrived:
            from desktop.gui.operations.setup import warm_start_page

            warm_start_page(arrived[0])

    if opening and last is not None:
        path: Path = last
        if early is not None:
            # The window is on screen with the kept figures: the open starts once it has painted,
            # so the worker's imports do not slow the first paint down (benchmarks/RESULTS.md, fourth pass).
            once = _Once(open_last)
            early.painted.connect(once)
            QTimer.singleShot(300, once)  # a window that never paints (minimised): open all the same
            early.show()
        else:
            open_last()  # delivered by the event loop, so only after the launcher below exists
    if early is None:
        launcher()
    if args.screenshot is not None or args.quit_after is not None:
        _schedule_scripted_exit(app, lambda: _shown(launchers, early), args.screenshot, args.quit_after)
    if os.environ.get(COLD_START_ENV):
        _report_when_usable(lambda: _shown(launchers, early), float(os.environ[COLD_START_ENV]))

    # The server database used last time is reopened like the last file (an explicit --db wins).
    if server_url:
        from desktop.gui.controllers.server_connect import reopen_server

        def server_opened(result: OpenedDatabase) -> None:
            settings.remember_opened(result.path, result.server_url)
            launcher().start(result)

        reopen_server(taskman, server_url, on_done=server_opened, on_error=failed)
    elif not opening:
        launcher().start(None)
    code = app.exec()
    taskman.shutdown()
    if launchers:
        launchers[0].close_database()  # lets the next start skip the full-file check (services/admin/backups.py)
    elif arrived:  # closed during the first paint: the file opened meanwhile is closed as cleanly
        from desktop.gui.session import close_opened

        close_opened(arrived[0])
    return code


class _Once:
    """Call ``fn`` the first time this is called (a signal and a timer race to start the open)."""

    def __init__(self, fn: Any) -> None:
        self.fn: Any = fn

    def __call__(self) -> None:
        fn, self.fn = self.fn, None
        if fn is not None:
            fn()


def _first_paint(path: Path, settings: Any) -> Any:
    """The window painted from the start file when certainly current (``gui/operations/early``), else None."""
    from desktop.gui.operations.early import read_early

    early = read_early(path)
    if early is None:
        return None
    from desktop.gui.controllers.early_window import EarlyWindow

    return EarlyWindow(early, settings)


def _shown(launchers: list[Any], early: Any) -> Any:
    """The window on screen: the launcher's (main window or wizard), else the first paint."""
    if launchers:
        launcher = launchers[0]
        window = getattr(launcher, "window", None) or getattr(launcher, "wizard", None)
        if window is not None or launcher.early is None:
            return window
        return launcher.early
    return early


def _schedule_scripted_exit(app: object, shown: Any, screenshot: Path | None, quit_after: float | None) -> None:
    """Grab the main window (when asked) and quit after ``quit_after`` seconds."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    delay_ms = int((quit_after if quit_after is not None else 3.0) * 1000)

    def finish() -> None:
        window = shown()
        if screenshot is not None and window is not None:
            window.grab().save(str(screenshot))
        QApplication.quit()

    QTimer.singleShot(delay_ms, finish)


def _report_when_usable(shown: Any, spawned_at: float) -> None:
    """Benchmarks only: once the main window is usable, paint it and print the elapsed seconds;
    then, once the reminders are on screen too, print those seconds and quit."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    timer = QTimer(QApplication.instance())  # parented, so it lives as long as the app
    timer.setInterval(5)
    usable: list[float] = []

    def poll() -> None:
        # Usable: the window is shown, not locked under the start-up check's banner, and the start
        # page (概览) shows the unit's figures: its cards and charts filled from the database.
        # The first paint (EarlyWindow) counts when its kept figures are on screen: they are the
        # database's current ones (same data stamp), and the window answers while the file opens.
        window = shown()
        if not usable and getattr(window, "figures_shown", False):
            window.grab()
            usable.append(time.time() - spawned_at)
            print(f"usable {usable[0]:.4f}", flush=True)
            return
        if (window is None or not hasattr(window, "check_passed") or not window.isVisible() or not window.check_passed
                or "overview" not in window._loaded):
            return
        page = window.pages["overview"]
        if not usable:
            if page.data is None:
                return
            window.grab()  # forces a full paint of the window as it is
            usable.append(time.time() - spawned_at)
            print(f"usable {usable[0]:.4f}", flush=True)
        # Complete: the 截止日期与提醒 panel filled too, and nothing else the start page asked for pending.
        if page.reminders.data is None or window.ctx.taskman.pending:
            return
        timer.stop()
        window.grab()
        print(f"complete {time.time() - spawned_at:.4f}", flush=True)
        QApplication.quit()

    timer.timeout.connect(poll)
    timer.start()


def _warn_if_data_folder_unwritable() -> None:
    """Tell the user at once (in Chinese) when the data folder cannot be written."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.appdirs import data_dir_path, writable_problem
    from desktop.gui.i18n import tr

    problem = writable_problem(data_dir_path())
    if problem is not None:
        QMessageBox.critical(None, tr("数据文件夹无法写入"), problem)
