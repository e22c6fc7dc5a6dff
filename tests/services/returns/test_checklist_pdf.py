"""The principal's 核查单 (issue 23 item 6), written as PDF and read back.

On the hand-made county of tests/services/conftest.py (school A: 张一, 李二, 王三, 赵四, 钱五).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
from reportlab.graphics.barcode.qr import QrCodeWidget

from desktop.reports import checklist as layout
from desktop.reports.pdf_text import MARGIN_X, PAGE_H, PAGE_W, QR_SIZE
from desktop.services.returns.build import build_returns
from desktop.services.returns.checklist import checklist_data, export_checklist
from desktop.services.returns.checks import set_explanation
from tests.pdfread import pdf_fonts, pdf_pages
from tests.services.conftest import County

TODAY = date(2025, 10, 1)


def _qr_modules_on_page(path: Path, page: int, payload: str) -> tuple[int, int]:
    """(matching, total) modules of the payload's QR code sampled from the rendered page."""
    qr = QrCodeWidget(payload, barLevel="M").qr
    qr.make()
    n = qr.getModuleCount()
    scale, size = 4.0, QR_SIZE * 1.6
    left = PAGE_W - MARGIN_X - size
    top = PAGE_H - (PAGE_H - layout.FOOT - 130) - 8 - size  # PDF y of the code's bottom edge
    pdf = pdfium.PdfDocument(path)
    image = pdf[page].render(scale=scale).to_pil().convert("L")
    box = size / (n + 4)
    same = 0
    for r, row in enumerate(qr.modules):
        for col, dark in enumerate(row):
            x = left + (col + 2.5) * box
            y = top + size - (r + 2.5) * box
            pixel = image.getpixel((int(x * scale), int((PAGE_H - y) * scale)))
            same += (pixel < 128) == bool(dark)
    pdf.close()
    return same, n * n


def test_the_checklist_lists_every_teacher_with_a_tick_box_the_explanations_and_the_fingerprint(
        county: County, tmp_path: Path) -> None:
    school = county.units["A"]
    set_explanation(county.db, school, county.period, "registration.overdue", "x-a3", "已预约 2025 年 11 月注册。")
    path = export_checklist(county.db, school, county.period, tmp_path, today=TODAY)
    assert path.name == "2144000001_2025学年_核查单.pdf"
    pages = pdf_pages(path)
    text = "\n".join(pages)
    data = checklist_data(county.db, school, county.period, today=TODAY)
    roster = build_returns(county.db, ["roster"], school, county.period)[0]
    assert data.fingerprint == roster.fingerprint
    for name in ("张一", "李二", "王三", "赵四", "钱五"):
        assert sum(line.count(name) for line in pages[0].splitlines()) == 1
    assert "441622198001010000" not in text and "441622********0000" in text  # masked, never the full number
    line = next(ln for ln in pages[0].splitlines() if "张一" in ln)
    # 张一: 本科, 一级, a 小学 certificate due 2027-01-01, 300 + 130 学时 of 450 in 2021–2025.
    for part in ("专任教师", "本科", "一级", "小学", "2027-01-01 到期", "430 / 450"):
        assert part in line
    line = next(ln for ln in pages[0].splitlines() if "赵四" in ln)
    assert "无" in line and "50 / 450" in line  # no certificate; hours are measured today (2025-10-01), as 概览 does
    assert "王三" in pages[0] and "2026-01-15 到期" in pages[0]
    assert "本表由龙川县教育局代报" in pages[0]  # the county wrote the 填写说明 for the school: 代报
    assert "填写说明" in pages[-1] and "已预约 2025 年 11 月注册。" in pages[-1]
    assert "校长（签字）" in pages[-1] and data.short_fingerprint in pages[-1]
    assert data.fingerprint in pages[-1].replace(" ", "")
    assert all(f"第 {i} 页　共 {len(pages)} 页" in p for i, p in enumerate(pages, start=1))
    assert all(f.embedded for f in pdf_fonts(path))
    same, total = _qr_modules_on_page(path, len(pages) - 1, data.qr_payload)
    assert same == total
    assert data.qr_payload.endswith(roster.fingerprint)


def test_a_long_roster_runs_over_pages_and_every_line_is_printed(county: County, tmp_path: Path) -> None:
    data = checklist_data(county.db, county.units["A"], county.period, today=TODAY)
    many = tuple(layout.ChecklistLine(f"教师{i:03d}", "441622********0000", "专任教师", "本科", "一级", "小学",
                                      "2027-01-01 到期", "10 / 450") for i in range(70))
    path = tmp_path / "long.pdf"
    total = layout.write_checklist(type(data)(**{**{f: getattr(data, f) for f in data.__dataclass_fields__},
                                                 "lines": many}), path)
    pages = pdf_pages(path)
    assert len(pages) == total >= 3
    text = "\n".join(pages)
    assert all(f"教师{i:03d}" in text for i in range(70))
