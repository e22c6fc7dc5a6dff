"""The 资格证书 page: certificates with their 定期注册 due dates, inline editing."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.domain.codes import CredentialKind
from desktop.gui.context import AppContext
from desktop.gui.controllers.table_page import TablePage, enum_filter, filter_combo
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.models.credentials import CredentialTableModel, credential_predicate
from desktop.gui.operations import records as ops
from desktop.gui.undo import ServiceCommand
from desktop.services.browse import CredentialRow

STATUS_CHOICES = ("注册已逾期", "半年内到期", "无注册记录", "正常")


class CredentialsPage(TablePage):
    table_key = "credentials"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("资格证书"), parent)
        self.model = CredentialTableModel(ctx.as_of, self)
        self.view.table.setModel(self.model)
        self.setup_columns(self.model)
        self.view.show_ended.hide()
        self.view.add_button.setToolTip(tr("新证书请在人员的个人页添加"))
        self.view.add_button.hide()
        self.add_filter("kind", enum_filter(tr("证书类别"), CredentialKind))
        self.add_filter("status", filter_combo(tr("注册状态"), [(tr(s), tr(s)) for s in STATUS_CHOICES]))
        self.view.search.textChanged.connect(self.apply_filter)
        self.model.edit_requested.connect(self.save_cell)
        ctx.events.credentials_changed.connect(self.load)
        ctx.events.staff_changed.connect(self.load)

    def load(self) -> None:
        self.ctx.taskman.run(lambda: ops.load_credentials(db=self.ctx.db), on_done=self._show,
                             on_error=lambda e: show_unexpected(e, self))

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
