"""The 报表 page: choose period, target set and returns; check, explain, mark ready, preview, export, print, sign.

Every service call runs on the task manager's worker (checks and indicators of a
county take a second or two; exports longer, with the progress dialog). A
finding or a failing person/class double-clicked opens its record the way the
overview's drill-downs do (``events.open_staff`` / ``events.navigate``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.indicators import IndicatorResult
from desktop.domain.records import PeriodRecord
from desktop.gui.context import AppContext
from desktop.gui.controllers.explanation_drafts import ExplanationDrafts
from desktop.gui.controllers.reports_findings import FindingsTabs
from desktop.gui.controllers.reports_preview import WAIT_FOR_WHOLE, PreviewParts
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import reports as ops
from desktop.gui.operations.shapes import Actor, CheckedFinding, Exported, ServiceError
from desktop.gui.taskman import Progress
from desktop.gui.views.reports_view import ReportsView


class ReportsPage(QWidget, FindingsTabs, PreviewParts):
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
        self.preview_parts: list[Path] = []  # the preview's files, in order (reports_preview)
        self._preview_generation = 0
        self.exported: list[Path] = []
        # On Windows a preview part still open in the viewer cannot be deleted when the page goes;
        # the folder is then left to the system's temporary-file clean-up instead of raising.
        self._tmp = tempfile.TemporaryDirectory(prefix="edureturns-preview-", ignore_cleanup_errors=True)
        v = self.view
        v.period.currentIndexChanged.connect(self._period_changed)
        v.target_set.currentIndexChanged.connect(lambda _i: self.refresh())
        v.check_button.clicked.connect(lambda: self.refresh(force=True))
        self._generation = 0  # the newest refresh: an older one's result arriving late is dropped
        self.computing = False
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

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the page: check the findings against the data (a stamp, unless it changed)."""
        super().showEvent(event)
        if self.result is not None and not self.computing:
            self.refresh()

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
        # The PDF writer and its font load while the clerk looks at the page, not after 预览 PDF.
        self.ctx.taskman.run_background(ops.warm_up_pdf)

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
    def refresh(self, force: bool = False) -> None:
        """Show the cached findings at once; compute them in the background only if the data changed.

        The page stays usable meanwhile (the computation runs beside the database worker);
        ``force`` (重新检查) computes even when the data stamp is unchanged.
        """
        db, unit, period = self.ctx.db, self.unit_id, self.period.id
        code = self.view.target_set.currentData()
        cached = None if force else ops.cached_findings(db, unit, period, code)
        if cached is not None:
            if self.result is not cached.findings:  # coming back to the same findings: nothing to redraw
                self.show_findings(cached.findings)
            self.view.freshness.setText(tr("显示的是上次检查的结果，正在核对数据是否有改动……"))
        else:
            self.view.freshness.setText(tr("正在检查数据、计算指标，请稍候；其间可以先勾选报表、预览或导出。"))
        self._generation += 1
        generation, self.computing = self._generation, True
        self.ctx.taskman.run_background(lambda: ops.refresh_findings(db, unit, period, code, force),
                                        on_done=lambda done: self._refreshed(generation, *done),
                                        on_error=lambda exc: self._refresh_failed(generation, exc))

    def _refreshed(self, generation: int, keyed: ops.Keyed, computed: bool) -> None:
        if generation != self._generation:
            return  # a newer refresh (another period or target set) is on its way
        self.computing = False
        if computed or self.result is not keyed.findings:
            self.show_findings(keyed.findings)
        self.view.freshness.setText(tr("检查结果已更新。") if computed else tr("数据没有改动，检查结果仍然有效。"))

    def _refresh_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.computing = False
            self.view.freshness.clear()
            self._error(exc)

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

    # ---- ready
    def mark_ready(self) -> None:
        db, unit, period = self.ctx.db, self.unit_id, self.period.id
        self.ctx.taskman.run(lambda: ops.mark_ready(db, unit, period, actor=self.actor.username),
                             on_done=lambda _r: self._done_then_refresh(tr("已标记为可上报。")),
                             on_error=self._error)

    # ---- preview, export, print, sign
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

    def _period_id(self) -> int:
        return self.period.id

    def choose_printer(self) -> None:
        if self.view.preview.doc is None:
            self.view.message.setText(tr("请先点“预览 PDF”生成要打印的报表，再打印。"))
            return
        if not self.view.preview.complete:
            self.view.message.setText(tr(WAIT_FOR_WHOLE))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("打印报表"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print the previewed PDF; gives the number of pages sent."""
        if self.view.preview.doc is None or not self.view.preview.complete:
            raise RuntimeError("nothing previewed, or the preview is still being written")
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

