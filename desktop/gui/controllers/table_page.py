"""Behaviour shared by the table pages: filter combos, column chooser, drill-down banner,
keyboard shortcuts and showing a refused edit next to the cell."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QMenu, QMessageBox, QWidget

from desktop.domain.codes import CodeEnum
from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.controllers import grid_fill
from desktop.gui.controllers.lock_banner import LockBanner
from desktop.gui.delegates import FieldDelegate
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.keys import enter_moves_down
from desktop.gui.operations.shapes import ServiceError
from desktop.gui.undo import ServiceCommand
from desktop.gui.views.table_page_view import TablePageView


def filter_combo(label: str, choices: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    combo.addItem(tr("全部") + label, "")
    for code, text in choices:
        combo.addItem(text, code)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def enum_filter(label: str, enum: type[CodeEnum]) -> QComboBox:
    return filter_combo(label, enum.choices())


class TablePage(QWidget):
    """A page around a ``TablePageView``; subclasses set ``table_key`` and the model
    (and, on pages with a side-panel ``RecordForm``, ``form`` and ``follow_selection()``)."""

    table_key = "table"
    import_kind: str | None = None  # roster | credentials | training | classes: shows 导入… and 下载模板
    model: Any
    form: Any = None

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = TablePageView(title, self)
        self.delegate = FieldDelegate(self.view.table)
        self.view.table.setItemDelegate(self.delegate)
        enter_moves_down(self.view.table)
        grid_fill.install(self.view.table, self.say)  # Ctrl+D fill down, Ctrl+V paste a column
        self.filter_combos: dict[str, QComboBox] = {}
        self.id_filter: set[int] | None = None
        from PySide6.QtWidgets import QVBoxLayout

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        for key, slot in ((QKeySequence.StandardKey.Find, self.focus_search),
                          (QKeySequence.StandardKey.New, self.add_new)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(slot)
        self.view.add_button.clicked.connect(self.add_new)
        self.view.banner_clear.clicked.connect(self.clear_drilldown)
        self.view.import_button.setVisible(self.import_kind is not None)
        self.view.template_button.setVisible(self.import_kind is not None)
        self.view.import_button.clicked.connect(self.open_import)
        self.view.template_button.clicked.connect(self.download_template)
        self.import_wizard: Any = None
        self.lock = LockBanner.attach(self)  # read-only while the period is approved

    # ---- to override

    def add_new(self) -> None:
        pass

    def apply_filter(self) -> None:
        pass

    # ---- import (issue 6)

    def open_import(self) -> Any:
        """Open the import wizard for this table (window-modal, not blocking); returns it."""
        from desktop.gui.controllers.import_wizard import ImportWizard

        assert self.import_kind is not None
        wizard = ImportWizard(self.ctx, self.import_kind, self)
        wizard.imported.connect(self._imported)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_wizard = wizard
        wizard.open()
        return wizard

    def _imported(self, result: Any) -> None:
        self.say(tr("导入完成：新增 {a} 条，更新 {u} 条。").format(a=result.added, u=result.updated))
        events = self.ctx.events
        signal = {"roster": events.staff_changed, "credentials": events.credentials_changed,
                  "training": events.training_changed, "classes": events.classes_changed}[result.kind]
        emit(signal)

    def download_template(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from desktop.gui.operations.shapes import KIND_LABELS

        assert self.import_kind is not None
        name = tr("{what}导入模板.xlsx").format(what=KIND_LABELS[self.import_kind])
        path, _ = QFileDialog.getSaveFileName(self, tr("保存导入模板"), name, "Excel 工作簿 (*.xlsx)")
        if path:
            self.write_template_to(Path(path))

    def write_template_to(self, path: Path) -> None:
        """Write this table's import template to ``path`` (on the worker) and say where."""
        from desktop.gui.operations.imports import write_template

        kind = self.import_kind
        assert kind is not None
        self.ctx.taskman.run(lambda: write_template(kind=kind, path=path),
                             on_done=lambda p: self.say(tr("模板已保存到“{path}”。填写后点“导入…”即可导入。").format(path=p)),
                             on_error=lambda exc: self.say(exc.message, error=True) if isinstance(exc, ServiceError)
                             else show_unexpected(exc, self))

    # ---- filters

    def add_filter(self, key: str, combo: QComboBox) -> None:
        self.filter_combos[key] = combo
        self.view.filters.addWidget(combo)
        combo.currentIndexChanged.connect(self.apply_filter)

    @property
    def is_office(self) -> bool:
        return bool(self.ctx.unit.kind != "school")

    def add_unit_filter(self) -> None:
        """An office's tables: a 全部单位 filter (filled from the schools on the worker)."""
        if not self.is_office:
            return
        combo = filter_combo(tr("单位"), [])
        combo.setMinimumContentsLength(12)
        self.add_filter("unit_id", combo)
        from desktop.gui.operations.records import school_choices

        db = self.ctx.db

        def fill(choices: list[tuple[int, str]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for unit_id, name in choices:
                combo.addItem(name, str(unit_id))
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

        self.ctx.taskman.run(lambda: school_choices(db=db), on_done=fill, on_error=lambda e: show_unexpected(e, self))

    def filter_values(self) -> dict[str, str]:
        return {k: c.currentData() or "" for k, c in self.filter_combos.items()}

    def focus_search(self) -> None:
        self.view.search.setFocus()
        self.view.search.selectAll()

    def show_drilldown(self, text: str, ids: set[int] | None) -> None:
        self.id_filter = ids
        self.view.banner_text.setText(text)
        self.view.banner.setVisible(True)
        self.apply_filter()

    def clear_drilldown(self) -> None:
        self.id_filter = None
        self.view.banner.hide()
        self.apply_filter()

    # ---- columns

    def setup_columns(self, model: Any) -> None:
        header = self.view.table.horizontalHeader()
        for i, column in enumerate(model.columns):
            header.resizeSection(i, column.width)
        hidden = self.ctx.settings.hidden_columns(self.table_key)
        menu = QMenu(self.view.columns_button)
        for i, column in enumerate(model.columns):
            action = QAction(column.header, menu)
            action.setCheckable(True)
            action.setChecked(column.key not in hidden)
            self.view.table.setColumnHidden(i, column.key in hidden)
            action.toggled.connect(lambda on, i=i: self._toggle_column(model, i, on))
            menu.addAction(action)
        self.view.columns_button.setMenu(menu)
        self.column_actions = menu.actions()
        keys = [c.key for c in model.columns]
        if "unit_name" in keys and self.is_office:
            # An office's clerk needs the school next to the name, not off-screen at 1366 px.
            header.moveSection(header.visualIndex(keys.index("unit_name")), 1)

    def _toggle_column(self, model: Any, column: int, visible: bool) -> None:
        self.view.table.setColumnHidden(column, not visible)
        hidden = {c.key for i, c in enumerate(model.columns) if self.view.table.isColumnHidden(i)}
        self.ctx.settings.set_hidden_columns(self.table_key, hidden)

    # ---- messages

    def say(self, text: str, *, error: bool = False) -> None:
        self.view.status.setStyleSheet("color: #b42318;" if error else "")
        self.view.status.setText(text)

    def refused(self, model: Any, row_id: int, key: str, typed: Any, field: str) -> Callable[[BaseException], None]:
        """Error handler for an inline edit: keep the typed value, mark it, say why."""
        def handle(exc: BaseException) -> None:
            if not isinstance(exc, ServiceError):
                show_unexpected(exc, self)
                return
            message = exc.field_messages().get(field) or exc.message
            model.mark_error(row_id, key, typed, message)
            self.say(message, error=True)
        return handle

    # ---- the side form and saving

    def follow_selection(self) -> None:
        """The side form shows the selected row (call once the model is set)."""
        self.view.table.selectionModel().currentRowChanged.connect(self._row_selected)

    _holding = False  # the selection is being put back while the clerk decides
    _moving = False  # the page itself selects a row (after a save)

    def _row_selected(self, current: Any, previous: Any) -> None:
        if self._holding or not current.isValid():
            return
        if not self._moving and self.form.has_unsaved_input():
            # After the click has finished selecting, put the selection back.
            kept = QPersistentModelIndex(previous)
            QTimer.singleShot(0, lambda: self._hold(kept))
            self.ask_about_unsaved(current.row())
            return
        self.form.show_row(self.model.row(current.row()))

    def _hold(self, previous: QPersistentModelIndex) -> None:
        """Keep the table on the record the form shows (or on nothing, while adding)."""
        self._holding = True
        try:
            table = self.view.table
            if previous.isValid() and self.form.editing is not None:
                table.setCurrentIndex(table.model().index(previous.row(), previous.column()))
                table.selectRow(previous.row())
            else:
                table.clearSelection()
                table.selectionModel().clear()
        finally:
            self._holding = False

    def ask_about_unsaved(self, target: int) -> QMessageBox:
        """Unsaved input and another row clicked: 保存, 放弃修改 or 继续编辑; never discarded silently."""
        target_id = self.model.row(target).id
        adding = self.form.editing is None
        box = QMessageBox(QMessageBox.Icon.Question, tr("有未保存的内容"),
                          tr("新增的记录还没有保存。") if adding else tr("对当前记录的修改还没有保存。"),
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText(tr("保存后再查看其他记录，还是放弃刚才输入的内容？"))
        save = box.addButton(tr("保存"), QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton(tr("放弃输入的内容"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(tr("继续编辑"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def decided(_result: int) -> None:
            clicked = box.clickedButton()
            if clicked is save:
                self.form.submit()  # refused: the reasons show by the fields, the typing stays
                self.say(tr("正在保存；保存后请再点一次要查看的记录。"))
            elif clicked is drop:
                self._go_to(target, target_id)
            box.deleteLater()

        box.finished.connect(decided)
        box.open()
        return box

    def _go_to(self, target: int, target_id: int) -> None:
        """Drop the unsaved input and show the row the clerk clicked (if it is still there)."""
        if not 0 <= target < self.model.rowCount() or self.model.row(target).id != target_id:
            self.form.revert()
            return
        self._holding = True
        try:
            self.view.table.selectRow(target)
        finally:
            self._holding = False
        self.form.show_row(self.model.row(target))

    def form_refused(self, exc: BaseException) -> None:
        """Error handler for a form save: each reason by its field, the typing kept."""
        if isinstance(exc, ServiceError):
            self.form.show_errors(exc.field_messages(), exc.message)
            self.say(exc.message, error=True)
        else:
            show_unexpected(exc, self)

    def apply_row(self, row: Any) -> None:
        """A saved (or undone) row: into the table, and into the form when it shows it."""
        self.model.replace_row(row)
        if self.form is not None and self.form.editing is not None and self.form.editing.id == row.id:
            self.form.show_row(row)

    def save_with_undo(self, text: str, do: Callable[[], Any], undo: Callable[[], Any], *,
                       on_error: Callable[[BaseException], None], after: Callable[[], None] | None = None) -> None:
        """Save at once on the worker; once accepted show it and push the undo (old values back)."""
        def done(new: Any) -> None:
            self.apply_row(new)
            self.say(tr("已保存。"))
            self.ctx.undo.push(ServiceCommand(text, taskman=self.ctx.taskman, do=do, undo=undo, apply=self.apply_row,
                                              on_error=lambda e: show_unexpected(e, self)))
            if after is not None:
                after()

        self.ctx.taskman.run(do, on_done=done, on_error=on_error)

    def notify_quietly(self, signal: Any) -> None:
        """Tell the other pages; this one already shows the change and skips its own reload."""
        self._quiet = True
        try:
            emit(signal)
        finally:
            self._quiet = False

    def keep_selection_on(self, row: int) -> None:
        """Select ``row`` from code (a saved record): what the form held is saved, nothing to ask."""
        if row >= 0:
            self._moving = True
            try:
                self.view.table.selectRow(row)
            finally:
                self._moving = False
            self.view.table.scrollTo(self.view.table.model().index(row, 0))

    def current_source_row(self) -> int:
        index = self.view.table.currentIndex()
        return index.row() if index.isValid() else -1


def key_is_delete(event: Any) -> bool:
    return event.key() in (Qt.Key.Key_Delete,)
