"""Printed returns: no internal codes in the footers, and no signature block alone on a page."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from desktop.reports.definition import load_definitions
from desktop.reports.model import Row
from desktop.reports.pdf import _ReturnPainter, write_pdf
from desktop.reports.pdf_text import register_font
from desktop.services.returns.build import build_return, build_returns
from tests.pdfread import pdf_pages
from tests.reports.conftest import Built


def test_footers_carry_the_table_number_not_an_internal_code(school_data: Built, tmp_path: Path) -> None:
    returns = build_returns(school_data.db, "all", school_data.unit_id, school_data.period_id)
    path = tmp_path / "all.pdf"
    write_pdf(returns, path)
    text = "\n".join(pdf_pages(path))
    codes = {d.code for d in load_definitions()}
    words = set(re.findall(r"[A-Za-z_]+", text))
    assert not (codes & words), codes & words
    for r in returns:
        assert r.definition.table_no in text


def test_the_signature_block_always_has_rows_above_it(school_data: Built, tmp_path: Path) -> None:
    roster = build_return(school_data.db, "roster", school_data.unit_id, school_data.period_id)
    template = roster.rows[-1]
    register_font()
    canvas = Canvas(str(tmp_path / "plan.pdf"))
    for n in range(1, 90):
        rows = tuple(Row(str(i), f"{template.label}{i}", template.values, template.group) for i in range(1, n + 1))
        plan = _ReturnPainter(canvas, replace(roster, rows=rows), "qr").plan()
        last = plan.pages[-1]
        assert not plan.footer_page and last[1] > last[0], (n, plan.pages)
