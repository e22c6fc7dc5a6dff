"""Starting the GUI on a database: the wizard when there is none, then the main window."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from desktop.gui.context import AppContext, DataEvents
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.wizard import FirstRunWizard
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import TaskManager


def make_context(opened: OpenedDatabase, taskman: TaskManager, settings: AppSettings) -> AppContext:
    return AppContext(db=opened.db, path=opened.path, unit=opened.unit, period=opened.period, taskman=taskman,
                      settings=settings, undo=QUndoStack(), events=DataEvents(),
                      server_url=opened.server_url)


class Launcher:
    """Owns the current window; switching database closes it and opens the wizard."""

    def __init__(self, taskman: TaskManager, settings: AppSettings) -> None:
        self.taskman, self.settings = taskman, settings
        self.window: MainWindow | None = None
        self.wizard: FirstRunWizard | None = None
        self.pending_import: Path | None = None  # a package given on the command line (file association)

    def start(self, opened: OpenedDatabase | None) -> None:
        if opened is None:
            self.show_wizard()
        else:
            self.show_main(opened)

    def show_wizard(self, parent: QWidget | None = None) -> None:
        self.wizard = FirstRunWizard(self.taskman, self.settings, parent)
        self.wizard.opened.connect(self.show_main)
        self.wizard.show()

    def switch_to(self, opened: OpenedDatabase) -> None:
        """Another database was opened from inside the window (设置): remember it and show it."""
        self.settings.remember_opened(opened.path, opened.server_url)
        self.show_main(opened)

    def show_main(self, opened: OpenedDatabase) -> None:
        old = self.window
        ctx = make_context(opened, self.taskman, self.settings)
        self.window = MainWindow(ctx)
        self.window.switch_database.connect(lambda: self.show_wizard(self.window))
        self.window.switch_period.connect(lambda p: self.show_main(replace(opened, period=p)))
        ctx.events.database_opened.connect(self.switch_to)
        geometry = self.settings.geometry()
        if geometry is not None:
            self.window.restoreGeometry(geometry)
        self.window.show()
        self.window.load_start_page()
        if self.pending_import is not None:
            self.window.open_package(self.pending_import)
            self.pending_import = None
        if old is not None:
            old.close()
            if old.ctx.db is not ctx.db:  # switching period keeps the database open
                old.ctx.db.dispose()
