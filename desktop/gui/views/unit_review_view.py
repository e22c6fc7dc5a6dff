"""Layout of the 单位详情 dialog: one received unit's findings, 填写说明 and return fingerprints."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import tr


class UnitReviewView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("单位详情"))
        self.resize(900, 560)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.key = QLabel()
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.findings = QTableWidget(0, 3)
        self.findings.setHorizontalHeaderLabels([tr("类别"), tr("问题"), tr("填写说明")])
        self.findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings.setWordWrap(True)
        self.findings.verticalHeader().hide()
        header = self.findings.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.fingerprints = QTableWidget(0, 2)
        self.fingerprints.setHorizontalHeaderLabels([tr("报表"), tr("数据指纹")])
        self.fingerprints.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fingerprints.verticalHeader().hide()
        self.fingerprints.horizontalHeader().setStretchLastSection(True)
        self.fingerprints.setMaximumHeight(160)
        # A resubmission: what changed since the replaced (returned) version, beside the office's comments.
        self.changes_box = QWidget()
        self.changes_title = QLabel()
        self.changes_title.setObjectName("sectionTitle")
        self.changes = QTableWidget(0, 4)
        self.changes.setHorizontalHeaderLabels([tr("记录"), tr("项目"), tr("原值"), tr("新值")])
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.verticalHeader().hide()
        self.changes.horizontalHeader().setStretchLastSection(True)
        self.change_lines = QLabel()
        self.change_lines.setWordWrap(True)
        self.comments = QLabel()
        self.comments.setObjectName("returnComment")
        self.comments.setWordWrap(True)
        self.comments.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.comments.setMinimumWidth(260)
        side = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.changes, 1)
        left.addWidget(self.change_lines)
        side.addLayout(left, 3)
        side.addWidget(self.comments, 2)
        box = QVBoxLayout(self.changes_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.changes_title)
        box.addLayout(side)
        self.changes_box.hide()
        self.open_pdf = QPushButton(tr("打开 PDF 报表"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        buttons.addButton(QPushButton(tr("关闭")), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_pdf)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.key)
        layout.addWidget(self.changes_box, 1)
        layout.addWidget(QLabel(tr("检查结果与填写说明")))
        layout.addWidget(self.findings, 1)
        layout.addWidget(QLabel(tr("报表数据指纹")))
        layout.addWidget(self.fingerprints)
        layout.addLayout(bottom)
