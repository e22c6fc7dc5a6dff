"""The first paint: the window as the last start left it, while the database opens behind it.

``app.main`` builds this window from the start file (``operations.early``: 概览's figures kept
at the last start, certainly the database's current ones) right after Qt is up, before
SQLAlchemy, the models and the real database are loaded on the worker. It looks like the
main window on its 概览 page (same view classes, same cards and charts, ``overview_figures``)
and says in the status bar that the database is still opening, with the busy bar running.

It is usable as a window: it answers, and a click on another page, a card or a bar is kept
(``requested``) with a visible "正在打开数据库" line in the page area; when the database is
open the launcher builds the real window in its place, with the figures handed over, on the
page asked for (``session.Launcher._open_window``). Nothing here reads the database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel
from typing_extensions import override

from desktop.gui.compat import emit
from desktop.gui.controllers.overview_figures import fill_figures, label_cards
from desktop.gui.i18n import tr
from desktop.gui.operations.early import EarlyStart
from desktop.gui.pages import page_specs
from desktop.gui.screen import keep_on_screen
from desktop.gui.settings import AppSettings
from desktop.gui.views.main_window_view import MainWindowView
from desktop.gui.views.overview_view import OverviewView
from desktop.gui.views.reminders_view import RemindersView

APP_TITLE = "EduReturns（教育数据填报）"


def title_text(unit: str, period_label: str, where: str) -> str:
    """The title bar (``main_window.window_title``): unit · period · file — program."""
    return f"{unit} · {period_label} · {where} — {APP_TITLE}"


class EarlyWindow(MainWindowView):
    painted = Signal()  # once, at the first paint: the launcher then starts the database's open

    def __init__(self, early: EarlyStart, settings: AppSettings) -> None:
        super().__init__()
        self.early = early
        self.requested: tuple[str, Any] | None = None  # ("page", key) or ("drill", card key) or ("stage", code)
        self._painted = False
        self.setWindowTitle(title_text(early.unit_name, early.period_label, early.path.name))
        specs = page_specs()
        self.keys = [spec.key for spec in specs]
        for spec in specs:
            self.nav.addItem(spec.title)
        for title in (tr("文件(&F)"), tr("编辑(&E)"), tr("转到(&G)"), tr("统计期(&P)"), tr("工具(&T)"), tr("帮助(&H)")):
            self.menuBar().addMenu(title).setEnabled(False)  # the real menus come with the database
        self.overview = OverviewView()
        reminders = RemindersView()
        reminders.heading.setText(tr("截止日期与提醒（按今天 {today}）").replace("{today}", date.today().isoformat()))
        reminders.deadline.setText(tr("数据库打开后，这里显示截止日期和提醒。"))
        self.overview.reminders_slot.addWidget(reminders)
        label_cards(self.overview, early.census_date)
        fill_figures(self.overview, early.overview, early.unit_name, early.period_label, self.font(),
                     on_stage=lambda stage: self._request("stage", stage))
        for key, card in self.overview.cards.items():
            card.clicked.connect(lambda _c=False, key=key: self._request("drill", key))
        self.waiting = QLabel()
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting.setObjectName("hint")
        self.stack.addWidget(self.overview)
        self.stack.addWidget(self.waiting)
        self.nav.setCurrentRow(0)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.busy.show()
        self.statusBar().showMessage(tr("正在打开数据库“{name}”…数据自上次关闭以来没有变化，这里先显示上次的统计数字。")
                                     .replace("{name}", early.path.name))
        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
            keep_on_screen(self)

    @property
    def figures_shown(self) -> bool:
        return self.isVisible() and self.stack.currentWidget() is self.overview

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(self.keys):
            key = self.keys[row]
            self.requested = None if key == "overview" else ("page", key)
            self.stack.setCurrentWidget(self.overview if key == "overview" else self.waiting)
            self.waiting.setText(tr("正在打开数据库，打开后显示“{page}”页，请稍候…")
                                 .replace("{page}", self.nav.item(row).text()))

    def _request(self, kind: str, value: Any) -> None:
        """A card or a bar clicked: done on the real window's 概览 as soon as it is there."""
        self.requested = (kind, value)
        self.waiting.setText(tr("正在打开数据库，打开后显示所点的名单，请稍候…"))
        self.stack.setCurrentWidget(self.waiting)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, lambda: emit(self.painted))
