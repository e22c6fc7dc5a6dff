"""The principal's 核查单 as PDF: one line per teacher with a tick box, the 填写说明, the
fingerprint and QR code of the return it checks, and the principal's signature line.

The school prints it, the principal goes through it line by line, ticks what is right,
writes what is wrong in 备注, and signs as the person answerable for the data. The
fingerprint and QR code are those of the 教职工名册 return (教填-02表) of the same data,
so the office can tell that the signed paper and the electronic package match.
Same font (embedded, subset) and QR drawing as the returns (``pdf_text``, ``pdf_furniture``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from desktop.reports.pdf_furniture import define_qr
from desktop.reports.pdf_text import (
    FONT,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    QR_SIZE,
    TABLE_W,
    fit_size,
    register_font,
    wrap,
)
from desktop.reports.text import BLANK


@dataclass(frozen=True, slots=True)
class ChecklistLine:
    name: str
    id_masked: str
    category: str  # 教职工类别
    education: str  # 最高学历
    title: str  # 职称
    certificate: str  # 教师资格证 (种类, or 无)
    registration: str  # 定期注册 (next due, or state)
    hours: str  # 本周期学时 / 要求


@dataclass(frozen=True, slots=True)
class ChecklistData:
    unit_code: str
    unit_name: str
    school_year: int
    census_date: date
    cycle_label: str
    lines: tuple[ChecklistLine, ...]
    explanations: tuple[tuple[str, str, str], ...]  # (检查项, 说明, 相关记录)
    fingerprint: str  # the 教职工名册's data fingerprint (full)
    short_fingerprint: str
    qr_payload: str
    return_label: str  # 教填-02表 教职工基本信息花名册
    proxy_by: str = ""


HEADERS = ("序号", "姓名", "证件号码", "类别", "最高学历", "职称", "教师资格证", "定期注册", "本周期学时", "核对", "备注")
WIDTHS = (28.0, 62.0, 112.0, 58.0, 64.0, 50.0, 80.0, 92.0, 78.0, 34.0)
ROW_H = 17.0
TOP = 96.0  # distance from the top edge to the table on every page
FOOT = 40.0
INTRO = ("请校长逐行核对本单位在职教职工的信息：证件号码（已隐去中间位）、学历、职称、教师资格证、定期注册和本周期培训学时。"
         "信息无误的在“核对”栏的方框内打√；有误的在“备注”栏写明正确内容，并交填报人更正后重新打印本单。")
PLEDGE = "本人已逐项核对上述数据及填写说明，确认真实、准确、完整，并对其负责。"


def _widths() -> list[float]:
    return [*WIDTHS, TABLE_W - sum(WIDTHS)]


def _rows_per_page(first: bool) -> int:
    room = PAGE_H - TOP - (36 if first else 0) - FOOT - ROW_H
    return int(room // ROW_H)


class _Painter:
    def __init__(self, c: Canvas, data: ChecklistData) -> None:
        self.c, self.d = c, data
        self.xs = [MARGIN_X]
        for w in _widths():
            self.xs.append(self.xs[-1] + w)

    def text(self, x: float, top: float, s: str, size: float, *, align: str = "left") -> None:
        self.c.setFont(FONT, size)
        y = PAGE_H - top
        if align == "center":
            self.c.drawCentredString(x, y, s)
        elif align == "right":
            self.c.drawRightString(x, y, s)
        else:
            self.c.drawString(x, y, s)

    def head(self, first: bool) -> float:
        d = self.d
        self.text(PAGE_W / 2, 40, f"{d.school_year}学年 教职工数据核查单（校长核查）", 16, align="center")
        self.text(MARGIN_X, 62, f"填报单位（盖章）：{d.unit_name}　　单位代码：{d.unit_code}　　"
                                f"统计时点：{d.census_date.isoformat()}　　培训周期：{d.cycle_label}", 9)
        self.text(PAGE_W - MARGIN_X, 62, f"核对对象：{d.return_label}", 9, align="right")
        top = 76.0
        if d.proxy_by:
            self.text(MARGIN_X, top, f"本表由{d.proxy_by}代报", 9)
            top += 12
        if first:
            for line in wrap(INTRO, 9, TABLE_W):
                self.text(MARGIN_X, top + 4, line, 9)
                top += 12
        return max(top + 8, TOP)

    def table_head(self, top: float) -> float:
        c = self.c
        c.setLineWidth(0.6)
        for i, h in enumerate(HEADERS):
            w = _widths()[i]
            c.rect(self.xs[i], PAGE_H - top - ROW_H, w, ROW_H)
            self.text(self.xs[i] + w / 2, top + 12, h, 8.5, align="center")
        return top + ROW_H

    def row(self, top: float, n: int, line: ChecklistLine) -> None:
        c = self.c
        cells = (str(n), line.name, line.id_masked, line.category, line.education, line.title, line.certificate,
                 line.registration, line.hours, "", "")
        c.setLineWidth(0.4)
        for i, value in enumerate(cells):
            w = _widths()[i]
            c.rect(self.xs[i], PAGE_H - top - ROW_H, w, ROW_H)
            if i == 9:  # the tick box
                c.rect(self.xs[i] + w / 2 - 5, PAGE_H - top - ROW_H / 2 - 5, 10, 10)
                continue
            size = fit_size(value, 8.0, w - 4)
            self.text(self.xs[i] + w / 2, top + 12, value, size, align="center")

    def foot(self, page: int, total: int) -> None:
        self.text(MARGIN_X, PAGE_H - 20, f"数据指纹：{self.d.short_fingerprint}", 8)
        self.text(PAGE_W / 2, PAGE_H - 20, f"第 {page} 页　共 {total} 页", 9, align="center")
        self.text(PAGE_W - MARGIN_X, PAGE_H - 20, "校长核对后签字：＿＿＿＿＿＿", 8, align="right")


def _explanation_pages(explanations: Sequence[tuple[str, str, str]]) -> list[list[list[str]]]:
    """The 填写说明 as wrapped lines, cut into pages (the sign-off block needs the last page's foot)."""
    room = PAGE_H - TOP - FOOT - 150
    pages: list[list[list[str]]] = [[]]
    used = 0.0
    for i, (rule, text, record) in enumerate(explanations, start=1):
        lines = wrap(f"{i}. 【{rule}】{record + '：' if record else ''}{text}", 9, TABLE_W)
        h = len(lines) * 12 + 2
        if pages[-1] and used + h > room:
            pages.append([])
            used = 0.0
        pages[-1].append(lines)
        used += h
    return pages


def write_checklist(data: ChecklistData, path: Path) -> int:
    """Write the 核查单; gives the number of pages."""
    font = register_font()
    c = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), initialFontName=font, initialFontSize=9, pageCompression=1)
    c.setTitle(f"{data.unit_name} {data.school_year}学年 教职工数据核查单")
    c.setAuthor(data.unit_name)
    c.setCreator("EduReturns（教育数据填报）")
    define_qr(c, "qr", data.qr_payload)
    p = _Painter(c, data)
    chunks: list[tuple[int, Sequence[ChecklistLine]]] = []
    start, first = 0, True
    while start < len(data.lines) or not chunks:
        n = _rows_per_page(first)
        chunks.append((start, data.lines[start:start + n]))
        start += n
        first = False
    notes = _explanation_pages(data.explanations)
    total = len(chunks) + len(notes)
    page = 0
    for k, (offset, lines) in enumerate(chunks):
        page += 1
        top = p.table_head(p.head(k == 0))
        for i, line in enumerate(lines):
            p.row(top, offset + i + 1, line)
            top += ROW_H
        if not lines:
            p.text(MARGIN_X, top + 14, "本单位没有在职教职工记录。", 9)
        p.foot(page, total)
        c.showPage()
    for k, blocks in enumerate(notes):
        page += 1
        p.head(False)
        p.text(PAGE_W / 2, TOP + 4, "填写说明" if k == 0 else "填写说明（续）", 13, align="center")
        top = TOP + 24
        if not data.explanations:
            p.text(MARGIN_X, top, "本单位本学年的数据检查没有需要说明的警告。", 9)
        for block in blocks:
            for text in block:
                p.text(MARGIN_X, top, text, 9)
                top += 12
            top += 2
        if k == len(notes) - 1:
            _sign_off(p, data)
        p.foot(page, total)
        c.showPage()
    c.save()
    return total


def _sign_off(p: _Painter, d: ChecklistData) -> None:
    """The pledge, the fingerprint with its QR code and the principal's signature line (last page)."""
    c = p.c
    top = PAGE_H - FOOT - 130
    c.setLineWidth(0.6)
    c.line(MARGIN_X, PAGE_H - top + 8, PAGE_W - MARGIN_X, PAGE_H - top + 8)
    p.text(MARGIN_X, top + 8, PLEDGE, 10)
    p.text(MARGIN_X, top + 30, f"核对对象：{d.return_label}　数据指纹：{d.short_fingerprint}", 9)
    p.text(MARGIN_X, top + 44, f"完整指纹：{d.fingerprint}", 7)
    p.text(MARGIN_X, top + 74, f"校长（签字）：{BLANK}　　　核对日期：　　年　　月　　日　　　单位（盖章）", 11)
    scale = 1.6
    c.saveState()
    c.translate(PAGE_W - MARGIN_X - QR_SIZE * scale, PAGE_H - top - 8 - QR_SIZE * scale)
    c.scale(scale, scale)
    c.doForm("qr")
    c.restoreState()
