"""Composition root of the GUI: settings → look → task manager → database → window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

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
    from PySide6.QtWidgets import QApplication

    from desktop.gui.errors import install_excepthook, show_unexpected
    from desktop.gui.i18n import install_language
    from desktop.gui.look import apply_look
    from desktop.gui.operations.setup import OpenedDatabase, open_database
    from desktop.gui.settings import AppSettings
    from desktop.gui.taskman import TaskManager

    args = parse_args(sys.argv[1:])
    app = QApplication(sys.argv)
    settings = AppSettings()
    install_language(app, settings.language)
    apply_look(app)
    install_excepthook()
    _warn_if_data_folder_unwritable()
    taskman = TaskManager()
    taskman.on_unhandled = show_unexpected
    launchers: list[Any] = []  # the Launcher, built while the worker opens the database

    def opened(result: OpenedDatabase) -> None:
        launchers[0].start(result)

    def failed(exc: BaseException) -> None:
        launchers[0].open_failed(exc)  # a damaged file: moved aside, the newest good backup offered

    # The last file is opened on the worker at once; its result is delivered by the event loop,
    # so only after the window's modules below are imported and the launcher exists.
    last = args.db or settings.last_database
    server_url = args.database_url or (None if args.db else settings.last_server)
    opening = not server_url and last is not None and last.exists()
    if opening and last is not None:
        path: Path = last
        taskman.run(lambda: open_database(path=path, defer_check=True), on_done=opened, on_error=failed)

    from desktop.gui.session import Launcher

    launcher = Launcher(taskman, settings)
    launchers.append(launcher)
    if args.import_file is not None:
        launcher.pending_import = args.import_file
    if args.screenshot is not None or args.quit_after is not None:
        _schedule_scripted_exit(app, launcher, args.screenshot, args.quit_after)
    if os.environ.get(COLD_START_ENV):
        _report_when_usable(launcher, float(os.environ[COLD_START_ENV]))

    # The server database used last time is reopened like the last file (an explicit --db wins).
    if server_url:
        from desktop.gui.controllers.server_connect import reopen_server

        def server_opened(result: OpenedDatabase) -> None:
            settings.remember_opened(result.path, result.server_url)
            launcher.start(result)

        reopen_server(taskman, server_url, on_done=server_opened, on_error=failed)
    elif not opening:
        launcher.start(None)
    code = app.exec()
    taskman.shutdown()
    launcher.close_database()  # lets the next start skip the full-file check (services/admin/backups.py)
    return code


def _schedule_scripted_exit(app: object, launcher: object, screenshot: Path | None, quit_after: float | None) -> None:
    """Grab the main window (when asked) and quit after ``quit_after`` seconds."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    delay_ms = int((quit_after if quit_after is not None else 3.0) * 1000)

    def finish() -> None:
        window = getattr(launcher, "window", None) or getattr(launcher, "wizard", None)
        if screenshot is not None and window is not None:
            window.grab().save(str(screenshot))
        QApplication.quit()

    QTimer.singleShot(delay_ms, finish)


def _report_when_usable(launcher: object, spawned_at: float) -> None:
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
        window = getattr(launcher, "window", None)
        if window is None or not window.isVisible() or not window.check_passed or "overview" not in window._loaded:
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
