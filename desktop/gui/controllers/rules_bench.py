"""工具 → 规则试算: an office tries a rule file on its data before publishing it.

Choose a file; every rule runs over the units below this unit in each school year of the
database, and the table shows per rule and year how many it judged and flagged, and how many
it could not judge (无上年数据, 无数据). Selecting a line lists the flagged units and messages.
A refused file shows its line and reason. Nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.context import AppContext
from desktop.gui.i18n import tr
from desktop.gui.operations import rules as ops
from desktop.gui.operations.shapes import ServiceError

HEADS = ("学年", "规则", "名称", "级别", "试算", "标记单位", "无上年数据", "无数据")


class RulesBenchDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: Any = None
        self.setWindowTitle(tr("规则试算"))
        self.resize(1000, 620)
        self.choose = QPushButton(tr("选择规则文件并试算…"))
        self.path_label = QLabel(tr("规则文件：TOML（templates/rules 的写法），或含 rules 的指标方案文件。"))
        self.path_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.flagged = QListWidget()
        top = QHBoxLayout()
        top.addWidget(self.choose)
        top.addWidget(self.path_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 2)
        layout.addWidget(QLabel(tr("选中一行，这里列出被标记的单位：")))
        layout.addWidget(self.flagged, 1)
        self.choose.clicked.connect(self.pick_file)
        self.table.itemSelectionChanged.connect(self.show_flagged)

    def pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择规则文件"), "", tr("规则文件 (*.toml *.json)"))
        if path:
            self.run_file(Path(path))

    def run_file(self, path: Path) -> None:
        self.path_label.setText(tr("规则文件：") + str(path))
        self.message.setText(tr("正在试算…"))
        self.table.setRowCount(0)
        self.flagged.clear()
        db, unit = self.ctx.db, self.ctx.unit.id
        self.ctx.taskman.run(lambda: ops.bench_rules(db, path, unit), on_done=self.show_report,
                             on_error=self.show_error)

    def show_error(self, exc: BaseException) -> None:
        if not isinstance(exc, ServiceError):
            raise exc
        self.message.setText(str(exc))

    def show_report(self, report: Any) -> None:
        self.report = report
        lines = report.lines
        self.table.setRowCount(len(lines))
        for row, ln in enumerate(lines):
            level = tr("错误") if ln.severity == "error" else tr("警告")
            cells = (str(ln.school_year), ln.rule, ln.name, level, str(ln.judged), str(ln.flagged_units),
                     str(ln.no_prev), str(ln.no_data))
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        flagged = sum(ln.flagged_units for ln in lines)
        self.message.setText(tr("共 {n} 项试算，标记单位 {f} 个次。没有写入任何数据。")
                             .replace("{n}", str(len(lines))).replace("{f}", str(flagged)))

    def show_flagged(self) -> None:
        self.flagged.clear()
        row = self.table.currentRow()
        if self.report is None or not 0 <= row < len(self.report.lines):
            return
        for f in self.report.lines[row].flagged:
            self.flagged.addItem(f"{f.unit_name}（{f.unit_code}）：{f.message}")
