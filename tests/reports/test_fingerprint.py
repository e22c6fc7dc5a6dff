"""The data fingerprint: one value for the Excel and the PDF of the same data, a new one for new data."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sqlalchemy import update

from desktop.data.models import SchoolClass
from desktop.services.returns.build import build_return, build_returns, export_returns
from tests.reports.conftest import Built
from tests.reports.readback import pdf_pages


def _fingerprints_in_excel(path: Path) -> dict[str, str]:
    out = {}
    for ws in openpyxl.load_workbook(path).worksheets:
        for (v,) in ws.iter_rows(min_col=1, max_col=1, values_only=True):
            if isinstance(v, str) and v.startswith("数据指纹："):
                out[ws.title] = v.split("SHA-256：")[1].rstrip("）")
    return out


def test_excel_and_pdf_carry_the_same_fingerprint(school_data: Built, tmp_path: Path) -> None:
    paths = export_returns(school_data.db, school_data.unit_id, school_data.period_id, "all", ["xlsx", "pdf"],
                           tmp_path)
    xlsx, pdf = (next(p for p in paths if p.suffix == s) for s in (".xlsx", ".pdf"))
    excel = _fingerprints_in_excel(xlsx)
    pages = pdf_pages(pdf)
    for data in build_returns(school_data.db, "all", school_data.unit_id, school_data.period_id):
        title = next(t for t in excel if t.startswith(data.definition.table_no))
        assert excel[title] == data.fingerprint
        own = [p for p in pages if data.definition.code in p.split()[-3:] or data.short_fingerprint in p]
        # Every page of the return prints the short form (and the QR code beside it).
        assert own and all(data.short_fingerprint in p for p in own)


def test_fingerprint_ignores_file_format_and_time_but_not_one_changed_value(school_data: Built) -> None:
    db, unit, period = school_data.db, school_data.unit_id, school_data.period_id
    before = {r.code: r.fingerprint for r in build_returns(db, "all", unit, period)}
    again = {r.code: r.fingerprint for r in build_returns(db, "all", unit, period)}
    assert before == again  # deterministic
    with db.session(write=True) as s:
        s.execute(update(SchoolClass).where(SchoolClass.name == "一年级(1)班").values(enrolled=46))
    try:
        after = {r.code: r.fingerprint for r in build_returns(db, "all", unit, period)}
    finally:
        with db.session(write=True) as s:
            s.execute(update(SchoolClass).where(SchoolClass.name == "一年级(1)班").values(enrolled=45))
    assert after["profile"] != before["profile"]
    assert after["roster"] == before["roster"]


def test_qr_payload_names_unit_period_return_and_fingerprint(school_data: Built) -> None:
    data = build_return(school_data.db, "roster", school_data.unit_id, school_data.period_id)
    assert data.qr_payload == f"EDURETURNS|2144012345|2025|roster|{data.fingerprint}"
    assert len(data.short_fingerprint) == 19 and data.fingerprint.upper().startswith(
        data.short_fingerprint.replace("-", ""))
