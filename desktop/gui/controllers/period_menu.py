"""The 统计期 menu of the main window: switch the current period, 开始新学年 with a preview.

The current period lives in ``AppContext.period``; switching asks the launcher
(via ``MainWindow.switch_period``) to rebuild the window on the same database,
so every page shows the chosen period and nothing keeps a stale one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from desktop.domain.records import PeriodRecord
from desktop.gui.context import AppContext
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import periods as ops
from desktop.gui.operations.shapes import RolloverPlan, RolloverResult, ServiceError
from desktop.gui.views.rollover_view import RolloverView

if TYPE_CHECKING:
    from desktop.gui.controllers.main_window import MainWindow


class RolloverDialog(RolloverView):
    """Shows the preview; 开始新学年 applies it once and offers to switch to the new period."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan: RolloverPlan | None = None
        self.rolled: RolloverResult | None = None
        self.start.clicked.connect(self.apply)
        self.cancel.clicked.connect(self.reject)

    def load(self) -> None:
        db, unit_id, period_id = self.ctx.db, self.ctx.unit.id, self.ctx.period.id
        self.ctx.taskman.run(lambda: ops.preview_rollover(db=db, unit_id=unit_id, period_id=period_id),
                             on_done=self.show_plan, on_error=self.show_error)

    def show_plan(self, data: tuple[RolloverPlan, list[str]]) -> None:
        self.plan, lines = data
        self.preview.setPlainText("\n".join(lines))
        self.start.setEnabled(not self.plan.nothing_to_do)
        self.outcome.setText(self.plan.message)

    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            self.preview.setPlainText(exc.message)
        else:
            show_unexpected(exc, self)

    def apply(self) -> None:
        self.start.setEnabled(False)
        db, unit_id, period_id = self.ctx.db, self.ctx.unit.id, self.ctx.period.id
        self.ctx.taskman.run(lambda: ops.apply_rollover(db=db, unit_id=unit_id, period_id=period_id),
                             on_done=self.applied, on_error=self.show_error)

    def applied(self, result: RolloverResult) -> None:
        self.rolled = result
        self.outcome.setText(result.message)
        self.cancel.setText(tr("转到新学年"))


class PeriodMenu:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.ctx = window.ctx
        self.menu: QMenu = window.menuBar().addMenu(tr("统计期(&P)"))
        self.group = QActionGroup(self.menu)
        self.periods: list[PeriodRecord] = []
        self.rollover = QAction(tr("开始新学年…"), window)
        self.rollover.triggered.connect(self.open_rollover)
        self.dialog: RolloverDialog | None = None
        self.menu.aboutToShow.connect(self.load)
        self.fill([self.ctx.period])

    def load(self) -> None:
        db = self.ctx.db
        self.ctx.taskman.run(lambda: ops.load_periods(db=db), on_done=self.fill,
                             on_error=lambda e: show_unexpected(e, self.window))

    def fill(self, periods: list[PeriodRecord]) -> None:
        self.periods = periods
        for action in self.group.actions():
            self.group.removeAction(action)
        self.menu.clear()  # deletes the period actions (children of the menu), not 开始新学年
        for p in periods:
            text = p.label + (tr("（已关闭）") if p.closed else "")
            action = QAction(text, self.menu)
            action.setCheckable(True)
            action.setChecked(p.id == self.ctx.period.id)
            action.triggered.connect(lambda _c=False, p=p: self.switch(p))
            self.group.addAction(action)
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.rollover)

    def switch(self, period: PeriodRecord) -> None:
        if period.id != self.ctx.period.id:
            self.window.switch_period.emit(period)

    def open_rollover(self) -> None:
        self.dialog = RolloverDialog(self.ctx, self.window)
        self.dialog.finished.connect(self._rollover_closed)
        self.dialog.show()
        self.dialog.load()

    def _rollover_closed(self) -> None:
        if self.dialog is not None and self.dialog.rolled is not None:
            self.window.switch_period.emit(self.dialog.rolled.period)
