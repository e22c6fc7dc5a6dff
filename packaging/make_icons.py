"""Render resources/icons/edureturns.svg to the PNG (Linux) and ICO (Windows) the bundle needs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(size: int, out: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "edureturns.svg")).render(painter)
    painter.end()
    image.save(str(out))


def main() -> int:
    _app = QGuiApplication(sys.argv)
    png = ICONS / "edureturns.png"
    render(256, png)
    Image.open(png).save(ICONS / "edureturns.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (256, 256)])
    print(f"wrote {png} and {ICONS / 'edureturns.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
