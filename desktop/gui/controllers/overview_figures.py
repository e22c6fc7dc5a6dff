"""概览's cards and charts filled from its figures: shared by the 概览 page and the first paint.

The start-up paints the window with the figures kept at the last start before SQLAlchemy is
imported (``controllers.early_window``); this module imports only Qt, the domain's codes and
the GUI's own i18n, so both draw the same cards and charts from the same code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from desktop.domain.codes import EducationLevel, StaffCategory, Stage
from desktop.domain.numbers import amount
from desktop.gui.i18n import tr
from desktop.gui.views.overview_view import OverviewView

if TYPE_CHECKING:
    from desktop.gui.operations.shapes import Overview


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


def label_cards(view: OverviewView, as_of: date) -> None:
    """The cards count at the period's 统计时点, the reminders above them at today: each says so."""
    counted = tr("按统计时点 {day}").replace("{day}", as_of.isoformat())
    view.cards_heading.setText(tr("统计数字（{when}，与报表一致）").replace("{when}", counted))
    for card in view.cards.values():
        card.setToolTip(tr("{when}计数；点击查看名单。").replace("{when}", counted))


def fill_figures(view: OverviewView, data: Overview, unit_name: str, period_label: str, font: QFont,
                 on_stage: Callable[[str], None]) -> QStackedBarSeries:
    """Cards, subtitle and both charts from ``data``; returns the education chart's series (clickable)."""
    cards = view.cards
    view.subtitle.setText(
        tr("{unit} · {period} · 统计时点 {day}。点击任一数字查看名单。").replace("{unit}", unit_name)
        .replace("{period}", period_label).replace("{day}", str(data.as_of)))
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
    _hours_chart(view, data, font)
    return _education_chart(view, data, font, on_stage)


def _hours_chart(view: OverviewView, data: Overview, font: QFont) -> None:
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
    _style(chart, font)
    view.hours_chart.setChart(chart)


def _education_chart(view: OverviewView, data: Overview, font: QFont,
                     on_stage: Callable[[str], None]) -> QStackedBarSeries:
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
    _style(chart, font)
    # A bar is a count too: clicking it lists that stage's teachers.
    series.clicked.connect(lambda index, _bars: on_stage(stages[index]))
    view.education_chart.setChart(chart)
    return series


def _style(chart: QChart, font: QFont) -> None:
    chart.setTitleFont(font)
    chart.legend().setFont(font)
    for axis in chart.axes():
        axis.setLabelsFont(font)
        axis.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
