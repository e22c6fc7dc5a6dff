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
from desktop.gui.operations import records as ops
from desktop.gui.undo import CreateCommand, ServiceCommand
from desktop.services import browse
from desktop.services.browse import CredentialRow
from desktop.services.errors import ServiceError

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
        self.form.submitted.connect(self.add_credential)
        self.add_filter("kind", enum_filter(tr("证书类别"), CredentialKind))
        self.add_filter("status", filter_combo(tr("注册状态"), [(tr(s), tr(s)) for s in STATUS_CHOICES]))
        self.view.search.textChanged.connect(self.apply_filter)
        self.model.edit_requested.connect(self.save_cell)
        ctx.events.credentials_changed.connect(self.load)
        ctx.events.staff_changed.connect(self.load)

    def load(self) -> None:
        self.ctx.taskman.run(lambda: ops.load_credentials(db=self.ctx.db), on_done=self._show,
                             on_error=lambda e: show_unexpected(e, self))
        self.ctx.taskman.run(lambda: browse.staff_choices(self.ctx.db), on_done=self.form.set_staff_choices)

    def add_new(self) -> None:
        self.form.staff.setFocus()

    def add_credential(self, staff_id: int, data: CredentialData, registration: RegistrationData | None) -> None:
        db = self.ctx.db

        def done(row: CredentialRow) -> None:
            self.form.reset_after_save()
            self.model.set_rows([*self.model.all_rows(), row])
            self.apply_filter()
            self.say(tr("已添加证书：") + row.staff_name)
            self.ctx.undo.push(CreateCommand(
                tr("添加证书"), taskman=self.ctx.taskman, record_id=row.id,
                create=lambda: ops.add_credential(db=db, staff_id=staff_id, data=data, registration=registration).id,
                delete=lambda i: ops.delete_credential(db=db, credential_id=i),
                apply=lambda _r: emit(self.ctx.events.credentials_changed)))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ServiceError):
                self.form.show_errors(exc.field_messages(), exc.message)
            else:
                show_unexpected(exc, self)

        self.ctx.taskman.run(lambda: ops.add_credential(db=db, staff_id=staff_id, data=data,
                                                        registration=registration), on_done=done, on_error=failed)

    def _show(self, rows: list[CredentialRow]) -> None:
        self.model.set_rows(rows)
        self.apply_filter()

    def apply_filter(self) -> None:
        values = self.filter_values()
        self.model.set_filter(credential_predicate(search=self.view.search.text(), kind=values["kind"],
                                                   status=values["status"], today=self.ctx.as_of,
                                                   ids=self.id_filter))
        self.say(tr("显示 {n} 本证书。").replace("{n}", str(self.model.rowCount())))

    def show_status(self, status: str) -> None:
        combo = self.filter_combos["status"]
        combo.setCurrentIndex(max(0, combo.findData(tr(status))))

    def save_cell(self, row: CredentialRow, key: str, value: Any) -> None:
        db, credential_id, old = self.ctx.db, row.id, getattr(row, key)

        def done(new: CredentialRow) -> None:
            self.model.replace_row(new)
            self.say(tr("已保存。"))
            self.ctx.undo.push(ServiceCommand(
                tr("修改证书"), taskman=self.ctx.taskman,
                do=lambda: ops.edit_credential(db=db, credential_id=credential_id, changes={key: value}),
                undo=lambda: ops.edit_credential(db=db, credential_id=credential_id, changes={key: old}),
                apply=self.model.replace_row))

        self.ctx.taskman.run(lambda: ops.edit_credential(db=db, credential_id=credential_id, changes={key: value}),
                             on_done=done, on_error=self.refused(self.model, row.id, key, value, key))
