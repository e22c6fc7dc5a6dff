"""退回 many units at once: the office's comment templates (ticked) plus the reviewer's own words.

The templates are the office's (``office.comment_templates``): 编辑模板… edits them, one
per line, and saves them for next time (reviewers only; the service checks the role).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.context import AppContext
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import office


class BulkReturnDialog(QDialog):
    def __init__(self, ctx: AppContext, names: list[str], templates: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("退回"))
        self.resize(640, 480)
        shown = "、".join(names[:8]) + (tr(" 等 {n} 个单位").replace("{n}", str(len(names))) if len(names) > 8 else "")
        self.heading = QLabel(tr("退回以下单位：") + shown)
        self.heading.setWordWrap(True)
        self.templates = QListWidget()
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(tr("补充意见（可选），例如具体到哪位教师、哪个班级"))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setObjectName("hint")
        self.edit_button = QPushButton(tr("编辑模板…"))
        self.edit_button.clicked.connect(self.edit_templates)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("退回"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("常用退回意见（可多选）：")), 1)
        row.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.templates, 2)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.templates.itemChanged.connect(lambda _i: self.update_preview())
        self.text.textChanged.connect(self.update_preview)
        self.set_templates(templates)

    def set_templates(self, templates: list[str]) -> None:
        ticked = set(self.chosen())
        self.templates.clear()
        for t in templates:
            item = QListWidgetItem(t)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if t in ticked else Qt.CheckState.Unchecked)
            self.templates.addItem(item)
        self.update_preview()

    def chosen(self) -> list[str]:
        return [self.templates.item(i).text() for i in range(self.templates.count())
                if self.templates.item(i).checkState() == Qt.CheckState.Checked]

    def tick(self, index: int) -> None:
        self.templates.item(index).setCheckState(Qt.CheckState.Checked)

    def comment(self) -> str:
        return office.compose_comment(self.chosen(), self.text.toPlainText())

    def update_preview(self) -> None:
        text = self.comment()
        self.preview.setText(tr("学校将看到：") + text if text else tr("请勾选模板或填写意见。"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text))

    def edit_templates(self) -> None:
        current = [self.templates.item(i).text() for i in range(self.templates.count())]
        text, ok = QInputDialog.getMultiLineText(self, tr("编辑退回意见模板"), tr("每行一条模板："), "\n".join(current))
        if ok:
            self.save_templates(text.splitlines())

    def save_templates(self, lines: list[str]) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        self.ctx.taskman.run(lambda: office.save_comment_templates(db, lines, actor=actor),
                             on_done=self.set_templates, on_error=lambda e: show_unexpected(e, self))
