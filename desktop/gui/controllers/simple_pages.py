"""Pages with little behaviour: 报表 and 上报 (filled by later work) and 设置."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.appdirs import data_dir, logs_dir
from desktop.gui.context import AppContext
from desktop.gui.i18n import LANGUAGES, tr


class PlaceholderPage(QWidget):
    """A page that is present in the navigation and says what will arrive there."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        body = QLabel(text)
        body.setWordWrap(True)
        body.setObjectName("placeholder")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)

    def load(self) -> None:
        pass


class SettingsPage(QWidget):
    open_other = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        heading = QLabel(tr("设置"))
        heading.setObjectName("pageTitle")
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(ctx.settings.language)))
        self.language_note = QLabel()
        self.database = QLabel(str(ctx.path))
        self.database.setWordWrap(True)
        self.unit = QLabel(f"{ctx.unit.name}（{ctx.unit.code}） · {ctx.period.label}")
        self.folder = QLabel(str(data_dir()))
        self.logs = QLabel(str(logs_dir()))
        self.switch = QPushButton(tr("打开或新建其他数据库…"))
        self.language.setMaximumWidth(240)
        self.switch.setMaximumWidth(280)
        form = QFormLayout()
        form.addRow(tr("界面语言"), self.language)
        form.addRow("", self.language_note)
        form.addRow(tr("当前数据库"), self.database)
        form.addRow(tr("所属单位"), self.unit)
        form.addRow(tr("数据文件夹"), self.folder)
        form.addRow(tr("错误日志"), self.logs)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.switch)
        layout.addStretch(1)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.switch.clicked.connect(self.open_other)

    def _language_chosen(self) -> None:
        self.ctx.settings.language = self.language.currentData()
        self.language_note.setText(tr("已保存，重新启动程序后生效。"))

    def load(self) -> None:
        pass
