"""Form for one training record (side panel of 培训记录 and the person page)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLineEdit, QVBoxLayout, QWidget

from desktop.domain.codes import TrainingCategory, TrainingLevel, TrainingMode, TrainingTopic
from desktop.gui.i18n import tr
from desktop.gui.views.record_form_view import RecordFormView, staff_picker
from desktop.gui.views.widgets import code_combo, date_edit


class TrainingFormView(RecordFormView):
    FIELDS = ("staff", "title", "start_date", "end_date", "hours", "level", "mode", "category")

    def __init__(self, *, with_staff: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(tr("新增培训记录"), parent)
        self.staff = staff_picker()
        self.title = QLineEdit()
        self.title.setPlaceholderText(tr("如：2025年县级班主任能力提升培训"))
        self.start_date = date_edit()
        self.end_date = date_edit()
        self.hours = QDoubleSpinBox()
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.hours.setRange(0.5, 1000)
        self.level = code_combo(TrainingLevel)
        self.mode = code_combo(TrainingMode)
        self.category = code_combo(TrainingCategory)
        self.set_defaults()
        self.topics = {code: QCheckBox(label) for code, label in TrainingTopic.choices()}
        labels = {"staff": tr("教职工"), "title": tr("培训名称"), "start_date": tr("开始日期"),
                  "end_date": tr("结束日期"), "hours": tr("学时"), "level": tr("培训层级"),
                  "mode": tr("培训形式"), "category": tr("科目类别")}
        for key in self.FIELDS:
            if key == "staff" and not with_staff:
                self.staff.hide()  # the person page adds for the person it shows
                continue
            self.add_field(key, labels[key], getattr(self, key))
        topics = QVBoxLayout()
        for check in self.topics.values():
            topics.addWidget(check)
        self.add_row(tr("专题"), topics)

    def set_defaults(self) -> None:
        """The values a new record starts with (县级, 专业科目, 8 学时, today)."""
        self.level.setCurrentIndex(max(0, self.level.findData("4")))
        self.mode.setCurrentIndex(0)
        self.category.setCurrentIndex(max(0, self.category.findData("2")))
        self.hours.setValue(8)
        today = QDate.currentDate()
        self.start_date.setDate(today)
        self.end_date.setDate(today)
