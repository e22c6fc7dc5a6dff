"""Composition root of the GUI (placeholder until the desktop client lands)."""

from __future__ import annotations

import sys


def main() -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv)
    label = QLabel("EduReturns（教育数据填报）")
    label.resize(480, 200)
    label.show()
    return app.exec()
