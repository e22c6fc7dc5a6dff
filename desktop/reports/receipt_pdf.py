"""The printable receipt (回执) an office gives for a received package: one A4 page with a QR code.

What it says is decided by the office's service (``services/packages/receipts.py``); this
module only lays it out. The QR code carries the package digest and the receipt's key
facts, so a printed receipt can be compared with the package file by anyone with a
phone (``qr_text``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from desktop.reports.pdf_text import QR_SIZE, register_font, wrap

PAGE_W, PAGE_H = A4
MARGIN = 56.0


@dataclass(frozen=True, slots=True)
class ReceiptText:
    office: str  # "441622 龙川县教育局"
    unit: str  # "2144162201 测试第1学校"
    school_year: int
    received_at: str  # local time, "2026-09-18 20:00"
    package_file: str
    package_sha256: str
    counts: Sequence[tuple[str, int]]  # (Chinese table name, rows)
    errors: int
    warnings: int
    findings: Sequence[str]  # the findings' messages (at most a page's worth)
    receipt_no: str
    zero_report: str | None = None  # the 零上报 statement, when the package is one
    key_fingerprint: str = ""  # the office's signing key


def _qr_form(c: Canvas, name: str, payload: str, size: float) -> None:
    """The QR code as a form XObject, with a fixed mask pattern.

    Choosing the best of the eight masks (what ``pdf_furniture.define_qr`` lets reportlab do)
    took 85 % of a receipt's time (170 ms of 200); any mask gives a valid code, and a
    county makes 300 receipts in one import.
    """
    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(payload)
    qr.version = qr.calculate_version()
    qr.makeImpl(False, 0)
    n, border = qr.getModuleCount(), 2
    box = size / (n + 2 * border)
    c.beginForm(name, 0, 0, size, size)
    c.setFillGray(1)
    c.rect(0, 0, size, size, stroke=0, fill=1)
    c.setFillGray(0)
    p = c.beginPath()
    for row, cells in enumerate(qr.modules):
        for col, dark in enumerate(cells):
            if dark:
                p.rect((col + border) * box, size - (row + border + 1) * box, box, box)
    c.drawPath(p, stroke=0, fill=1)
    c.endForm()


def qr_text(r: ReceiptText) -> str:
    """``EDR-RECEIPT1:office:unit:学年:SHA256:received (local, YYYYMMDDTHHMM):receipt no``.

    Only QR "alphanumeric" characters (digits, capitals, ``-:``), which pack 5.5 bits each
    instead of 8: a smaller code, quicker to make and to scan. The digest is in capitals.
    """
    received = r.received_at.replace("-", "").replace(":", "").replace(" ", "T")
    return ":".join(("EDR-RECEIPT1", r.office.split()[0], r.unit.split()[0], str(r.school_year),
                     r.package_sha256.upper(), received, r.receipt_no))


def receipt_pdf_bytes(r: ReceiptText) -> bytes:
    buf = io.BytesIO()
    _draw(r, Canvas(buf, pagesize=A4, invariant=1))  # invariant: the same receipt gives the same bytes
    return buf.getvalue()


def write_receipt_pdf(r: ReceiptText, path: Path) -> Path:
    Path(path).write_bytes(receipt_pdf_bytes(r))
    return path


def _draw(r: ReceiptText, c: Canvas) -> None:
    font = register_font()  # invariant: the same receipt gives the same bytes
    c.setTitle(f"回执 {r.unit} {r.school_year}学年")
    c.setAuthor(r.office)
    y = PAGE_H - MARGIN
    c.setFont(font, 18)
    c.drawCentredString(PAGE_W / 2, y, "上报数据包接收回执")
    y -= 30
    width = PAGE_W - 2 * MARGIN - QR_SIZE * 2 - 10

    def line(label: str, value: str, size: float = 10.5) -> None:
        nonlocal y
        c.setFont(font, size)
        for i, part in enumerate(wrap(f"{label}{value}", size, width if y > PAGE_H - 230 else PAGE_W - 2 * MARGIN)):
            c.drawString(MARGIN + (0 if i == 0 else 12), y, part)
            y -= size + 5

    _qr_form(c, "receiptQR", qr_text(r), QR_SIZE * 2)
    c.saveState()
    c.translate(PAGE_W - MARGIN - QR_SIZE * 2, PAGE_H - MARGIN - 30 - QR_SIZE * 2)
    c.doForm("receiptQR")
    c.restoreState()
    line("回执编号：", r.receipt_no)
    line("接收单位：", r.office)
    line("报送单位：", r.unit)
    line("学　　年：", f"{r.school_year}学年")
    line("接收时间：", r.received_at)
    line("数据包文件：", r.package_file)
    line("数据包摘要（SHA-256）：", "")
    c.setFont(font, 9)
    c.drawString(MARGIN + 12, y, r.package_sha256)
    y -= 18
    if r.zero_report is not None:
        line("零上报：", f"本单位本学年无数据可报，说明：{r.zero_report}")
    line("数据行数：", "，".join(f"{name} {n}" for name, n in r.counts) or "无")
    line("检查结果：", f"错误 {r.errors} 个，警告 {r.warnings} 条")
    for text in r.findings[:25]:
        line("　· ", text, 9)
    if len(r.findings) > 25:
        line("　", f"另有 {len(r.findings) - 25} 条，见教育局“上报”页的单位详情。", 9)
    y -= 6
    line("说明：", "本回执由接收单位用其数据包签名密钥签名（回执文件 .erp），学校导入时核对签名；"
         "打印件上的二维码含数据包摘要与接收时间，可与本校保存的数据包文件核对。", 9)
    if r.key_fingerprint:
        line("接收单位密钥指纹：", r.key_fingerprint, 9)
    c.showPage()
    c.save()
