"""Starting the GUI on a database: the wizard when there is none, the login dialog when the
database has users (and login is not switched off), then the main window.

Also the two ways back: 切换用户/退出登录 (login again on the same database) and
restoring a backup (reopen on the restored file; also offered at start-up when
the quick check moved a damaged file aside, see ``startup_restore``)."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.gui.context import AppContext, DataEvents
from desktop.gui.controllers.login import LoginDialog
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.startup_check import StartupCheck
from desktop.gui.controllers.wizard import FirstRunWizard
from desktop.gui.i18n import tr
from desktop.gui.operations import trust
from desktop.gui.operations.setup import (
    CheckResult,
    DamagedDatabase,
    OpenedDatabase,
    keep_start_view,
    open_database,
    restore_and_open,
    set_damaged_aside,
)
from desktop.gui.operations.shapes import Actor, Database
from desktop.gui.screen import keep_on_screen
from desktop.gui.settings import AppSettings
from desktop.gui.signin import set_actor, sign_out
from desktop.gui.single_instance import Claim, claim, server_name
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
        self.login: LoginDialog | None = None
        self.damaged: Any = None  # the start-up restore offer (DamagedDialog), while shown
        self.pending_import: Path | None = None  # a package given on the command line (file association)
        self.check: StartupCheck | None = None  # the start-up check after an unclean close, while it matters
        self.early: Any = None  # the first paint (EarlyWindow) while the database opens behind it

    def drop_early(self) -> None:
        """The first paint is not replaced by a window of the same view (a check, a login, an error): close it."""
        early, self.early = self.early, None
        if early is not None:
            early.hide()
            early.deleteLater()

    def start(self, opened: OpenedDatabase | None) -> None:
        early = self.early
        if early is not None and (opened is None or opened.check_pending or opened.path != early.early.path
                                  or opened.unit.id != early.early.unit_id
                                  or opened.period.id != early.early.period_id):
            self.drop_early()  # anything but the view it showed: today's start, exactly
        if opened is None:
            self.show_wizard()
        else:
            self.show_main(opened)

    def open_failed(self, exc: BaseException) -> None:
        """Opening at start-up failed: a damaged file gets the restore offer, anything else the error."""
        from desktop.gui.controllers.damaged_dialog import DamagedDialog
        from desktop.gui.errors import show_unexpected

        self.drop_early()
        if not isinstance(exc, DamagedDatabase):
            show_unexpected(exc)
            self.show_wizard()
            return
        self.damaged = DamagedDialog(exc)
        self.damaged.buttonClicked.connect(lambda button: self._damaged_choice(exc, button))
        self.damaged.show()

    def _damaged_choice(self, exc: DamagedDatabase, button: object) -> None:
        backup = exc.report.newest_good_backup
        failed = self.window if self.window is not None and not self.window.check_passed else None
        if failed is not None and not (backup is not None and button is self.damaged.restore_button):
            self.window = None
            failed.close()  # the window of the file that failed its start-up check
        if backup is not None and button is self.damaged.restore_button:
            self.taskman.run(lambda: restore_and_open(path=exc.path, backup=backup), on_done=self.show_main,
                             on_error=self._reopen_failed)
        else:
            self.show_wizard()

    def show_wizard(self, parent: QWidget | None = None) -> None:
        self.wizard = FirstRunWizard(self.taskman, self.settings, parent)
        self.wizard.opened.connect(self.show_main)
        self.wizard.show()

    def switch_to(self, opened: OpenedDatabase) -> None:
        """Another database was opened from inside the window (设置): remember it and show it."""
        self.settings.remember_opened(opened.path, opened.server_url)
        self.show_main(opened)

    def show_main(self, opened: OpenedDatabase, *, switching: bool = False) -> None:
        """The main window, after the login dialog when this database asks for one."""
        if not self._hold_file(opened):
            self.drop_early()
            return
        if opened.check_pending and (self.check is None or self.check.db is not opened.db):
            self._prepare_check(opened)  # started below, once something is on screen
        actor = None if switching else trust.start_actor(opened.db)
        if actor is not None:
            self._open_window(opened, actor)
        else:
            self.drop_early()
            self.login = LoginDialog(opened.db, opened.unit.name, self.taskman, self.window if switching else None)
            self.login.signed_in.connect(lambda a: self._open_window(opened, a))
            self.login.rejected.connect(lambda: self._login_cancelled(opened, switching))
            self.login.show()
        if self.check is not None and self.check.db is opened.db and not self.check.started:
            self.check.start()  # the window (locked) or the login dialog is on screen already

    # ---- the start-up check after an unclean close (controllers/startup_check.py)

    def _prepare_check(self, opened: OpenedDatabase) -> None:
        self.check = StartupCheck(opened.db)
        self.check.finished.connect(lambda result: self._check_finished(opened, result))

    def checking(self, db: Database) -> bool:
        """True from the opening of a file that needs the check until its result arrives."""
        return self.check is not None and self.check.db is db and self.check.result is None

    def _check_finished(self, opened: OpenedDatabase, result: CheckResult) -> None:
        window = self.window if self.window is not None and self.window.ctx.db is opened.db else None
        if result.ok:
            if window is not None:
                window.unlock_after_check(result.seconds)
                if result.backup_problem:
                    window.statusBar().showMessage(result.backup_problem)
                self._open_pending_import(window)
            return
        if window is not None:
            window.show_check_failed(result)
        if not result.damaged:
            return  # the check could not run: the window stays locked and says why; nothing is moved
        if self.login is not None:
            self.login.hide()
        opened.db.dispose()  # every connection closed before the file is renamed aside
        key = opened.db.key
        self.taskman.run(lambda: set_damaged_aside(opened.path, result.problems, key),
                         on_done=self.open_failed, on_error=self._reopen_failed)

    def _open_pending_import(self, window: MainWindow) -> None:
        if self.pending_import is not None:
            window.open_package(self.pending_import)
            self.pending_import = None

    # ---- one window per database file

    claim: Claim | None = None
    refused: QMessageBox | None = None  # "already open in another window", while shown

    def _hold_file(self, opened: OpenedDatabase) -> bool:
        """Hold the file for this window, or bring its other window to the front and say so."""
        if opened.server_url is not None:
            return True  # a server database is shared by design; its rows carry their own locks
        if self.claim is not None and self.claim.name == server_name(opened.path):
            return True  # the same file again (a restore, a change of user)
        held = claim(opened.path)
        if held is None:
            opened.db.dispose()
            self._say_already_open(opened.path)
            return False
        if self.claim is not None:
            self.claim.release()
        self.claim = held
        held.activate.connect(self.bring_to_front)
        return True

    def _say_already_open(self, path: Path) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, tr("数据库已经打开"),
                          tr("“{name}”已经在另一个窗口中打开，已把那个窗口切换到前面。\n"
                             "同一个数据库文件只能在一个窗口中打开，以免两边的修改互相覆盖。")
                          .replace("{name}", path.name), QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.window is None and self.wizard is None:  # nothing else of ours is on screen: end here
            box.finished.connect(lambda _r: QApplication.quit())
        self.refused = box
        box.show()

    def _window_closed(self, window: MainWindow) -> None:
        if window is self.window and self.claim is not None:  # closed, not replaced: free the file
            self.claim.release()
            self.claim = None

    def bring_to_front(self) -> None:
        """Another start asked for this database: show this window in front."""
        window = self.window
        if window is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def _login_cancelled(self, opened: OpenedDatabase, switching: bool) -> None:
        if switching and self.window is not None and self.window.isVisible():
            return  # 切换用户 cancelled: the current user stays signed in
        if self.window is not None:
            self.window.close()
            self.window = None
        opened.db.dispose()
        from PySide6.QtWidgets import QApplication

        QApplication.quit()

    def sign_out(self, opened: OpenedDatabase, *, switch: bool) -> None:
        """退出登录 closes the window and asks for a login; 切换用户 keeps it until someone signs in."""
        if not switch:
            sign_out(opened.db)
            if self.window is not None:
                self.window.hide()
        self.show_main(opened, switching=True)

    def reopen(self, opened: OpenedDatabase) -> None:
        """Open the (restored) file at ``opened.path`` again and show it (after a login if needed)."""
        old, self.window = self.window, None
        if old is not None:
            old.close()
        opened.db.dispose()
        self.taskman.run(lambda: open_database(path=opened.path), on_done=self.show_main,
                         on_error=self._reopen_failed)

    def _reopen_failed(self, exc: BaseException) -> None:
        from desktop.gui.errors import show_unexpected

        show_unexpected(exc)
        self.show_wizard()

    def _open_window(self, opened: OpenedDatabase, actor: Actor, page: str | None = None) -> None:
        """Build the main window (again, after a period or language switch; ``page`` is shown first)."""
        set_actor(opened.db, actor)
        old = self.window
        if old is not None:
            self.settings.set_geometry(old.saveGeometry())
        ctx = make_context(opened, self.taskman, self.settings)
        self.window = MainWindow(ctx, check=self.check if self.checking(opened.db) else None)
        self.window.switch_database.connect(lambda: self.show_wizard(self.window))
        self.window.switch_period.connect(lambda p: self._open_window(replace(opened, period=p), actor))
        self.window.switch_unit.connect(lambda u: self._open_window(replace(opened, unit=u), actor))
        self.window.switch_user.connect(lambda: self.sign_out(opened, switch=True))
        self.window.log_out.connect(lambda: self.sign_out(opened, switch=False))
        window = self.window
        window.closed.connect(lambda: self._window_closed(window))
        ctx.events.database_replaced.connect(lambda: self.reopen(opened))
        ctx.events.database_opened.connect(self.switch_to)
        self.window.switch_language.connect(lambda key: self._open_window(opened, actor, page=key))
        early, self.early = self.early, None
        geometry = early.saveGeometry() if early is not None else self.settings.geometry()
        if geometry is not None:
            self.window.restoreGeometry(geometry)
            keep_on_screen(self.window)
        request = early.requested if early is not None else None
        if request is not None and request[0] == "page":
            page = request[1]  # clicked in the first paint: opened now
        if page is not None and page in self.window.keys:
            self.window.nav.blockSignals(True)
            self.window.nav.setCurrentRow(self.window.keys.index(page))
            self.window.nav.blockSignals(False)
        overview: Any = self.window.pages["overview"] if early is not None else None
        if early is not None and self.window.check_passed and self.window.current_key() == "overview":
            overview.show_data(early.early.overview)  # the figures painted first, kept
        self.window.show()
        self.window.load_start_page()
        if early is not None:
            early.hide()
            early.deleteLater()
            if request is not None and request[0] == "drill":
                overview.drill(request[1])
            elif request is not None and request[0] == "stage":
                overview.drill_stage(request[1])
        if self.window.check_passed:
            self._open_pending_import(self.window)
        if old is not None:
            old.close()
            if old.ctx.db is not ctx.db and old.ctx.db is not opened.db:  # switching period keeps the database open
                _close_database(old.ctx.db, clean=old.check_passed)

    def close_database(self) -> None:
        """At a normal exit, after the worker has finished: close the file and mark it closed cleanly."""
        passed = False
        if self.check is not None:
            self.check.wait()
            # A check that passed while the program was quitting never reached the window (its
            # result is queued to an event loop that no longer runs): it still verified the file.
            outcome = self.check.outcome
            passed = outcome is not None and outcome.ok
        if self.window is not None:
            verified = passed and self.check is not None and self.check.db is self.window.ctx.db
            with suppress(RuntimeError):  # (a window already deleted: nothing to hide)
                self.window.hide()  # closed already when the clerk closed it; a scripted quit leaves it shown
            _close_database(self.window.ctx.db, clean=self.window.check_passed or verified, keep_start=True)


def close_opened(opened: OpenedDatabase) -> None:
    """At an exit before any window was built on ``opened`` (closed during the first paint)."""
    _close_database(opened.db, clean=not opened.check_pending, keep_start=True)


def _close_database(db: Database, *, clean: bool = True, keep_start: bool = False) -> None:
    """Close the file; mark it closed cleanly only when its start-up check (if any) passed.

    ``keep_start`` (a normal exit, nothing on screen any more): first make the start file match the
    data left behind, so the next start paints 概览 at once (``setup.keep_start_view``, time-limited,
    never raises). It runs before the mark: a crash in between leaves no mark, and the next start's
    light read, which needs the mark, starts the usual way; the file also carries the stamp its
    figures were computed at, which the light read compares with the data's."""
    if clean and keep_start:
        keep_start_view(db)
    db.dispose()
    if db.path is not None and clean:
        trust.mark_clean_close(db.path)
