"""Layout of the first-run wizard: choose, then either a new database or an existing file."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import Ownership, SchoolCategory, UnitKind, UrbanRural
from desktop.gui.i18n import tr


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    return label


class WizardView(QDialog):
    CHOICE, NEW, OPEN, SERVER = range(4)  # the SERVER page is the controller's ServerForm

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("开始使用 EduReturns（教育数据填报）"))
        self.setMinimumSize(640, 480)
        self.stack = QStackedWidget()

        # Page 0: what to do.
        choice = QWidget()
        self.heading = QLabel(tr("欢迎使用教育数据填报"))
        self.heading.setObjectName("pageTitle")
        intro = QLabel(tr("数据保存在本机的一个数据库文件中，不需要联网；教育局多台电脑共用数据时，可连接服务器数据库。请选择："))
        intro.setWordWrap(True)
        self.new_db = QRadioButton(tr("新建数据库（第一次使用）"))
        self.open_db = QRadioButton(tr("打开已有数据库文件"))
        self.demo_school = QRadioButton(tr("打开示例数据：一所学校（先看看怎么用）"))
        self.demo_county = QRadioButton(tr("打开示例数据：一个县教育局（300 所学校，数据量大）"))
        self.server_db = QRadioButton(tr("连接服务器数据库（多台电脑共用一个数据库，教育局）"))
        self.choices = QButtonGroup(self)
        for i, radio in enumerate((self.new_db, self.open_db, self.demo_school, self.demo_county, self.server_db)):
            self.choices.addButton(radio, i)
        self.new_db.setChecked(True)
        box = QVBoxLayout(choice)
        box.addWidget(self.heading)
        box.addWidget(intro)
        for radio in (self.new_db, self.open_db, self.server_db, self.demo_school, self.demo_county):
            box.addWidget(radio)
        box.addStretch(1)

        # Page 1: a new database.
        new = QWidget()
        self.new_path = QLineEdit()
        self.new_browse = QPushButton(tr("选择位置…"))
        path_row = QHBoxLayout()
        path_row.addWidget(self.new_path, 1)
        path_row.addWidget(self.new_browse)
        self.kind = QComboBox()
        for code, label in UnitKind.choices():
            self.kind.addItem(label, code)
        self.category = QComboBox()
        for code, label in SchoolCategory.choices():
            self.category.addItem(label, code)
        self.category.setCurrentIndex(self.category.findData(SchoolCategory.PRIMARY.value))
        self.ownership = QComboBox()
        for code, label in Ownership.choices():
            self.ownership.addItem(label, code)
        self.urban_rural = QComboBox()
        for code, label in UrbanRural.choices():
            self.urban_rural.addItem(label, code)
        self.code = QLineEdit()
        self.code.setPlaceholderText(tr("学校填 10 位学校标识码；教育局填 6 位行政区划代码"))
        self.code_error = _error_label()
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("如：龙川县第一小学"))
        self.name_error = _error_label()
        self.parent_code = QLineEdit()
        self.parent_code.setPlaceholderText(tr("上级县区教育局的 6 位行政区划代码，如 441622"))
        self.school_year = QSpinBox()
        self.school_year.setRange(2000, 2100)
        self.school_year.setSuffix(tr(" 学年"))
        form = QFormLayout(new)
        form.addRow(tr("数据库文件"), path_row)
        form.addRow(tr("单位类型"), self.kind)
        form.addRow(tr("学校类别"), self.category)
        form.addRow(tr("办学性质"), self.ownership)
        form.addRow(tr("城乡分类"), self.urban_rural)
        form.addRow(tr("单位代码"), self.code)
        form.addRow("", self.code_error)
        form.addRow(tr("单位名称"), self.name)
        form.addRow("", self.name_error)
        form.addRow(tr("上级单位代码"), self.parent_code)
        form.addRow(tr("统计期"), self.school_year)

        # Page 2: an existing file.
        existing = QWidget()
        self.open_path = QLineEdit()
        self.open_browse = QPushButton(tr("浏览…"))
        open_row = QHBoxLayout()
        open_row.addWidget(self.open_path, 1)
        open_row.addWidget(self.open_browse)
        open_form = QFormLayout(existing)
        open_form.addRow(tr("数据库文件"), open_row)

        for page in (choice, new, existing):
            self.stack.addWidget(page)
        self.message = _error_label()
        self.back = QPushButton(tr("上一步"))
        self.next = QPushButton(tr("下一步"))
        self.next.setObjectName("primary")
        self.next.setDefault(True)
        self.cancel = QPushButton(tr("取消"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
