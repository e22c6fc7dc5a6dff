"""The 报表 page computes checks and indicators in the background, keyed by the data stamp (issue 24).

The page is usable (its choices listed, its buttons live, the last findings shown) while
the computation has not finished; an unchanged database is not computed again; a
changed one is, and shows the change.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.reports_page import ReportsPage
from desktop.gui.operations import reports as ops
from desktop.services.returns.checks import run_checks, set_explanation
from desktop.services.returns.stamp import data_stamp
from tests.gui.conftest import wait_idle

pytestmark = pytest.mark.gui


def _page(qtbot: QtBot, ctx: AppContext) -> ReportsPage:
    p = ReportsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    return p


def _hold_background(ctx: AppContext) -> threading.Event:
    """Occupy the background lane until the returned event is set: the computation cannot end before."""
    gate = threading.Event()
    ctx.taskman.run_background(lambda: gate.wait(30))
    return gate


def test_the_page_is_usable_before_the_computation_ends(qtbot: QtBot, ctx: AppContext,
                                                       staffed: dict[str, int]) -> None:
    gate = _hold_background(ctx)
    page = _page(qtbot, ctx)
    page.load()
    try:
        # The choices come from the database worker, which the computation does not hold.
        qtbot.waitUntil(lambda: page.view.returns.count() > 0, timeout=10000)
        assert page.computing
        assert page.view.findings.rowCount() == 0  # nothing computed yet, nothing cached
        assert "正在检查数据" in page.view.freshness.text()
        assert page.view.preview_button.isEnabled() and page.view.export_button.isEnabled()
        assert page.view.period.currentText() == ctx.period.label
    finally:
        gate.set()
    wait_idle(qtbot, ctx.taskman)
    assert not page.computing
    assert page.view.findings.rowCount() == len(run_checks(ctx.db, ctx.unit.id, ctx.period.id).items) > 0


def test_an_unchanged_database_is_not_computed_again_a_changed_one_is(qtbot: QtBot, ctx: AppContext,
                                                                     staffed: dict[str, int]) -> None:
    first = _page(qtbot, ctx)
    first.load()
    wait_idle(qtbot, ctx.taskman)
    computed = ops.COMPUTATIONS[0]
    shown = first.view.findings.rowCount()
    assert shown > 0

    # Coming back to the page (a new page, as after a period switch): the cached findings at once.
    gate = _hold_background(ctx)
    again = _page(qtbot, ctx)
    again.load()
    try:
        qtbot.waitUntil(lambda: again.view.findings.rowCount() == shown, timeout=10000)
        assert again.computing and "上次检查的结果" in again.view.freshness.text()
    finally:
        gate.set()
    wait_idle(qtbot, ctx.taskman)
    assert ops.COMPUTATIONS[0] == computed, "the same data was computed again"
    assert "数据没有改动" in again.view.freshness.text()
    again.refresh()
    wait_idle(qtbot, ctx.taskman)
    assert ops.COMPUTATIONS[0] == computed

    # A change (a 填写说明 for one warning) moves the stamp: computed again, and shown.
    before = data_stamp(ctx.db)
    warning = next(i for i in again.items if i.finding.severity.value == "warning")
    set_explanation(ctx.db, ctx.unit.id, ctx.period.id, warning.finding.rule, warning.record_key,
                    "已安排参加培训", "tester")
    assert data_stamp(ctx.db) != before
    again.refresh()
    wait_idle(qtbot, ctx.taskman)
    assert ops.COMPUTATIONS[0] == computed + 1
    assert "检查结果已更新" in again.view.freshness.text()
    texts = {again.view.findings.item(r, 3).text() for r in range(again.view.findings.rowCount())}
    assert "已安排参加培训" in texts

    # 重新检查 computes even when nothing changed.
    again.view.check_button.click()
    wait_idle(qtbot, ctx.taskman)
    assert ops.COMPUTATIONS[0] == computed + 2


def test_the_stamp_moves_with_an_edit_that_keeps_every_count(ctx: AppContext, staffed: dict[str, int]) -> None:
    """An edit (no row added or removed) still changes the stamp: the audit entry and updated_at move."""
    from desktop.services.records import staff

    before = data_stamp(ctx.db)
    staff.update_staff(ctx.db, staffed["张三"], {"phone": "13800000000"})
    assert data_stamp(ctx.db) == data_stamp(ctx.db) != before


def test_the_preview_shows_its_first_part_while_the_rest_is_written_and_printing_waits(
        qtbot: QtBot, ctx: AppContext, staffed: dict[str, int], tmp_path: Path) -> None:
    from desktop.services.returns.build import export_returns
    from tests.pdfread import pdf_page_count, pdf_text

    page = _page(qtbot, ctx)
    page.load()
    wait_idle(qtbot, ctx.taskman)
    set_explanation(ctx.db, ctx.unit.id, ctx.period.id, page.items[-1].finding.rule, page.items[-1].record_key,
                    "预览里的填写说明", "tester")
    # Each part is one job of the database worker. Queued right behind part 0, the gate holds the
    # worker before part 1 (submitted when part 0 arrives) can run: the preview stays incomplete.
    page.make_preview()
    gate = threading.Event()
    ctx.taskman.run(lambda: gate.wait(30))
    preview = page.view.preview
    try:
        qtbot.waitUntil(lambda: len(page.preview_parts) == 1, timeout=30000)
        assert not preview.complete and len(preview.pages) == pdf_page_count(page.preview_parts[0])
        assert page.view.tabs.currentWidget() is preview
        qtbot.waitUntil(lambda: preview.pages[0].pixmap() is not None and not preview.pages[0].pixmap().isNull())
        # Printing needs the whole document: disabled, with the reason, and said again if asked.
        assert not page.view.print_button.isEnabled()
        assert "全部页面生成后才能打印" in page.view.print_button.toolTip()
        assert "正在生成预览" in preview.file_label.text() and "其余页面正在生成" in preview.count.text()
        page.choose_printer()
        assert "全部页面生成后才能打印" in page.view.message.text()
    finally:
        gate.set()
    wait_idle(qtbot, ctx.taskman)
    assert preview.complete and page.view.print_button.isEnabled()
    # The parts in order are the whole exported document: the same pages, the same text.
    (whole,) = export_returns(ctx.db, ctx.unit.id, ctx.period.id, page.chosen_returns(), ["pdf"], tmp_path)
    assert len(preview.pages) == pdf_page_count(whole) == sum(pdf_page_count(p) for p in page.preview_parts)
    parts_text = "".join(pdf_text(p) for p in page.preview_parts).replace(" ", "")
    assert "预览里的填写说明" in parts_text
    assert parts_text.count("填写说明") == pdf_text(whole).replace(" ", "").count("填写说明")
