"""A PDF opened for the screen and the printer: pages rendered to QImage by PDFium.

The PySide6 wheels carry no QtPdf module, so pages are rendered by pypdfium2
(PDFium, the engine of Chrome's viewer; prebuilt wheels for Windows, Linux and
macOS). A page is rendered only when asked for (the preview asks for the pages
on screen) and kept by (page, scale) so scrolling back costs nothing. PDFium is
not thread-safe: one document is only ever used from the thread that opened it.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72.0


class PdfDocument:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._pdf = pdfium.PdfDocument(str(self.path))
        self._sizes = [self._pdf.get_page_size(i) for i in range(len(self._pdf))]
        self._cache: dict[tuple[int, float], QImage] = {}

    def __len__(self) -> int:
        return len(self._sizes)

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height of a page in points."""
        w, h = self._sizes[index]
        return float(w), float(h)

    def render(self, index: int, scale: float) -> QImage:
        """The page at ``scale`` pixels per point (1.0 = 72 dpi), white background."""
        key = (index, round(scale, 3))
        image = self._cache.get(key)
        if image is None:
            page = self._pdf[index]
            try:
                bitmap = page.render(scale=scale, prefer_bgrx=True)
                # BGRx bytes are Qt's RGB32 on little-endian machines; copy() detaches from PDFium's buffer.
                image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                               QImage.Format.Format_RGB32).copy()
                bitmap.close()
            finally:
                page.close()
            if len(self._cache) > 24:  # a few screens' worth; zooming invalidates the rest anyway
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = image
        return image

    def print_to(self, printer: QPrinter) -> int:
        """Print every page, each scaled to fit the printable area; gives the page count."""
        return PdfPages([self]).print_to(printer)

    def close(self) -> None:
        self._cache.clear()
        self._pdf.close()


class PdfPages:
    """Several PDFs read as one document (the preview's parts, in order): the interface of ``PdfDocument``.

    Parts are appended while they are written; ``complete`` says whether the last one came.
    """

    def __init__(self, docs: list[PdfDocument] | None = None, complete: bool = True) -> None:
        self.docs: list[PdfDocument] = []
        self._where: list[tuple[PdfDocument, int]] = []
        self.complete = complete
        for d in docs or []:
            self.append(d)

    def append(self, doc: PdfDocument) -> range:
        """Add a part; gives the indexes of its pages in the whole."""
        start = len(self._where)
        self.docs.append(doc)
        self._where += [(doc, i) for i in range(len(doc))]
        return range(start, len(self._where))

    @property
    def paths(self) -> list[Path]:
        return [d.path for d in self.docs]

    def __len__(self) -> int:
        return len(self._where)

    def page_size(self, index: int) -> tuple[float, float]:
        doc, i = self._where[index]
        return doc.page_size(i)

    def render(self, index: int, scale: float) -> QImage:
        doc, i = self._where[index]
        return doc.render(i, scale)

    def print_to(self, printer: QPrinter) -> int:
        """Print every page of every part, each scaled to fit the printable area; gives the page count."""
        if not self.complete:
            raise RuntimeError("the preview is still being written")
        printer.setFullPage(False)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("无法开始打印，请检查打印机或输出文件。")
        try:
            dpi = printer.resolution()
            for n, (doc, i) in enumerate(self._where):
                if n:
                    printer.newPage()
                area = painter.viewport()
                w, h = doc.page_size(i)
                scale = min(dpi / POINTS_PER_INCH, area.width() / w, area.height() / h)
                image = doc.render(i, scale)
                painter.drawImage(QRect(0, 0, image.width(), image.height()), image)
        finally:
            painter.end()
        return len(self)

    def close(self) -> None:
        for d in self.docs:
            d.close()
