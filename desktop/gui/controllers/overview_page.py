"""The 概览 page: counts that matter, each opening the filtered list, and two charts."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.domain.codes import StaffCategory
from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.controllers.overview_figures import fill_figures, label_cards
from desktop.gui.controllers.reminders_panel import RemindersPanel
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import records as ops
from desktop.gui.operations.shapes import Overview
from desktop.gui.views.overview_view import OverviewView

# What a click on a card opens: page key and the filter handed to that page.
DRILLDOWN = {
    "staff": ("staff", None), "teachers": ("staff", {"category": StaffCategory.TEACHER.value}),
    "overdue": ("credentials", {"status": "注册已逾期"}), "due_soon": ("credentials", {"status": "半年内到期"}),
    "behind": ("staff", "behind"), "large": ("classes", "large"), "huge": ("classes", "huge"),
    "seats": ("classes", None),
}


class OverviewPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = OverviewView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.data: Overview | None = None
        self.reminders = RemindersPanel(ctx)
        self.view.reminders_slot.addWidget(self.reminders)
        label_cards(self.view, ctx.as_of)
        for key, card in self.view.cards.items():
            card.clicked.connect(lambda _c=False, key=key: self.drill(key))
        for signal in (ctx.events.staff_changed, ctx.events.training_changed, ctx.events.classes_changed,
                       ctx.events.credentials_changed):
            signal.connect(self.load)

    def load(self) -> None:
        """The figures first, the reminders after them: the reminders' query (0.4 s on a county) is
        queued only once the figures are on screen, so it never delays them (benchmarks/RESULTS.md,
        "cold start, third pass")."""
        db, period_id, today = self.ctx.db, self.ctx.period.id, self.ctx.as_of
        home = self.ctx.unit.id if self.ctx.unit.is_home else None  # kept as the next start's first view too
        self.ctx.taskman.run(lambda: ops.load_overview(db=db, period_id=period_id, as_of=today, home_unit_id=home),
                             on_done=self._figures_arrived, on_error=self._figures_failed)

    def _figures_arrived(self, data: Overview) -> None:
        self.show_data(data)
        self.reminders.load()

    def _figures_failed(self, exc: BaseException) -> None:
        self.reminders.load()  # the reminders do not depend on the figures: they still come
        show_unexpected(exc, self)

    def show_data(self, data: Overview) -> None:
        self.data = data
        self.education_series = fill_figures(self.view, data, self.ctx.unit.name, self.ctx.period.label, self.font(),
                                             on_stage=self.drill_stage)

    def drill_stage(self, stage: str) -> None:
        emit(self.ctx.events.navigate, "staff", {"category": StaffCategory.TEACHER.value, "teaching_stage": stage})

    def drill(self, key: str) -> None:
        if self.data is None:
            return
        page, target = DRILLDOWN[key]
        spec: object = target
        if spec == "behind":
            spec = {"ids": set(self.data.behind_on_hours), "text": tr("仅显示：培训学时进度落后的专任教师")}
        elif spec == "large":
            spec = {"ids": set(self.data.large_classes), "text": tr("仅显示：大班额班级（56–65 人）")}
        elif spec == "huge":
            spec = {"ids": set(self.data.huge_classes), "text": tr("仅显示：超大班额班级（66 人及以上）")}
        emit(self.ctx.events.navigate, page, spec)
