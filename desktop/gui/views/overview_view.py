"""Layout of the 概览 page: a grid of clickable number cards and two charts."""

from __future__ import annotations

from PySide6.QtCharts import QChartView
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import tr


class Card(QPushButton):
    """A number with its caption; clicking opens the list behind it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.number = QLabel("—")
        self.number.setObjectName("cardNumber")
        self.caption = QLabel(caption)
        self.caption.setObjectName("cardCaption")
        self.caption.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("cardDetail")
        self.detail.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.number)
        box.addWidget(self.caption)
        box.addWidget(self.detail)
        self.setMinimumSize(190, 118)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)


class OverviewView(QWidget):
    CARDS = (
        ("staff", "在职教职工"),
        ("teachers", "专任教师（按学段）"),
        ("overdue", "教师资格证定期注册已逾期"),
        ("due_soon", "半年内需定期注册"),
        ("behind", "培训学时进度落后的教师"),
        ("large", "大班额（56–65 人）"),
        ("huge", "超大班额（66 人及以上）"),
        ("seats", "学位余缺（核定 − 在校）"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(tr("概览"))
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.cards: dict[str, Card] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        for i, (key, caption) in enumerate(self.CARDS):
            card = Card(tr(caption))
            self.cards[key] = card
            grid.addWidget(card, i // 4, i % 4)
        self.hours_chart = QChartView()
        self.education_chart = QChartView()
        for chart in (self.hours_chart, self.education_chart):
            chart.setRenderHint(QPainter.RenderHint.Antialiasing)
            chart.setMinimumHeight(340)
        charts = QHBoxLayout()
        charts.addWidget(self.hours_chart)
        charts.addWidget(self.education_chart)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.title)
        column.addWidget(self.subtitle)
        self.reminders_slot = QVBoxLayout()  # the controller puts the 截止日期与提醒 panel here
        column.addLayout(self.reminders_slot)
        self.cards_heading = QLabel(tr("统计数字"))  # the controller adds the date they count at
        self.cards_heading.setObjectName("formTitle")
        column.addWidget(self.cards_heading)
        column.addLayout(grid)
        column.addLayout(charts, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
