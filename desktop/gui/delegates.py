"""Cell editors chosen by the column kind: calendar dates, code-table combos, the ID
number with a live check, 学时 in half steps, whole numbers.

One delegate serves every table; it reads the ``Column`` spec from the model
(``COLUMN_ROLE``) so a table only declares what its columns are.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)
from typing_extensions import override

from desktop.domain.codes import IdDocType
from desktop.domain.idcard import validate_id_number
from desktop.gui.i18n import tr
from desktop.gui.models.base import COLUMN_ROLE, Column

Index = QModelIndex | QPersistentModelIndex
MAX_HOURS = 1000.0


def enum_combo(column: Column, parent: QWidget | None = None, *, allow_empty: bool = True) -> QComboBox:
    combo = QComboBox(parent)
    if allow_empty:
        combo.addItem("", None)
    assert column.enum is not None
    for code, label in column.enum.choices():
        combo.addItem(label, code)
    return combo


def to_qdate(value: date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else QDate.currentDate()


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class IdNumberEdit(QLineEdit):
    """A line edit that checks a resident ID as it is typed and says why it is wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("输入 18 位身份证号码"))
        self.setMaxLength(30)
        self.textChanged.connect(self._check)

    def problem(self) -> str:
        text = self.text().strip()
        if not text:
            return ""
        findings = [f for f in validate_id_number(IdDocType.RESIDENT_ID, text) if f.is_error]
        return findings[0].message if findings else ""

    def _check(self) -> None:
        message = self.problem()
        self.setToolTip(message)
        self.setStyleSheet("background: #fde2e1;" if message else "")


class FieldDelegate(QStyledItemDelegate):
    @override
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column: Column | None = index.data(COLUMN_ROLE)
        if column is None:
            return super().createEditor(parent, option, index)
        if column.kind == "enum" and column.enum is not None:
            return enum_combo(column, parent)
        if column.kind == "date":
            edit = QDateEdit(parent)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            return edit
        if column.kind == "hours":
            spin = QDoubleSpinBox(parent)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setRange(0.5, MAX_HOURS)
            return spin
        if column.kind == "int":
            count = QSpinBox(parent)
            count.setRange(0, 10000)
            return count
        if column.kind == "id":
            return IdNumberEdit(parent)
        return super().createEditor(parent, option, index)

    @override
    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value: Any = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            at = editor.findData(value)
            editor.setCurrentIndex(max(at, 0))
        elif isinstance(editor, QDateEdit):
            editor.setDate(to_qdate(value if isinstance(value, date) else None))
        elif isinstance(editor, QDoubleSpinBox):
            editor.setValue(float(value or 0))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, IdNumberEdit):
            # The stored number is never shown in the table: the editor starts empty.
            editor.setText("" if "*" in str(value or "") else str(value or ""))
        else:
            super().setEditorData(editor, index)

    @override
    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QDateEdit):
            model.setData(index, from_qdate(editor.date()))
        elif isinstance(editor, QDoubleSpinBox):
            model.setData(index, round(editor.value() * 2) / 2)
        elif isinstance(editor, QSpinBox):
            model.setData(index, editor.value())
        elif isinstance(editor, IdNumberEdit):
            if editor.text().strip():
                model.setData(index, editor.text().strip())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text().strip())
        else:
            super().setModelData(editor, model, index)
