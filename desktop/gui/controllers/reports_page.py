"""The 报表 page: choose period, target set and returns; check, explain, mark ready, preview, export, print, sign.

Every service call runs on the task manager's worker (checks and indicators of a
county take a second or two; exports longer, with the progress dialog). A
finding or a failing person/class double-clicked opens its record the way the
overview's drill-downs do (``events.open_staff`` / ``events.navigate``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QListWidgetItem,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.check_rules import rule_label
from desktop.domain.codes import Severity
from desktop.domain.indicators import IndicatorResult
from desktop.domain.indicators.common import stage_label
from desktop.domain.numbers import amount
from desktop.domain.records import PeriodRecord
from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.controllers.explanation_drafts import ExplanationDrafts
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import reports as ops
from desktop.gui.operations.shapes import Actor, CheckedFinding, Exported, ServiceError
from desktop.gui.taskman import Progress
from desktop.gui.views.reports_view import ReportsView

# Which page shows a record type (staff open the person page instead).
RECORD_PAGES = {"class": "classes", "credential": "credentials", "training": "training"}
ERROR_COLOR, WARNING_COLOR, PASS_COLOR = QColor("#b3261e"), QColor("#8a5a00"), QColor("#1e6b34")


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return amount(value, 2)  # half-up, as the returns print it


class ReportsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = ReportsView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.period: PeriodRecord = ctx.period
        self.result: ops.Findings | None = None
        self.items: list[CheckedFinding] = []
        self.indicator_rows: list[IndicatorResult] = []
        self.preview_pdf: Path | None = None
        self.exported: list[Path] = []
        self._tmp = tempfile.TemporaryDirectory(prefix="edureturns-preview-")
        v = self.view
        v.period.currentIndexChanged.connect(self._period_changed)
        v.target_set.currentIndexChanged.connect(lambda _i: self.refresh())
        v.check_button.clicked.connect(self.refresh)
        v.ready_button.clicked.connect(self.mark_ready)
        v.preview_button.clicked.connect(self.make_preview)
        v.export_button.clicked.connect(self.choose_export_folder)
        v.print_button.clicked.connect(self.choose_printer)
        v.sign_button.clicked.connect(self.sign)
        v.open_folder.clicked.connect(self.open_export_folder)
        v.findings.itemSelectionChanged.connect(self._finding_selected)
        v.findings.cellDoubleClicked.connect(lambda row, _c: self.open_finding(row))
        v.open_record.clicked.connect(lambda: self.open_finding(v.findings.currentRow()))
        v.save_explanation.clicked.connect(self.save_explanation)
        v.select_same_rule.clicked.connect(self.select_same_rule)
        v.indicators.itemSelectionChanged.connect(self._indicator_selected)
        v.drill.itemDoubleClicked.connect(self._open_drill)
        self.drafts = ExplanationDrafts(self)  # after _finding_selected, which fills the editor first

    @property
    def actor(self) -> Actor:
        return self.ctx.actor

    @property
    def unit_id(self) -> int:
        return self.ctx.unit.id

    def _error(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            self.view.message.setText(exc.message)
        else:
            show_unexpected(exc, self)

    # ---- choices
    def load(self) -> None:
        db, unit, period = self.ctx.db, self.unit_id, self.period.id
        self.ctx.taskman.run(lambda: ops.load_choices(db, unit, period), on_done=self.show_choices,
                             on_error=self._error)

    def show_choices(self, choices: ops.Choices) -> None:
        v = self.view
        for combo in (v.period, v.target_set):
            combo.blockSignals(True)
            combo.clear()
        for p in choices.periods:
            v.period.addItem(p.label, p)
        v.period.setCurrentIndex(max(0, v.period.findText(self.period.label)))
        for t in choices.target_sets:
            v.target_set.addItem(t.name, t.code)
        v.target_set.setCurrentIndex(max(0, v.target_set.findData(choices.chosen_target_set)))
        for combo in (v.period, v.target_set):
            combo.blockSignals(False)
        v.returns.clear()
        for r in choices.returns:
            item = QListWidgetItem(f"{r.table_no}　{r.title}")
            item.setToolTip(f"{r.table_no}　{r.title}")
            item.setData(Qt.ItemDataRole.UserRole, r.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            v.returns.addItem(item)
        self.refresh()

    def _period_changed(self, _index: int) -> None:
        period = self.view.period.currentData()
        if period is not None:
            self.period = period
            self.refresh()

    def chosen_returns(self) -> list[str]:
        out = []
        for i in range(self.view.returns.count()):
            item = self.view.returns.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_returns(self, codes: list[str]) -> None:
        for i in range(self.view.returns.count()):
            item = self.view.returns.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def chosen_formats(self) -> list[str]:
        return [f for f, box in (("xlsx", self.view.want_xlsx), ("pdf", self.view.want_pdf)) if box.isChecked()]

    # ---- checks and indicators
    def refresh(self) -> None:
        db, unit, period = self.ctx.db, self.unit_id, self.period.id
        code = self.view.target_set.currentData()
        self.ctx.taskman.run(lambda: ops.load_findings(db, unit, period, code), on_done=self.show_findings,
                             on_error=self._error)

    def show_findings(self, result: ops.Findings) -> None:
        self.result = result
        res = result.checks
        self.items = sorted(res.items, key=lambda i: (i.finding.severity is not Severity.ERROR, i.finding.rule))
        t = self.view.findings
        t.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            f = item.finding
            error = f.severity is Severity.ERROR
            cells = [tr("错误") if error else tr("警告"), checks_label(f.rule), f.message,
                     item.explanation or ("" if error else tr("（未填写）"))]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if col == 0:
                    cell.setForeground(ERROR_COLOR if error else WARNING_COLOR)
                t.setItem(row, col, cell)
        t.resizeColumnsToContents()
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

    def save_explanation(self) -> None:
        chosen = self.chosen_warnings()
        if not chosen:
            self.view.message.setText(tr("请先在上面的列表中选中一条或多条警告，再填写说明。"))
            return
        text = self.view.explanation.toPlainText()
        db, unit, period = self.ctx.db, self.unit_id, self.period.id
        pairs = [(c.finding.rule, c.record_key) for c in chosen]
        actor = self.actor.username
        self.ctx.taskman.run(
            lambda: ops.set_explanations(db, unit, period, pairs, text, actor),
            on_done=lambda n: self._done_then_refresh(
                tr("已为 {n} 条警告保存填写说明，会打印在报表上。").replace("{n}", str(n))),
            on_error=self._error)

    def _done_then_refresh(self, message: str) -> None:
        self.view.message.setText(message)
        self.refresh()

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

    # ---- ready
    def mark_ready(self) -> None:
        db, unit, period = self.ctx.db, self.unit_id, self.period.id
        self.ctx.taskman.run(lambda: ops.mark_ready(db, unit, period, actor=self.actor.username),
                             on_done=lambda _r: self._done_then_refresh(tr("已标记为可上报。")),
                             on_error=self._error)

    # ---- preview, export, print, sign
    def make_preview(self) -> None:
        codes = self.chosen_returns()
        if not codes:
            self.view.message.setText(tr("请至少勾选一张报表。"))
            return
        folder = Path(self._tmp.name)
        db, unit, period, target = self.ctx.db, self.unit_id, self.period.id, self.view.target_set.currentData()
        self.ctx.taskman.run(
            lambda: ops.export(db, unit, period, codes, ["pdf"], folder, target, lambda *_a: None),
            on_done=lambda done: self.show_preview(done.paths[0], done.summary()), on_error=self._error)

    def show_preview(self, path: Path, draft: str = "") -> None:
        if draft:  # the preview is a draft: say why beside it, not only on the paper
            self.view.message.setText(draft)
        self.preview_pdf = path
        self.view.preview.load(path)
        self.view.tabs.setCurrentWidget(self.view.preview)

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("选择报表的保存位置"))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        codes, formats = self.chosen_returns(), self.chosen_formats()
        if not codes or not formats:
            self.view.message.setText(tr("请至少勾选一张报表和一种导出格式。"))
            return
        db, unit, period, target = self.ctx.db, self.unit_id, self.period.id, self.view.target_set.currentData()

        def job(progress: Progress) -> Exported:
            return ops.export(db, unit, period, codes, formats, folder, target, progress.report)

        self.ctx.taskman.run_long(job, title=tr("正在导出报表…"), parent=self, cancellable=False,
                                  on_done=lambda done: self.exported_to(folder, done), on_error=self._error)

    def exported_to(self, folder: Path, done: Exported) -> None:
        paths = done.paths
        self.exported = paths
        names = "、".join(p.name for p in paths)
        text = (tr("已导出 {n} 个文件：{names}。保存在文件夹 {folder}").replace("{n}", str(len(paths)))
                .replace("{names}", names).replace("{folder}", str(folder)))
        if done.is_draft:  # the files exist, but as drafts: say so first, with the failed relation
            text = done.summary() + "\n" + text
        self.view.message.setText(text)
        self.view.message.setToolTip(str(folder))
        self.view.open_folder.show()

    def open_export_folder(self) -> None:
        if self.exported:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported[0].parent)))

    def choose_printer(self) -> None:
        if self.preview_pdf is None:
            self.view.message.setText(tr("请先点“预览 PDF”生成要打印的报表，再打印。"))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("打印报表"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print the previewed PDF; gives the number of pages sent."""
        if self.view.preview.doc is None:
            raise RuntimeError("nothing previewed")
        from PySide6.QtGui import QPageLayout, QPageSize

        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        pages = self.view.preview.doc.print_to(printer)
        self.view.message.setText(tr("已送出打印：{n} 页。").replace("{n}", str(pages)))
        return pages

    def exported_pdf(self) -> Path | None:
        return next((p for p in self.exported if p.suffix == ".pdf" and not p.stem.endswith("_已签名")), None)

    def sign(self) -> None:
        """Sign the exported PDF with the unit's certificate (made or imported under 设置 → 签名证书)."""
        if not ops.certificate_configured(self.ctx.db):
            self.view.message.setText(tr(
                "还没有配置本单位的签名证书，不能签名。请管理员到“设置 → 签名证书”中创建或导入证书，然后再点“签名”。"))
            return
        pdf = self.exported_pdf()
        if pdf is None:
            self.view.message.setText(tr("请先勾选 PDF 格式并导出报表，再对导出的 PDF 签名。"))
            return
        password, ok = QInputDialog.getText(self, tr("签名"), tr("请输入签名证书的密码："),
                                            QLineEdit.EchoMode.Password)
        if ok:
            self.sign_into(pdf, password)

    def sign_into(self, pdf: Path, password: str) -> None:
        db, actor = self.ctx.db, self.actor
        self.ctx.taskman.run(lambda: ops.sign(db, actor, pdf, password), on_done=self.signed, on_error=self._error)

    def signed(self, path: Path) -> None:
        self.exported.append(path)
        self.view.message.setText(tr("已签名：{path}").replace("{path}", str(path)))


def checks_label(rule: str) -> str:
    return rule_label(rule)

