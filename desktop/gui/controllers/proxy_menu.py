"""代报 in the desktop client: an office opens one of its schools and enters its data for it.

工具 → 代报：为下属学校录入… lists the schools of the office's database; choosing one rebuilds
the window on that school (same database, period and user), so the 教职工, 资格证书, 培训记录,
班级 and 人员核查 pages and the import wizard write that school's data. Every such write is
marked 代报 by the services (``services.core.proxy``). 工具 → 结束代报 returns to the office.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog

from desktop.gui.compat import emit
from desktop.gui.i18n import tr


def add_proxy_menu(window: Any) -> None:
    ctx = window.ctx
    if not ctx.unit.is_home:
        window.end_proxy_action = QAction(tr("结束代报，返回本局"), window)
        window.end_proxy_action.triggered.connect(lambda: end_proxy(window))
        window.tools_menu.addAction(window.end_proxy_action)
        window.statusBar().showMessage(tr("代报：正在为{name}录入数据，每条记录都标记为代报。").replace("{name}", ctx.unit.name))
    elif ctx.unit.kind != "school":
        window.proxy_action = QAction(tr("代报：为下属学校录入…"), window)
        window.proxy_action.triggered.connect(lambda: choose_school(window))
        window.tools_menu.addAction(window.proxy_action)


def choose_school(window: Any) -> None:
    # Imported on use: the main window is built at start-up without the transfer and readiness services.
    from desktop.gui.operations import people as ops

    window.ctx.taskman.run(lambda: ops.proxy_choices(window.ctx.db), on_done=lambda c: _ask(window, c[1]))


def _ask(window: Any, schools: list[Any]) -> None:
    if not schools:
        window.statusBar().showMessage(tr("本库还没有下属学校。请先在“上报”页导入学校的数据包或应报单位名单。"))
        return
    labels = [f"{u.code} {u.name}" for u in schools]
    label, ok = QInputDialog.getItem(window, tr("代报"), tr("为哪所学校录入数据（代报）："), labels, 0, False)
    if ok and label in labels:
        emit(window.switch_unit, schools[labels.index(label)])


def end_proxy(window: Any) -> None:
    from desktop.gui.operations import people as ops

    window.ctx.taskman.run(lambda: ops.proxy_choices(window.ctx.db),
                           on_done=lambda c: emit(window.switch_unit, c[0]) if c[0] is not None else None)
