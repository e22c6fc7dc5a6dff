"""PDF page furniture: everything around a return's table.

The title block of the first page and the running head of the others, the notes,
seal area and signature block on a return's last page, the band at the foot of
every page (data fingerprint, page X of Y, QR code), the QR code itself and the
填写说明 pages at the end of the file. ``pdf.py`` lays out the table and calls these.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.pdfgen.canvas import Canvas

from desktop.reports.model import ReturnData
from desktop.reports.pdf_text import (
    BOTTOM_BAND,
    FONT,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    QR_SIZE,
    TABLE_W,
    text_width,
    wrap,
)
from desktop.reports.text import DRAFT_MARK, explanation_rows, footer_parts


class SealBox(NamedTuple):
    """Where a return's seal area is: 0-based page and a PDF-coordinate rectangle (points)."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float


class PageFurniture:
    """Drawing of the parts of a page that are not the table (mixed into the return painter)."""

    c: Canvas
    data: ReturnData
    form: str
    seal_boxes: list[SealBox]
    title_lines: list[str]
    left: list[str]
    right: list[str]
    notes: list[str]

    def y(self, top: float) -> float:
        """Convert a distance from the top edge into reportlab's bottom-up y."""
        return float(PAGE_H - top)

    def _text(self, x: float, top: float, text: str, size: float, *, bold: bool = False,
              align: str = "left") -> None:
        if align != "left":
            w = text_width(text, size)
            x -= w if align == "right" else w / 2
        t = self.c.beginText(x, self.y(top))
        t.setFont(FONT, size)
        if bold:  # the font has no bold face: fill and stroke the outline instead
            self.c.setLineWidth(0.3)
            t.setTextRenderMode(2)
        t.textOut(text)
        if bold:
            t.setTextRenderMode(0)
        self.c.drawText(t)

    def _draw_top_first(self) -> float:
        top = MARGIN_TOP
        for line in self.title_lines:
            top += 18
            self._text(PAGE_W / 2, top, line, 16, bold=True, align="center")
        top += 13
        self._text(PAGE_W / 2, top, f"（{self.data.time_label}）", 9, align="center")
        rtop = MARGIN_TOP
        rx = PAGE_W - MARGIN_X - 180
        for line in self.right:
            rtop += 12
            self._text(rx, rtop, line, 9)
        top = max(top, rtop) + 2
        for line in self.left:
            top += 12
            self._text(MARGIN_X, top, line, 9)
        return top + 4

    def _draw_top_next(self) -> float:
        d = self.data
        top = MARGIN_TOP + 12
        self._text(MARGIN_X, top, f"{d.header.get('表号', '')}　{d.definition.title}（续）", 9)
        self._text(PAGE_W - MARGIN_X, top, f"填报单位：{d.unit_name}（{d.unit_code}）", 9, align="right")
        return top + 6

    def _draw_footer(self, top: float) -> None:
        for line in self.notes:
            top += 10
            self._text(MARGIN_X, top, line, 8)
        # Seal area (盖章处): a dashed circle at the right, above the signature line.
        c = self.c
        cx, cy, r = PAGE_W - MARGIN_X - 70, self.y(top + 46), 34
        # The signing service puts the visible digital signature beside the seal (reports/signing.py).
        self.seal_boxes.append(SealBox(c.getPageNumber() - 1, cx - r - 180, cy - r, cx - r - 8, cy + r))
        c.setDash(3, 2)
        c.setLineWidth(0.6)
        c.circle(cx, cy, r, stroke=1, fill=0)
        c.setDash()
        self._text(cx, top + 49, "（单位盖章）", 8, align="center")
        top += 96
        parts = footer_parts(self.data)
        slot = TABLE_W / len(parts)
        for i, (label, value) in enumerate(parts):
            x = MARGIN_X + i * slot
            text = f"{label}："
            self._text(x, top, text, 9)
            vx = x + text_width(text, 9)
            c.setLineWidth(0.5)
            c.line(vx, self.y(top + 2), x + slot - 10, self.y(top + 2))
            if value:
                self._text(vx + 3, top - 1, value, 9)

    def _draw_watermark(self) -> None:
        """草稿（校验未通过） across the page, light enough to read the table through."""
        c = self.c
        c.saveState()
        c.setFillGray(0.55)
        c.setFillAlpha(0.22)
        c.translate(PAGE_W / 2, PAGE_H / 2)
        c.rotate(28)
        c.setFont(FONT, 64)
        c.drawCentredString(0, -20, DRAFT_MARK)
        c.restoreState()

    def _draw_page_band(self, page: int, total: int) -> None:
        d = self.data
        if d.is_draft:
            self._draw_watermark()
        base = PAGE_H - 22
        self._text(MARGIN_X, base, f"数据指纹：{d.short_fingerprint}", 8)
        # The printed form names itself by its 表号 (教填-02表), never by an internal code.
        self._text(MARGIN_X, base + 10, f"{d.unit_code}　{d.school_year}学年　{d.definition.table_no}", 6.5)
        self._text(PAGE_W / 2, base, f"第 {page} 页　共 {total} 页", 9, align="center")
        c = self.c
        c.saveState()
        c.translate(PAGE_W - MARGIN_X - QR_SIZE, 6)
        c.doForm(self.form)
        c.restoreState()


def define_qr(c: Canvas, name: str, payload: str) -> None:
    """The QR code as a form XObject: encoded once per return, referenced on every page."""
    widget = QrCodeWidget(payload, barLevel="M")
    qr = widget.qr
    qr.make()
    n = qr.getModuleCount()
    border = 2
    box = QR_SIZE / (n + 2 * border)
    c.beginForm(name, 0, 0, QR_SIZE, QR_SIZE)
    c.setFillGray(1)
    c.rect(0, 0, QR_SIZE, QR_SIZE, stroke=0, fill=1)
    c.setFillGray(0)
    p = c.beginPath()
    for r, row in enumerate(qr.modules):
        for col, dark in enumerate(row):
            if dark:
                p.rect((col + border) * box, QR_SIZE - (r + border + 1) * box, box, box)
    c.drawPath(p, stroke=0, fill=1)
    c.endForm()


def draw_explanations(c: Canvas, returns: Sequence[ReturnData]) -> None:
    data = returns[0]
    rows = explanation_rows(data)
    widths = [36.0, 150.0, TABLE_W - 36 - 150 - 160, 160.0]
    xs = [MARGIN_X]
    for w in widths:
        xs.append(xs[-1] + w)
    laid = [[wrap(t, 9, w - 6) for t, w in zip(r, widths, strict=True)] for r in rows]
    heights = [max(len(x) for x in cells) * 12 + 6 for cells in laid]
    pages: list[list[int]] = [[]]
    used = 0.0
    room = PAGE_H - BOTTOM_BAND - MARGIN_TOP - 70
    for i, h in enumerate(heights):
        if pages[-1] and used + h > room:
            pages.append([])
            used = 0.0
        pages[-1].append(i)
        used += h
    for pno, idx in enumerate(pages, start=1):
        c.setFont(FONT, 16)
        c.drawCentredString(PAGE_W / 2, PAGE_H - MARGIN_TOP - 18, "填写说明")
        c.setFont(FONT, 9)
        c.drawCentredString(PAGE_W / 2, PAGE_H - MARGIN_TOP - 34,
                            f"填报单位：{data.unit_name}（{data.unit_code}）　{data.school_year}学年")
        top = MARGIN_TOP + 50
        c.setLineWidth(0.5)
        for i, head in enumerate(("序号", "检查项", "说明", "相关记录")):
            c.rect(xs[i], PAGE_H - top - 16, widths[i], 16)
            c.drawCentredString(xs[i] + widths[i] / 2, PAGE_H - top - 12, head)
        top += 16
        for i in idx:
            h = heights[i]
            for j, lines in enumerate(laid[i]):
                c.rect(xs[j], PAGE_H - top - h, widths[j], h)
                for k, line in enumerate(lines):
                    c.drawString(xs[j] + 3, PAGE_H - top - 12 - k * 12, line)
            top += h
        c.setFont(FONT, 9)
        c.drawCentredString(PAGE_W / 2, 22, f"第 {pno} 页　共 {len(pages)} 页")
        c.showPage()
