"""Delete on a person: ask the end date and reason, then end the record (never delete)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget
from typing_extensions import override

from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.delegates import from_qdate
from desktop.gui.errors import show_unexpected
from desktop.gui.operations import staff as ops
from desktop.gui.operations.shapes import ServiceError, StaffRow
from desktop.gui.views.end_staff_view import EndStaffView


class EndStaffDialog(EndStaffView):
    ended = Signal(object)  # the StaffRow after ending

    def __init__(self, ctx: AppContext, row: StaffRow, parent: QWidget | None = None) -> None:
        super().__init__(row.name, parent)
        self.ctx, self.row = ctx, row
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)

    @override
    def accept(self) -> None:
        db, staff_id = self.ctx.db, self.row.id
        end_date = from_qdate(self.end_date.date())
        reason = self.reason.currentData()
        note = self.note.text().strip() or None

        def done(row: StaffRow) -> None:
            emit(self.ended, row)
            super(EndStaffDialog, self).accept()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ServiceError):
                self.error.setText(exc.message)
                self.error.show()
            else:
                show_unexpected(exc, self)

        self.ctx.taskman.run(lambda: ops.end_employment(db=db, staff_id=staff_id, end_date=end_date,
                                                        reason=reason, note=note), on_done=done, on_error=failed)
