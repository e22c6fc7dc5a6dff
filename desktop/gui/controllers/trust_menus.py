"""The signed-in user in the status bar, 切换用户/退出登录 in 文件, 工具 → 操作日志, 规则试算 and 签名密钥.

Kept apart from main_window.py so the menus of the trust features stay in one place.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu

from desktop.gui.i18n import tr
from desktop.gui.operations import trust
from desktop.gui.operations.shapes import Actor


def user_text(actor: Actor) -> str:
    return tr("当前用户：{name}（{role}）").replace("{name}", actor.display_name).replace("{role}", actor.role_label)


def add_trust_menus(window: Any) -> None:
    ctx = window.ctx
    window.user_label = QLabel(user_text(ctx.actor))
    window.user_label.setObjectName("status")
    window.statusBar().addPermanentWidget(window.user_label)
    file_menu = window.file_menu  # the window's own reference (see MainWindow._menus)
    first = file_menu.actions()[-1]  # 退出 stays last
    has_users = trust.has_users(ctx.db)
    window.switch_user_action = QAction(tr("切换用户…"), window)
    window.log_out_action = QAction(tr("退出登录"), window)
    for action, signal in ((window.switch_user_action, window.switch_user), (window.log_out_action, window.log_out)):
        action.setEnabled(has_users)
        action.setToolTip("" if has_users else tr("还没有用户。请管理员在“设置 → 用户与权限”中添加用户。"))
        action.triggered.connect(signal)
        file_menu.insertAction(first, action)
    file_menu.insertSeparator(first)
    # Owned by the menu bar (its parent) and kept on the window; 帮助 stays last.
    window.tools_menu = QMenu(tr("工具(&T)"), window.menuBar())
    window.audit_action = QAction(tr("操作日志…"), window)
    window.audit_action.triggered.connect(lambda: open_audit_log(window))
    window.tools_menu.addAction(window.audit_action)
    window.rules_bench_action = QAction(tr("规则试算…"), window)
    window.rules_bench_action.setToolTip(tr("发布新的校验规则前，先在本库各学年的数据上试算，看会标记哪些单位"))
    window.rules_bench_action.triggered.connect(lambda: open_rules_bench(window))
    window.tools_menu.addAction(window.rules_bench_action)
    window.signing_key_action = QAction(tr("签名密钥…"), window)
    window.signing_key_action.setToolTip(tr("本单位数据包签名密钥的指纹；服务器模式下在电脑之间转移密钥（管理员）"))
    window.signing_key_action.triggered.connect(lambda: open_signing_key(window))
    window.tools_menu.addAction(window.signing_key_action)
    window.menuBar().insertMenu(window.help_menu.menuAction(), window.tools_menu)


def open_audit_log(window: Any) -> None:
    from desktop.gui.controllers.audit_log import AuditLogDialog

    window.audit_dialog = AuditLogDialog(window.ctx, window)
    window.audit_dialog.show()
    window.audit_dialog.load()


def open_signing_key(window: Any) -> None:
    from desktop.gui.controllers.signing_key import SigningKeyDialog

    window.signing_key_dialog = SigningKeyDialog(window.ctx, window)
    window.signing_key_dialog.show()
    window.signing_key_dialog.load()


def open_rules_bench(window: Any) -> None:
    from desktop.gui.controllers.rules_bench import RulesBenchDialog

    window.rules_bench_dialog = RulesBenchDialog(window.ctx, window)
    window.rules_bench_dialog.show()
