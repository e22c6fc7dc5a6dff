"""The main window: builds the pages from the registry, navigation, menus, undo, title."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from typing_extensions import override

from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.controllers.early_window import APP_TITLE, title_text
from desktop.gui.controllers.period_menu import PeriodMenu
from desktop.gui.controllers.proxy_menu import add_proxy_menu
from desktop.gui.controllers.trust_menus import add_trust_menus
from desktop.gui.i18n import install_language, tr
from desktop.gui.pages import page_specs
from desktop.gui.views.main_window_view import MainWindowView

if TYPE_CHECKING:
    from desktop.gui.controllers.person_page import PersonPage

def window_title(ctx: AppContext) -> str:
    where = ctx.location if ctx.server_url else ctx.path.name  # server mode: the server and database
    unit = ctx.unit.name if ctx.unit.is_home else tr("代报：") + ctx.unit.name  # an office entering a school's data
    return title_text(unit, ctx.period.label, where)


class MainWindow(MainWindowView):
    switch_database = Signal()
    switch_period = Signal(object)  # PeriodRecord: rebuild the window on the same database for that period
    switch_language = Signal(str)  # page key: rebuild the window in the newly installed language, on that page
    switch_user = Signal()  # 切换用户: log in as someone else on the same database
    log_out = Signal()  # 退出登录: hide the window until someone logs in
    closed = Signal()  # the clerk closed the window (the database file is free for another window)
    switch_unit = Signal(object)  # UnitRecord: 代报 — rebuild the window on a school of this office's database

    def __init__(self, ctx: AppContext, *, check: Any = None) -> None:
        """``check``: the start-up check still under way (the window opens locked until it passes)."""
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(window_title(ctx))
        self.where.setText(ctx.location)
        self._loaded: set[str] = set()
        specs = page_specs()
        self.pages = _Pages(self, {spec.key: spec.factory for spec in specs})
        for spec in specs:  # an empty stand-in each; the page itself is built when first shown
            self.stack.addWidget(QWidget())
            self.nav.addItem(spec.title)
        self._person: PersonPage | None = None
        self.keys = [spec.key for spec in specs]
        self._connect_signals()
        self._menus()
        add_trust_menus(self)
        add_proxy_menu(self)
        if check is not None:
            self.lock_for_check(check)
        self.nav.setCurrentRow(0)

    def _build_page(self, key: str, factory: Callable[[AppContext], QWidget]) -> QWidget:
        page = factory(self.ctx)
        index = self.keys.index(key)
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if stand_in is not None:
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        if hasattr(page, "open_other"):
            page.open_other.connect(self.switch_database)
        return page

    @property
    def person(self) -> PersonPage:
        """The person page, built the first time someone is opened."""
        if self._person is None:
            from desktop.gui.controllers.person_page import PersonPage

            self._person = PersonPage(self.ctx)
            self.stack.addWidget(self._person)
            self._person.back_requested.connect(lambda: self.show_page("staff"))
        return self._person

    def _connect_signals(self) -> None:
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.ctx.events.open_staff.connect(self.open_person)
        self.ctx.events.navigate.connect(self.navigate)
        self.ctx.events.language_changed.connect(self._language_changed)
        self.ctx.taskman.busy_changed.connect(self.busy.setVisible)

    def _menus(self) -> None:
        # Each menu is kept on the window: found again later through menuBar().actions()[i].menu(),
        # a menu has a fresh Python wrapper that PySide6 6.8 on Windows treats as deleted.
        self.file_menu = file_menu = self.menuBar().addMenu(tr("文件(&F)"))
        switch = QAction(tr("打开或新建数据库…"), self)
        switch.triggered.connect(self.switch_database)
        file_menu.addAction(switch)
        quit_action = QAction(tr("退出"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.edit_menu = edit_menu = self.menuBar().addMenu(tr("编辑(&E)"))
        self.undo_action = self.ctx.undo.createUndoAction(self, tr("撤销"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.redo_action = self.ctx.undo.createRedoAction(self, tr("重做"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self.go_menu = go_menu = self.menuBar().addMenu(tr("转到(&G)"))
        for i, key in enumerate(self.keys):
            action = QAction(self.nav.item(i).text(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _c=False, key=key: self.show_page(key))
            go_menu.addAction(action)
        self.period_menu = PeriodMenu(self)
        self.help_menu = help_menu = self.menuBar().addMenu(tr("帮助(&H)"))
        about = QAction(tr("关于"), self)
        about.triggered.connect(lambda: QMessageBox.about(self, APP_TITLE, tr(
            "EduReturns（教育数据填报）：学校和教育局离线填报教师资格、培训学时和学位数据。")))
        help_menu.addAction(about)

    # ---- navigation

    def _nav_changed(self, row: int) -> None:
        if self.check_banner is not None:
            return  # no page is built or read before the start-up check passed
        if 0 <= row < len(self.keys):
            key = self.keys[row]
            page = self.pages[key]
            self.stack.setCurrentWidget(page)
            if key not in self._loaded and hasattr(page, "load"):
                self._loaded.add(key)
                page.load()

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.keys.index(key))
        return self.pages[key]

    def open_person(self, staff_id: int) -> None:
        self.person.show_staff(staff_id)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(self.keys.index("staff"))
        self.nav.blockSignals(False)
        self.stack.setCurrentWidget(self.person)

    def navigate(self, key: str, spec: Any) -> None:
        page: Any = self.show_page(key)
        if spec is None:
            if hasattr(page, "clear_drilldown"):
                page.clear_drilldown()
            return
        if "ids" in spec:
            page.show_drilldown(spec["text"], spec["ids"])
        elif "status" in spec:
            page.show_status(spec["status"])
        else:
            for field, value in spec.items():
                combo = page.filter_combos.get(field)
                if combo is not None:
                    combo.setCurrentIndex(max(0, combo.findData(value)))

    def current_key(self) -> str:
        row = self.nav.currentRow()
        return self.keys[row] if 0 <= row < len(self.keys) else self.keys[0]

    def _language_changed(self, language: str) -> None:
        """Install the catalogue and ask for a rebuild: every widget's text is set when it is
        built, so building the window again (as a period switch does) retranslates all of it."""
        app = QCoreApplication.instance()
        if app is None or not install_language(app, language):
            self.statusBar().showMessage(tr("找不到该语言的翻译文件，已保存选择，重新启动程序后再试。"))
            return
        emit(self.switch_language, self.current_key())

    def open_package(self, path: Path) -> None:
        """A package given on the command line (double-clicked .erp): show it on the 上报 page."""
        page: Any = self.show_page("submit")
        if hasattr(page, "preview_package"):
            page.preview_package(path)
        else:
            self.statusBar().showMessage(tr("要导入的数据包：{0}。请在“上报”页导入。").format(path))

    def load_start_page(self) -> None:
        self._nav_changed(self.nav.currentRow())

    # ---- the start-up check after an unclean close (controllers/startup_check.py)

    check_banner: Any = None  # CheckBanner while the check runs or after it failed
    check_passed = True  # False until a pending check passed: closing then marks no clean close
    check_waiting: QLabel | None = None  # the page area's line while the check runs

    def lock_for_check(self, check: Any) -> None:
        """Shown before the check ends: pages, navigation and menus locked under a banner."""
        from desktop.gui.controllers.startup_check import CheckBanner

        size = self.ctx.path.stat().st_size / 1e6 if self.ctx.path.exists() else 0.0
        self.check_passed = False
        self.check_banner = CheckBanner(check, size)
        self.column.insertWidget(0, self.check_banner)
        self.check_waiting = QLabel(tr("数据库完整性检查通过后，这里会显示各页面。"))
        self.check_waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.check_waiting.setObjectName("hint")
        self.stack.addWidget(self.check_waiting)
        self.stack.setCurrentWidget(self.check_waiting)
        for part in (self.nav, self.stack, self.menuBar()):
            part.setEnabled(False)

    def unlock_after_check(self, seconds: float) -> None:
        banner, self.check_banner = self.check_banner, None
        if banner is not None:
            banner.timer.stop()
            banner.hide()
            banner.deleteLater()
        self.check_passed = True
        waiting = self.check_waiting
        if waiting is not None:
            self.stack.removeWidget(waiting)
            waiting.deleteLater()
            self.check_waiting = None
        for part in (self.nav, self.stack, self.menuBar()):
            part.setEnabled(True)
        self.statusBar().showMessage(tr("数据库完整性检查通过（用时 {s} 秒），可以正常录入了。")
                                     .replace("{s}", f"{seconds:.1f}"), 15000)
        self.load_start_page()

    def show_check_failed(self, result: Any) -> None:
        if self.check_banner is not None:
            self.check_banner.show_failed(result)

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        self.ctx.settings.set_geometry(self.saveGeometry())
        super().closeEvent(event)
        if event.isAccepted():
            emit(self.closed)


class _Pages(dict[str, QWidget]):
    """The window's pages by key; a page is built on first access (``window.pages["staff"]``)."""

    def __init__(self, window: MainWindow, factories: dict[str, Callable[[AppContext], QWidget]]) -> None:
        super().__init__()
        self._window, self._factories = window, factories

    def __missing__(self, key: str) -> QWidget:
        page = self._window._build_page(key, self._factories[key])
        self[key] = page
        return page
