"""设置 → 备份与恢复: the backups of this database (time, size, kind), 立即备份, 从备份恢复.

Restoring never copies a file over the open database: ``backups.restore_backup``
closes our connections, takes a verified copy of the current contents and
writes the backup in through SQLite's backup API; then ``database_replaced``
makes the launcher reopen the window on the restored file. Only an admin may
restore when the database has users.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import trust
from desktop.gui.operations import trust as backups
from desktop.gui.operations.shapes import BackupInfo
from desktop.gui.views.widgets import list_table

KINDS = {"daily": "每日自动", "manual": "手动", "before-import": "导入前", "before-migrate": "升级前",
         "before-consolidate": "汇总前", "before-restore": "恢复前"}
HEADERS = ("备份时间", "大小", "类型", "文件名")


def kind_label(reason: str) -> str:
    return KINDS.get(reason) or (tr("操作前") if reason.startswith("before-") else reason)


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


class BackupSettings(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.items: list[BackupInfo] = []
        note = QLabel(tr("每天第一次打开、每次导入、升级、汇总和恢复之前都会自动备份；备份经过完整性检查，"
                         "保留最近 7 天、4 周和 12 个月的备份。恢复时当前数据会先另存一份备份。"))
        note.setWordWrap(True)
        self.table = list_table([tr(h) for h in HEADERS])
        self.table.setColumnWidth(0, 160)
        self.table.setMinimumHeight(160)
        self.backup_button = QPushButton(tr("立即备份"))
        self.restore_button = QPushButton(tr("从备份恢复…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self._restore_clicked)
        may_restore = trust.may(ctx.actor, "settings")
        self.restore_button.setEnabled(may_restore and ctx.db.is_sqlite)
        if not may_restore:
            self.restore_button.setToolTip(tr("只有管理员可以从备份恢复。"))
        self.refresh()

    def refresh(self) -> None:
        """List the backups on the worker (the folder may be on a slow disk or a share)."""
        path, sqlite = self.ctx.path, self.ctx.db.is_sqlite

        def listed() -> list[tuple[BackupInfo, int]]:
            found = backups.list_backups(path) if sqlite else []
            return [(b, b.path.stat().st_size if b.path.exists() else 0) for b in found]

        self.ctx.taskman.run(listed, on_done=self.show_backups, on_error=self._failed)

    def show_backups(self, listed: list[tuple[BackupInfo, int]]) -> None:
        self.items = [b for b, _size in listed]
        self.table.setRowCount(len(listed))
        for i, (b, size) in enumerate(listed):
            for j, text in enumerate((b.taken_at.strftime("%Y-%m-%d %H:%M:%S"), size_text(size),
                                      kind_label(b.reason), b.path.name)):
                self.table.setItem(i, j, QTableWidgetItem(text))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b42318;" if error else "")
        self.message.setText(text)

    def backup_now(self) -> None:
        db = self.ctx.db
        self._say(tr("正在备份…"))
        self.ctx.taskman.run(lambda: backups.backup_now(db), on_done=self._backed_up, on_error=self._failed)

    def _backed_up(self, path: Path | None) -> None:
        self.refresh()
        self._say(tr("已备份并检查完好：{0}").replace("{0}", path.name) if path else
                  tr("服务器数据库请用服务器的备份工具备份。"))

    def _failed(self, exc: BaseException) -> None:
        from desktop.gui.operations.shapes import BackupError, ServiceError

        if isinstance(exc, BackupError | ServiceError):
            self._say(str(getattr(exc, "message", exc)), error=True)
        else:
            show_unexpected(exc, self)

    def _restore_clicked(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.items):
            self._say(tr("请先在列表中选择要恢复的备份。"), error=True)
            return
        chosen = self.items[row]
        answer = QMessageBox.question(self, tr("从备份恢复"), tr(
            "用 {time} 的备份替换当前数据？\n当前数据会先另存为一份“恢复前”备份，可以再恢复回来。"
            "恢复后窗口会重新打开。").replace("{time}", chosen.taken_at.strftime("%Y-%m-%d %H:%M")))
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(chosen.path)

    def restore(self, backup: Path) -> None:
        """Restore ``backup`` into this database and reopen the window on it (asks first if it undoes approvals)."""
        db = self.ctx.db
        self.ctx.taskman.run(lambda: backups.restore_plan(db, backup),
                             on_done=lambda plan: self._confirm_plan(backup, plan), on_error=self._failed)

    def _confirm_plan(self, backup: Path, plan: backups.RestorePlan) -> None:
        undo = bool(plan.undone_approvals)
        if undo and QMessageBox.question(self, tr("从备份恢复"), plan.warning()) != QMessageBox.StandardButton.Yes:
            return
        db, actor = self.ctx.db, self.ctx.actor
        self._say(tr("正在恢复…"))
        self.restore_button.setEnabled(False)
        self.ctx.taskman.run(lambda: backups.restore_backup(db, backup, actor=actor, undo_approvals=undo),
                             on_done=self._restored, on_error=self._failed)

    def _restored(self, _safety: Path | None) -> None:
        self._say(tr("已恢复，正在重新打开数据库…"))
        emit(self.ctx.events.database_replaced)
