"""The 资格证书 page: certificates with their 定期注册 due dates, inline editing."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.domain.codes import CredentialKind
from desktop.domain.records import CredentialData, RegistrationData
from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.controllers.credential_form import CredentialForm
from desktop.gui.controllers.table_page import TablePage, enum_filter, filter_combo
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.models.credentials import CredentialTableModel, credential_predicate
from desktop.gui.operations import records as browse
from desktop.gui.operations import records as ops
from desktop.gui.operations.shapes import CredentialRow
from desktop.gui.undo import CreateCommand

STATUS_CHOICES = ("注册已逾期", "半年内到期", "无注册记录", "正常")


class CredentialsPage(TablePage):
    table_key = "credentials"
    import_kind = "credentials"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("资格证书"), parent)
        self.model = CredentialTableModel(ctx.as_of, self)
        self.view.table.setModel(self.model)
        self.setup_columns(self.model)
        self.view.show_ended.hide()
        self.form = CredentialForm()
        self.view.side_layout.addWidget(self.form)
        self.view.side.show()
        self.view.splitter.setSizes([900, 340])
        self.form.save_new.connect(self.add_credential)
        self.form.save_changes.connect(self.save_form_changes)
        self.follow_selection()
        self.add_filter("kind", enum_filter(tr("证书类别"), CredentialKind))
        self.add_filter("status", filter_combo(tr("注册状态"), [(tr(s), tr(s)) for s in STATUS_CHOICES]))
        self.add_unit_filter()
        self.view.search.textChanged.connect(self.apply_filter)
        self.model.edit_requested.connect(self.save_cell)
        ctx.events.credentials_changed.connect(self.load)
        ctx.events.staff_changed.connect(self.load)

    def load(self) -> None:
        self.ctx.taskman.run(lambda: ops.load_credentials(db=self.ctx.db), on_done=self._show,
                             on_error=lambda e: show_unexpected(e, self))
        self.ctx.taskman.run(lambda: browse.staff_choices(self.ctx.db), on_done=self.form.set_staff_choices)

    def add_new(self) -> None:
        self.view.table.clearSelection()
        self.form.start_new()

    def add_credential(self, payload: tuple[int, CredentialData, RegistrationData | None]) -> None:
        db = self.ctx.db
        staff_id, data, registration = payload

        def done(row: CredentialRow) -> None:
            self.form.reset_after_save()
            self.model.set_rows([*self.model.all_rows(), row])
            self.apply_filter()
            self.say(tr("已添加证书：") + row.staff_name)
            self.ctx.undo.push(CreateCommand(
                tr("添加证书"), taskman=self.ctx.taskman, record_id=row.id,
                create=lambda: ops.add_credential(db=db, staff_id=staff_id, data=data, registration=registration).id,
                delete=lambda i: ops.delete_credential(db=db, credential_id=i),
                apply=lambda _r: emit(self.ctx.events.credentials_changed),
                on_error=lambda e: show_unexpected(e, self)))

        self.ctx.taskman.run(lambda: ops.add_credential(db=db, staff_id=staff_id, data=data,
                                                        registration=registration), on_done=done,
                             on_error=self.form_refused)

    def _show(self, rows: list[CredentialRow]) -> None:
        self.model.set_rows(rows)
        self.apply_filter()
        editing = self.form.editing
        if editing is not None:
            fresh = next((r for r in rows if r.id == editing.id), None)
            if fresh is None:
                self.form.start_new()  # removed (undo of its add)
            else:
                self.form.editing = fresh  # newer version; what is typed stays

    def apply_filter(self) -> None:
        values = self.filter_values()
        self.model.set_filter(credential_predicate(search=self.view.search.text(), kind=values["kind"],
                                                   status=values["status"], today=self.ctx.as_of,
                                                   ids=self.id_filter, unit_id=values.get("unit_id", "")))
        self.say(tr("显示 {n} 本证书。").replace("{n}", str(self.model.rowCount())))

    def show_status(self, status: str) -> None:
        combo = self.filter_combos["status"]
        combo.setCurrentIndex(max(0, combo.findData(tr(status))))

    def save_cell(self, row: CredentialRow, key: str, value: Any) -> None:
        self._save(row, {key: value}, on_error=self.refused(self.model, row.id, key, value, key))

    def save_form_changes(self, credential_id: int, changes: dict[str, Any]) -> None:
        row = self.form.editing
        assert row is not None and row.id == credential_id
        self._save(row, changes, on_error=self.form_refused)

    def _save(self, row: CredentialRow, changes: dict[str, Any], *, on_error: Any) -> None:
        """Save at once; the undo puts the old values back (and removes a registration it added)."""
        db, credential_id = self.ctx.db, row.id
        fields = {k: v for k, v in changes.items() if k != "registration"}
        registration: RegistrationData | None = changes.get("registration")
        old = {k: getattr(row, k) for k in fields}

        def do() -> CredentialRow:
            return ops.change_credential(db=db, credential_id=credential_id, changes=fields,
                                         registration=registration)

        self.save_with_undo(tr("修改证书"), do, lambda: ops.revert_credential(
            db=db, credential_id=credential_id, old=old, registration=registration), on_error=on_error)
