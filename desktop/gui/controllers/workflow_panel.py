"""提交 / 审核通过 / 退回 / 解锁 for this unit and period (on the 上报 page).

Buttons are enabled by the signed-in user's role (``PERMISSIONS``) and the
current state; a button that cannot be used says why in its tooltip. Every
transition is one operation (``gui/operations/workflow``) run on the worker that writes
its audit entry; afterwards ``events.workflow_changed`` tells the table pages to lock or
unlock themselves. ``last_ok`` says how the last transition ended (None while it runs).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.codes import Role
from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import trust, workflow
from desktop.gui.operations.shapes import (
    APPROVED,
    DRAFT,
    PERMISSIONS,
    RETURNED,
    SUBMITTED,
    ServiceError,
    WorkflowStatus,
)

# action → (button text, states it applies to)
ACTIONS = {
    "submit": ("提交", (DRAFT, RETURNED)),
    "approve": ("审核通过", (SUBMITTED,)),
    "return": ("退回…", (SUBMITTED,)),
    "unlock": ("解锁…", (APPROVED,)),
}


class WorkflowPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        box = QGroupBox(tr("审核流程"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 10, 10, 0)
        outer.addWidget(box)
        self.status: WorkflowStatus | None = None
        self.last_ok: bool | None = None
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()  # shown with a refusal only
        # Why some steps are not available now, on screen (a tooltip alone went unseen).
        self.why = QLabel()
        self.why.setObjectName("hint")
        self.why.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(self.state, 1)
        for action, (text, _states) in ACTIONS.items():
            button = QPushButton(tr(text))
            self.buttons[action] = button
            row.addWidget(button)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.why)
        layout.addWidget(self.message)
        self.buttons["submit"].clicked.connect(self.submit)
        self.buttons["approve"].clicked.connect(lambda: self.approve())
        self.buttons["return"].clicked.connect(self.ask_return)
        self.buttons["unlock"].clicked.connect(self.ask_unlock)
        ctx.events.workflow_changed.connect(self.refresh)
        if parent is not None and hasattr(parent, "load"):
            ctx.events.workflow_changed.connect(parent.load)  # the 上报 page's own state line
        self.refresh()

    def refresh(self) -> None:
        db, unit_id, period_id = self.ctx.db, self.ctx.unit.id, self.ctx.period.id
        self.ctx.taskman.run(lambda: workflow.get_status(db, unit_id, period_id), on_done=self.show_status,
                             on_error=lambda e: show_unexpected(e, self))

    def show_status(self, status: WorkflowStatus) -> None:
        self.status = s = status
        text = tr("{unit} {period}：{state}").replace("{unit}", self.ctx.unit.name).replace(
            "{period}", self.ctx.period.label).replace("{state}", tr(s.state_label))
        if s.state == APPROVED and s.approved_by:
            text += tr("（{who} 审核）").replace("{who}", s.approved_by)
        if s.state == RETURNED and s.return_comment:
            text += tr("；退回意见：") + s.return_comment
        self.state.setText(text)
        actor = self.ctx.actor
        for action, (_text, states) in ACTIONS.items():
            button = self.buttons[action]
            may = trust.may(actor, action)
            button.setEnabled(may and s.state in states)
            if not may:
                roles = "、".join(r.label for r in Role if r.value in PERMISSIONS[action])
                button.setToolTip(tr("需要{roles}登录后操作。").replace("{roles}", roles))
            elif s.state not in states:
                button.setToolTip(tr("当前状态是“{state}”，不能进行这个操作。").replace("{state}", tr(s.state_label)))
            else:
                button.setToolTip("")
        reasons: dict[str, list[str]] = {}
        for action, (text, _states) in ACTIONS.items():
            button = self.buttons[action]
            if not button.isEnabled() and button.toolTip():
                reasons.setdefault(button.toolTip(), []).append(tr(text).rstrip("…"))
        self.why.setText("\n".join(tr("“{names}”不可用：{why}").replace("{names}", "、".join(names)).replace("{why}", why)
                                   for why, names in reasons.items()))
        self.why.setVisible(bool(reasons))

    def _run(self, call: Callable[[], object], *, refused: Callable[[str], None] | None = None) -> None:
        """Run the transition on the worker; a refusal is shown under the buttons."""
        self.last_ok = None

        def done(_result: object) -> None:
            self.last_ok = True
            self.message.setStyleSheet("")
            self.message.clear()
            self.message.hide()
            emit(self.ctx.events.workflow_changed)

        def failed(exc: BaseException) -> None:
            self.last_ok = False
            if not isinstance(exc, ServiceError):
                show_unexpected(exc, self)
                return
            self.message.setStyleSheet("color: #b42318;")
            self.message.setText(exc.message)
            self.message.show()
            if refused is not None:
                refused(exc.message)

        self.ctx.taskman.run(call, on_done=done, on_error=failed)

    def submit(self) -> None:
        c = self.ctx
        self._run(lambda: workflow.submit(c.db, c.actor, c.unit.id, c.period.id))

    def approve(self, override_reason: str | None = None) -> None:
        c = self.ctx

        def ask_reason(message: str) -> None:
            # An office with units below not yet approved may approve first, with a reason.
            if override_reason is None and "下级单位" in message:
                reason, given = QInputDialog.getMultiLineText(self, tr("先行审核的原因"), message)
                if given and reason.strip():
                    self.approve(reason)

        self._run(lambda: workflow.approve(c.db, c.actor, c.unit.id, c.period.id, override_reason=override_reason),
                  refused=ask_reason)

    def return_with(self, comment: str) -> None:
        c = self.ctx
        self._run(lambda: workflow.return_(c.db, c.actor, c.unit.id, c.period.id, comment))

    def unlock_with(self, reason: str) -> None:
        c = self.ctx
        self._run(lambda: workflow.unlock(c.db, c.actor, c.unit.id, c.period.id, reason))

    def ask_return(self) -> None:
        comment, given = QInputDialog.getMultiLineText(self, tr("退回"), tr("退回意见（说明需要修改什么）："))
        if given:
            self.return_with(comment)

    def ask_unlock(self) -> None:
        reason, given = QInputDialog.getMultiLineText(self, tr("解锁"), tr("解锁原因（将记入操作日志）："))
        if given:
            self.unlock_with(reason)
