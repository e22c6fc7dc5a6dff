"""The default look: Fusion style, the bundled font, the style sheet and the icon."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop.gui.fonts import apply_app_font
from desktop.paths import resources_dir


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "edureturns.svg"))


def apply_look(app: QApplication) -> None:
    app.setStyle("Fusion")
    apply_app_font(app)
    app.setStyleSheet((resources_dir() / "styles" / "app.qss").read_text(encoding="utf-8"))
    app.setWindowIcon(app_icon())
    app.setApplicationName("EduReturns")
    app.setApplicationDisplayName("EduReturns（教育数据填报）")
