"""PDF renderer (reportlab canvas): A4 landscape statistical forms with the bundled Chinese font.

Drawn straight on the canvas with fixed row heights (the fast path: an 8,000-row
roster is ~200 pages), so page counts are known before drawing and every page
can say 第 X 页 共 Y 页. The canvas starts in the bundled TrueType font
(``initialFontName``), so no un-embedded Helvetica sneaks in; reportlab embeds a
subset of the glyphs used. Every page carries the short data fingerprint and a QR
code (unit, period, return code, fingerprint); the last page of each return
carries the notes, the signature block and the seal area.

This module plans pages and draws the table; the page furniture (title block,
footer, signature block, seal area, fingerprint band, QR code, 填写说明 pages) is
in ``pdf_furniture.py``, fonts and text metrics in ``pdf_text.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from desktop.reports.formats import ReturnFormat, register
from desktop.reports.layout import column_codes, column_widths, header_boxes
from desktop.reports.model import ReturnData, format_value, relation_text
from desktop.reports.pdf_furniture import PageFurniture, SealBox, define_qr, draw_explanations
from desktop.reports.pdf_text import (
    BODY_SIZE,
    BOTTOM_BAND,
    CODE_ROW_H,
    FONT,
    FOOTER_H,
    LINE_H,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    QR_SIZE,
    ROW_H,
    TABLE_W,
    ascii_digits,
    fit_lines,
    fit_size,
    register_font,
    text_width,
    wrap,
)
from desktop.reports.pdf_yoy import draw_yoy
from desktop.reports.qrpayload import payload_for
from desktop.reports.text import EMPTY, draft_lines, marker_lines, unit_lines


@dataclass(frozen=True)
class _Plan:
    pages: list[tuple[int, int]]  # row ranges per page
    footer_page: bool  # an extra page only for the footer block
    notes: list[str]


class _ReturnPainter(PageFurniture):
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
        draft = draft_lines(data)  # a draft lists its failed relations before the notes
        self.notes = [ln for n in (*draft, *([f"说明：{joined}。"] if notes else [])) for ln in wrap(n, 8, TABLE_W)]

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
        footer_need = FOOTER_H + 10 * len(self.notes)
        used = last_top + self.header_h + (pages[-1][1] - pages[-1][0]) * self.row_h
        if used + footer_need <= bottom:
            return _Plan(pages, False, self.notes)
        # The signature block does not fit under the last rows. Rather than a page holding
        # only the signatures, carry the last rows over so they sign with data above them.
        a, b = pages[-1]
        room = max(1, int((bottom - footer_need - self._top_next() - self.header_h) // self.row_h))
        carry = min(room, b - a - 1) if b - a > 1 else 0
        if carry > 0:
            pages[-1] = (a, b - carry)
            pages.append((b - carry, b))
            return _Plan(pages, False, self.notes)
        return _Plan(pages, True, self.notes)  # one row, or notes taller than a page: a page of its own

    # ------------------------------------------------------------ painting
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
                    size, lines = fit_lines(text, BODY_SIZE, width, self.row_lines)
                    if len(lines) > 1:
                        t.setFont(FONT, size)
                        current = size
                        for j, line in enumerate(lines):
                            t.setTextOrigin(x, row_top - 2 - size - j * (size + 1))
                            t.textOut(line)
                        continue
                size = fit_size(text, BODY_SIZE, width)
                if size != current:
                    t.setFont(FONT, size)
                    current = size
                if align == "l":
                    t.setTextOrigin(x, base)
                else:
                    # Digits of this font are a fixed 0.6 em, so numbers need no width lookup.
                    w = len(text) * 0.6 * size if ascii_digits(text) else text_width(text, size)
                    t.setTextOrigin(x - w if align == "r" else x + (width - w) / 2, base)
                t.textOut(text)
        if bold:
            t.setTextRenderMode(0)
        c.drawText(t)
        return bottom

def write_pdf(returns: Sequence[ReturnData], path: Path, *, closing_explanations: bool = True) -> list[SealBox]:
    """Write the returns; gives the seal area (单位盖章) of each return, for a signature field.

    ``closing_explanations=False`` leaves out the 填写说明 pages that close the document
    (the preview writes them as a part of their own, ``write_explanations_pdf``).
    """
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
        define_qr(c, form, payload_for(data))  # signed when the unit has a QR key (qrpayload.py)
        painter = _ReturnPainter(c, data, form, seals)
        painter.paint(painter.plan())
        if data.yoy:
            draw_yoy(c, data)
    if closing_explanations and returns and returns[0].explanations:
        draw_explanations(c, returns)
    c.save()
    return seals


def write_explanations_pdf(data: ReturnData, path: Path) -> bool:
    """Only the 填写说明 pages that close ``write_pdf``'s document (of ``data``); False when there are none."""
    if not data.explanations:
        return False
    font = register_font()
    c = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), initialFontName=font, initialFontSize=9, pageCompression=1)
    draw_explanations(c, [data])
    c.save()
    return True


@register
class PdfFormat(ReturnFormat):
    name = "pdf"
    label = "PDF 文件 (*.pdf)"
    suffix = ".pdf"

    def render(self, returns: Sequence[ReturnData], path: Path) -> None:
        write_pdf(returns, path)


__all__ = ["FONT", "PAGE_H", "PAGE_W", "QR_SIZE", "PdfFormat", "SealBox", "register_font", "text_width", "wrap",
           "write_explanations_pdf", "write_pdf"]
