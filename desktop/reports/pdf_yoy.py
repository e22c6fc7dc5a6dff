"""The 与上年比较 page(s) after a return in the PDF: 上年、本年、增减（%）, changes beyond the band marked.

A marked line is printed on a tinted band with ※ in the 标记 column, so it shows on paper in
black and white as well as on screen.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from desktop.domain.numbers import amount
from desktop.reports.model import ReturnData
from desktop.reports.pdf_text import (
    BOTTOM_BAND,
    FONT,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    TABLE_W,
    wrap,
)
from desktop.reports.yoy import MARK

ROW_H = 16.0
HEADS = ("项目", "上年", "本年", "增减（%）", "标记")


def draw_yoy(c: Canvas, data: ReturnData) -> None:
    spec = data.definition.year_over_year
    band = amount(spec.band, 1) if spec else ""
    widths = [TABLE_W - 4 * 90.0, 90.0, 90.0, 90.0, 90.0]
    xs = [MARGIN_X]
    for w in widths:
        xs.append(xs[-1] + w)
    room = PAGE_H - BOTTOM_BAND - MARGIN_TOP - 90
    per_page = max(1, int(room // ROW_H))
    lines = list(data.yoy)
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    for pno, chunk in enumerate(pages, start=1):
        c.setFont(FONT, 14)
        c.drawCentredString(PAGE_W / 2, PAGE_H - MARGIN_TOP - 18, f"{data.definition.title} — 与上年比较")
        c.setFont(FONT, 9)
        c.drawCentredString(PAGE_W / 2, PAGE_H - MARGIN_TOP - 34,
                            f"填报单位：{data.unit_name}（{data.unit_code}）　{data.school_year - 1}学年→"
                            f"{data.school_year}学年　{MARK} 表示增减超过 ±{band}%")
        top = MARGIN_TOP + 50
        c.setLineWidth(0.5)
        for i, head in enumerate(HEADS):
            c.rect(xs[i], PAGE_H - top - ROW_H, widths[i], ROW_H)
            c.drawCentredString(xs[i] + widths[i] / 2, PAGE_H - top - 12, head)
        top += ROW_H
        for line in chunk:
            if line.beyond:
                c.setFillGray(0.85)
                c.rect(xs[0], PAGE_H - top - ROW_H, TABLE_W, ROW_H, stroke=0, fill=1)
                c.setFillGray(0)
            for j, text in enumerate(line.cells):
                c.rect(xs[j], PAGE_H - top - ROW_H, widths[j], ROW_H)
                shown = wrap(text, 9, widths[j] - 6)[0] if text else ""
                if j == 0:
                    c.drawString(xs[j] + 3, PAGE_H - top - 12, shown)
                else:
                    c.drawRightString(xs[j + 1] - 4, PAGE_H - top - 12, shown)
            top += ROW_H
        c.drawCentredString(PAGE_W / 2, 22, f"与上年比较　第 {pno} 页　共 {len(pages)} 页")
        c.showPage()
