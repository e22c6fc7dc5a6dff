"""Every return exports to Excel and PDF; both read back to the builders' numbers, fonts are embedded."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from desktop.domain.numbers import fixed
from desktop.reports.builders.indicators import COUNT_UNITS
from desktop.reports.model import format_value
from desktop.services.indicators.compute import compute_indicators
from desktop.services.returns.build import build_returns, export_returns
from tests.reports.conftest import Built
from tests.reports.dataset import RARE_NAMES
from tests.reports.readback import (
    calamine_tables,
    openpyxl_tables,
    pdf_fonts,
    pdf_pages,
    pdf_text,
    sheet,
)


@pytest.fixture(scope="module")
def school_files(school_data: Built, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("school-out")
    paths = export_returns(school_data.db, school_data.unit_id, school_data.period_id, "all", ["xlsx", "pdf"], out)
    return {p.suffix: p for p in paths}


@pytest.fixture(scope="module")
def county_files(county_data: Built, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("county-out")
    paths = export_returns(county_data.db, county_data.unit_id, county_data.period_id, "all", ["xlsx", "pdf"], out)
    return {p.suffix: p for p in paths}


@pytest.mark.parametrize("which", ["school", "county"])
def test_every_return_exports_to_both_formats(which: str, request: pytest.FixtureRequest) -> None:
    files: dict[str, Path] = request.getfixturevalue(f"{which}_files")
    data: Built = request.getfixturevalue(f"{which}_data")
    returns = build_returns(data.db, "all", data.unit_id, data.period_id)
    wb = openpyxl.load_workbook(files[".xlsx"])
    titles = wb.sheetnames
    assert len(titles) == len(returns) + 1  # plus the 填写说明 sheet
    assert titles[-1] == "填写说明"
    text = pdf_text(files[".pdf"])
    for r in returns:
        assert any(t.startswith(r.definition.table_no) for t in titles)
        assert r.definition.title in text.replace("\n", "") or r.definition.title[:10] in text


@pytest.mark.parametrize("reader", [openpyxl_tables, calamine_tables])
def test_excel_reads_back_to_the_builders_numbers(school_data: Built, school_files: dict[str, Path],
                                                  reader: object) -> None:
    tables = reader(school_files[".xlsx"])  # type: ignore[operator]
    for data in build_returns(school_data.db, "all", school_data.unit_id, school_data.period_id):
        rows = sheet(tables, data.definition.table_no)
        for row in data.rows:
            got = rows[f"{row.label.strip('　')}#{row.code}"]
            for col, want, have in zip(data.columns, row.values, got, strict=False):
                if want is None:
                    assert have == "—"
                elif col.numeric:
                    assert isinstance(have, int | float), (data.code, row.label, col.key, have)
                    assert float(have) == pytest.approx(float(want))
                else:
                    assert str(have or "") == str(want)  # an empty text cell reads back as None


def test_pdf_text_carries_the_same_numbers(school_data: Built, school_files: dict[str, Path]) -> None:
    pages = pdf_pages(school_files[".pdf"])
    for data in build_returns(school_data.db, "all", school_data.unit_id, school_data.period_id):
        own = "\n".join(p for p in pages if data.short_fingerprint in p)
        assert own, data.code
        for row in data.rows:
            lines = own.splitlines()
            body = lines[next(i for i, ln in enumerate(lines) if ln.split()[:2] == ["甲", "乙"]):]
            line = next((ln for ln in body if ln.strip().startswith(row.label.strip("　"))), None)
            assert line is not None, (data.code, row.label)
            tokens = line.split()
            for col, v in zip(data.columns, row.values, strict=True):
                if col.numeric and v is not None:
                    assert format_value(col, v) in tokens, (data.code, row.label, col.key, line)


def test_indicator_numbers_in_excel_and_pdf_equal_the_engine(school_data: Built,
                                                             school_files: dict[str, Path]) -> None:
    report = compute_indicators(school_data.db, school_data.unit_id, school_data.period_id)
    rows = list(openpyxl.load_workbook(school_files[".xlsx"])["教填-06表 教师队伍建设主要指标达成情况表"].iter_rows(
        values_only=True))
    text = pdf_text(school_files[".pdf"])
    for res in report.results:
        if res.value is None:
            continue
        xl = [r for r in rows if r[0] == res.name and r[6] is not None]
        assert any(r[6] == pytest.approx(res.value, abs=0.005) for r in xl), res.code
        counted = res.unit in COUNT_UNITS and float(res.value).is_integer()  # counts print whole: "2", not "2.00"
        assert (str(int(res.value)) if counted else fixed(res.value, 2)) in text


def test_pdf_embeds_only_the_bundled_font(school_files: dict[str, Path], county_files: dict[str, Path]) -> None:
    for path in (school_files[".pdf"], county_files[".pdf"]):
        fonts = pdf_fonts(path)
        assert fonts
        for font in fonts:
            assert "WenQuanYiZenHei" in font.name and font.embedded, font


def test_rare_name_characters_survive_in_pdf_and_excel(school_files: dict[str, Path]) -> None:
    text = pdf_text(school_files[".pdf"])
    roster = sheet(openpyxl_tables(school_files[".xlsx"]), "教填-02表")
    cal = sheet(calamine_tables(school_files[".xlsx"]), "教填-02表")
    for name in RARE_NAMES:
        assert name in text
        assert any(k.startswith(f"{name}#") for k in roster)
        assert any(k.startswith(f"{name}#") for k in cal)


def test_ids_are_masked_in_both_files_and_stored_as_text(school_files: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(school_files[".xlsx"])["教填-02表 教职工基本信息花名册"]
    ids = [r[3] for r in ws.iter_rows() if r[0].value in {"王堃", "刘䶮"}]  # 甲 姓名, 乙 序号, 性别, 证件号
    assert ids and all(c.data_type == "s" and re.fullmatch(r"\d{6}\*{8}\d{3}[\dX]", c.value) for c in ids)
    assert not re.search(r"\b\d{17}[\dX]\b", pdf_text(school_files[".pdf"]))


def test_header_block_footer_and_unit_override_are_printed(school_files: dict[str, Path]) -> None:
    pages = pdf_pages(school_files[".pdf"])
    roster_page = next(p for p in pages if "教职工基本信息花名册" in p)
    assert "龙教统〔2025〕1号" in roster_page  # 批准文号 set by the unit for this return only
    profile_page = next(p for p in pages if "学校基本情况及学位统计表" in p)
    assert "龙教统" not in profile_page
    for words in ("表 号：教填-01表", "制定机关：县（区）教育局", "批准文号：", "计量单位：个、人",
                  "填报单位（盖章）：龙川县第一小学", "单位负责人（签字）", "统计负责人（签字）", "填表人",
                  "联系电话", "报出日期", "2025年9月18日", "（单位盖章）", "第 1 页 共 1 页"):
        assert re.sub(r"\s+", "", words) in re.sub(r"\s+", "", profile_page), words
    assert "填写说明" in pages[-1] and "2026年秋季分班" in pages[-1]  # the last page
    assert "大班额（56–65人）" in pages[-1] and "龙川县第一小学 一年级(2)班" in pages[-1]  # rule and record by name


def test_excel_has_print_setup_frozen_panes_and_page_numbers(school_files: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(school_files[".xlsx"])
    ws = wb["教填-03表 专任教师学历、专业技术职务及骨干教师情况统计表"[:31]]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    # 2 title rows, 4 header-block rows (表号/制定机关/批准文号/计量单位), 3 header rows, the 甲乙 row.
    assert ws.freeze_panes == "C11"
    assert ws.print_title_rows == "$7:$10"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A7:A9" in merged and "E7:K7" in merged  # 学段 down three rows; 最高学历 over seven columns (未填 too)
    assert [c.value for c in ws[10]][:4] == ["甲", "乙", "1", "2"]
