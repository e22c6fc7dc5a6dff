"""Delete on a person: ask the end date and reason, then end the record (never delete)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget
from typing_extensions import override

from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.delegates import from_qdate
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
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
        self.end_date.dateChanged.connect(self.explain_date)
        self.explain_date()

    def explain_date(self) -> None:
        """Say whether the person still counts in the period being prepared (统计时点 rule)."""
        period = self.ctx.period
        census = period.census_date
        chosen = from_qdate(self.end_date.date())
        when = f"{census.year}年{census.month}月{census.day}日"
        if chosen > census:
            text = tr("离开日期在统计时点（{when}）之后：{name} 在统计时点仍在岗，{year}学年的报表和指标照常计入此人，"
                      "下一学年起不再计入。")
        else:
            text = tr("离开日期在统计时点（{when}）当天或之前：{name} 不计入{year}学年的报表和指标。")
        self.meaning.setText(text.replace("{when}", when).replace("{name}", self.row.name)
                             .replace("{year}", str(period.school_year)))

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
