"""Composition root of the GUI: settings → look → task manager → database → window."""

from __future__ import annotations

import sys


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from desktop.gui.errors import install_excepthook, show_unexpected
    from desktop.gui.i18n import install_language
    from desktop.gui.look import apply_look
    from desktop.gui.operations.setup import OpenedDatabase, open_database
    from desktop.gui.session import Launcher
    from desktop.gui.settings import AppSettings
    from desktop.gui.taskman import TaskManager

    app = QApplication(sys.argv)
    settings = AppSettings()
    install_language(app, settings.language)
    apply_look(app)
    install_excepthook()
    taskman = TaskManager()
    taskman.on_unhandled = show_unexpected
    launcher = Launcher(taskman, settings)

    last = settings.last_database
    if last is not None and last.exists():
        def opened(result: OpenedDatabase) -> None:
            launcher.start(result)

        def failed(exc: BaseException) -> None:
            show_unexpected(exc)
            launcher.start(None)

        taskman.run(lambda: open_database(path=last), on_done=opened, on_error=failed)
    else:
        launcher.start(None)
    code = app.exec()
    taskman.shutdown()
    return code
