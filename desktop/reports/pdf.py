"""PDF renderer (reportlab canvas): A4 landscape statistical forms with the bundled Chinese font.

Drawn straight on the canvas with fixed row heights (the fast path: an 8,000-row
roster is ~200 pages), so page counts are known before drawing and every page
can say 第 X 页 共 Y 页. The canvas starts in the bundled TrueType font
(``initialFontName``), so no un-embedded Helvetica sneaks in; reportlab embeds a
subset of the glyphs used. Every page carries the short data fingerprint and a QR
code (unit, period, return code, fingerprint); the last page of each return
carries the notes, the signature block and the seal area.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from desktop.paths import resources_dir
from desktop.reports.formats import ReturnFormat, register
from desktop.reports.layout import column_codes, column_widths, header_boxes
from desktop.reports.model import ReturnData, format_value, relation_text
from desktop.reports.qrpayload import payload_for
from desktop.reports.text import EMPTY, explanation_rows, footer_parts, marker_lines, unit_lines

FONT = "WenQuanYiZenHei"
PAGE_W, PAGE_H = landscape(A4)
MARGIN_X, MARGIN_TOP, BOTTOM_BAND = 28.0, 24.0, 62.0
TABLE_W = PAGE_W - 2 * MARGIN_X
ROW_H, BODY_SIZE = 12.0, 7.5
CODE_ROW_H = 11.0
LINE_H = 8.5  # each extra text line of a multi-line row
QR_SIZE = 50.0
FOOTER_H = 118.0  # signature block and seal area (plus notes, measured per return)


@cache
def register_font() -> str:
    """Register the bundled TrueType font once per process; reportlab subsets it on save."""
    path = resources_dir() / "fonts" / "WenQuanYiZenHei.ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(path)))
    return FONT


@cache
def _char_width(ch: str) -> float:
    return float(pdfmetrics.stringWidth(ch, FONT, 1.0))


def text_width(text: str, size: float) -> float:
    return sum(_char_width(c) for c in text) * size


def wrap(text: str, size: float, width: float) -> list[str]:
    """Greedy wrap by characters (Chinese breaks anywhere); keeps explicit newlines."""
    lines: list[str] = []
    for para in text.split("\n"):
        line, w = "", 0.0
        for ch in para:
            cw = _char_width(ch) * size
            if line and w + cw > width:
                lines.append(line)
                line, w = "", 0.0
            line += ch
            w += cw
        lines.append(line)
    return lines


def _fit_size(text: str, size: float, width: float, minimum: float = 4.0) -> float:
    # Cheap upper bound first: no glyph of this font is wider than 1 em.
    if len(text) * size <= width:
        return size
    w = text_width(text, size)
    return size if w <= width else max(minimum, size * width / w)


def _fit_lines(text: str, size: float, width: float, max_lines: int) -> tuple[float, list[str]]:
    """The largest size (down to 4 pt) at which ``text`` wraps into at most ``max_lines`` lines."""
    while True:
        lines = wrap(text, size, width)
        if len(lines) <= max_lines or size <= 4.0:
            return size, lines[:max_lines]
        size -= 0.5


@dataclass(frozen=True)
class _Plan:
    pages: list[tuple[int, int]]  # row ranges per page
    footer_page: bool  # an extra page only for the footer block
    notes: list[str]


class SealBox(NamedTuple):
    """Where a return's seal area is: 0-based page and a PDF-coordinate rectangle (points)."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float


class _ReturnPainter:
    """Draws one return: plans pages first (fixed heights), then paints them."""

    def __init__(self, c: Canvas, data: ReturnData, form_name: str, seal_boxes: list[SealBox] | None = None) -> None:
        self.c, self.data, self.form = c, data, form_name
        self.seal_boxes: list[SealBox] = seal_boxes if seal_boxes is not None else []
        self.v = data.variant
        widths = column_widths(self.v)
        scale = TABLE_W / sum(widths)
        self.xs = [MARGIN_X]
        for w in widths:
            self.xs.append(self.xs[-1] + w * scale)
        self.depth = self.v.header_depth
        self.level_h = {1: 26.0, 2: 20.0}.get(self.depth, 17.0)
        self.header_h = self.depth * self.level_h + CODE_ROW_H
        self.row_lines = self.v.row_lines
        self.row_h = ROW_H + (self.row_lines - 1) * LINE_H
        self.title_lines = wrap(data.definition.title, 16, TABLE_W - 2 * 190)
        self.left = [ln for t in unit_lines(data) for ln in wrap(t, 9, TABLE_W - 200)]
        self.right = marker_lines(data)
        notes = [n for n in (data.definition.notes, relation_text(self.v)) if n]
        if data.explanations:
            notes.append(f"填写说明：共 {len(data.explanations)} 条，见本文件末尾“填写说明”页")
        joined = "；".join(n.rstrip("。；") for n in notes)
        self.notes = [ln for n in ([f"说明：{joined}。"] if notes else []) for ln in wrap(n, 8, TABLE_W)]

    # ------------------------------------------------------------ planning
    def _top_first(self) -> float:
        title_h = 20 * len(self.title_lines) + 14
        return MARGIN_TOP + max(title_h, 12 * len(self.right) + 2) + 12 * len(self.left) + 4

    def _top_next(self) -> float:
        return MARGIN_TOP + 18

    def plan(self) -> _Plan:
        n = len(self.data.rows)
        bottom = PAGE_H - BOTTOM_BAND
        first = max(1, int((bottom - self._top_first() - self.header_h) // self.row_h))
        nxt = max(1, int((bottom - self._top_next() - self.header_h) // self.row_h))
        pages: list[tuple[int, int]] = []
        start, cap = 0, first
        while True:
            end = min(n, start + cap)
            pages.append((start, end))
            if end >= n:
                break
            start, cap = end, nxt
        last_top = self._top_first() if len(pages) == 1 else self._top_next()
        used = last_top + self.header_h + (pages[-1][1] - pages[-1][0]) * self.row_h
        footer_need = FOOTER_H + 10 * len(self.notes)
        return _Plan(pages, used + footer_need > bottom, self.notes)

    # ------------------------------------------------------------ painting
    def y(self, top: float) -> float:
        """Convert a distance from the top edge into reportlab's bottom-up y."""
        return float(PAGE_H - top)

    def paint(self, plan: _Plan) -> None:
        total = len(plan.pages) + (1 if plan.footer_page else 0)
        for i, (a, b) in enumerate(plan.pages):
            top = self._draw_top_first() if i == 0 else self._draw_top_next()
            table_bottom = self._draw_table(top, a, b)
            if i == len(plan.pages) - 1 and not plan.footer_page:
                self._draw_footer(table_bottom + 8)
            self._draw_page_band(i + 1, total)
            self.c.showPage()
        if plan.footer_page:
            self._draw_footer(self._draw_top_next() + 4)
            self._draw_page_band(total, total)
            self.c.showPage()

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

    def _draw_header(self, top: float) -> float:
        c, xs, lh = self.c, self.xs, self.level_h
        c.setLineWidth(0.6)
        c.setFillGray(0.94)
        c.rect(xs[0], self.y(top + self.header_h), xs[-1] - xs[0], self.header_h, stroke=0, fill=1)
        c.setFillGray(0)
        for b in header_boxes(self.v):
            x0, x1 = xs[b.col0], xs[b.col1 + 1]
            t0, t1 = top + b.row0 * lh, top + (b.row1 + 1) * lh
            c.rect(x0, self.y(t1), x1 - x0, t1 - t0, stroke=1, fill=0)
            size = 8.0
            lines = wrap(b.text, size, x1 - x0 - 3)
            while len(lines) * size * 1.15 > (t1 - t0) - 2 and size > 5:
                size -= 0.5
                lines = wrap(b.text, size, x1 - x0 - 3)
            block = len(lines) * size * 1.15
            first = t0 + ((t1 - t0) - block) / 2 + size * 0.95
            for k, line in enumerate(lines):
                self._text((x0 + x1) / 2, first + k * size * 1.15, line, size, bold=True, align="center")
        ctop = top + self.depth * lh
        for i, code in enumerate(column_codes(self.v)):
            c.rect(xs[i], self.y(ctop + CODE_ROW_H), xs[i + 1] - xs[i], CODE_ROW_H, stroke=1, fill=0)
            self._text((xs[i] + xs[i + 1]) / 2, ctop + CODE_ROW_H - 3, code, 7, align="center")
        return ctop + CODE_ROW_H

    def _draw_table(self, top: float, a: int, b: int) -> float:
        """Header and rows a..b; the hot loop uses one text object per page."""
        body_top = self._draw_header(top)
        c, xs = self.c, self.xs
        rows = self.data.rows[a:b] if b > a else ()
        if not self.data.rows:
            self._text(xs[0] + 4, body_top + ROW_H - 3, "（无数据）", BODY_SIZE)
            bottom = body_top + self.row_h
        else:
            bottom = body_top + len(rows) * self.row_h
        c.setLineWidth(0.4)
        p = c.beginPath()
        for k in range(1, len(rows) + 1 if rows else 2):
            yy = self.y(body_top + k * self.row_h)
            p.moveTo(xs[0], yy)
            p.lineTo(xs[-1], yy)
        for x in xs:
            p.moveTo(x, self.y(body_top))
            p.lineTo(x, self.y(bottom))
        c.drawPath(p, stroke=1, fill=0)
        cols = self.v.columns
        kinds = [col.type for col in cols]
        lefts, rights = xs[2:-1], xs[3:]
        t = c.beginText()
        t.setFont(FONT, BODY_SIZE)
        current = BODY_SIZE
        bold = False
        code_w = xs[2] - xs[1] - 3
        label_w = xs[1] - xs[0] - 4
        for k, row in enumerate(rows):
            # Single-line cells sit on the row's middle line (multi-line rows are taller).
            base = self.y(body_top + k * self.row_h + self.row_h / 2 + 2.6)
            row_top = self.y(body_top + k * self.row_h)
            total = row.group == "total"
            if total != bold:
                t.setTextRenderMode(2 if total else 0)
                bold = total
            label = "　" * row.indent + row.label
            cells = [(xs[0] + 2, label, label_w, "l"), (xs[1] + 1.5, row.code, code_w, "c")]
            for kind, col, v, x0, x1 in zip(kinds, cols, row.values, lefts, rights, strict=True):
                text = EMPTY if v is None else (format_value(col, v) or "")
                if kind in ("int", "dec1", "dec2", "pct"):
                    cells.append((x1 - 2, text, x1 - x0 - 4, "r"))
                elif kind in ("id", "date") or v is None:
                    cells.append((x0 + 1.5, text, x1 - x0 - 3, "c"))
                else:
                    cells.append((x0 + 2, text, x1 - x0 - 4, "l"))
            for x, text, width, align in cells:
                if not text:
                    continue
                if self.row_lines > 1 and align == "l" and len(text) * BODY_SIZE > width:
                    size, lines = _fit_lines(text, BODY_SIZE, width, self.row_lines)
                    if len(lines) > 1:
                        t.setFont(FONT, size)
                        current = size
                        for j, line in enumerate(lines):
                            t.setTextOrigin(x, row_top - 2 - size - j * (size + 1))
                            t.textOut(line)
                        continue
                size = _fit_size(text, BODY_SIZE, width)
                if size != current:
                    t.setFont(FONT, size)
                    current = size
                if align == "l":
                    t.setTextOrigin(x, base)
                else:
                    # Digits of this font are a fixed 0.6 em, so numbers need no width lookup.
                    w = len(text) * 0.6 * size if _ascii_digits(text) else text_width(text, size)
                    t.setTextOrigin(x - w if align == "r" else x + (width - w) / 2, base)
                t.textOut(text)
        if bold:
            t.setTextRenderMode(0)
        c.drawText(t)
        return bottom

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

    def _draw_page_band(self, page: int, total: int) -> None:
        d = self.data
        base = PAGE_H - 22
        self._text(MARGIN_X, base, f"数据指纹：{d.short_fingerprint}", 8)
        self._text(MARGIN_X, base + 10, f"{d.unit_code}　{d.school_year}学年　{d.definition.code}", 6.5)
        self._text(PAGE_W / 2, base, f"第 {page} 页　共 {total} 页", 9, align="center")
        c = self.c
        c.saveState()
        c.translate(PAGE_W - MARGIN_X - QR_SIZE, 6)
        c.doForm(self.form)
        c.restoreState()


def _ascii_digits(text: str) -> bool:
    return all(ch in "0123456789.-" for ch in text)


def _define_qr(c: Canvas, name: str, payload: str) -> None:
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


def _draw_explanations(c: Canvas, returns: Sequence[ReturnData]) -> None:
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


def write_pdf(returns: Sequence[ReturnData], path: Path) -> list[SealBox]:
    """Write the returns; gives the seal area (单位盖章) of each return, for a signature field."""
    seals: list[SealBox] = []
    font = register_font()
    c = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), initialFontName=font, initialFontSize=9,
               pageCompression=1)
    if returns:
        first = returns[0]
        c.setTitle(f"{first.unit_name} {first.school_year}学年 报表")
        c.setAuthor(first.unit_name)
        c.setCreator("EduReturns（教育数据填报）")
    for i, data in enumerate(returns):
        form = f"qr{i}"
        _define_qr(c, form, payload_for(data))  # signed when the unit has a QR key (qrpayload.py)
        painter = _ReturnPainter(c, data, form, seals)
        painter.paint(painter.plan())
    if returns and returns[0].explanations:
        _draw_explanations(c, returns)
    c.save()
    return seals


@register
class PdfFormat(ReturnFormat):
    name = "pdf"
    label = "PDF 文件 (*.pdf)"
    suffix = ".pdf"

    def render(self, returns: Sequence[ReturnData], path: Path) -> None:
        write_pdf(returns, path)


__all__ = ["PdfFormat", "SealBox", "register_font", "write_pdf"]
