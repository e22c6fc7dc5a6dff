"""The 及时性与完整性 tab of an office's 上报 page: the sortable table and the arrivals chart.

The table has one line per expected unit (``office.completeness``); clicking a header
sorts it. The chart shows the packages received per day (bars), how many had arrived
by each day (line) and the deadline (a vertical line) against the number expected.
A reviewer records why a unit has not reported (记录未报原因…); the consolidation can
be marked 可上报 only when every unit reported or has a reason.
"""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.context import AppContext
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.models.completeness import CompletenessModel
from desktop.gui.operations import office, trust
from desktop.gui.operations.shapes import ArrivalSeries, Completeness


class CompletenessPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: Completeness | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = CompletenessModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().hide()
        for i, col in enumerate(self.model.columns):
            self.table.setColumnWidth(i, col.width)
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumWidth(360)
        self.reason_button = QPushButton(tr("记录未报原因…"))
        self.reason_button.setToolTip(tr("为确实无法上报的单位记录原因；汇总须每个应报单位都已上报或有原因，才能标记为可上报。"))
        self.reason_button.setVisible(trust.may(ctx.actor, "approve"))
        self.reason_button.clicked.connect(self.ask_reason)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.reason_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.chart_view)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([780, 560])  # the table's first columns (code, name, status, times) stay in view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        # The chart's series, kept for whoever checks what it shows.
        self.bars: QBarSet | None = None
        self.cumulative: QLineSeries | None = None
        self.deadline_line: QLineSeries | None = None
        self.axis_y: QValueAxis | None = None
        self.categories: list[str] = []

    def load(self) -> None:
        db, year = self.ctx.db, self.ctx.period.school_year
        self.ctx.taskman.run(lambda: office.completeness(db, school_year=year), on_done=self.show_data,
                             on_error=lambda e: show_unexpected(e, self))

    def show_data(self, data: Completeness) -> None:
        self.data = data
        self.model.set_rows(list(data.rows))
        self.summary.setText(
            tr("应报 {n}，已报 {r}（按时 {o}，逾期 {l}，其中零上报 {z}），未报但已记录原因 {a}，未报 {m}；一次通过 {f}。")
            .replace("{n}", str(len(data.rows))).replace("{r}", str(data.count("reported")))
            .replace("{o}", str(data.count("on_time"))).replace("{l}", str(data.count("late")))
            .replace("{z}", str(data.count("zero"))).replace("{a}", str(data.count("reason")))
            .replace("{m}", str(data.count("missing"))).replace("{f}", str(data.count("first_time"))))
        self.chart_view.setChart(self.arrivals_chart(data.arrivals))

    def arrivals_chart(self, a: ArrivalSeries) -> QChart:
        chart = QChart()
        chart.setTitle(tr("每日收到的数据包（截止日期 {d}）").replace("{d}", a.deadline.isoformat() if a.deadline else "—"))
        # Short labels (QtCharts elides what does not fit): the day alone when all are in one month.
        one_month = len({(d.year, d.month) for d in a.days}) == 1
        self.categories = [str(d.day) if one_month else f"{d.month}/{d.day}" for d in a.days]
        bars = QBarSet(tr("当日收到"))
        bars.append([float(n) for n in a.received])
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        running = QLineSeries()
        running.setName(tr("累计收到"))
        for i, n in enumerate(a.cumulative):
            running.append(QPointF(i, n))
        chart.addSeries(running)
        deadline = QLineSeries()
        deadline.setName(tr("截止日期"))
        top = max([a.expected, *a.cumulative, 1])
        if a.deadline is not None and a.deadline in a.days:
            x = a.days.index(a.deadline)
            deadline.append(QPointF(x, 0))
            deadline.append(QPointF(x, top))
        deadline.setPen(QPen(QColor("#c0392b"), 2, Qt.PenStyle.DashLine))
        chart.addSeries(deadline)
        expected = QLineSeries()
        expected.setName(tr("应报 {n}").replace("{n}", str(a.expected)))
        if self.categories:
            expected.append(QPointF(0, a.expected))
            expected.append(QPointF(len(self.categories) - 1, a.expected))
        expected.setPen(QPen(QColor("#7f8c8d"), 1, Qt.PenStyle.DotLine))
        chart.addSeries(expected)
        axis_x = QBarCategoryAxis()
        axis_x.append(self.categories)
        if one_month and a.days:
            axis_x.setTitleText(tr("{y}年{m}月（日）").replace("{y}", str(a.days[0].year))
                                .replace("{m}", str(a.days[0].month)))
        # Whole-number ticks from 0: with the default five ticks over 0–21 the labels read 5, 10, 15
        # at 5.25, 10.5, 15.75, and a running total of 11 looked like 10.
        step = max(1, math.ceil((top + 1) / 5))
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        axis_y.setRange(0, step * math.ceil((top + 1) / step))
        axis_y.setTickType(QValueAxis.TickType.TicksDynamic)
        axis_y.setTickAnchor(0)
        axis_y.setTickInterval(step)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for s in (series, running, deadline, expected):
            s.attachAxis(axis_x)
            s.attachAxis(axis_y)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.bars, self.cumulative, self.deadline_line, self.axis_y = bars, running, deadline, axis_y
        return chart

    def selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row(rows[0].row()).code if rows else None

    def ask_reason(self) -> None:
        code = self.selected_code()
        if not code:
            self.summary.setText(tr("请先在表格中选中一个未报送的单位，再记录原因。"))
            return
        reason, ok = QInputDialog.getMultiLineText(self, tr("记录未报原因"),
                                                   tr("该单位本学年为什么不上报（如：已撤并、停办）："))
        if ok:
            self.record_reason(code, reason)

    def record_reason(self, code: str, reason: str) -> None:
        db, year, actor = self.ctx.db, self.ctx.period.school_year, self.ctx.actor
        self.ctx.taskman.run(lambda: office.record_absence(db, code, reason, school_year=year, actor=actor),
                             on_done=lambda _: self.load(), on_error=lambda e: show_unexpected(e, self))
