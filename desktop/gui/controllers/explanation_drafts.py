"""Drafted 填写说明 on the 报表 page: select one year-over-year warning that has no explanation yet,
and the editor fills with the draft the app wrote from the year's records; the records it names
are listed under it and open on double-click. The clerk edits the text and saves it as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from desktop.gui.i18n import tr
from desktop.gui.operations import reports as ops
from desktop.gui.operations.shapes import DraftExplanation

if TYPE_CHECKING:
    from desktop.gui.controllers.reports_page import ReportsPage

YOY_PREFIXES = ("yoy.", "plaus.")  # rules whose warnings may compare with last year


class ExplanationDrafts:
    def __init__(self, page: ReportsPage) -> None:
        self.page = page
        self.asked: tuple[str, str] | None = None  # the warning whose draft is being written
        v = page.view
        v.findings.itemSelectionChanged.connect(self.selection_changed)
        v.draft_records.itemDoubleClicked.connect(self.open_record)

    def _clear(self) -> None:
        v = self.page.view
        v.draft_records.clear()
        v.draft_title.hide()
        v.draft_records.hide()

    def selection_changed(self) -> None:
        self._clear()
        chosen = self.page.chosen_warnings()
        if len(chosen) != 1 or chosen[0].explanation or not chosen[0].finding.rule.startswith(YOY_PREFIXES):
            self.asked = None
            return
        item = chosen[0]
        key = (item.finding.rule, item.record_key)
        self.asked = key
        db, unit, period = self.page.ctx.db, self.page.unit_id, self.page.period.id
        self.page.ctx.taskman.run(lambda: ops.draft_explanation(db, unit, period, *key),
                                  on_done=lambda d: self.show(key, d), on_error=self.page._error)

    def show(self, key: tuple[str, str], draft: DraftExplanation | None) -> None:
        v = self.page.view
        if draft is None or key != self.asked or v.explanation.toPlainText().strip():
            return  # another warning was chosen meanwhile, or the clerk has started typing
        v.explanation.setPlainText(draft.text)
        self.page.view.message.setText(tr("已根据本年的记录起草填写说明，请核对、修改后保存。"))
        if draft.records:
            for r in draft.records:
                entry = QListWidgetItem(r.label)
                entry.setData(Qt.ItemDataRole.UserRole, (r.record_type, r.record_id))
                v.draft_records.addItem(entry)
            v.draft_title.show()
            v.draft_records.show()

    def open_record(self, entry: QListWidgetItem) -> None:
        record_type, record_id = entry.data(Qt.ItemDataRole.UserRole)
        self.page.open_record(record_type, record_id, entry.text())
