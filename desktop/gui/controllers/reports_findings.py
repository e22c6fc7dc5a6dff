"""The 报表 page's two result tabs: the checks' findings and the indicators, with their drill-downs.

A mixin of ``ReportsPage`` (``reports_page``): it fills the tables from an
``ops.Findings`` and opens the record behind a finding or a failing person/class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidgetItem, QTableWidgetItem

from desktop.domain.check_rules import rule_label
from desktop.domain.codes import Severity
from desktop.domain.indicators import IndicatorResult
from desktop.domain.indicators.common import stage_label
from desktop.domain.numbers import amount
from desktop.gui.compat import emit
from desktop.gui.i18n import tr
from desktop.gui.operations import reports as ops
from desktop.gui.operations.shapes import CheckedFinding

if TYPE_CHECKING:
    from desktop.gui.context import AppContext
    from desktop.gui.views.reports_view import ReportsView

# Which page shows a record type (staff open the person page instead).
RECORD_PAGES = {"class": "classes", "credential": "credentials", "training": "training"}
ERROR_COLOR, WARNING_COLOR, PASS_COLOR = QColor("#b3261e"), QColor("#8a5a00"), QColor("#1e6b34")


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return amount(value, 2)  # half-up, as the returns print it


def checks_label(rule: str) -> str:
    return rule_label(rule)


class FindingsTabs:
    """数据检查 and 指标达成: shown from the findings the page holds."""

    ctx: AppContext
    view: ReportsView
    result: ops.Findings | None
    items: list[CheckedFinding]
    indicator_rows: list[IndicatorResult]

    def show_findings(self, result: ops.Findings) -> None:
        self.result = result
        res = result.checks
        self.items = sorted(res.items, key=lambda i: (i.finding.severity is not Severity.ERROR, i.finding.rule))
        t = self.view.findings
        # A county has two thousand findings: fill without repainting, and size the columns
        # from the first rows (the view's resize precision) rather than measuring every cell.
        t.setUpdatesEnabled(False)
        t.setRowCount(len(self.items))
        labels = {True: tr("错误"), False: tr("警告")}
        rules: dict[str, str] = {}
        for row, item in enumerate(self.items):
            f = item.finding
            error = f.severity is Severity.ERROR
            rule = rules.get(f.rule) or rules.setdefault(f.rule, checks_label(f.rule))
            cells = [labels[error], rule, f.message, item.explanation or ("" if error else tr("（未填写）"))]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col >= 2:  # the long texts: whole in the tooltip
                    cell.setToolTip(text)
                elif col == 0:
                    cell.setForeground(ERROR_COLOR if error else WARNING_COLOR)
                t.setItem(row, col, cell)
        t.horizontalHeader().setResizeContentsPrecision(200)
        t.resizeColumnsToContents()
        t.setUpdatesEnabled(True)
        t.setColumnWidth(2, min(max(t.columnWidth(2), 200), 560))
        self.view.summary.setText(
            tr("共 {e} 个错误、{w} 条警告，其中 {u} 条警告还没有填写说明。错误必须改正；警告写明原因即可。")
            .replace("{e}", str(len(res.errors()))).replace("{w}", str(len(res.warnings())))
            .replace("{u}", str(len(res.unexplained()))))
        self.view.ready_state.setText(tr(result.ready.message))
        self.show_indicators(list(result.indicators.results))

    def chosen_warnings(self) -> list[CheckedFinding]:
        """The warnings selected in the findings table (errors are corrected, not explained)."""
        rows = sorted({i.row() for i in self.view.findings.selectionModel().selectedRows()})
        return [self.items[r] for r in rows
                if 0 <= r < len(self.items) and self.items[r].finding.severity is Severity.WARNING]

    def _finding_selected(self) -> None:
        chosen = self.chosen_warnings()
        row = self.view.findings.currentRow()
        current = self.items[row] if 0 <= row < len(self.items) else None
        self.view.explanation.setEnabled(bool(chosen))
        self.view.save_explanation.setEnabled(bool(chosen))
        self.view.select_same_rule.setEnabled(current is not None and current.finding.severity is Severity.WARNING)
        texts = {c.explanation or "" for c in chosen}
        self.view.explanation.setPlainText(texts.pop() if len(texts) == 1 else "")
        if len(chosen) > 1:
            self.view.chosen_count.setText(tr("已选中 {n} 条警告：保存时为它们填写同一条说明。")
                                           .replace("{n}", str(len(chosen))))
            self.view.save_explanation.setText(tr("为选中的 {n} 条保存说明").replace("{n}", str(len(chosen))))
        else:
            self.view.chosen_count.clear()
            self.view.save_explanation.setText(tr("保存填写说明"))

    def select_same_rule(self) -> None:
        """Select every warning of the current one's rule (the usual bulk case: 28 of one kind)."""
        row = self.view.findings.currentRow()
        if not 0 <= row < len(self.items):
            self.view.message.setText(tr("请先在上面的列表中选中一条警告。"))
            return
        rule = self.items[row].finding.rule
        table = self.view.findings
        table.blockSignals(True)
        table.clearSelection()
        for i, item in enumerate(self.items):
            if item.finding.rule == rule and item.finding.severity is Severity.WARNING:
                table.selectionModel().select(
                    table.model().index(i, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        table.blockSignals(False)
        self._finding_selected()

    def open_finding(self, row: int) -> None:
        if 0 <= row < len(self.items):
            f = self.items[row].finding
            if f.record_id is not None:
                self.open_record(f.record_type, f.record_id, f.message)

    def open_record(self, record_type: str, record_id: int, text: str) -> None:
        if record_type == "staff":
            emit(self.ctx.events.open_staff, record_id)
        elif record_type in RECORD_PAGES:
            emit(self.ctx.events.navigate, RECORD_PAGES[record_type],
                 {"ids": {record_id}, "text": tr("仅显示：") + text})

    # ---- indicators
    def show_indicators(self, rows: list[IndicatorResult]) -> None:
        self.indicator_rows = rows
        t = self.view.indicators
        t.setRowCount(len(rows))
        for i, r in enumerate(rows):
            target = "—" if r.target is None else f"{'≥' if r.comparison == '>=' else '≤'} {_num(r.target)}"
            verdict = "—" if r.passed is None else (tr("达标") if r.passed else tr("未达标"))
            cells = [r.name, stage_label(r.stage) if r.stage else "", f"{_num(r.value)} {r.unit}".strip(), target, _num(r.gap), verdict]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col == 5 and r.passed is not None:
                    cell.setForeground(PASS_COLOR if r.passed else ERROR_COLOR)
                if col == 0:
                    cell.setToolTip(r.source)
                t.setItem(i, col, cell)
        t.resizeColumnsToContents()
        self.view.drill.clear()

    def _indicator_selected(self) -> None:
        row = self.view.indicators.currentRow()
        self.view.drill.clear()
        if not 0 <= row < len(self.indicator_rows):
            return
        r = self.indicator_rows[row]
        self.view.drill_title.setText(tr("“{name}”未达标的 {n} 项（双击打开）：").replace("{name}", r.name)
                                      .replace("{n}", str(len(r.failures))))
        for d in r.failures:
            item = QListWidgetItem(f"{d.label}　{d.detail}".strip())
            item.setData(Qt.ItemDataRole.UserRole, (d.record_type, d.record_id))
            self.view.drill.addItem(item)

    def _open_drill(self, item: QListWidgetItem) -> None:
        record_type, record_id = item.data(Qt.ItemDataRole.UserRole)
        self.open_record(record_type, record_id, item.text())
