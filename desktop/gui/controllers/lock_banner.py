"""Read-only table pages while the unit's period is approved (已审核), with a banner saying why.

The services refuse the edit anyway (``ensure_editable``, and database
triggers behind them); this only makes it visible before anyone types: no edit
triggers, no 新增 button, and who can unlock it. The state is read on the worker
(``operations.workflow.get_status``) and shown when it arrives.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QLabel

from desktop.gui.i18n import tr
from desktop.gui.operations import workflow
from desktop.gui.operations.shapes import APPROVED, WorkflowStatus


class LockBanner(QLabel):
    def __init__(self, page: Any) -> None:
        super().__init__()
        self.page = page
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setStyleSheet("background: #fff4e5; color: #7a3e00; padding: 6px;")
        self.locked = False
        self._triggers = page.view.table.editTriggers()
        page.view.rows.insertWidget(2, self)
        page.ctx.events.workflow_changed.connect(self.refresh)
        self.setVisible(False)  # until the worker says the period is locked
        self.refresh()

    @classmethod
    def attach(cls, page: Any) -> LockBanner:
        return cls(page)

    def refresh(self) -> None:
        ctx = self.page.ctx
        db, unit_id, period_id = ctx.db, ctx.unit.id, ctx.period.id
        ctx.taskman.run(lambda: workflow.get_status(db, unit_id, period_id), on_done=self.show_status)

    def show_status(self, status: WorkflowStatus) -> None:
        ctx = self.page.ctx
        self.locked = status.state == APPROVED
        table = self.page.view.table
        if self.locked:
            when = status.approved_at.strftime("%Y-%m-%d") if status.approved_at else ""
            self.setText(tr("{period}的数据已于 {when} 由 {who} 审核通过，已锁定，只能查看。"
                            "如需修改，请审核人在“上报”页点击“解锁”并填写原因。")
                         .replace("{period}", ctx.period.label).replace("{when}", when)
                         .replace("{who}", status.approved_by or tr("审核人")))
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        else:
            table.setEditTriggers(self._triggers)
        self.page.view.add_button.setEnabled(not self.locked)
        self.page.view.import_button.setEnabled(not self.locked)  # the import would be refused anyway
        self.page.view.side.setEnabled(not self.locked)  # the add/edit form beside the table
        self.setVisible(self.locked)
