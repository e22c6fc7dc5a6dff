"""The 上报 page: a school exports its package; an office imports it, sees it on the board and returns it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.data.engine import Database
from desktop.data.migrate import upgrade
from desktop.domain.records import UnitData
from desktop.gui.context import AppContext
from desktop.gui.controllers.submit_page import SubmitPage
from desktop.gui.models.submissions import COL_PROXY, COL_STATUS, DashboardModel
from desktop.gui.operations.setup import OpenedDatabase
from desktop.gui.session import make_context
from desktop.gui.settings import AppSettings
from desktop.gui.signin import set_actor
from desktop.gui.taskman import TaskManager
from desktop.services.core.users import Actor
from desktop.services.demo import build_demo
from desktop.services.packages.export import export_package
from desktop.services.records.units import create_home_unit
from desktop.services.year.periods import ensure_period
from tests.explained import explain_warnings

from .conftest import wait_idle

REVIEWER = Actor("reviewer", "张审核", "reviewer")


def _office(tmp_path: Path, taskman: TaskManager) -> AppContext:
    path = tmp_path / "county.db"
    db = Database.for_path(path)
    upgrade(db, backup_dir=tmp_path / "backups")
    unit = create_home_unit(db, UnitData(code="441622", name="龙川县教育局", kind="county", parent_code="441600"))
    period = ensure_period(db, 2025)
    return make_context(OpenedDatabase(path, db, unit, period), taskman, AppSettings())


def _school_package(tmp_path: Path) -> Path:
    db = Database.for_path(tmp_path / "school.db")
    upgrade(db, backup_dir=tmp_path / "backups")
    build_demo(db, "school", school_size={"staff": 10, "training": 200, "classes": 6})
    explain_warnings(db)
    path = export_package(db, tmp_path / "packages", with_returns=False).path
    db.dispose()
    return path


def _office_page(qtbot: QtBot, taskman: TaskManager, tmp_path: Path) -> tuple[AppContext, SubmitPage]:
    """The county's 上报 page, signed in as a reviewer, shown and loaded."""
    ctx = _office(tmp_path, taskman)
    set_actor(ctx.db, REVIEWER)
    page = SubmitPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.load()
    wait_idle(qtbot, taskman)
    return ctx, page


def test_an_office_imports_a_package_and_returns_it(qtbot: QtBot, taskman: TaskManager, tmp_path: Path) -> None:
    package = _school_package(tmp_path)
    _ctx, page = _office_page(qtbot, taskman, tmp_path)
    assert page.model.rowCount() == 0
    page.import_paths([package.parent])
    qtbot.waitUntil(lambda: page.last_import is not None and page.model.rowCount() == 1, timeout=60000)
    wait_idle(qtbot, taskman)
    assert page.model.index(0, COL_STATUS).data() == "已接收"
    assert "已导入" in page.view.result.text()
    assert "已接收 1" in page.view.summary.text()
    page.view.table.selectRow(0)
    page.return_unit(page.selected_code() or "", "请核对班额", tmp_path / "reply")
    wait_idle(qtbot, taskman)
    qtbot.waitUntil(lambda: page.model.index(0, COL_STATUS).data() == "已退回", timeout=10000)
    assert (tmp_path / "reply").glob("*.erp")
    page.grab().save(str(tmp_path / "submit-office.png"))


def test_a_school_exports_its_package_from_the_page(qtbot: QtBot, ctx: AppContext, staffed: dict[str, int],
                                                    tmp_path: Path) -> None:
    page = SubmitPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.load()
    wait_idle(qtbot, ctx.taskman)
    assert "草稿" in page.view.state.text()
    explain_warnings(ctx.db)  # the rule for sending (tests/gui/test_send_rule.py shows the refusal)
    page.export_to(tmp_path / "out")
    qtbot.waitUntil(lambda: "已导出" in page.view.result.text(), timeout=60000)
    wait_idle(qtbot, ctx.taskman)
    assert list((tmp_path / "out").glob("*.erp"))
    assert "已提交" in page.view.state.text()


def test_the_signed_in_clerk_is_recorded_as_who_submitted(qtbot: QtBot, ctx: AppContext, staffed: dict[str, int],
                                                          tmp_path: Path) -> None:
    from sqlalchemy import select

    from desktop.data.models import AuditEntry

    set_actor(ctx.db, Actor("clerk", "李填报", "clerk"))
    page = SubmitPage(ctx)
    qtbot.addWidget(page)
    page.load()
    wait_idle(qtbot, ctx.taskman)
    explain_warnings(ctx.db)
    page.export_to(tmp_path / "out")
    qtbot.waitUntil(lambda: "已导出" in page.view.result.text(), timeout=60000)
    wait_idle(qtbot, ctx.taskman)
    with ctx.db.session() as session:
        who = session.scalars(select(AuditEntry.username).where(AuditEntry.action == "submit")).all()
    assert who == ["clerk"]  # was "system": the page exported without saying who


def test_dashboard_model(qtmodeltester: object, tmp_path: Path) -> None:
    from datetime import date

    from desktop.services.office.dashboard import DashboardRow

    model = DashboardModel()
    model.set_rows([DashboardRow(1, "2144162201", "实验学校", "school", "missing", None, date(2025, 9, 20), True,
                                 0, 0, None, None)])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.index(0, COL_STATUS).data() == "未报送"
    assert model.index(0, COL_PROXY).data() == ""
    model.set_rows([DashboardRow(1, "2144162201", "实验学校", "school", "missing", None, date(2025, 9, 20), True,
                                 0, 0, None, None, proxy_by="龙川县教育局")])
    assert model.index(0, COL_PROXY).data() == "本局代报"  # the office entered this school's data (代报)


def test_a_county_clerk_sees_no_approve_or_return_and_the_reviewer_does(qtbot: QtBot, taskman: TaskManager,
                                                                        tmp_path: Path) -> None:
    ctx = _office(tmp_path, taskman)
    set_actor(ctx.db, Actor("clerk", "李填报", "clerk"))
    clerk_page = SubmitPage(ctx)
    qtbot.addWidget(clerk_page)
    clerk_page.show()
    assert not clerk_page.view.approve_button.isVisible() and not clerk_page.view.return_button.isVisible()
    assert clerk_page.view.import_files.isVisible()  # importing stays the clerk's work
    set_actor(ctx.db, REVIEWER)
    reviewer_page = SubmitPage(ctx)
    qtbot.addWidget(reviewer_page)
    reviewer_page.show()
    assert reviewer_page.view.approve_button.isVisible() and reviewer_page.view.return_button.isVisible()
    wait_idle(qtbot, taskman)


def test_after_an_import_the_offices_indicators_are_ready(qtbot: QtBot, taskman: TaskManager, tmp_path: Path) -> None:
    """The import's page computes the office's indicators in the background: opening them later computes nothing."""
    from sqlalchemy import text

    from desktop.services.indicators.compute import COMPUTATIONS, compute_indicators

    package = _school_package(tmp_path)
    ctx, page = _office_page(qtbot, taskman, tmp_path)
    page.import_paths([package])
    qtbot.waitUntil(lambda: page.last_import is not None, timeout=60000)
    wait_idle(qtbot, taskman)
    before = COMPUTATIONS[0]
    report = compute_indicators(ctx.db, ctx.unit.id, ctx.period.id)
    assert COMPUTATIONS[0] == before and report.results  # kept by the page's computation after the import
    if ctx.db.is_sqlite:
        with ctx.db.session() as s:
            assert s.execute(text("SELECT COUNT(*) FROM training_sums WHERE present")).scalar_one() == 10
