"""The 人员核查 page: the principal's 核查单, the 定期注册 readiness list, 调动 and 年度考核/师德 entry.

The 调动 tab confirms or refuses (不予确认) a pending 调入, records a 调出 and lists the
school's recorded 调出, one of which can be withdrawn (撤销调出) when it was a mistake.

A school sees its own teachers; a county or city office sees every school below it
(the readiness list) and confirms 调入 for the schools it enters data for (代报).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.context import AppContext
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import people as ops
from desktop.gui.views.people_view import PeopleView


class PeoplePage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = v = PeopleView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(v)
        v.appraisal_year.setValue(ctx.today.year - 1)
        self.due: list[ops.RegistrationDue] = []
        self.pending: list[ops.TransferInfo] = []
        self.outgoing: list[ops.TransferInfo] = []
        v.checklist_button.clicked.connect(self.choose_checklist_file)
        v.due_refresh.clicked.connect(self.load)
        v.import_transfer.clicked.connect(self.choose_transfer_file)
        v.confirm_transfer.clicked.connect(self.confirm_selected)
        v.refuse_transfer.clicked.connect(self.refuse_selected)
        v.withdraw_out.clicked.connect(self.withdraw_selected)
        v.save_appraisal.clicked.connect(self.save_appraisal)
        v.save_ethics.clicked.connect(self.save_ethics)
        v.transfer_out.clicked.connect(self.choose_transfer_folder)
        v.import_appraisals.clicked.connect(lambda: self.open_import("appraisals"))
        v.import_ethics.clicked.connect(lambda: self.open_import("ethics"))
        v.checklist_button.setEnabled(ctx.unit.kind == "school")

    def open_import(self, kind: str) -> Any:
        """The import wizard for 年度考核 (``appraisals``) or 师德 (``ethics``) rows; returns it."""
        from desktop.gui.controllers.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, kind, self)
        wizard.imported.connect(lambda _r: self.load())
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_wizard = wizard
        wizard.open()
        return wizard

    def _error(self, exc: BaseException) -> None:
        show_unexpected(exc, self)

    @property
    def actor(self) -> str:
        return self.ctx.actor.username

    def load(self) -> None:
        db, unit, months, today = self.ctx.db, self.ctx.unit.id, self.view.months.value(), self.ctx.today
        self.ctx.taskman.run(lambda: (ops.registrations_due(db, unit, today=today, months=months),
                                      ops.pending_transfers(db, unit), ops.outgoing_transfers(db, unit)),
                             on_done=self.show_lists, on_error=self._error)

    def show_lists(self, lists: tuple[list[ops.RegistrationDue], list[ops.TransferInfo],
                                      list[ops.TransferInfo]]) -> None:
        self.due, self.pending, self.outgoing = lists
        t = self.view.due_table
        t.setRowCount(len(self.due))
        for i, r in enumerate(self.due):
            due = r.due.isoformat() + (tr("（已逾期）") if r.overdue else "")
            for j, text in enumerate((r.unit_name, r.name, r.id_masked, due, r.result,
                                      f"{r.hours:g} / {r.required:g}", "；".join(r.reasons))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the reasons run long: the whole text on hover
                t.setItem(i, j, item)
        t.resizeColumnsToContents()
        counts = {k: sum(1 for r in self.due if r.result == k) for k in ("合格", "暂缓", "不合格")}
        self.view.due_summary.setText(
            tr("共 {n} 人：预判合格 {a}，暂缓 {b}，不合格 {c}。暂缓和不合格的请按“原因”一栏补录或处理。")
            .replace("{n}", str(len(self.due))).replace("{a}", str(counts["合格"]))
            .replace("{b}", str(counts["暂缓"])).replace("{c}", str(counts["不合格"])))
        t = self.view.transfer_table
        t.setRowCount(len(self.pending))
        for i, p in enumerate(self.pending):
            for j, text in enumerate((str(p.id), p.name, p.id_masked, p.from_unit, p.out_date.isoformat(),
                                      f"{p.hours_in_cycle:g}")):
                t.setItem(i, j, QTableWidgetItem(text))
        t.resizeColumnsToContents()
        t = self.view.out_table
        t.setRowCount(len(self.outgoing))
        for i, p in enumerate(self.outgoing):
            for j, text in enumerate((str(p.id), p.name, p.id_masked, p.to_unit, p.out_date.isoformat(),
                                      f"{p.hours_in_cycle:g}")):
                t.setItem(i, j, QTableWidgetItem(text))
        t.resizeColumnsToContents()

    def choose_checklist_file(self) -> None:
        name = f"{self.ctx.unit.code}_{self.ctx.period.label}_核查单.pdf"
        path, _ = QFileDialog.getSaveFileName(self, tr("保存校长核查单"), str(Path.home() / name), "PDF (*.pdf)")
        if path:
            self.write_checklist(Path(path))

    def write_checklist(self, path: Path) -> None:
        db, unit, period = self.ctx.db, self.ctx.unit.id, self.ctx.period.id
        self.ctx.taskman.run(lambda: ops.checklist_to(db, unit, period, path),
                             on_done=lambda p: self.view.status.setText(
                                 tr("已生成校长核查单：{path}。请打印后由校长逐行核对、签字。").replace("{path}", str(p))),
                             on_error=self._error)

    def choose_transfer_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("导入调动文件"), str(Path.home()), tr("调动文件 (*.json)"))
        if path:
            self.import_transfer(Path(path))

    def import_transfer(self, path: Path) -> None:
        db, actor = self.ctx.db, self.actor

        def done(info: ops.TransferInfo) -> None:
            if info.state == "refused" and self._reopen(info):
                return
            if info.state == "refused":
                text = tr("{name} 的这份调动文件此前已不予确认（退回），未再列入待确认。如确需调入，请与调出学校核对。")
            elif info.state == "confirmed":
                text = tr("{name} 的调入此前已确认，无需再导入。")
            else:
                text = tr("已收到 {name} 的调动文件（自 {from_unit}），请在下表确认调入。")
            self.view.status.setText(text.replace("{name}", info.name).replace("{from_unit}", info.from_unit))
            self.load()
        self.ctx.taskman.run(lambda: ops.import_transfer_file(db, path, actor=actor), on_done=done,
                             on_error=self._error)

    def _reopen(self, info: ops.TransferInfo) -> bool:
        """A refused 调入's file imported again: asks whether to put it back on the list (恢复待确认)."""
        question = (tr("{name}（自 {from_unit}）的调入此前已不予确认（退回）。\n"
                       "如果当时是误操作、此人确实调入本校，可以恢复为待确认，再在下表确认调入。是否恢复？")
                    .replace("{name}", info.name).replace("{from_unit}", info.from_unit))
        answer = QMessageBox.question(self, tr("恢复待确认"), question, QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        db, unit, actor = self.ctx.db, self.ctx.unit.id, self.actor
        reason = tr("重新导入调动文件后恢复待确认")

        def done(t: ops.TransferInfo) -> None:
            self.view.status.setText(tr("已将 {name} 的调入恢复为待确认，请在下表选中后确认调入。").replace("{name}", t.name))
            self.load()
        self.ctx.taskman.run(lambda: ops.reopen_transfer_in(db, info.id, unit, actor=actor, reason=reason),
                             on_done=done, on_error=self._error)
        return True

    def choose_transfer_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("调动文件保存到（如 U 盘）"), str(Path.home()))
        if folder:
            self.record_transfer_out(Path(folder))

    def record_transfer_out(self, folder: Path) -> None:
        v, db, actor = self.view, self.ctx.db, self.actor
        args = (v.out_id.text(), v.out_to.text(), v.out_to_name.text(), v.out_date.date().toPython(),
                str(v.out_kind.currentData()))

        def done(result: tuple[ops.TransferInfo, Path]) -> None:
            info, path = result
            v.status.setText(tr("已为 {name} 办理调出（至 {to}），调动文件：{path}。请交给调入学校导入。")
                             .replace("{name}", info.name).replace("{to}", info.to_unit).replace("{path}", str(path)))
            self.ctx.events.staff_changed.emit()
            self.load()
        self.ctx.taskman.run(lambda: ops.transfer_out(db, *args, folder, actor),  # type: ignore[arg-type]
                             on_done=done, on_error=self._error)

    def withdraw_selected(self) -> None:
        """撤销调出: asks, then for the reason; the person is active here again."""
        row = self.view.out_table.currentRow()
        if not 0 <= row < len(self.outgoing):
            self.view.status.setText(tr("请先在“本校已办理的调出”表中选中要撤销的调出。"))
            return
        info = self.outgoing[row]
        question = (tr("撤销 {name} 调往 {to} 的调出？\n此人的记录将恢复为在职，调出时添加的调动经历一并删除。")
                    .replace("{name}", info.name).replace("{to}", info.to_unit))
        answer = QMessageBox.question(self, tr("撤销调出"), question, QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        reason, ok = QInputDialog.getText(self, tr("撤销调出"), tr("撤销原因（记入操作日志），例如：录错了人"))
        if not ok:
            return
        db, actor = self.ctx.db, self.actor

        def done(t: ops.TransferInfo) -> None:
            self.view.status.setText(
                tr("已撤销 {name} 的调出，此人已恢复为本校在职人员。如调动文件已交给 {to}，请告知该校不要确认调入"
                   "（在其“调动”页选中后点“不予确认”）。").replace("{name}", t.name).replace("{to}", t.to_unit))
            self.ctx.events.staff_changed.emit()
            self.load()
        self.ctx.taskman.run(lambda: ops.withdraw_transfer_out(db, info.id, actor=actor, reason=reason),
                             on_done=done, on_error=self._error)

    def refuse_selected(self) -> None:
        """不予确认: asks for the reason; the 调入 leaves the pending list."""
        row = self.view.transfer_table.currentRow()
        if not 0 <= row < len(self.pending):
            self.view.status.setText(tr("请先在表中选中不予确认调入的人员。"))
            return
        info = self.pending[row]
        reason, ok = QInputDialog.getText(
            self, tr("不予确认调入"), tr("不予确认 {name}（自 {from_unit}）调入本校的原因，例如：调出学校已撤销调出")
            .replace("{name}", info.name).replace("{from_unit}", info.from_unit))
        if not ok:
            return
        db, unit, actor = self.ctx.db, self.ctx.unit.id, self.actor

        def done(t: ops.TransferInfo) -> None:
            self.view.status.setText(tr("已退回 {name} 的调入，不再列入待确认。本库中此人的记录未作任何改动。")
                                     .replace("{name}", t.name))
            self.load()
        self.ctx.taskman.run(lambda: ops.refuse_transfer_in(db, info.id, unit, actor=actor, reason=reason),
                             on_done=done, on_error=self._error)

    def confirm_selected(self) -> None:
        row = self.view.transfer_table.currentRow()
        if not 0 <= row < len(self.pending):
            self.view.status.setText(tr("请先在表中选中要确认调入的人员。"))
            return
        info, day = self.pending[row], self.view.in_date.date().toPython()
        db, unit, actor = self.ctx.db, self.ctx.unit.id, self.actor

        def done(t: ops.TransferInfo) -> None:
            self.view.status.setText(tr("已确认 {name} 调入，证书和培训记录已随人转入，本周期学时 {h} 继续计算。")
                                     .replace("{name}", t.name).replace("{h}", f"{t.hours_in_cycle:g}"))
            self.ctx.events.staff_changed.emit()
            self.load()
        self.ctx.taskman.run(lambda: ops.confirm_transfer_in(db, info.id, unit, day, actor=actor),  # type: ignore[arg-type]
                             on_done=done, on_error=self._error)

    def save_appraisal(self) -> None:
        v, db, actor = self.view, self.ctx.db, self.actor
        number, year, result = v.appraisal_id.text(), v.appraisal_year.value(), str(v.appraisal_result.currentData())
        def done(r: ops.AppraisalRecord) -> None:
            v.status.setText(tr("已保存 {y} 年度考核：{r}。").replace("{y}", str(r.year)).replace("{r}", r.result_label))
            self.load()
        self.ctx.taskman.run(lambda: ops.save_appraisal(db, number, year, result, actor), on_done=done,
                             on_error=self._error)

    def save_ethics(self) -> None:
        v, db, actor = self.view, self.ctx.db, self.actor
        number, day, kind, text = (v.ethics_id.text(), v.ethics_date.date().toPython(),
                                   str(v.ethics_kind.currentData()), v.ethics_text.text())
        def done(r: ops.EthicsEntry) -> None:
            v.status.setText(tr("已保存师德记录：{d} {k}。").replace("{d}", str(r.record_date)).replace("{k}", r.kind_label))
            self.load()
        self.ctx.taskman.run(lambda: ops.save_ethics(db, number, day, kind, text, actor),  # type: ignore[arg-type]
                             on_done=done, on_error=self._error)
