"""The side panel form for one staff member; every field has its reason label below."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDateEdit, QLineEdit, QWidget

from desktop.domain.codes import (
    EducationLevel,
    EmploymentForm,
    Ethnicity,
    HonourLevel,
    OverseasStatus,
    PoliticalStatus,
    Post,
    StaffCategory,
    Stage,
    Subject,
    Title,
)
from desktop.gui.delegates import IdNumberEdit
from desktop.gui.i18n import tr
from desktop.gui.views.record_form_view import RecordFormView
from desktop.gui.views.widgets import code_combo


class StaffFormView(RecordFormView):
    FIELDS = ("name", "id_number", "ethnicity", "political_status", "category", "employment_form", "post",
              "teaching_stage", "subject", "education", "title", "honour_level", "join_date", "phone",
              "courses", "not_teaching", "external_teacher", "foreign_national", "overseas")
    CHECKS = ("not_teaching", "external_teacher", "foreign_national")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("新增教职工"), parent)
        self.name = QLineEdit()
        self.id_number = IdNumberEdit()
        self.ethnicity = code_combo(Ethnicity, empty=True)
        self.political_status = code_combo(PoliticalStatus, empty=True)
        self.post = code_combo(Post, empty=False)
        self.honour_level = code_combo(HonourLevel, empty=True)
        self.category = code_combo(StaffCategory, empty=False)
        self.employment_form = code_combo(EmploymentForm, empty=False)
        self.teaching_stage = code_combo(Stage, empty=True)
        self.subject = code_combo(Subject, empty=True)
        self.education = code_combo(EducationLevel, empty=True)
        self.title = code_combo(Title, empty=False)
        self.title.setCurrentIndex(self.title.findData("9"))
        self.join_date = QDateEdit()
        self.join_date.setCalendarPopup(True)
        self.join_date.setDisplayFormat("yyyy-MM-dd")
        self.phone = QLineEdit()
        # Counted by the national statistics forms (教基 series).
        self.not_teaching = QCheckBox(tr("本学年不授课"))
        self.external_teacher = QCheckBox(tr("校外教师（人事关系在外单位）"))
        self.foreign_national = QCheckBox(tr("外籍"))
        self.overseas = code_combo(OverseasStatus, empty=True)
        self.courses = QLineEdit()  # 任教课程: “数学、科学”, the first the main one
        labels = {"name": tr("姓名"), "id_number": tr("身份证号"), "category": tr("教职工类别"),
                  "employment_form": tr("用人形式"), "teaching_stage": tr("任教学段"), "subject": tr("任教学科"),
                  "education": tr("最高学历"), "title": tr("职称"), "join_date": tr("进本校日期"),
                  "phone": tr("联系电话"), "ethnicity": tr("民族"), "political_status": tr("政治面貌"),
                  "post": tr("岗位/职务"), "honour_level": tr("骨干级别"), "not_teaching": tr("授课"),
                  "external_teacher": tr("校外教师"), "foreign_national": tr("国籍"), "overseas": tr("港澳台侨"),
                  "courses": tr("任教课程")}
        for key in self.FIELDS:
            self.add_field(key, labels[key], getattr(self, key))
