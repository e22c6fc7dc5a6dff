"""Issue 23 on the 上报 page: the completeness table and its chart against the planted season,
bulk approval and 退回 with templates, the resubmission's changes beside the comment, and the
school's "已收到（县教育局，时间）" with its receipt. Screenshots at 1366×768 go to docs/screenshots/.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QUrl
from pytestqt.qtbot import QtBot

from desktop.data.engine import Database
from desktop.gui.context import AppContext
from desktop.gui.controllers.bulk_return import BulkReturnDialog
from desktop.gui.controllers.submit_page import SubmitPage
from desktop.gui.models.completeness import C_CODE, C_REASON, C_TIMELINESS
from desktop.gui.models.submissions import COL_STATUS
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.session import make_context
from desktop.gui.settings import AppSettings
from desktop.gui.signin import set_actor
from desktop.gui.taskman import TaskManager
from desktop.services.core.users import Actor
from desktop.services.office.send_back import import_reply
from desktop.services.packages.export import export_package, import_packages
from desktop.services.records.staff import edit_staff
from desktop.services.records.units import home_unit
from desktop.services.year.periods import ensure_period
from tests.explained import explain_warnings
from tests.pdfread import pdf_text
from tests.services.package_world import COUNTY, school_code
from tests.services.season_world import ARRIVALS, DEADLINE, SILENT, Season, at, build_season

from .conftest import wait_idle

REVIEWER = Actor("reviewer", "张审核", "reviewer")
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory) -> Season:
    return build_season(tmp_path_factory.mktemp("gui-season"))


def _ctx(db: Database, taskman: TaskManager) -> AppContext:
    unit = home_unit(db)
    assert unit is not None and db.path is not None
    return make_context(OpenedDatabase(db.path, db, unit, ensure_period(db, 2025)), taskman, AppSettings())


def _page(qtbot: QtBot, ctx: AppContext) -> SubmitPage:
    page = SubmitPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.load()
    wait_idle(qtbot, ctx.taskman)
    return page


def test_the_completeness_tab_and_its_chart_show_the_planted_season(qtbot: QtBot, taskman: TaskManager,
                                                                    season: Season) -> None:
    ctx = _ctx(season.county, taskman)
    set_actor(ctx.db, REVIEWER)
    page = _page(qtbot, ctx)
    panel = page.completeness
    qtbot.waitUntil(lambda: panel.model.rowCount() == 20, timeout=30000)
    page.view.tabs.setCurrentWidget(panel)
    assert "应报 20，已报 19（按时 16，逾期 3，其中零上报 1）" in panel.summary.text()
    # Sorting by lateness (the header sorts): the silent school first, then school 17 (5 days).
    panel.table.sortByColumn(C_TIMELINESS, Qt.SortOrder.DescendingOrder)
    assert panel.model.index(0, C_CODE).data() == school_code(SILENT)
    overdue = (date.today() - DEADLINE).days  # the page counts a missing unit's lateness up to today
    assert panel.model.index(0, C_TIMELINESS).data() == f"未报，已逾期 {overdue} 天"
    assert panel.model.index(1, C_CODE).data() == school_code(17)
    assert panel.model.index(1, C_TIMELINESS).data() == "逾期 5 天"
    # The chart's series are the planted timeline: per day, running total, the deadline.
    assert panel.categories[0] == "15" and panel.categories[-1] == "25"  # all in September 2025: days only
    bars = panel.bars
    assert bars is not None
    per_day = {panel.categories[i]: int(bars.at(i)) for i in range(bars.count())}
    planted: dict[str, int] = {}
    for day in ARRIVALS.values():
        planted[str(day)] = planted.get(str(day), 0) + 1
    assert {k: v for k, v in per_day.items() if v} == planted
    cumulative = panel.cumulative
    assert cumulative is not None and cumulative.at(cumulative.count() - 1).y() == 19
    deadline = panel.deadline_line
    assert deadline is not None and panel.categories[int(deadline.at(0).x())] == "20"
    # The y axis ticks at whole numbers from 0, so a label stands where its value is.
    axis = panel.axis_y
    assert axis is not None
    assert axis.tickAnchor() == 0 and axis.tickInterval() == int(axis.tickInterval()) >= 1
    assert axis.max() % axis.tickInterval() == 0 and axis.max() > 19
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert page.grab().save(str(SHOTS / "office-completeness.png"))
    # 记录未报原因 for the silent school: the table and the summary say so.
    panel.record_reason(school_code(SILENT), "该校已并入第17学校。")
    qtbot.waitUntil(lambda: "未报但已记录原因 1，未报 0" in panel.summary.text(), timeout=20000)
    wait_idle(qtbot, taskman)
    row = next(i for i in range(panel.model.rowCount()) if panel.model.row(i).code == school_code(SILENT))
    assert panel.model.index(row, C_REASON).data() == "该校已并入第17学校。"


def test_bulk_return_with_templates_then_bulk_approve_and_the_changes_beside_the_comment(
        qtbot: QtBot, taskman: TaskManager, season: Season, tmp_path: Path) -> None:
    ctx = _ctx(season.county, taskman)
    set_actor(ctx.db, REVIEWER)
    page = _page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.model.rowCount() == 20, timeout=30000)
    codes = [page.model.row(i).code for i in range(page.model.rowCount())]
    # 导出回执…: with nothing selected, the receipts of every unit's current package.
    page.export_receipts(tmp_path / "receipts")
    qtbot.waitUntil(lambda: "已写出 19 份回执" in page.view.result.text(), timeout=30000)
    assert len(list((tmp_path / "receipts").glob("*_回执.erp"))) == 19
    # The 退回 dialog: ticked templates plus free text make the comment the school sees.
    dialog = BulkReturnDialog(ctx, ["测试第5学校", "测试第6学校"], ["学历信息不完整。", "职称请核对。"], page)
    qtbot.addWidget(dialog)
    dialog.tick(1)
    dialog.text.setPlainText("请按聘任文件填写。")
    assert dialog.comment() == "职称请核对。\n请按聘任文件填写。"
    assert "学校将看到" in dialog.preview.text()
    page.return_units([school_code(5), school_code(6)], dialog.chosen(), dialog.text.toPlainText(), tmp_path / "r")
    qtbot.waitUntil(lambda: "退回" in page.view.result.text() and "成功 2 个" in page.view.result.text(), timeout=20000)
    wait_idle(qtbot, taskman)
    statuses = {page.model.row(i).code: page.model.index(i, COL_STATUS).data() for i in range(20)}
    assert statuses[school_code(5)] == statuses[school_code(6)] == "已退回"
    # Select every row and approve them together: the ones that cannot be approved say why.
    table = page.view.table
    for i in range(page.model.rowCount()):
        table.selectionModel().select(page.model.index(i, 0), QItemSelectionModel.SelectionFlag.Select
                                      | QItemSelectionModel.SelectionFlag.Rows)
    assert len(page.selected_codes()) == 20 and set(page.selected_codes()) == set(codes)
    page.approve_selected()
    qtbot.waitUntil(lambda: "审核通过：成功" in page.view.result.text(), timeout=30000)
    wait_idle(qtbot, taskman)
    assert "审核通过：成功 17 个，未成功 3 个。" in page.view.result.text()
    # School 5 resubmits with one change; 单位详情 shows it beside the comment.
    school = season.schools[5]
    import_reply(school, next((tmp_path / "r").glob(f"{school_code(5)}*.erp")))
    with school.session() as s:
        from sqlalchemy import select

        from desktop.data.models import Staff

        person = s.scalars(select(Staff).where(Staff.category == "11").order_by(Staff.id)).first()
        assert person is not None
        staff_id, name = person.id, person.name
        new_title = "2" if person.title != "2" else "3"
    edit_staff(school, staff_id, {"title": new_title})
    from desktop.services.records.classes import list_classes, update_class
    from desktop.services.records.units import home_unit
    from desktop.services.year.periods import latest_period

    home, period = home_unit(school), latest_period(school)
    assert home is not None and period is not None
    cls = list_classes(school, home.id, period.id)[0]
    update_class(school, cls.id, {"enrolled": cls.enrolled + 2})  # and one class's size
    explain_warnings(school)
    pkg = export_package(school, tmp_path / "again", with_returns=False).path
    assert import_packages(ctx.db, [pkg], confirm=True, received_at=at(27)).results[0].status == "replaced"
    page.review_unit(school_code(5))
    qtbot.waitUntil(lambda: page.review is not None, timeout=20000)
    review = page.review
    assert review is not None and review.changes_box.isVisibleTo(review)
    assert review.changes.rowCount() == 2 and review.changes.item(0, 0).text() == name
    assert review.changes.item(0, 1).text() == "职称"
    assert [review.changes.item(1, c).text() for c in range(4)] == [
        cls.name, "在校生数", str(cls.enrolled), str(cls.enrolled + 2)]
    assert "职称请核对。" in review.comments.text() and "请按聘任文件填写。" in review.comments.text()
    review.resize(1000, 640)
    assert review.grab().save(str(SHOTS / "office-resubmission.png"))


def test_the_school_sees_its_receipt(qtbot: QtBot, taskman: TaskManager, season: Season, tmp_path: Path) -> None:
    ctx = _ctx(season.schools[2], taskman)
    page = _page(qtbot, ctx)
    assert page.view.receipt.text() == "" and not page.view.receipt_open.isEnabled()
    receipt = season.imports[2].results[0].receipt
    assert receipt is not None
    page.dropped([receipt])  # a file dropped on the school's page: taken as what it says it is (a 回执)
    qtbot.waitUntil(lambda: page.receipt is not None, timeout=20000)
    wait_idle(qtbot, taskman)
    assert page.view.receipt.text().startswith(f"已收到（{COUNTY[1]}，2025-09-{ARRIVALS[2]:02d}")
    assert page.view.receipt_open.isEnabled()
    opened: list[QUrl] = []
    page.opener = opened.append
    page.open_receipt()
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert page.opened_receipt is not None and "上报数据包接收回执" in pdf_text(page.opened_receipt)
    assert page.grab().save(str(SHOTS / "school-receipt.png"))
