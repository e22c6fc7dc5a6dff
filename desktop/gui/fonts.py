"""The bundled Chinese font: registered with Qt and made the application font.

A Linux machine without Chinese fonts (CI, a fresh office PC) would draw boxes;
WenQuanYi Zen Hei covers all of GBK and the rare name characters (DESIGN.md §4).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.paths import resources_dir

FONT_FILE = "WenQuanYiZenHei.ttf"
POINT_SIZE = 10


def register_fonts() -> str | None:
    """Register the bundled font; returns its family name (None if it could not load)."""
    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / FONT_FILE))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else None


def apply_app_font(app: QApplication) -> None:
    family = register_fonts()
    font = QFont(family) if family else app.font()
    font.setPointSize(POINT_SIZE)
    # Keep system fonts as fallbacks for Latin text, but the bundled one first.
    font.setFamilies([f for f in (family, "Microsoft YaHei", "Noto Sans CJK SC") if f])
    app.setFont(font)
