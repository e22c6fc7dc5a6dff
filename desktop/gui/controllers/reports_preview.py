"""The 报表 page's PDF preview, written and shown part by part (one return at a time).

A mixin of ``ReportsPage``. 预览 PDF asks the worker for part 0 (the first chosen
return, ``services.returns.preview``), shows its pages at once, then asks for the
next part, until the closing 填写说明 pages. Pages render as they scroll into
view (``PdfPreview``). Printing needs the whole document: until the last part has
come, 打印 is disabled and the preview says why; so does the page if it is asked.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.gui.i18n import tr
from desktop.gui.operations import reports as ops
from desktop.gui.operations.shapes import Exported

if TYPE_CHECKING:
    import tempfile

    from desktop.gui.context import AppContext
    from desktop.gui.views.reports_view import ReportsView

WAIT_FOR_WHOLE = "预览还在生成，全部页面生成后才能打印。"


class PreviewParts:
    ctx: AppContext
    view: ReportsView
    _tmp: tempfile.TemporaryDirectory[str]
    preview_parts: list[Path]
    _preview_generation: int

    if TYPE_CHECKING:  # given by ReportsPage
        @property
        def unit_id(self) -> int:
            return 0

        def chosen_returns(self) -> list[str]:
            return []

        def _error(self, exc: BaseException) -> None:
            pass

        def _period_id(self) -> int:
            return 0

    def make_preview(self) -> None:
        codes = self.chosen_returns()
        if not codes:
            self.view.message.setText(tr("请至少勾选一张报表。"))
            return
        self._preview_generation += 1
        generation = self._preview_generation
        folder = Path(self._tmp.name) / f"preview{generation}"
        folder.mkdir(parents=True, exist_ok=True)
        self.preview_parts = []
        self.view.preview.begin(self._progress_text(0, codes))
        self._hold_print(WAIT_FOR_WHOLE)
        self._next_part(generation, codes, folder, 0, None, [])  # part 0: after no part

    @staticmethod
    def _progress_text(done: int, codes: list[str]) -> str:
        return (tr("正在生成预览（{done}/{n}）……已生成的页面可以先看；全部生成后才能打印。")
                .replace("{done}", str(done)).replace("{n}", str(ops.parts_count(codes))))

    def _hold_print(self, reason: str) -> None:
        button = self.view.print_button
        button.setEnabled(not reason)
        button.setToolTip(tr(reason) if reason else "")

    def _next_part(self, generation: int, codes: list[str], folder: Path, index: int,
                   before: ops.PreviewPart | None, failed: list[Any]) -> None:
        db, unit, period = self.ctx.db, self.unit_id, self._period_id()
        target = self.view.target_set.currentData()
        # Part 0's return (for the closing 填写说明) and the returns built ahead travel with the chain.
        self.ctx.taskman.run(
            lambda: ops.preview_part(db, unit, period, codes, index, folder, target, before),
            on_done=lambda part: self._part_ready(generation, codes, folder, part, failed),
            on_error=lambda exc: self._part_failed(generation, exc))

    def _part_ready(self, generation: int, codes: list[str], folder: Path, part: ops.PreviewPart,
                    failed: list[Any]) -> None:
        if generation != self._preview_generation:
            return  # 预览 was pressed again meanwhile: that newer preview is being written
        failed = failed + part.failed
        if part.path is not None:
            self.preview_parts.append(part.path)
            self.view.preview.append_part(part.path)
            if len(self.preview_parts) == 1:
                self.view.tabs.setCurrentWidget(self.view.preview)
        if not part.last:
            self.view.preview.file_label.setText(self._progress_text(part.index + 1, codes))
            self._next_part(generation, codes, folder, part.index + 1, part, failed)
            return
        self.view.preview.finish(str(folder))
        self._hold_print("")
        draft = Exported([], failed).summary()
        if draft:  # the preview is a draft: say why beside it, not only on the paper
            self.view.message.setText(draft)

    def _part_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._preview_generation:
            return
        self.view.preview.file_label.setText(tr("预览没有生成完整，不能打印。请查看上面的提示，处理后再点“预览 PDF”。"))
        self._hold_print("预览没有生成完整，不能打印。请重新点“预览 PDF”。")
        self._error(exc)
