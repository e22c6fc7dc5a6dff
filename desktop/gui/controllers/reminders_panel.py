"""The 截止日期与提醒 panel of 概览: days left to the due date and what needs doing now.

Each reminder is a list item carrying (record_type, record_id); activating it
opens the record: a person's page, or the certificate / class list narrowed
to that one row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem, QWidget

from desktop.domain.numbers import amount
from desktop.gui.context import AppContext
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import periods as ops
from desktop.gui.views.reminders_view import RemindersView

if TYPE_CHECKING:
    from desktop.gui.operations.shapes import Reminder, Reminders

# The reminders' labels live with the reminders service (and the indicator engine it imports):
# read when the reminders arrive, so building 概览 at start-up does not import them.

PER_KIND = 50  # items listed per kind; the count says how many there are in all
RECORD_ROLE = Qt.ItemDataRole.UserRole


class RemindersPanel(RemindersView):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: Reminders | None = None
        self.items.itemActivated.connect(self.open_item)

    def label_today(self) -> None:
        """The panel counts at today's date, not at the 统计时点 of the cards below it: its heading says so."""
        self.heading.setText(tr("截止日期与提醒（按今天 {today}）").replace("{today}", self.ctx.today.isoformat()))

    def load(self) -> None:
        self.label_today()
        db, unit_id, period_id, today = self.ctx.db, self.ctx.unit.id, self.ctx.period.id, self.ctx.today
        self.ctx.taskman.run(lambda: ops.load_reminders(db=db, unit_id=unit_id, period_id=period_id, today=today),
                             on_done=self.show_data, on_error=lambda e: show_unexpected(e, self))

    def show_data(self, data: Reminders) -> None:
        from desktop.gui.operations.shapes import REMINDER_LABELS as KIND_LABELS
        from desktop.gui.operations.shapes import UNIT_LATE

        self.data = data
        d = data.deadline
        self.deadline.setText(f"{self.ctx.period.label}：{d.text}")  # service text, already a sentence
        urgent = d.late or (d.days_left is not None and 0 <= d.days_left <= 7 and not d.submitted)
        self.deadline.setStyleSheet(
            "font-size: 12pt; font-weight: bold; color: %s;" % ("#b42318" if urgent else "#1d4ed8"))
        counts = data.counts
        # 下级单位逾期未报 only concerns offices: leave it out when there is none.
        parts = [f"{tr(KIND_LABELS[k])} {n}" for k, n in counts.items() if n or k != UNIT_LATE]
        self.summary.setText(
            tr("按今天（{today}）提醒：").replace("{today}", data.today.isoformat()) + "，".join(parts) + "。"
            + tr("培训进度按{cycle}计算，此时应完成 {need:g} 学时（全周期 {req:g} 学时）。")
            .replace("{cycle}", data.cycle.label).replace("{need:g}", f"{amount(data.due_by_now)}")
            .replace("{req:g}", f"{amount(data.required_hours)}"))
        self.items.clear()
        for kind in KIND_LABELS:
            rows = data.of_kind(kind)
            for r in rows[:PER_KIND]:
                self._add(r)
            if len(rows) > PER_KIND:
                more = QListWidgetItem(tr("……另有 {n} 条{what}").replace("{n}", str(len(rows) - PER_KIND))
                                       .replace("{what}", tr(KIND_LABELS[kind])))
                more.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.items.addItem(more)
        if not data.items:
            done = QListWidgetItem(tr("没有需要提醒的事项。"))
            done.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.items.addItem(done)
        self.rule.setText(tr("计入规则：") + data.cycle_rule)

    def _add(self, r: Reminder) -> None:
        from desktop.gui.operations.shapes import REMINDER_LABELS as KIND_LABELS

        item = QListWidgetItem(f"【{tr(KIND_LABELS[r.kind])}】{r.message}")
        item.setData(RECORD_ROLE, (r.record_type, r.record_id))
        self.items.addItem(item)

    def open_item(self, item: QListWidgetItem) -> None:
        target = item.data(RECORD_ROLE)
        if not target:
            return
        record_type, record_id = target
        if record_type == "staff":
            self.ctx.events.open_staff.emit(record_id)
        elif record_type == "credential":
            self.ctx.events.navigate.emit("credentials", {"ids": {record_id}, "text": tr("仅显示：提醒中的这本证书")})
        elif record_type == "class":
            self.ctx.events.navigate.emit("classes", {"ids": {record_id}, "text": tr("仅显示：提醒中的这个班级")})
