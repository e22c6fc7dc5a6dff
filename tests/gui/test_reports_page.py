"""The 报表 page on a real temporary database: findings, 填写说明, mark ready, export, preview, print, sign."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from desktop.data.models import Staff, TrainingRecord
from desktop.gui.context import AppContext
from desktop.gui.controllers.reports_page import ReportsPage
from desktop.reports.signing import verify_pdf
from desktop.services.core.users import SYSTEM
from desktop.services.returns.build import list_returns
from desktop.services.returns.checks import list_explanations, run_checks, set_explanation
from desktop.services.returns.readiness import is_ready
from desktop.services.signing import certificates as signing
from tests.gui.conftest import wait_idle
from tests.pdfread import pdf_page_count, pdf_text

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, staffed: dict[str, int]) -> ReportsPage:
    p = ReportsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    p.load()
    wait_idle(qtbot, ctx.taskman)
    return p


def _warning_row(page: ReportsPage) -> int:
    return next(i for i, item in enumerate(page.items) if item.finding.severity.value == "warning")


def test_page_shows_the_findings_indicators_and_choices(page: ReportsPage, ctx: AppContext) -> None:
    result = run_checks(ctx.db, ctx.unit.id, ctx.period.id)
    assert result.items, "the small school has warnings (people without a certificate …)"
    assert page.view.findings.rowCount() == len(result.items)
    messages = {page.view.findings.item(r, 2).text() for r in range(page.view.findings.rowCount())}
    assert messages == {i.finding.message for i in result.items}
    assert page.view.period.currentText() == ctx.period.label
    assert page.view.target_set.count() >= 4  # the presets
    assert page.chosen_returns() == [r.code for r in list_returns(ctx.db, ctx.unit.id)]
    assert page.view.indicators.rowCount() == len(page.indicator_rows) > 0
    assert "尚未标记为可上报" in page.view.ready_state.text()
    # A failing indicator lists who is behind it.
    failing = next(i for i, r in enumerate(page.indicator_rows) if r.passed is False and r.failures)
    page.view.indicators.selectRow(failing)
    assert page.view.drill.count() == len(page.indicator_rows[failing].failures)


def test_a_staff_finding_opens_the_person(qtbot: QtBot, page: ReportsPage, ctx: AppContext) -> None:
    row = next(i for i, item in enumerate(page.items) if item.finding.record_type == "staff")
    with qtbot.waitSignal(ctx.events.open_staff) as opened:
        page.open_finding(row)
    assert opened.args == [page.items[row].finding.record_id]


def test_a_hard_error_blocks_mark_ready_with_the_reason(qtbot: QtBot, page: ReportsPage, ctx: AppContext,
                                                        staffed: dict[str, int]) -> None:
    with ctx.db.session(write=True) as s:  # negative hours: a hard error
        s.add(TrainingRecord(staff_id=staffed["张三"], title="负学时", start_date=date(2025, 1, 1),
                             end_date=date(2025, 1, 1), level="5", mode="03", category="2", hours=-5))
    page.refresh()
    wait_idle(qtbot, ctx.taskman)
    assert page.view.findings.item(0, 0).text() == "错误"  # errors are listed first
    page.view.ready_button.click()
    wait_idle(qtbot, ctx.taskman)
    assert "个错误，不能标记为可上报" in page.view.message.text()
    assert not is_ready(ctx.db, ctx.unit.id, ctx.period.id)


def test_an_explanation_is_stored_and_prints_on_the_pdf(qtbot: QtBot, page: ReportsPage, ctx: AppContext,
                                                        tmp_path: Path) -> None:
    row = _warning_row(page)
    page.view.findings.selectRow(row)
    page.view.explanation.setPlainText("已安排该教师参加资格考试")
    page.view.save_explanation.click()
    wait_idle(qtbot, ctx.taskman)
    stored = list_explanations(ctx.db, ctx.unit.id, ctx.period.id)
    assert [e.text for e in stored] == ["已安排该教师参加资格考试"]
    assert page.view.findings.item(row, 3).text() == "已安排该教师参加资格考试"
    page.view.want_xlsx.setChecked(False)
    page.export_to(tmp_path)
    wait_idle(qtbot, ctx.taskman)
    (pdf,) = page.exported
    assert "已安排该教师参加资格考试" in pdf_text(pdf).replace(" ", "")


def test_export_writes_the_chosen_returns_as_xlsx_and_pdf(qtbot: QtBot, page: ReportsPage, ctx: AppContext,
                                                          tmp_path: Path) -> None:
    codes = [r.code for r in list_returns(ctx.db, ctx.unit.id)][:2]
    page.set_returns(codes)
    page.export_to(tmp_path)
    wait_idle(qtbot, ctx.taskman)
    assert sorted(p.suffix for p in page.exported) == [".pdf", ".xlsx"]
    assert all(p.parent == tmp_path and p.stat().st_size > 0 for p in page.exported)
    xlsx = next(p for p in page.exported if p.suffix == ".xlsx")
    assert len(load_workbook(xlsx, read_only=True).sheetnames) == 2
    assert str(tmp_path) in page.view.message.text() and page.view.open_folder.isVisible()


def test_preview_shows_every_page_and_printing_to_a_file_gives_them_all(
        qtbot: QtBot, page: ReportsPage, ctx: AppContext, tmp_path: Path) -> None:
    page.make_preview()
    wait_idle(qtbot, ctx.taskman)
    preview = page.view.preview
    assert page.preview_parts and preview.doc is not None and preview.complete
    n = sum(pdf_page_count(part) for part in page.preview_parts)
    assert n == len(preview.pages) == sum(len(pdfium.PdfDocument(str(part))) for part in page.preview_parts) > 1
    qtbot.waitUntil(lambda: preview.pages[0].pixmap() is not None and not preview.pages[0].pixmap().isNull())
    assert preview.zoom.currentData() == 0.0  # fit to width by default
    preview.zoom.setCurrentIndex(preview.zoom.findData(1.0))
    preview.page_box.setValue(n)  # page navigation renders the last page
    last = preview.pages[-1].pixmap()
    assert last is not None and not last.isNull() and last.width() > 400
    preview.zoom.setCurrentIndex(preview.zoom.findData(1.5))  # zoom re-renders larger
    preview.render_page(n - 1)
    assert preview.pages[-1].pixmap().width() > last.width()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert page.print_to(printer) == n
    assert pdf_page_count(out) == n


def test_sign_without_a_certificate_says_where_to_make_one(page: ReportsPage) -> None:
    page.view.sign_button.click()
    assert "设置 → 签名证书" in page.view.message.text()


def test_a_mark_goes_stale_when_data_changes_afterwards(qtbot: QtBot, page: ReportsPage, ctx: AppContext,
                                                        staffed: dict[str, int]) -> None:
    for item in run_checks(ctx.db, ctx.unit.id, ctx.period.id).items:  # the small school has only warnings
        set_explanation(ctx.db, ctx.unit.id, ctx.period.id, item.finding.rule, item.record_key, "已说明。")
    page.refresh()
    wait_idle(qtbot, ctx.taskman)
    page.view.ready_button.click()
    wait_idle(qtbot, ctx.taskman)
    assert page.view.message.text() == "已标记为可上报。"
    assert "已标记为可上报，标记之后数据没有改动" in page.view.ready_state.text()
    with ctx.db.session(write=True) as s:
        s.get(Staff, staffed["李四"]).phone = "13800000000"
    page.view.check_button.click()
    wait_idle(qtbot, ctx.taskman)
    assert "标记已失效" in page.view.ready_state.text()
    assert not is_ready(ctx.db, ctx.unit.id, ctx.period.id)


def test_sign_puts_the_units_signature_on_the_exported_pdf(qtbot: QtBot, page: ReportsPage, ctx: AppContext,
                                                            tmp_path: Path) -> None:
    signing.create_unit_certificate(ctx.db, SYSTEM, "龙川县实验学校", "cert-pass-2025")
    page.view.sign_button.click()  # nothing exported yet
    assert "先勾选 PDF 格式并导出报表" in page.view.message.text()
    page.view.want_xlsx.setChecked(False)
    page.export_to(tmp_path)
    wait_idle(qtbot, ctx.taskman)
    pdf = page.exported_pdf()
    assert pdf is not None
    page.sign_into(pdf, "wrong-password")
    wait_idle(qtbot, ctx.taskman)
    assert "密码不正确" in page.view.message.text()  # the service says so, in Chinese
    page.sign_into(pdf, "cert-pass-2025")
    wait_idle(qtbot, ctx.taskman)
    signed = tmp_path / f"{pdf.stem}_已签名.pdf"
    assert str(signed) in page.view.message.text()
    (check,) = verify_pdf(signed)
    assert check.ok and "龙川县实验学校" in check.signer
    assert pdf_page_count(signed) == pdf_page_count(pdf)
