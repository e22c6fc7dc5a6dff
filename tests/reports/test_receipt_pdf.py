"""The printed receipt (回执): what it says, read back from the PDF, and the payload of its QR code.

The QR payload uses only QR "alphanumeric" characters, so the code stays small (version 6 for
a full sha256) and quick to make: 300 receipts are made in one county import. It was checked
once by decoding a 200 dpi render with an external QR reader (docs/office.md).
"""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.graphics.barcode.qrencoder import QRAlphaNum, QRCode, QRErrorCorrectLevel

from desktop.reports.receipt_pdf import ReceiptText, qr_text, write_receipt_pdf
from tests.pdfread import pdf_text

DIGEST = "834e9771d0a0e71ff1f126b78f94f09b8a95130a76efd880af9fe0086eb69cad"
RECEIPT = ReceiptText(office="441622 龙川县教育局", unit="2144162201 测试第1学校", school_year=2025,
                      received_at="2025-09-15 12:00", package_file="2144162201_2025学年_school.erp",
                      package_sha256=DIGEST, counts=[("教职工", 12), ("培训记录", 500)], errors=0, warnings=2,
                      findings=["警告：杨林强：无教师资格证。请补录有效的教师资格证，或说明原因。"],
                      receipt_no="441622-2025-000001", zero_report=None, key_fingerprint="864C-4369-CA9E-2668-5C49")


def test_the_receipt_pdf_says_what_was_received_when(tmp_path: Path) -> None:
    text = pdf_text(write_receipt_pdf(RECEIPT, tmp_path / "r.pdf"))
    for part in ("上报数据包接收回执", "441622 龙川县教育局", "2144162201 测试第1学校", "2025-09-15 12:00",
                 "教职工 12", "培训记录 500", "错误 0 个，警告 2 条", "杨林强", "864C-4369-CA9E-2668-5C49"):
        assert part in text, part
    assert DIGEST in text.replace("\n", "").replace(" ", "")
    assert "零上报" not in text


def test_the_qr_payload_is_compact_and_complete() -> None:
    payload = qr_text(RECEIPT)
    assert payload == f"EDR-RECEIPT1:441622:2144162201:2025:{DIGEST.upper()}:20250915T1200:441622-2025-000001"
    assert re.fullmatch(r"[-0-9A-Z $%*+./:]*", payload)
    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(payload)
    assert isinstance(qr.dataList[0], QRAlphaNum) and qr.calculate_version() <= 6
