"""The 教职工 page: roster table with search and filters, the side form, ending employment."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget
from typing_extensions import override

from desktop.domain.codes import EmploymentForm, StaffCategory, Stage, Subject
from desktop.domain.records import StaffData
from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.controllers.end_staff import EndStaffDialog
from desktop.gui.controllers.staff_form import StaffForm
from desktop.gui.controllers.table_page import TablePage, enum_filter
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.models.staff import FILTER_KEYS, StaffTableModel, staff_predicate
from desktop.gui.operations import staff as ops
from desktop.gui.operations.shapes import ServiceError, StaffRow
from desktop.gui.undo import CreateCommand, ServiceCommand


class StaffPage(TablePage):
    table_key = "staff"
    import_kind = "roster"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("教职工"), parent)
        self.model = StaffTableModel(self)
        self.view.table.setModel(self.model)
        self.setup_columns(self.model)
        for key, label, enum in zip(FILTER_KEYS, (tr("类别"), tr("用人形式"), tr("学段"), tr("学科")),
                                    (StaffCategory, EmploymentForm, Stage, Subject), strict=True):
            self.add_filter(key, enum_filter(label, enum))
        self.add_unit_filter()
        self.form = StaffForm()
        self.view.side_layout.addWidget(self.form)
        self.view.side.show()
        self.view.splitter.setSizes([900, 320])
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.view.search.textChanged.connect(self.apply_filter)
        self.view.show_ended.toggled.connect(self.apply_filter)
        self.model.edit_requested.connect(self.save_cell)
        self.form.save_new.connect(self.save_new)
        self.form.save_changes.connect(self.save_form_changes)
        self.follow_selection()
        self.view.table.doubleClicked.connect(self._maybe_open)
        self.view.table.installEventFilter(self)
        self.ctx.events.staff_changed.connect(self.load)

    # ---- loading and filtering

    def load(self) -> None:
        if getattr(self, "_quiet", False):
            return
        # The first screenful comes from a LIMIT query and paints at once; the whole list
        # (needed for search and filters) replaces it as soon as it is read.
        if not self.model.all_rows():
            self.ctx.taskman.run(lambda: ops.load_roster(db=self.ctx.db, first_screen=True),
                                 on_done=self._first_screen, on_error=lambda e: show_unexpected(e, self))
        self.ctx.taskman.run(lambda: ops.load_roster(db=self.ctx.db), on_done=self.show_rows,
                             on_error=lambda e: show_unexpected(e, self))

    def _first_screen(self, rows: list[StaffRow]) -> None:
        if not self.model.all_rows():
            self.show_rows(rows)

    def show_rows(self, rows: list[StaffRow]) -> None:
        self.model.set_rows(rows)
        self.apply_filter()
        editing = self.form.editing
        if editing is not None and all(r.id != editing.id for r in rows):
            self.form.start_new()  # the record shown was removed (undo of its add)

    def apply_filter(self) -> None:
        self.model.set_filter(staff_predicate(
            search=self.view.search.text(), include_ended=self.view.show_ended.isChecked(),
            values=self.filter_values(), ids=self.id_filter,
        ))
        total = sum(1 for r in self.model.all_rows() if r.status == "active")
        self.say(tr("显示 {shown} 人（在职共 {total} 人）。双击单元格修改，Delete 办理离开，Ctrl+Enter 打开个人页。")
                 .replace("{shown}", str(self.model.rowCount())).replace("{total}", str(total)))

    def _maybe_open(self, index: Any) -> None:
        if not self.model.columns[index.column()].editable:
            emit(self.ctx.events.open_staff, self.model.row(index.row()).id)

    # ---- saving

    def add_new(self) -> None:
        self.view.table.clearSelection()
        self.form.start_new()

    def save_new(self, data: StaffData) -> None:
        db, unit_id = self.ctx.db, self.ctx.unit.id

        def done(row: StaffRow) -> None:
            self.model.set_rows([*self.model.all_rows(), row])
            self.apply_filter()
            self.keep_selection_on(self.model.row_of_id(row.id))
            self.form.show_row(row)
            self.say(tr("已保存：") + row.name)
            self.notify_others()
            # Undo removes the record again (only while nothing hangs off it); redo re-adds it.
            self.ctx.undo.push(CreateCommand(
                tr("新增 ") + row.name, taskman=self.ctx.taskman, record_id=row.id,
                create=lambda: ops.add_staff(db=db, unit_id=unit_id, data=data).id,
                delete=lambda i: ops.withdraw_staff(db=db, staff_id=i),
                apply=lambda _r: emit(self.ctx.events.staff_changed), on_error=self._undo_refused))

        self.ctx.taskman.run(lambda: ops.add_staff(db=self.ctx.db, unit_id=unit_id, data=data), on_done=done,
                             on_error=self.form_refused)

    def _undo_refused(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            self.say(exc.message, error=True)
        else:
            show_unexpected(exc, self)

    def save_form_changes(self, staff_id: int, changes: dict[str, Any]) -> None:
        old = self.model.all_rows()[[r.id for r in self.model.all_rows()].index(staff_id)]
        self._save(old, changes, on_error=self.form_refused)

    def save_cell(self, row: StaffRow, key: str, value: Any) -> None:
        field = ops.FIELD_OF_COLUMN.get(key, key)
        self._save(row, {field: value}, on_error=self.refused(self.model, row.id, key, value, field))

    def _save(self, row: StaffRow, changes: dict[str, Any], *, on_error: Any) -> None:
        db, staff_id = self.ctx.db, row.id

        def job() -> tuple[StaffRow, dict[str, Any]]:
            edit = ops.edit_staff(db=db, staff_id=staff_id, changes=changes)  # one transaction
            return edit.row, edit.old

        def done(result: tuple[StaffRow, dict[str, Any]]) -> None:
            new_row, old = result
            self.apply_row(new_row)
            self.say(tr("已保存：") + new_row.name)
            self.ctx.undo.push(ServiceCommand(
                tr("修改 ") + new_row.name, taskman=self.ctx.taskman,
                do=lambda: ops.edit_staff(db=db, staff_id=staff_id, changes=changes).row,
                undo=lambda: ops.edit_staff(db=db, staff_id=staff_id, changes=old).row,
                apply=self.apply_row, on_error=lambda e: show_unexpected(e, self)))

        self.ctx.taskman.run(job, on_done=done, on_error=on_error)

    # ---- ending employment (Delete)

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.table and event.type() == QEvent.Type.KeyPress:
            if not isinstance(event, QKeyEvent):
                return super().eventFilter(watched, event)
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_Delete and self.view.table.state() != self.view.table.State.EditingState:
                self.end_selected()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods & Qt.KeyboardModifier.ControlModifier:
                row = self.current_source_row()
                if row >= 0:
                    emit(self.ctx.events.open_staff, self.model.row(row).id)
                return True
        return super().eventFilter(watched, event)

    def end_selected(self) -> None:
        row_index = self.current_source_row()
        if row_index < 0:
            return
        row = self.model.row(row_index)
        if row.status != "active":
            self.say(tr("{name} 已经不在职。").replace("{name}", row.name), error=True)
            return
        dialog = EndStaffDialog(self.ctx, row, self)
        dialog.ended.connect(self._ended)
        dialog.open()

    def _ended(self, row: StaffRow) -> None:
        db, staff_id = self.ctx.db, row.id
        self.model.replace_row(row)
        self.apply_filter()
        self.say(tr("{name} 已办理离开，记录已保留（勾选“显示已离开人员”可查看）。").replace("{name}", row.name))
        end_date, reason = row.end_date, row.end_reason
        assert end_date is not None and reason is not None

        def apply(new: StaffRow) -> None:
            self.model.replace_row(new)
            self.apply_filter()

        self.ctx.undo.push(ServiceCommand(
            tr("办理离开 ") + row.name, taskman=self.ctx.taskman,
            do=lambda: ops.end_employment(db=db, staff_id=staff_id, end_date=end_date, reason=reason),
            undo=lambda: ops.reactivate(db=db, staff_id=staff_id), apply=apply,
            on_error=lambda e: show_unexpected(e, self)))
        self.notify_others()

    def notify_others(self) -> None:
        self.notify_quietly(self.ctx.events.staff_changed)
