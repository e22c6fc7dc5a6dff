"""Layout of the 上报 page: the unit's own package, and for offices the 上报情况 table."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import tr


class SubmitView(QWidget):
    def __init__(self, *, office: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(tr("上报"))
        self.title.setObjectName("pageTitle")
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.comment = QLabel()
        self.comment.setWordWrap(True)
        self.comment.setObjectName("returnComment")
        self.export_button = QPushButton(tr("导出上报数据包…"))
        self.reply_button = QPushButton(tr("导入退回意见…"))
        self.receipt_button = QPushButton(tr("导入回执…"))
        self.receipt_open = QPushButton(tr("查看回执"))
        self.receipt = QLabel()  # 已收到（县教育局，时间）
        self.receipt.setObjectName("receiptState")
        self.receipt.setWordWrap(True)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.send_rule = QLabel()  # the rule for sending, beside the button (the controller fills it)
        self.send_rule.setObjectName("hint")
        self.send_rule.setWordWrap(True)
        own = QHBoxLayout()
        own.addWidget(self.export_button)
        own.addWidget(self.reply_button)
        own.addWidget(self.receipt_button)
        own.addWidget(self.receipt_open)
        own.addWidget(self.send_rule, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.comment)
        layout.addWidget(self.receipt)
        layout.addLayout(own)
        layout.addWidget(self.result)
        self.summary = QLabel()
        self.table = QTableView()
        self.import_files = QPushButton(tr("导入数据包…"))
        self.import_folder = QPushButton(tr("导入文件夹…"))
        self.approve_button = QPushButton(tr("审核通过"))
        self.return_button = QPushButton(tr("退回…"))
        self.consolidate_button = QPushButton(tr("汇总…"))
        self.detail_button = QPushButton(tr("查看单位详情…"))
        self.receipts_button = QPushButton(tr("导出回执…"))
        self.receipts_button.setToolTip(tr("把所选单位（未选则全部）已接收数据包的签名回执写到文件夹，发给学校导入或打印。"))
        # A resubmission waits here, on the page, with its changes: no blocking question box.
        self.resubmit_box = QFrame()
        self.resubmit_box.setObjectName("resubmitBox")
        self.resubmit_box.setStyleSheet("#resubmitBox { background: #fff8e6; border: 1px solid #f0c36d; }")
        self.resubmit_text = QLabel()
        self.resubmit_text.setWordWrap(True)
        self.replace_button = QPushButton(tr("用新数据包替换"))
        self.keep_button = QPushButton(tr("保留原数据，不替换"))
        box = QVBoxLayout(self.resubmit_box)
        box.addWidget(self.resubmit_text)
        choice = QHBoxLayout()
        choice.addWidget(self.replace_button)
        choice.addWidget(self.keep_button)
        choice.addStretch(1)
        box.addLayout(choice)
        self.resubmit_box.hide()
        self.drop_hint = QLabel(tr("也可以把数据包文件（.erp）或文件夹直接拖到这里导入。") if office
                                else tr("也可以把教育局的退回意见或回执文件（.erp）直接拖到这里导入。"))
        self.drop_hint.setObjectName("hint")
        self.tabs = QTabWidget()
        if office:
            for b in (self.reply_button, self.receipt_button, self.receipt_open, self.receipt):
                b.hide()
            self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            # Many units at once: 审核通过 and 退回 act on every selected row (Ctrl / Shift).
            self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            self.table.horizontalHeader().setStretchLastSection(True)
            self.table.verticalHeader().hide()
            actions = QHBoxLayout()
            for b in (self.import_files, self.import_folder, self.detail_button, self.receipts_button,
                      self.approve_button, self.return_button, self.consolidate_button):
                actions.addWidget(b)
            actions.addStretch(1)
            heading = QLabel(tr("下级单位上报情况"))
            heading.setObjectName("sectionTitle")
            layout.addWidget(heading)
            layout.addWidget(self.summary)
            layout.addWidget(self.resubmit_box)
            layout.addLayout(actions)
            board = QWidget()
            inner = QVBoxLayout(board)
            inner.setContentsMargins(0, 4, 0, 0)
            inner.addWidget(self.drop_hint)
            inner.addWidget(self.table, 1)
            self.tabs.addTab(board, tr("上报情况"))
            layout.addWidget(self.tabs, 1)
        else:
            layout.addWidget(self.drop_hint)
            layout.addStretch(1)
