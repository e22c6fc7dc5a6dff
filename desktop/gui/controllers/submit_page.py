"""The 上报 page: export this unit's package; for offices import, review, 退回 and 汇总.

Every service call runs on the task manager's worker; long ones (export,
import of a folder, consolidation) show the progress dialog. A resubmitted
package is applied only after the clerk saw its changes and said yes.
Package files and folders dropped on the page or the dashboard are imported
(``package_drop``); double-clicking a unit opens its 单位详情 (``unit_review``).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QVBoxLayout, QWidget

from desktop.domain.codes import UnitKind, WorkflowState
from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.controllers.bulk_return import BulkReturnDialog
from desktop.gui.controllers.completeness_panel import CompletenessPanel
from desktop.gui.controllers.package_drop import PackageDropFilter
from desktop.gui.controllers.unit_review import UnitReviewDialog
from desktop.gui.controllers.workflow_panel import WorkflowPanel
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.models.submissions import DashboardModel
from desktop.gui.operations import office, trust
from desktop.gui.operations.shapes import (
    BulkOutcome,
    Dashboard,
    ExportResult,
    ImportSummary,
    PackageResult,
    ReceiptState,
    Resubmission,
    ServiceError,
    UnitReview,
)
from desktop.gui.taskman import Progress
from desktop.gui.views.submit_view import SubmitView

log = logging.getLogger(__name__)


class SubmitPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.is_office = ctx.unit.kind != UnitKind.SCHOOL.value
        self.view = SubmitView(office=self.is_office, parent=self)
        self.view.send_rule.setText(tr(office.SEND_RULE))  # the same rule the export keeps
        self.model = DashboardModel(self)
        self.view.table.setModel(self.model)
        for i, col in enumerate(self.model.columns):
            self.view.table.setColumnWidth(i, col.width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.insertWidget(0, WorkflowPanel(ctx, self))  # 提交/审核通过/退回/解锁 (workflow_panel.py)
        self.completeness = CompletenessPanel(ctx, self)
        if self.is_office:
            self.view.tabs.addTab(self.completeness, tr("及时性与完整性"))
        else:  # a school has no units below: neither the panel nor the tabs are shown
            self.completeness.hide()
            self.view.tabs.hide()
        self.bulk: BulkReturnDialog | None = None
        self.receipt: ReceiptState | None = None
        self.opened_receipt: Path | None = None
        self.opener: Callable[[QUrl], object] = QDesktopServices.openUrl  # the system PDF viewer
        self.board: Dashboard | None = None
        self.last_import: ImportSummary | None = None
        v = self.view
        v.export_button.clicked.connect(self.choose_export_folder)
        v.reply_button.clicked.connect(self.choose_reply)
        v.receipt_button.clicked.connect(self.choose_receipt)
        v.receipt_open.clicked.connect(self.open_receipt)
        v.receipt_open.setEnabled(False)
        v.import_files.clicked.connect(self.choose_files)
        v.import_folder.clicked.connect(self.choose_folder)
        v.approve_button.clicked.connect(self.approve_selected)
        v.return_button.clicked.connect(self.return_selected)
        # Only those who may approve or return see the buttons; the service checks the role again.
        v.approve_button.setVisible(trust.may(ctx.actor, "approve"))
        v.return_button.setVisible(trust.may(ctx.actor, "return"))
        v.consolidate_button.clicked.connect(self.choose_consolidation_folder)
        self.pending_replace: list[Path] = []  # resubmissions waiting for 替换 / 不替换
        v.replace_button.clicked.connect(self.replace_pending)
        v.keep_button.clicked.connect(self.keep_pending)
        v.detail_button.clicked.connect(self.review_selected)
        v.receipts_button.clicked.connect(self.choose_receipts_folder)
        v.table.doubleClicked.connect(lambda index: self.review_unit(self.model.row(index.row()).code))
        self.review: UnitReviewDialog | None = None
        # Packages and folders dropped on the page or on the dashboard table start the import.
        self.drop_filter = PackageDropFilter(self.dropped, self)
        for target in (self, v.table.viewport()):
            target.setAcceptDrops(True)
            target.installEventFilter(self.drop_filter)

    @property
    def year(self) -> int:
        return self.ctx.period.school_year

    def load(self) -> None:
        db, year = self.ctx.db, self.year
        self.ctx.taskman.run(lambda: office.reporting_state(db, school_year=year), on_done=self.show_state,
                             on_error=lambda e: show_unexpected(e, self))
        if self.is_office:
            self.ctx.taskman.run(lambda: office.dashboard(db, school_year=year), on_done=self.show_board,
                                 on_error=lambda e: show_unexpected(e, self))
            self.completeness.load()
        else:
            self.ctx.taskman.run(lambda: office.receipt_state(db, school_year=year), on_done=self.show_receipt,
                                 on_error=lambda e: show_unexpected(e, self))

    def show_receipt(self, state: ReceiptState | None) -> None:
        """The school's line "已收到（县教育局，时间）" once the office's signed receipt is imported."""
        self.receipt = state
        self.view.receipt_open.setEnabled(state is not None)
        if state is None:
            self.view.receipt.setText("")
            return
        counts = state.counts
        text = (tr(state.label) + tr("：数据包 {file}，教职工 {s} 人，培训记录 {t} 条，警告 {w} 条。回执编号 {no}。")
                .replace("{file}", state.package_file).replace("{s}", str(counts.get("staff", 0)))
                .replace("{t}", str(counts.get("training", 0))).replace("{w}", str(state.warnings))
                .replace("{no}", state.receipt_no))
        if not state.current:
            text += tr("（这是较早一次上报的回执；最近导出的数据包尚未收到回执。）")
        self.view.receipt.setText(text)

    def show_pdf(self, path: Path) -> None:
        self.opened_receipt = path
        self.opener(QUrl.fromLocalFile(str(path)))

    def choose_receipt(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择教育局的回执文件"), "", tr("数据包 (*.erp)"))
        if path:
            self.import_receipt(Path(path))

    def import_receipt(self, path: Path) -> None:
        db = self.ctx.db
        self.ctx.taskman.run(lambda: office.import_receipt(db, path), on_done=lambda r: self.done_with(r.message),
                             on_error=lambda e: show_unexpected(e, self))

    def open_receipt(self) -> None:
        db, year = self.ctx.db, self.year
        folder = Path(tempfile.mkdtemp(prefix="edureturns-receipt-"))
        self.ctx.taskman.run(lambda: office.receipt_pdf(db, folder, school_year=year),
                             on_done=self.show_pdf,
                             on_error=lambda e: show_unexpected(e, self))

    def show_state(self, state: tuple[str, str | None]) -> None:
        code, comment = state
        self.view.state.setText(tr("本单位 {period} 填报状态：{state}").replace("{period}", self.ctx.period.label)
                                .replace("{state}", tr(WorkflowState.label_of(code))))
        self.view.comment.setText(tr("上级退回意见：") + comment if comment else "")

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        self.model.set_rows(list(board.rows))
        self.view.summary.setText(
            tr("应报 {n} 个，已接收 {r}，已审核 {a}，已退回 {b}，未报送 {m}，逾期 {l}。")
            .replace("{n}", str(len(board.rows))).replace("{r}", str(board.count("received")))
            .replace("{a}", str(board.count("approved"))).replace("{b}", str(board.count("returned")))
            .replace("{m}", str(board.count("missing"))).replace("{l}", str(len(board.late_rows))))

    # ---- this unit's own package
    def preview_package(self, path: Path) -> None:
        """A package opened from outside (double-click, ``--import``): an office verifies and
        imports it (a resubmission shows its diff first); a school takes it as a 退回 reply."""
        if self.is_office:
            self.import_paths([path])
        else:
            self.import_from_office(path)

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("选择数据包的保存位置"))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        db, year, who = self.ctx.db, self.year, self.ctx.actor.username

        def job(progress: Progress) -> Any:
            return office.export_package(db, folder, school_year=year, actor=who,
                                           progress=lambda text, f: progress.report(int(f * 100), 100, text))

        self.view.result.setStyleSheet("")
        self.view.result.setMinimumHeight(0)
        self.ctx.taskman.run_long(job, title=tr("正在导出上报数据包…"), parent=self, cancellable=False,
                                  on_done=self.exported, on_error=self.export_refused)

    def export_refused(self, exc: BaseException) -> None:
        """A refusal (errors, unexplained warnings, a file in use) is said on the page, under the rule."""
        if not isinstance(exc, ServiceError):
            show_unexpected(exc, self)
            return
        label = self.view.result
        label.setStyleSheet("color: #b42318;")
        label.setText(exc.message)
        label.setMinimumHeight(label.heightForWidth(max(label.width(), 600)))  # a long sentence wraps unclipped

    def exported(self, result: ExportResult) -> None:
        label = self.view.result
        label.setText(tr("已导出：{path}。请把这个文件交给上级教育局（U盘、邮件均可）。")
                      .replace("{path}", str(result.path)) + (f"\n{result.notice}" if result.notice else ""))
        if result.notice:  # the key was made on this PC (server): where it lives and how to move it, unclipped
            label.setMinimumHeight(label.heightForWidth(max(label.width(), 600)))
        self.load()
        emit(self.ctx.events.workflow_changed)  # the 审核流程 box says 已提交 too, not still 草稿

    def choose_reply(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择退回意见文件"), "", tr("数据包 (*.erp)"))
        if path:
            self.import_reply(Path(path))

    def import_reply(self, path: Path) -> None:
        db = self.ctx.db
        self.ctx.taskman.run(lambda: office.import_reply(db, path), on_done=lambda r: self.done_with(r.message),
                             on_error=lambda e: show_unexpected(e, self))

    def done_with(self, message: str) -> None:
        self.view.result.setText(message)
        self.load()
        emit(self.ctx.events.workflow_changed)  # a 退回 reply or a review changes the state the panel shows

    def dropped(self, paths: list[Path]) -> None:
        if self.is_office:
            self.import_paths(paths)
        else:
            for p in paths:
                if p.is_file():
                    self.import_from_office(p)

    def import_from_office(self, path: Path) -> None:
        """A file from the office: its receipt (回执) or a 退回 reply, whichever the file says it is."""
        db = self.ctx.db
        self.ctx.taskman.run(lambda: office.import_from_office(db, path), on_done=self.done_with,
                             on_error=lambda e: show_unexpected(e, self))

    # ---- office: import, review, 退回, 汇总
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("选择下级单位的数据包"), "", tr("数据包 (*.erp)"))
        if paths:
            self.import_paths([Path(p) for p in paths])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("选择存放数据包的文件夹"))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path], *, confirm: bool = False) -> None:
        db, year = self.ctx.db, self.year

        def job(progress: Progress) -> ImportSummary:
            return office.import_packages(db, paths, school_year=year, confirm=confirm,
                                            progress=lambda text, f: progress.report(int(f * 100), 100, text))

        self.ctx.taskman.run_long(job, title=tr("正在导入数据包…"), parent=self, cancellable=False,
                                  on_done=lambda s: self.imported(s, paths),
                                  on_error=lambda e: show_unexpected(e, self))

    def imported(self, summary: ImportSummary, paths: list[Path]) -> None:
        self.last_import = summary
        self.view.result.setText("\n".join(summary.lines()))
        self.load()
        if any(r.status in ("imported", "replaced") for r in summary.results):
            db, unit, period = self.ctx.db, self.ctx.unit.id, self.ctx.period.id
            self.ctx.taskman.run_background(lambda: office.warm_indicators(db, unit, period),
                                            on_error=lambda e: log.warning("indicators after the import: %s", e))  # 报表 computes them
        pending = [r for r in summary.results if r.status == "needs_confirm"]
        if pending:
            self.ask_replace(pending)

    def ask_replace(self, pending: list[PackageResult]) -> None:
        """A resubmission: its changes on the page, and the choice beside them (no blocking box)."""
        self.pending_replace = [r.path for r in pending]
        text = "\n\n".join(f"{r.unit_name}：\n" + "\n".join(r.diff.lines() if r.diff else []) for r in pending)
        self.view.resubmit_text.setText(tr("以下单位重新报送了数据包，替换前请核对变化：") + "\n\n" + text + "\n\n"
                                        + tr("核对无误后点击“用新数据包替换”；不替换则保留原来接收的数据。"))
        self.view.resubmit_box.show()

    def replace_pending(self) -> None:
        paths, self.pending_replace = self.pending_replace, []
        self.view.resubmit_box.hide()
        if paths:
            self.import_paths(paths, confirm=True)

    def keep_pending(self) -> None:
        self.pending_replace = []
        self.view.resubmit_box.hide()
        self.view.result.setText(tr("没有替换：仍保留原来接收的数据包。"))

    def selected_code(self) -> str | None:
        codes = self.selected_codes()
        return codes[0] if codes else None

    def selected_codes(self) -> list[str]:
        rows = self.view.table.selectionModel().selectedRows() if self.view.table.selectionModel() else []
        return [self.model.row(r.row()).code for r in sorted(rows, key=lambda r: r.row())]

    def review_selected(self) -> None:
        code = self.selected_code()
        if code:
            self.review_unit(code)

    def review_unit(self, code: str) -> None:
        db, year = self.ctx.db, self.year
        self.ctx.taskman.run(lambda: (office.unit_review(db, code, school_year=year),
                                      office.resubmission(db, code, school_year=year)), on_done=self.show_review,
                             on_error=lambda e: show_unexpected(e, self))

    def show_review(self, found: tuple[UnitReview, Resubmission | None]) -> None:
        review, changes = found
        self.review = UnitReviewDialog(self.ctx, review, self, changes=changes)
        self.review.show()

    def choose_receipts_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("选择回执的保存位置"))
        if folder:
            self.export_receipts(Path(folder))

    def export_receipts(self, folder: Path) -> None:
        """The signed receipts (回执) of the selected units' packages, or of every unit's, into ``folder``."""
        db, year, codes = self.ctx.db, self.year, self.selected_codes() or None
        self.ctx.taskman.run(lambda: office.export_receipts(db, folder, codes=codes, school_year=year),
                             on_done=lambda paths: self.done_with(
                                 tr("已写出 {n} 份回执到 {dir}，请发给各单位导入（也可打印其中的 PDF）。")
                                 .replace("{n}", str(len(paths))).replace("{dir}", str(folder))),
                             on_error=lambda e: show_unexpected(e, self))

    def approve_selected(self) -> None:
        codes = self.selected_codes()
        if codes:
            self.approve_units(codes)

    def approve_units(self, codes: list[str]) -> None:
        db, year, actor = self.ctx.db, self.year, self.ctx.actor
        self.ctx.taskman.run(lambda: office.approve_units(db, codes, school_year=year, actor=actor),
                             on_done=lambda out: self.bulk_done(tr("审核通过"), out),
                             on_error=lambda e: show_unexpected(e, self))

    def bulk_done(self, what: str, outcomes: list[BulkOutcome]) -> None:
        names = {r.code: r.name for r in self.model.all_rows()}
        ok = sum(1 for o in outcomes if o.ok)
        lines = [tr("{what}：成功 {ok} 个，未成功 {no} 个。").replace("{what}", what).replace("{ok}", str(ok))
                 .replace("{no}", str(len(outcomes) - ok))]
        lines += [f"{names.get(o.code, o.code)}：{o.message}" for o in outcomes if not o.ok]
        self.done_with("\n".join(lines))

    def return_selected(self) -> None:
        codes = self.selected_codes()
        if not codes:
            return
        names = {r.code: r.name for r in self.model.all_rows()}
        db = self.ctx.db
        self.ctx.taskman.run(lambda: office.comment_templates(db),
                             on_done=lambda t: self.ask_return(codes, [names.get(c, c) for c in codes], t),
                             on_error=lambda e: show_unexpected(e, self))

    def ask_return(self, codes: list[str], names: list[str], templates: list[str]) -> None:
        self.bulk = BulkReturnDialog(self.ctx, names, templates, self)
        if self.bulk.exec() != BulkReturnDialog.DialogCode.Accepted:
            return
        folder = QFileDialog.getExistingDirectory(self, tr("选择退回文件的保存位置"))
        if folder:
            self.return_units(codes, self.bulk.chosen(), self.bulk.text.toPlainText(), Path(folder))

    def return_units(self, codes: list[str], templates: list[str], text: str, folder: Path) -> None:
        db, year, actor = self.ctx.db, self.year, self.ctx.actor
        self.ctx.taskman.run(lambda: office.return_units(db, codes, folder, templates=templates, text=text,
                                                         school_year=year, actor=actor),
                             on_done=lambda out: self.bulk_done(tr("退回（退回文件在 {dir}）").replace("{dir}", str(folder)), out),
                             on_error=lambda e: show_unexpected(e, self))

    def return_unit(self, code: str, comment: str, folder: Path) -> None:
        db, year, actor = self.ctx.db, self.year, self.ctx.actor
        self.ctx.taskman.run(lambda: office.return_unit(db, code, comment, folder, school_year=year, actor=actor),
                             on_done=lambda p: self.done_with(tr("已退回，请把退回文件发给该单位：") + str(p)),
                             on_error=lambda e: show_unexpected(e, self))

    def choose_consolidation_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("选择汇总报表的保存位置"))
        if folder:
            self.consolidate(Path(folder))

    def consolidate(self, folder: Path) -> None:
        db, year = self.ctx.db, self.year
        self.ctx.taskman.run_long(lambda _p: office.consolidate(db, school_year=year, out_dir=folder),
                                  title=tr("正在汇总…"), parent=self, cancellable=False,
                                  on_done=lambda c: self.view.result.setText(
                                      tr("已汇总 {n} 所学校，报表已保存到：").replace("{n}", str(c.schools))
                                      + "；".join(str(p) for p in c.files)),
                                  on_error=lambda e: show_unexpected(e, self))
