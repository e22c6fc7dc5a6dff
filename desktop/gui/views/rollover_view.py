"""Layout of the 开始新学年 dialog: what will happen, read before confirming."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import tr


class RolloverView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("开始新学年"))
        self.resize(760, 560)
        self.intro = QLabel(tr("将根据上一学年的数据建立新学年：班级升一个年级，最高年级毕业，起始年级新建空白班级；"
                               "学位数据复制后可修改；指标方案沿用；填报状态从草稿开始。上一学年的数据不会改动。"))
        self.intro.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setPlainText(tr("正在计算预览…"))
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.start = self.buttons.addButton(tr("开始新学年"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setObjectName("primary")
        self.start.setEnabled(False)
        self.cancel = self.buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addWidget(self.preview, 1)
        box.addWidget(self.outcome)
        box.addWidget(self.buttons)
