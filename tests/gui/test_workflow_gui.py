"""提交/审核通过/退回/解锁 on the 上报 page, enabled by role; an approved period makes the table
pages read-only with a banner saying why and who can unlock (R12 in the GUI)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from desktop.gui.context import AppContext
from desktop.gui.controllers.main_window import MainWindow
from desktop.gui.controllers.staff_page import StaffPage
from desktop.gui.controllers.workflow_panel import WorkflowPanel
from desktop.gui.models.staff import COL_SUBJECT
from desktop.gui.signin import set_actor
from desktop.services.core import auditlog, users
from desktop.services.core.auditlog import AuditFilter
from desktop.services.records.staff import get_staff
from desktop.services.year import workflow
from tests.gui.conftest import wait_idle


def _panel(qtbot: QtBot, window: MainWindow) -> WorkflowPanel:
    page = window.show_page("submit")
    wait_idle(qtbot, window.ctx.taskman)
    panel = page.findChild(WorkflowPanel)
    assert panel is not None
    return panel


def _done(qtbot: QtBot, panel: WorkflowPanel) -> bool | None:
    """The panel reads and changes the state on the worker: wait, then how the last change ended."""
    wait_idle(qtbot, panel.ctx.taskman)
    return panel.last_ok


def _sign_in(ctx: AppContext, username: str, role: str) -> users.Actor:
    if not users.has_users(ctx.db):
        users.create_user(ctx.db, None, "admin", "王校长", "admin", "admin-pass-2025")
    admin = users.login(ctx.db, "admin", "admin-pass-2025")
    if username != "admin":
        users.create_user(ctx.db, admin, username, username, role, "pass-word-2025")
    actor = users.login(ctx.db, username, "pass-word-2025" if username != "admin" else "admin-pass-2025")
    set_actor(ctx.db, actor)
    return actor


def test_buttons_follow_role_and_state_and_approval_locks_the_tables(
        qtbot: QtBot, window: MainWindow, ctx: AppContext, staffed: dict[str, int]) -> None:
    panel = _panel(qtbot, window)
    _sign_in(ctx, "clerk", "clerk")
    panel.refresh()
    _done(qtbot, panel)
    b = panel.buttons
    assert b["submit"].isEnabled()
    assert not b["approve"].isEnabled() and not b["return"].isEnabled() and not b["unlock"].isEnabled()
    qtbot.mouseClick(b["submit"], Qt.MouseButton.LeftButton)
    assert _done(qtbot, panel)
    assert workflow.get_status(ctx.db, ctx.unit.id, ctx.period.id).state == workflow.SUBMITTED
    assert "已提交" in panel.state.text()
    # A clerk may not approve: the button is off and says who can.
    assert not b["approve"].isEnabled() and "审核人" in b["approve"].toolTip()

    _sign_in(ctx, "reviewer", "reviewer")
    panel.refresh()
    _done(qtbot, panel)
    assert b["approve"].isEnabled() and b["return"].isEnabled() and not b["submit"].isEnabled()
    qtbot.mouseClick(b["approve"], Qt.MouseButton.LeftButton)
    assert _done(qtbot, panel)
    status = workflow.get_status(ctx.db, ctx.unit.id, ctx.period.id)
    assert status.state == workflow.APPROVED and status.approved_by == "reviewer"

    page = window.show_page("staff")
    wait_idle(qtbot, ctx.taskman)
    assert isinstance(page, StaffPage)
    assert page.lock.isVisible() or not page.lock.isHidden()
    assert "已锁定" in page.lock.text() and "解锁" in page.lock.text() and "reviewer" in page.lock.text()
    assert page.view.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not page.view.add_button.isEnabled()
    # The service refuses an edit that gets through anyway (e.g. an undo), and says why.
    row = page.model.row_of_id(staffed["张三"])
    page.model.setData(page.model.index(row, COL_SUBJECT), "02")
    wait_idle(qtbot, ctx.taskman)
    assert get_staff(ctx.db, staffed["张三"]).subject == "01"
    assert "已审核" in page.view.status.text()

    # Unlock needs a reason; with one, the pages are editable again.
    panel.unlock_with("   ")
    assert not _done(qtbot, panel)
    assert "解锁原因" in panel.message.text()
    panel.unlock_with("更正张三的学科")
    assert _done(qtbot, panel)  # the banner reads the new state on the worker too
    assert page.lock.isHidden()
    assert page.view.table.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
    assert page.view.add_button.isEnabled()
    entries = auditlog.search(ctx.db, AuditFilter(table="unit_periods"))
    assert {e.action for e in entries} >= {"submit", "approve", "unlock"}
    assert any(e.reason == "更正张三的学科" and e.username == "reviewer" for e in entries)


def test_return_with_a_comment_then_resubmit(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> None:
    panel = _panel(qtbot, window)
    _sign_in(ctx, "reviewer", "reviewer")
    panel.refresh()
    panel.submit()
    assert _done(qtbot, panel)
    panel.return_with("培训学时缺少证明")
    assert _done(qtbot, panel)
    assert "已退回" in panel.state.text() and "培训学时缺少证明" in panel.state.text()
    assert panel.buttons["submit"].isEnabled()


def test_admin_cannot_approve(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> None:
    panel = _panel(qtbot, window)
    _sign_in(ctx, "admin", "admin")
    panel.refresh()
    _done(qtbot, panel)
    assert not panel.buttons["approve"].isEnabled()
    assert not panel.buttons["submit"].isEnabled()  # separation of duties: admins manage, not report
