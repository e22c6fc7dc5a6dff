"""Layout of the 报表 page: choices on the left, then tabs for the checks, the indicators and the preview."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import tr
from desktop.gui.views.pdf_preview_view import PdfPreview


def _table(headers: tuple[str, ...]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(list(headers))
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().hide()
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    t.horizontalHeader().setStretchLastSection(True)
    t.setWordWrap(False)
    return t


class ReportsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(tr("报表"))
        self.title.setObjectName("pageTitle")
        # ---- choices
        self.period = QComboBox()
        self.target_set = QComboBox()
        self.target_set.setMinimumContentsLength(16)
        self.returns = QListWidget()
        self.returns.setMinimumWidth(340)
        self.returns.setWordWrap(True)
        self.want_xlsx = QCheckBox(tr("Excel（xlsx）"))
        self.want_xlsx.setChecked(True)
        self.want_pdf = QCheckBox(tr("PDF"))
        self.want_pdf.setChecked(True)
        self.check_button = QPushButton(tr("重新检查"))
        self.ready_button = QPushButton(tr("标记为可上报"))
        self.preview_button = QPushButton(tr("预览 PDF"))
        self.export_button = QPushButton(tr("导出到文件夹…"))
        self.print_button = QPushButton(tr("打印…"))
        self.sign_button = QPushButton(tr("签名…"))
        form = QFormLayout()
        form.addRow(tr("统计期"), self.period)
        form.addRow(tr("指标方案"), self.target_set)
        formats = QHBoxLayout()
        formats.addWidget(self.want_xlsx)
        formats.addWidget(self.want_pdf)
        formats.addStretch(1)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(QLabel(tr("要生成的报表")))
        side.addWidget(self.returns, 1)
        side.addWidget(QLabel(tr("导出格式")))
        side.addLayout(formats)
        for b in (self.check_button, self.ready_button, self.preview_button, self.export_button,
                  self.print_button, self.sign_button):
            side.addWidget(b)
        left = QWidget()
        left.setLayout(side)
        # ---- status lines
        self.ready_state = QLabel()
        self.ready_state.setObjectName("readyState")
        self.ready_state.setWordWrap(True)
        self.freshness = QLabel()  # whether the findings shown are being checked against the data
        self.freshness.setObjectName("findingsFreshness")
        self.freshness.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("reportsMessage")
        self.message.setWordWrap(True)
        self.open_folder = QPushButton(tr("打开所在文件夹"))
        self.open_folder.hide()  # shown once something was exported
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # ---- findings tab
        self.findings = _table((tr("级别"), tr("检查项"), tr("问题"), tr("填写说明")))
        self.explanation = QPlainTextEdit()
        # Ctrl/Shift-click (or 选中同类警告) chooses many warnings: one text explains them all.
        self.findings.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.explanation.setPlaceholderText(tr("选中一条或多条警告（按住 Ctrl 或 Shift 多选），在这里写明原因和处理计划"
                                               "（最多 500 字），会打印在报表上。"))
        self.explanation.setMaximumHeight(90)
        self.save_explanation = QPushButton(tr("保存填写说明"))
        self.open_record = QPushButton(tr("打开记录"))
        self.select_same_rule = QPushButton(tr("选中同类警告"))
        self.select_same_rule.setToolTip(tr("选中与当前警告同一检查项的全部警告，一次填写同一条说明"))
        self.chosen_count = QLabel()
        self.chosen_count.setWordWrap(True)
        ex_row = QHBoxLayout()
        ex_row.addWidget(self.explanation, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.save_explanation)
        buttons.addWidget(self.select_same_rule)
        buttons.addWidget(self.open_record)
        buttons.addStretch(1)
        ex_row.addLayout(buttons)
        findings_tab = QWidget()
        fl = QVBoxLayout(findings_tab)
        fl.addWidget(self.summary)
        fl.addWidget(self.findings, 1)
        fl.addWidget(QLabel(tr("填写说明")))
        fl.addWidget(self.chosen_count)
        fl.addLayout(ex_row)
        # A year-over-year warning without a 填写说明 gets a draft written from the year's records;
        # the records it names are listed here and open on double-click.
        self.draft_title = QLabel(tr("草稿依据的记录（双击打开）："))
        self.draft_records = QListWidget()
        self.draft_records.setMaximumHeight(80)
        self.draft_title.hide()
        self.draft_records.hide()
        fl.addWidget(self.draft_title)
        fl.addWidget(self.draft_records)
        # ---- indicators tab
        self.indicators = _table((tr("指标"), tr("学段"), tr("数值"), tr("目标"), tr("差距"), tr("结果")))
        self.drill_title = QLabel(tr("选中一个未达标的指标，这里列出未达标的人员、班级或学校；双击打开。"))
        self.drill_title.setWordWrap(True)
        self.drill = QListWidget()
        split = QSplitter()
        split.addWidget(self.indicators)
        drill_box = QWidget()
        dl = QVBoxLayout(drill_box)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.drill_title)
        dl.addWidget(self.drill, 1)
        split.addWidget(drill_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        indicators_tab = QWidget()
        il = QVBoxLayout(indicators_tab)
        il.addWidget(split)
        # ---- preview tab
        self.preview = PdfPreview()
        self.tabs = QTabWidget()
        self.tabs.addTab(findings_tab, tr("数据检查"))
        self.tabs.addTab(indicators_tab, tr("指标达成"))
        self.tabs.addTab(self.preview, tr("PDF 预览"))
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.ready_state)
        rl.addWidget(self.freshness)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.open_folder)
        rl.addLayout(message_row)
        rl.addWidget(self.tabs, 1)
        body = QSplitter()
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(body, 1)
