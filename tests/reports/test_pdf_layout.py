"""PDF layout rules on synthetic data: long titles wrap, every page says 第 X 页 共 Y 页 and carries
the fingerprint, the signature block is on the last page only, and no font but the bundled one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.reports.definition import parse_definition
from desktop.reports.model import ReturnData, Row
from desktop.reports.pdf import write_pdf
from tests.reports.readback import pdf_fonts, pdf_pages

LONG_TITLE = "龙川县中小学幼儿园专任教师学历职称骨干教师培训学时及教师资格定期注册情况综合统计表"


def _data(n_rows: int) -> ReturnData:
    d = parse_definition({
        "code": "layout", "table_no": "教填-99表", "title": LONG_TITLE, "issuer": "龙川县教育局",
        "builder": "roster",
        "school": {"label_header": "姓名", "code_header": "序号", "columns": [
            {"key": "a", "header": ["情况", "学校"], "type": "text", "width": 20},
            {"key": "n", "header": ["情况", "人数"], "type": "int"},
        ]},
    })
    rows = tuple(Row(str(i), f"教师{i}", (f"学校{i % 7}", i)) for i in range(1, n_rows + 1))
    return ReturnData(definition=d, variant=d.variant("school"), unit_code="441622", unit_name="龙川县教育局",
                      school_year=2025, census_date=date(2025, 9, 1), rows=rows,
                      header={"表号": "教填-99表", "制定机关": "龙川县教育局", "批准文号": ""})


def test_long_title_wraps_onto_two_lines(tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    write_pdf([_data(3)], path)
    lines = [ln.strip() for ln in pdf_pages(path)[0].splitlines() if ln.strip()]
    title_lines = [ln for ln in lines if ln.split()[0] in LONG_TITLE and len(ln.split()[0]) > 6]
    assert len(title_lines) >= 2
    assert "".join(ln.split()[0] for ln in title_lines[:2]) == LONG_TITLE


def test_every_page_numbers_itself_and_only_the_last_is_signed(tmp_path: Path) -> None:
    data = _data(200)
    path = tmp_path / "t.pdf"
    write_pdf([data], path)
    pages = [p for p in pdf_pages(path) if p.strip()]
    assert len(pages) >= 5
    for i, page in enumerate(pages, start=1):
        flat = "".join(page.split())
        assert f"第{i}页共{len(pages)}页" in flat
        assert data.short_fingerprint in page
        assert ("单位负责人（签字）" in flat) == (i == len(pages))
    assert "教师200" in pages[-1] or "教师200" in pages[-2]
    assert all("WenQuanYiZenHei" in font.name for font in pdf_fonts(path))
