"""The 概览 page: counts that matter, each opening the filtered list, and two charts."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.domain.codes import EducationLevel, StaffCategory, Stage
from desktop.domain.numbers import amount
from desktop.gui.compat import emit
from desktop.gui.context import AppContext
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


def count_axis(top: int) -> QValueAxis:
    """A y axis of whole people: integer ticks, a little headroom for the bar labels."""
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    steps = [m * 10**e for e in range(8) for m in (1, 2, 5)]
    step = next(s for s in steps if top / s <= 5)  # few ticks: labels stay readable in a short chart
    upper = (top // step + 1) * step
    axis.setRange(0, upper)
    axis.setTickCount(upper // step + 1)
    return axis


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
        # The cards count at the period's 统计时点, the reminders above them at today: each says so.
        counted = tr("按统计时点 {day}").replace("{day}", ctx.as_of.isoformat())
        self.view.cards_heading.setText(tr("统计数字（{when}，与报表一致）").replace("{when}", counted))
        for key, card in self.view.cards.items():
            card.clicked.connect(lambda _c=False, key=key: self.drill(key))
            card.setToolTip(tr("{when}计数；点击查看名单。").replace("{when}", counted))
        for signal in (ctx.events.staff_changed, ctx.events.training_changed, ctx.events.classes_changed,
                       ctx.events.credentials_changed):
            signal.connect(self.load)

    def load(self) -> None:
        """The figures first, the reminders after them: the reminders' query (0.4 s on a county) is
        queued only once the figures are on screen, so it never delays them (benchmarks/RESULTS.md,
        "cold start, third pass")."""
        db, period_id, today = self.ctx.db, self.ctx.period.id, self.ctx.as_of
        self.ctx.taskman.run(lambda: ops.load_overview(db=db, period_id=period_id, as_of=today),
                             on_done=self._figures_arrived, on_error=self._figures_failed)

    def _figures_arrived(self, data: Overview) -> None:
        self.show_data(data)
        self.reminders.load()

    def _figures_failed(self, exc: BaseException) -> None:
        self.reminders.load()  # the reminders do not depend on the figures: they still come
        show_unexpected(exc, self)

    def show_data(self, data: Overview) -> None:
        self.data = data
        cards = self.view.cards
        self.view.subtitle.setText(
            tr("{unit} · {period} · 统计时点 {day}。点击任一数字查看名单。").replace("{unit}", self.ctx.unit.name)
            .replace("{period}", self.ctx.period.label).replace("{day}", str(data.as_of)))
        cards["staff"].number.setText(str(data.active_staff))
        cards["staff"].detail.setText("，".join(
            f"{StaffCategory.label_of(c)} {n}" for c, n in sorted(data.staff_by_category.items())))
        teachers = sum(data.teachers_by_stage.values())
        cards["teachers"].number.setText(str(teachers))
        cards["teachers"].detail.setText("，".join(
            f"{Stage.label_of(s) or tr('未填学段')} {n}" for s, n in sorted(data.teachers_by_stage.items())))
        cards["overdue"].number.setText(str(len(data.certs_overdue)))
        cards["due_soon"].number.setText(str(len(data.certs_due_soon)))
        cards["behind"].number.setText(str(len(data.behind_on_hours)))
        cards["behind"].detail.setText(tr("按进度此时应有 {h:g} 学时").replace("{h:g}", f"{amount(data.hours_due)}"))
        cards["large"].number.setText(str(len(data.large_classes)))
        cards["huge"].number.setText(str(len(data.huge_classes)))
        free = sum(a - e for a, e in data.seats_by_stage.values())
        cards["seats"].number.setText(f"{free:+d}" if data.seats_by_stage else "—")
        cards["seats"].detail.setText("，".join(
            f"{Stage.label_of(s)} {a}/{e}" for s, (a, e) in data.seats_by_stage.items()))
        for key in ("overdue", "behind", "large", "huge"):
            # A string, not a bool: PySide6 mis-counts references of bools kept in dynamic properties.
            cards[key].setProperty("alert", "true" if cards[key].number.text() not in ("0", "—") else "false")
            cards[key].style().unpolish(cards[key])
            cards[key].style().polish(cards[key])
        self._hours_chart(data)
        self._education_chart(data)

    def _hours_chart(self, data: Overview) -> None:
        chart = QChart()
        chart.setTitle(tr("专任教师本周期培训学时分布（人）"))
        bars = QBarSet(tr("人数"))
        bars.append([float(n) for _, n in data.hours_histogram])
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([label for label, _ in data.hours_histogram])
        axis_x.setTitleText(tr("学时"))
        axis_y = count_axis(max([n for _, n in data.hours_histogram] + [1]))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        chart.legend().hide()
        self._style(chart)
        self.view.hours_chart.setChart(chart)

    def _education_chart(self, data: Overview) -> None:
        chart = QChart()
        chart.setTitle(tr("专任教师学历结构（按学段）"))
        stages = [s for s, _ in Stage.choices() if s in data.education_by_stage]
        series = QStackedBarSeries()
        for code, label in EducationLevel.choices():
            values = [float(data.education_by_stage[s].get(code, 0)) for s in stages]
            if any(values):
                bar = QBarSet(label)
                bar.append(values)
                series.append(bar)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([Stage.label_of(s) for s in stages])
        tallest = max([sum(v.values()) for v in data.education_by_stage.values()] + [1])
        axis_y = count_axis(tallest)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self._style(chart)
        # A bar is a count too: clicking it lists that stage's teachers.
        series.clicked.connect(lambda index, _bars: self.drill_stage(stages[index]))
        self.education_series = series
        self.view.education_chart.setChart(chart)

    def drill_stage(self, stage: str) -> None:
        emit(self.ctx.events.navigate, "staff", {"category": StaffCategory.TEACHER.value, "teaching_stage": stage})

    def _style(self, chart: QChart) -> None:
        font = self.font()
        chart.setTitleFont(font)
        chart.legend().setFont(font)
        for axis in chart.axes():
            axis.setLabelsFont(font)
            axis.setTitleFont(font)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)

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
