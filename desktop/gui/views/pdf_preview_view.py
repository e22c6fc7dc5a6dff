"""The PDF preview: pages in a scroll area, rendered lazily, with page navigation and zoom.

Every page gets a placeholder label of the right size at once (so the scroll bar
is right for a 200-page roster), and only the pages in or near the viewport are
rendered; the rest stay empty until scrolled to. A preview may arrive in parts
(``begin``, ``append_part`` per written part, ``finish``): the first pages show
while the rest of the document is still being written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from desktop.gui.i18n import tr
from desktop.gui.pdfdoc import PdfDocument, PdfPages

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
FIT_WIDTH = 0.0  # zoom entry: scale the widest page to the viewport
SPACING = 12


class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: PdfPages | None = None
        self.pages: list[QLabel] = []
        self.zoom = QComboBox()
        self.zoom.addItem(tr("适合宽度"), FIT_WIDTH)
        for z in ZOOMS:
            self.zoom.addItem(f"{int(z * 100)}%", z)
        self.zoom.setCurrentIndex(0)
        self.page_box = QSpinBox()
        self.page_box.setMinimum(1)
        self.page_box.setPrefix(tr("第 "))
        self.count = QLabel()
        self.prev_button = QPushButton(tr("上一页"))
        self.next_button = QPushButton(tr("下一页"))
        self.file_label = QLabel(tr("还没有预览。选择报表后点“预览 PDF”。"))
        self.file_label.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.prev_button)
        bar.addWidget(self.page_box)
        bar.addWidget(self.count)
        bar.addWidget(self.next_button)
        bar.addSpacing(16)
        bar.addWidget(QLabel(tr("缩放")))
        bar.addWidget(self.zoom)
        bar.addStretch(1)
        self.canvas = QWidget()
        self.canvas.setObjectName("pdfCanvas")
        self.column = QVBoxLayout(self.canvas)
        self.column.setSpacing(SPACING)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.file_label)
        layout.addWidget(self.scroll_area, 1)
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(30)
        self._render_timer.timeout.connect(self.render_visible)
        self._fit_timer = QTimer(self)  # re-fit once a resize settles, not on every pixel
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(120)
        self._fit_timer.timeout.connect(self._layout_pages)
        self.scroll_area.verticalScrollBar().valueChanged.connect(lambda _v: self._render_timer.start())
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._track_page)
        self.zoom.currentIndexChanged.connect(lambda _i: self._layout_pages())
        self.page_box.valueChanged.connect(self.go_to)
        self.prev_button.clicked.connect(lambda: self.page_box.setValue(self.page_box.value() - 1))
        self.next_button.clicked.connect(lambda: self.page_box.setValue(self.page_box.value() + 1))
        self._set_enabled(False)

    @property
    def scale(self) -> float:
        zoom = float(self.zoom.currentData())
        if zoom != FIT_WIDTH:
            return zoom
        if self.doc is None or not len(self.doc):
            return 1.0
        widest = max(self.doc.page_size(i)[0] for i in range(len(self.doc)))
        room = self.scroll_area.viewport().width() - 2 * SPACING
        return max(0.25, min(3.0, room / widest))

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.doc is not None and float(self.zoom.currentData()) == FIT_WIDTH:
            self._fit_timer.start()

    def _set_enabled(self, on: bool) -> None:
        for w in (self.zoom, self.page_box, self.prev_button, self.next_button):
            w.setEnabled(on)

    def load(self, path: Path) -> None:
        """Show one whole PDF."""
        self.begin()
        self.append_part(path)
        self.finish(str(path))

    def begin(self, text: str = "") -> None:
        """Start a preview whose parts arrive one by one (``append_part``, then ``finish``)."""
        self.clear()
        self.doc = PdfPages(complete=False)
        self.file_label.setText(text)
        self._show_count()

    def append_part(self, path: Path) -> None:
        """Add a written part's pages at the end; the pages on screen are rendered."""
        if self.doc is None:
            self.begin()
        assert self.doc is not None
        added = self.doc.append(PdfDocument(path))
        scale = self.scale
        for i in added:
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setObjectName("pdfPage")
            w, h = self.doc.page_size(i)
            label.setFixedSize(int(w * scale), int(h * scale))
            label.setProperty("rendered", False)
            self.column.addWidget(label)
            self.pages.append(label)
        self._show_count()
        self._set_enabled(bool(self.pages))
        if added and added.start == 0 and float(self.zoom.currentData()) == FIT_WIDTH:
            self._layout_pages()  # the first part decides the width to fit
        else:
            self.canvas.adjustSize()
            self._render_timer.start()

    def finish(self, text: str) -> None:
        if self.doc is not None:
            self.doc.complete = True
        self.file_label.setText(text)
        self._show_count()

    @property
    def complete(self) -> bool:
        return self.doc is not None and self.doc.complete

    def _show_count(self) -> None:
        n = len(self.pages)
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(max(1, n))
        self.page_box.blockSignals(False)
        self.page_box.setSuffix(tr(" 页"))
        more = "" if self.doc is None or self.doc.complete else tr("（其余页面正在生成）")
        self.count.setText(tr("共 {n} 页").replace("{n}", str(n)) + more)

    def clear(self) -> None:
        for label in self.pages:
            label.deleteLater()
        self.pages = []
        if self.doc is not None:
            self.doc.close()
            self.doc = None
        self._set_enabled(False)

    def _layout_pages(self) -> None:
        if self.doc is None:
            return
        for i, label in enumerate(self.pages):
            w, h = self.doc.page_size(i)
            label.setFixedSize(int(w * self.scale), int(h * self.scale))
            label.clear()
            label.setProperty("rendered", False)
        self.canvas.adjustSize()
        QTimer.singleShot(0, self.render_visible)

    def render_page(self, index: int) -> None:
        if self.doc is None or self.pages[index].property("rendered"):
            return
        ratio = self.devicePixelRatioF()
        image = self.doc.render(index, self.scale * ratio)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.pages[index].setPixmap(pixmap)
        self.pages[index].setProperty("rendered", True)

    def visible_pages(self) -> list[int]:
        top = self.scroll_area.verticalScrollBar().value()
        bottom = top + self.scroll_area.viewport().height()
        out = []
        for i, label in enumerate(self.pages):
            y0 = label.y()
            if y0 + label.height() >= top - 200 and y0 <= bottom + 200:  # and a little beyond
                out.append(i)
        return out or ([0] if self.pages else [])

    def render_visible(self) -> None:
        for i in self.visible_pages():
            self.render_page(i)

    def go_to(self, page: int) -> None:
        if not self.pages:
            return
        index = min(max(page, 1), len(self.pages)) - 1
        self.scroll_area.verticalScrollBar().setValue(self.pages[index].y())
        self.render_page(index)

    def _track_page(self, value: int) -> None:
        for i, label in enumerate(self.pages):
            if label.y() + label.height() / 2 >= value:
                self.page_box.blockSignals(True)
                self.page_box.setValue(i + 1)
                self.page_box.blockSignals(False)
                return
