"""The side panel form for one staff member; every field has its reason label below."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import (
    EducationLevel,
    EmploymentForm,
    StaffCategory,
    Stage,
    Subject,
    Title,
)
from desktop.gui.delegates import IdNumberEdit
from desktop.gui.i18n import tr
from desktop.gui.views.widgets import code_combo


class StaffFormView(QWidget):
    FIELDS = ("name", "id_number", "category", "employment_form", "teaching_stage", "subject", "education",
              "title", "join_date", "phone")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(tr("新增教职工"))
        self.heading.setObjectName("formTitle")
        self.name = QLineEdit()
        self.id_number = IdNumberEdit()
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
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        labels = {"name": tr("姓名"), "id_number": tr("身份证号"), "category": tr("教职工类别"),
                  "employment_form": tr("用人形式"), "teaching_stage": tr("任教学段"), "subject": tr("任教学科"),
                  "education": tr("最高学历"), "title": tr("职称"), "join_date": tr("进本校日期"),
                  "phone": tr("联系电话")}
        for key in self.FIELDS:
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(getattr(self, key))
            error = QLabel()
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.hide()
            box.addWidget(error)
            self.errors[key] = error
            form.addRow(labels[key], box)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.save = QPushButton(tr("保存 (Ctrl+S)"))
        self.save.setObjectName("primary")
        self.cancel = QPushButton(tr("取消"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)
