"""Excel habits in the big tables: Ctrl+D fills down, Ctrl+V pastes a column (or a block).

Every value goes into the table exactly as if it had been typed into that cell: the
model's ``setData`` → the page's ``save_cell`` → the service, which validates it; a
refused value stays in its cell, marked, with the reason in its tooltip. Text that
cannot even be read as the column's kind (a label that is not in the code table, a
date that is not a date) is marked the same way without being sent.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView

from desktop.gui.i18n import tr

_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def value_from_text(column: Any, text: str) -> tuple[Any, str]:
    """(value for ``setData``, "") or (the text, the reason it cannot be used) for one pasted cell."""
    text = text.strip()
    kind = column.kind
    if column.enum is not None:
        if not text:
            return None, ""
        member = column.enum.from_label(text)
        if member is None:
            return text, tr("“{text}”不是“{what}”的可选项，请从下拉列表中选择。").replace("{text}", text) \
                .replace("{what}", column.header)
        return member.value, ""
    if kind == "date":
        if not text:
            return None, ""
        m = _DATE.match(text)
        try:
            if m is None:
                raise ValueError
            return date(int(m[1]), int(m[2]), int(m[3])), ""
        except ValueError:
            return text, tr("“{text}”不是日期，请写成 2025-09-01 的样子。").replace("{text}", text)
    if kind in ("hours", "int"):
        try:
            number = float(text)
        except ValueError:
            return text, tr("“{text}”不是数字。").replace("{text}", text)
        return (int(number) if kind == "int" and number.is_integer() else number), ""
    return text, ""


def _put(model: Any, index: QModelIndex, value: Any, problem: str) -> None:
    column = model.columns[index.column()]
    if not column.editable:
        return
    if problem:
        model.mark_error(model.row(index.row()).id, column.key, value, problem)
    else:
        model.setData(index, value)


def fill_down(table: QAbstractItemView) -> int:
    """The top selected cell of each selected column into the selected cells below it; how many."""
    model: Any = table.model()  # a RowTableModel or the training table: both have ``columns``
    by_column: dict[int, list[int]] = {}
    for index in table.selectionModel().selectedIndexes():
        by_column.setdefault(index.column(), []).append(index.row())
    done = 0
    for column, rows in by_column.items():
        rows.sort()
        if len(rows) < 2 or not model.columns[column].editable:
            continue
        value = model.data(model.index(rows[0], column), Qt.ItemDataRole.EditRole)
        for r in rows[1:]:
            _put(model, model.index(r, column), value, "")
            done += 1
    return done


def paste(table: QAbstractItemView, text: str) -> int:
    """Clipboard text (lines, tab-separated cells) from the current cell down and right; how many cells."""
    model: Any = table.model()  # a RowTableModel or the training table: both have ``columns``
    start = table.currentIndex()
    if not start.isValid():
        return 0
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # Excel ends a copied block with a line break
    done = 0
    for i, line in enumerate(lines):
        r = start.row() + i
        if r >= model.rowCount():
            break
        for j, cell in enumerate(line.split("\t")):
            c = start.column() + j
            if c >= model.columnCount():
                break
            value, problem = value_from_text(model.columns[c], cell)
            _put(model, model.index(r, c), value, problem)
            done += 1
    return done


def install(table: QAbstractItemView, say: Any) -> None:
    """Ctrl+D and Ctrl+V on ``table``; ``say`` reports how many cells were filled."""
    def do_fill() -> None:
        n = fill_down(table)
        say(tr("已向下填充 {n} 个单元格，逐个保存并检查。").replace("{n}", str(n)) if n
            else tr("请先在同一列中选中要填充的几个单元格（最上面一个是要复制的值），再按 Ctrl+D。"))

    def do_paste() -> None:
        n = paste(table, QGuiApplication.clipboard().text())
        if n:
            say(tr("已粘贴 {n} 个单元格，逐个保存并检查；不能保存的会标红并说明原因。").replace("{n}", str(n)))

    for keys, slot in ((QKeySequence("Ctrl+D"), do_fill), (QKeySequence(QKeySequence.StandardKey.Paste), do_paste)):
        shortcut = QShortcut(keys, table)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
