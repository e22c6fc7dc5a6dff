"""Windows that fit the clerk's screen (1366×768 office screens are common).

The main window used to open at a fixed 1280×800: on a 768-pixel screen its status
bar was below the taskbar. It now opens at that size only where it fits, inside
the screen's available area (without the taskbar), frame included.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

WANTED = QSize(1280, 800)
FRAME = QSize(16, 40)  # title bar and borders the window manager adds (Windows 10/11 at 100 %)


def available(window: QWidget) -> QRect | None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(window: QWidget, wanted: QSize = WANTED) -> None:
    """Size ``window`` to ``wanted`` or the available area, whichever is smaller, centred."""
    area = available(window)
    if area is None:
        window.resize(wanted)
        return
    w = min(wanted.width(), area.width() - FRAME.width())
    h = min(wanted.height(), area.height() - FRAME.height())
    window.setMinimumSize(min(window.minimumWidth(), w), min(window.minimumHeight(), h))
    window.resize(w, h)
    window.move(area.x() + (area.width() - w - FRAME.width()) // 2,
                area.y() + (area.height() - h - FRAME.height()) // 2)


def keep_on_screen(window: QWidget) -> None:
    """After a saved geometry is restored: refit when it no longer fits (a smaller screen now)."""
    area = available(window)
    if area is not None and not area.contains(window.frameGeometry()):
        fit_to_screen(window)
