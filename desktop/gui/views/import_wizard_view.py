"""Layout of the import wizard's four pages: file, sheet, column mapping, preview."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)
from typing_extensions import override

from desktop.gui.compat import emit
from desktop.gui.i18n import tr


class StepPage(QWizardPage):
    """A page whose 下一步 waits for background work: ``set_ready`` flips isComplete."""

    def __init__(self, title: str, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.ready = False
        # Set by the controller: what entering and leaving (下一步) the page does.
        self.on_enter: Callable[[], None] | None = None
        self.on_leave: Callable[[], bool] | None = None
        self.layout_ = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("status")

    def set_ready(self, ready: bool) -> None:
        self.ready = ready
        emit(self.completeChanged)  # compat: the binding drops a reference of the returned bool

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b42318;" if error else "")
        self.message.setText(text)

    @override
    def isComplete(self) -> bool:
        return self.ready

    @override
    def initializePage(self) -> None:
        if self.on_enter is not None:
            self.on_enter()

    @override
    def validatePage(self) -> bool:
        return self.on_leave() if self.on_leave is not None else True


class FilePageView(StepPage):
    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(tr("选择文件"), tr("选择要导入的{what}文件：Excel 工作簿（.xlsx、.xls）或 CSV 文件。"
                                          "文件只会被读取，确认之前不会写入任何数据。").format(what=what), parent)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(tr("尚未选择文件"))
        self.browse = QPushButton(tr("选择文件…"))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.message)
        self.layout_.addStretch(1)


class SheetPageView(StepPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("选择工作表"), tr("选择数据所在的工作表。隐藏的工作表已标出。"), parent)
        self.sheets = QListWidget()
        self.layout_.addWidget(self.sheets, 1)
        self.layout_.addWidget(self.message)


class MappingPageView(StepPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("核对列对应"), tr("每一列已按列名自动对应到字段；如有不对，请在“导入为”中改正。"
                                            "改正会被记住，下次导入同样格式的文件时自动使用。"), parent)
        self.required = QLabel()
        self.required.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("列"), tr("表头"), tr("第一行数据"), tr("导入为")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 50)
        header.resizeSection(3, 200)
        # Questions: a classification the file has no column for, answered for the whole batch.
        self.questions = QWidget()
        self.questions_form = QFormLayout(self.questions)
        self.questions_form.setContentsMargins(0, 0, 0, 0)
        self.questions.setVisible(False)
        self.layout_.addWidget(self.required)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(self.questions)
        self.layout_.addWidget(self.message)


class PreviewPageView(StepPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("预览"), tr("核对将要导入的内容。取消勾选的行不会导入；有错误的行不会导入，"
                                      "可保存为错误清单，在 Excel 中改正后重新导入。"), parent)
        self.counts = QLabel()
        self.counts.setObjectName("pageTitle")
        self.notices = QListWidget()
        self.notices.setMaximumHeight(90)
        self.notices.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tables: dict[str, QTableView] = {}
        self.check_all = QPushButton(tr("全选"))
        self.check_none = QPushButton(tr("全不选"))
        self.save_errors = QPushButton(tr("保存错误清单…"))
        tools = QHBoxLayout()
        tools.addWidget(self.counts, 1)
        tools.addWidget(self.check_all)
        tools.addWidget(self.check_none)
        tools.addWidget(self.save_errors)
        self.layout_.addLayout(tools)
        self.layout_.addWidget(self.notices)
        self.layout_.addWidget(self.tabs, 1)
        self.layout_.addWidget(self.message)

    def add_table(self, key: str, label: str, model: Any) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(24)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((70, 90, 190)):
            header.resizeSection(column, width)
        self.tables[key] = table
        self.tabs.addTab(table, label)
        return table
