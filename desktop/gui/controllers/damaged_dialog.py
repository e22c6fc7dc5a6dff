"""At start-up, when the quick check failed: say where the file went and offer the newest good backup (R3)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop.gui.i18n import tr
from desktop.gui.operations.setup import DamagedDatabase


def damaged_text(exc: DamagedDatabase) -> str:
    report = exc.report
    moved = "\n".join(f"  {p.name}" for p in report.moved) or f"  {exc.path.name}.corrupt.*"
    text = (tr("数据库文件 {name} 没有通过完整性检查，可能已损坏。为了不丢失任何数据，"
               "原文件没有删除，已连同它的日志文件改名保存在原文件夹：\n{moved}\n\n")
            .replace("{name}", exc.path.name).replace("{moved}", moved))
    if report.newest_good_backup is not None:
        text += (tr("找到了最近的完好备份：{backup}。\n建议从这个备份恢复（备份之后录入的数据需要重新录入）。")
                 .replace("{backup}", report.newest_good_backup.name))
    else:
        text += tr("没有找到完好的备份。请联系技术支持，不要删除改名后的文件；也可以新建或打开其他数据库。")
    return text


class DamagedDialog(QMessageBox):
    def __init__(self, exc: DamagedDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exc = exc
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(tr("数据库已损坏"))
        self.setText(damaged_text(exc))
        self.restore_button: QPushButton | None = None
        if exc.report.newest_good_backup is not None:
            self.restore_button = self.addButton(tr("从这个备份恢复"), QMessageBox.ButtonRole.AcceptRole)
            self.setDefaultButton(self.restore_button)
        self.other_button = self.addButton(tr("新建或打开其他数据库"), QMessageBox.ButtonRole.RejectRole)
