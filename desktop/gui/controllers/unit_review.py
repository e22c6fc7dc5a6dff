"""The 单位详情 dialog: a received unit's findings with 填写说明, fingerprints, its PDF returns.

Opened from the dashboard (double-click a unit, or 查看单位详情). The PDFs are
read out of the kept package on the task manager's worker into a temporary
folder and opened with the system's PDF viewer.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from desktop.domain.codes import Severity
from desktop.gui.context import AppContext
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import office
from desktop.gui.operations.shapes import Resubmission, UnitReview
from desktop.gui.views.unit_review_view import UnitReviewView


class UnitReviewDialog(UnitReviewView):
    def __init__(self, ctx: AppContext, review: UnitReview, parent: QWidget | None = None, *,
                 changes: Resubmission | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.review = review
        self.resubmission = changes
        self.opened: list[Path] = []
        # How a PDF is shown; the system viewer by default.
        self.opener: Callable[[QUrl], object] = QDesktopServices.openUrl
        self._folder = tempfile.TemporaryDirectory(prefix="edureturns-returns-")
        self.finished.connect(lambda _r: self._folder.cleanup())
        self.fill()
        self.open_pdf.clicked.connect(self.open_returns)

    def fill(self) -> None:
        r = self.review
        self.heading.setText(f"{r.code} {r.name}")
        if r.received:
            self.status.setText(tr("{year}学年 已接收数据包 {file}：错误 {e} 个，警告 {w} 个。")
                                .replace("{year}", str(r.school_year)).replace("{file}", r.file_name or "")
                                .replace("{e}", str(r.errors)).replace("{w}", str(r.warnings)))
        else:
            self.status.setText(tr("{year}学年 还没有收到该单位的数据包。").replace("{year}", str(r.school_year)))
        self.key.setText(tr("签名密钥指纹：") + (r.key_fingerprint or tr("尚未记录（收到第一个签名数据包时记录）")))
        self.findings.setRowCount(len(r.findings))
        for i, f in enumerate(r.findings):
            label = tr(Severity(f.severity).label) if f.severity in {s.value for s in Severity} else f.severity
            for col, text in enumerate((label, f.message, f.explanation or tr("（未填写）"))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.findings.setItem(i, col, item)
        self.findings.resizeRowsToContents()
        self.fingerprints.setRowCount(len(r.fingerprints))
        for i, (code, digest) in enumerate(r.fingerprints):
            self.fingerprints.setItem(i, 0, QTableWidgetItem(code))
            self.fingerprints.setItem(i, 1, QTableWidgetItem(digest))
        self.fill_changes()
        self.open_pdf.setEnabled(r.package is not None)
        if r.received and r.package is None:
            self.message.setText(tr("本机没有保存该单位的数据包文件，重新导入后可打开其报表。"))

    def fill_changes(self) -> None:
        """Only what changed since the version it replaced, field by field, with the office's 退回意见 beside it."""
        c = self.resubmission
        if c is None:
            return
        self.changes_box.show()
        title = tr("重新报送：与被退回的版本（{file}）相比的变化") if c.returned \
            else tr("重新报送：与上次接收的版本（{file}）相比的变化")
        self.changes_title.setText(title.replace("{file}", c.since))
        self.changes.setRowCount(len(c.fields))
        for i, values in enumerate(c.fields):
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.changes.setItem(i, col, item)
        self.changes.resizeColumnsToContents()
        others = [line for line in c.lines if "的信息有修改" not in line]
        self.change_lines.setText("；".join(others) if c.fields or others else tr("与上次相比没有变化。"))
        if c.comments:
            self.comments.setText(tr("本局的退回意见：") + "\n\n" + "\n\n".join(f"{at}\n{text}" for at, text in c.comments))
        else:
            self.comments.setText(tr("本局没有退回过这一版本（学校主动重新报送）。"))

    def open_returns(self) -> None:
        review, folder = self.review, Path(self._folder.name)
        self.ctx.taskman.run(lambda: office.extract_return_pdfs(review, folder), on_done=self.show_pdfs,
                             on_error=lambda e: show_unexpected(e, self))

    def show_pdfs(self, paths: list[Path]) -> None:
        self.opened = list(paths)
        for p in paths:
            self.opener(QUrl.fromLocalFile(str(p)))
        self.message.setText(tr("已打开 {n} 个 PDF 报表。").replace("{n}", str(len(paths))))
