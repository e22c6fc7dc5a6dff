"""The 上报 page: export this unit's package; for offices import, review, 退回 and 汇总.

Every service call runs on the task manager's worker; long ones (export,
import of a folder, consolidation) show the progress dialog. A resubmitted
package is applied only after the clerk saw its changes and said yes.
Package files and folders dropped on the page or the dashboard are imported
(``package_drop``); double-clicking a unit opens its 单位详情 (``unit_review``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QVBoxLayout, QWidget

from desktop.domain.codes import UnitKind, WorkflowState
from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.controllers.package_drop import PackageDropFilter
from desktop.gui.controllers.unit_review import UnitReviewDialog
from desktop.gui.controllers.workflow_panel import WorkflowPanel
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.models.submissions import DashboardModel
from desktop.gui.operations import office, trust
from desktop.gui.operations.shapes import (
    Dashboard,
    ExportResult,
    ImportSummary,
    PackageResult,
    ServiceError,
    UnitReview,
)
from desktop.gui.taskman import Progress
from desktop.gui.views.submit_view import SubmitView


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
        self.board: Dashboard | None = None
        self.last_import: ImportSummary | None = None
        v = self.view
        v.export_button.clicked.connect(self.choose_export_folder)
        v.reply_button.clicked.connect(self.choose_reply)
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
            self.import_reply(path)

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("选择数据包的保存位置"))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        db, year = self.ctx.db, self.year

        def job(progress: Progress) -> Any:
            return office.export_package(db, folder, school_year=year,
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
        self.view.result.setText(tr("已导出：{path}。请把这个文件交给上级教育局（U盘、邮件均可）。")
                                 .replace("{path}", str(result.path)))
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
                    self.import_reply(p)

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
        rows = self.view.table.selectionModel().selectedRows() if self.view.table.selectionModel() else []
        return self.model.row(rows[0].row()).code if rows else None

    def review_selected(self) -> None:
        code = self.selected_code()
        if code:
            self.review_unit(code)

    def review_unit(self, code: str) -> None:
        db, year = self.ctx.db, self.year
        self.ctx.taskman.run(lambda: office.unit_review(db, code, school_year=year), on_done=self.show_review,
                             on_error=lambda e: show_unexpected(e, self))

    def show_review(self, review: UnitReview) -> None:
        self.review = UnitReviewDialog(self.ctx, review, self)
        self.review.show()

    def approve_selected(self) -> None:
        code = self.selected_code()
        if code:
            db, year, actor = self.ctx.db, self.year, self.ctx.actor
            self.ctx.taskman.run(lambda: office.approve_unit(db, code, school_year=year, actor=actor),
                                 on_done=lambda _: self.load(),
                                 on_error=lambda e: show_unexpected(e, self))

    def return_selected(self) -> None:
        code = self.selected_code()
        if not code:
            return
        comment, ok = QInputDialog.getMultiLineText(self, tr("退回"), tr("退回意见（学校导入后可以看到）："))
        if not ok or not comment.strip():
            return
        folder = QFileDialog.getExistingDirectory(self, tr("选择退回文件的保存位置"))
        if folder:
            self.return_unit(code, comment, Path(folder))

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
