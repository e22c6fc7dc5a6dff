"""Small widget factories the form views share (code-table combos, date fields)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDateEdit, QTableWidget


def code_combo(enum: type, *, empty: bool = False) -> QComboBox:
    """A combo of a code table's labels with the codes as item data (an empty first item if asked)."""
    combo = QComboBox()
    if empty:
        combo.addItem("", None)
    for code, label in enum.choices():  # type: ignore[attr-defined]
        combo.addItem(label, code)
    return combo


def date_edit() -> QDateEdit:
    """A date field with a calendar, showing today, in the yyyy-MM-dd form clerks type."""
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def list_table(headers: list[str]) -> QTableWidget:
    """A read-only list of rows chosen one at a time (the 设置 sections' users and backups)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table
