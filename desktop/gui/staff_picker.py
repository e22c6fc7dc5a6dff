"""The 教职工 picker of the certificate and training forms: type, then choose explicitly.

It starts empty. Typing a name, its pinyin initials (zs), its full pinyin (zhangsan)
or the last digits of the ID number (1234) lists the people who match; only a
person chosen from that list (or from the drop-down) counts as chosen. Typing
again after a choice clears it, so the form can never save to whoever happened
to be shown before (``chosen_id`` is None until a choice is made).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from desktop.domain.search import key_matches
from desktop.gui.compat import emit
from desktop.gui.i18n import tr
from desktop.gui.operations.shapes import StaffChoice

LIMIT = 50  # rows the list of matches shows; a county has thousands of people


class StaffPicker(QComboBox):
    chosen = Signal(object)  # the staff id, or None when the choice is cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.choices: list[StaffChoice] = []
        self.chosen_id: int | None = None
        self._shown: list[StaffChoice] = []  # what the match list shows, in order
        self.matches = QStringListModel(self)
        self.finder = completer = QCompleter(self.matches, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None  # editable
        line.setPlaceholderText(tr("输入姓名、拼音首字母或证件号后四位，再从列表中选择"))
        line.textEdited.connect(self._typed)
        completer.activated[QModelIndex].connect(self._completed)  # type: ignore[index]
        self.activated.connect(self._picked_from_list)

    # ---- filling

    def set_choices(self, choices: Sequence[StaffChoice]) -> None:
        """The people offered; a choice already made stays if the person is still offered."""
        keep = self.chosen_id
        self.choices = list(choices)
        self.blockSignals(True)
        self.clear()
        for c in self.choices:
            self.addItem(c.label, c.id)
        self.blockSignals(False)
        if keep is not None and self.findData(keep) >= 0:
            self.choose(keep)
        else:
            self.clear_choice()

    # ---- choosing

    def clear_choice(self) -> None:
        """Empty: nobody chosen, nothing typed."""
        self.blockSignals(True)
        self.setCurrentIndex(-1)
        self.blockSignals(False)
        self.clearEditText()
        self._set(None)

    def choose(self, staff_id: int) -> bool:
        """Choose a person by id (the form showing a stored record); False when not offered."""
        i = self.findData(staff_id)
        if i < 0:
            return False
        self.blockSignals(True)
        self.setCurrentIndex(i)
        self.blockSignals(False)
        self.setEditText(self.itemText(i))
        self._set(staff_id)
        return True

    def _set(self, staff_id: int | None) -> None:
        if staff_id != self.chosen_id:
            self.chosen_id = staff_id
            emit(self.chosen, staff_id)

    def _typed(self, text: str) -> None:
        self._set(None)  # typing again undoes a choice: only an explicit pick counts
        self._shown = [c for c in self.choices if key_matches(text, c.name, c.pinyin, c.initials, c.id_tail)][:LIMIT]
        self.matches.setStringList([c.label for c in self._shown])
        if text.strip() and self._shown:
            self.finder.setCompletionPrefix("")
            self.finder.complete()
        else:
            popup = self.finder.popup()
            if popup is not None:
                popup.hide()

    def _completed(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self._shown):
            self.choose(self._shown[row].id)

    def _picked_from_list(self, index: int) -> None:
        staff_id = self.itemData(index)
        if staff_id is not None and self.itemText(index) == self.currentText():
            self.choose(int(staff_id))
