"""操作日志: the audit trail filtered by user, record type, action and date range, with export.

Values come from ``services.core.auditlog`` (ID numbers stored masked; free text is
masked again here, the same way the export does). Reading runs on the task
manager: a county database can hold hundreds of thousands of entries.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.privacy import mask_ids_in_text
from desktop.gui.context import AppContext
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import trust
from desktop.gui.operations.shapes import (
    ACTION_LABELS,
    FIELD_LABELS,
    TABLE_LABELS,
    AuditFilter,
    AuditRow,
)

HEADERS = ("时间", "操作人", "操作", "记录类型", "记录号", "字段", "原值", "新值", "原因")
SHOWN = 2000  # rows on screen; the export writes every matching row


FIELDS = {**FIELD_LABELS, "username": "用户名", "role": "角色", "active": "启用", "password_hash": "密码",
          "fingerprints": "数据指纹", "failed_attempts": "连续失败次数", "login_required": "要求登录"}


def local_time(at: datetime) -> str:
    """Entries are stored in UTC; the clerk reads local time."""
    return at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def row_texts(r: AuditRow) -> list[str]:
    return [local_time(r.at), r.username, r.action_label,
            TABLE_LABELS.get(r.table_name, r.table_name), "" if r.record_id is None else str(r.record_id),
            FIELDS.get(r.field or "", r.field or ""), mask_ids_in_text(r.old_value or ""), mask_ids_in_text(r.new_value or ""),
            mask_ids_in_text(r.reason or "")]


def _combo(everything: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(everything, "")
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class AuditLogDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[AuditRow] = []
        self.setWindowTitle(tr("操作日志"))
        self.user = _combo(tr("全部操作人"))
        self.table_kind = _combo(tr("全部记录类型"))
        self.action = _combo(tr("全部操作"))
        self.by_date = QCheckBox(tr("日期"))
        today = QDate.currentDate()
        self.start = QDateEdit(today.addMonths(-1))
        self.end = QDateEdit(today)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.search_button = QPushButton(tr("查询"))
        self.search_button.setObjectName("primary")
        self.export_button = QPushButton(tr("导出…"))
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, width in enumerate((140, 80, 80, 90, 60, 100, 140, 140)):
            self.table.setColumnWidth(i, width)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        filters = QHBoxLayout()
        for w in (self.user, self.table_kind, self.action, self.by_date, self.start, QLabel("—"), self.end,
                  self.search_button):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.resize(1100, 600)
        self.search_button.clicked.connect(self.search)
        self.export_button.clicked.connect(self.choose_export)

    def load(self) -> None:
        db = self.ctx.db
        self.ctx.taskman.run(lambda: trust.filter_choices(db), on_done=self.fill_choices,
                             on_error=lambda e: show_unexpected(e, self))

    def fill_choices(self, choices: dict[str, list[str]]) -> None:
        for combo, key, labels in ((self.user, "users", {}), (self.table_kind, "tables", TABLE_LABELS),
                                   (self.action, "actions", ACTION_LABELS)):
            for value in choices[key]:
                combo.addItem(labels.get(value, value), value)
        self.search()

    def current_filter(self) -> AuditFilter:
        dated = self.by_date.isChecked()
        return AuditFilter(
            username=self.user.currentData() or None, table=self.table_kind.currentData() or None,
            action=self.action.currentData() or None,
            start=self.start.date().toPython() if dated else None,  # type: ignore[arg-type]
            end=self.end.date().toPython() if dated else None,  # type: ignore[arg-type]
        )

    def search(self) -> None:
        db, f = self.ctx.db, self.current_filter()
        self.status.setText(tr("正在查询…"))
        self.ctx.taskman.run(lambda: trust.search_audit(db, f, limit=SHOWN), on_done=self.show_rows,
                             on_error=self.failed)

    def failed(self, exc: BaseException) -> None:
        from desktop.gui.operations.shapes import ServiceError

        if isinstance(exc, ServiceError):
            self.status.setText(exc.message)
        else:
            show_unexpected(exc, self)

    def show_rows(self, rows: list[AuditRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for j, text in enumerate(row_texts(r)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        more = tr("（只显示最近 {n} 条，导出可得全部）").replace("{n}", str(SHOWN)) if len(rows) >= SHOWN else ""
        self.status.setText(tr("共 {n} 条记录。").replace("{n}", str(len(rows))) + more)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("导出操作日志"), str(Path.home() / "操作日志.xlsx"),
                                              tr("Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        db, f = self.ctx.db, self.current_filter()
        self.ctx.taskman.run(lambda: trust.export_audit(db, path, f), on_done=lambda n: self.status.setText(
            tr("已导出 {n} 条记录到 {path}。").replace("{n}", str(n)).replace("{path}", str(path))),
            on_error=self.failed)
