"""The 培训记录 page: the windowed table over all records, filters in SQL, the add form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from desktop.domain.codes import TrainingCategory, TrainingLevel, TrainingMode
from desktop.domain.records import TrainingData
from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.controllers.table_page import TablePage, enum_filter, filter_combo
from desktop.gui.controllers.training_form import TrainingForm
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.models.training import TrainingTableModel
from desktop.gui.operations import records as browse
from desktop.gui.operations import records as ops
from desktop.gui.operations.shapes import TrainingRow
from desktop.gui.undo import CreateCommand

SEARCH_DELAY_MS = 250  # the search runs in SQL: wait until typing pauses


class TrainingPage(TablePage):
    table_key = "training"
    import_kind = "training"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("培训记录"), parent)
        db = ctx.db
        self.model = TrainingTableModel(lambda q: browse.count_training(db, q),
                                        lambda q, o, n: browse.training_page(db, q, o, n), self)
        self.view.table.setModel(self.model)
        self.view.table.horizontalHeader().setSortIndicator(-1, self.view.table.horizontalHeader().sortIndicatorOrder())
        self.setup_columns(self.model)
        self.view.show_ended.hide()
        self.add_filter("category", enum_filter(tr("科目类别"), TrainingCategory))
        self.add_filter("mode", enum_filter(tr("形式"), TrainingMode))
        self.add_filter("level", enum_filter(tr("层级"), TrainingLevel))
        self.year_combo = filter_combo(tr("年份"), [])
        self.add_filter("year", self.year_combo)
        self.add_unit_filter()
        self.form = TrainingForm()
        self.view.side_layout.addWidget(self.form)
        self.view.side.show()
        self.view.splitter.setSizes([900, 320])
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.view.search.textChanged.connect(self._timer.start)
        self.model.edit_requested.connect(self.save_cell)
        self.form.save_new.connect(self.add_record)
        self.form.save_changes.connect(self.save_form_changes)
        self.follow_selection()
        ctx.events.training_changed.connect(self.load)
        ctx.events.staff_changed.connect(self._load_choices)

    def load(self) -> None:
        if getattr(self, "_quiet", False):
            return
        self.apply_filter()
        self._load_choices()
        self.ctx.taskman.run(lambda: browse.training_years(self.ctx.db), on_done=self._show_years)

    def _show_years(self, years: list[int]) -> None:
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(tr("全部年份"), "")
        for year in years:
            self.year_combo.addItem(str(year), str(year))
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(current)))
        self.year_combo.blockSignals(False)

    def _load_choices(self) -> None:
        self.ctx.taskman.run(lambda: browse.staff_choices(self.ctx.db), on_done=self.form.set_staff_choices)

    def apply_filter(self) -> None:
        values = self.filter_values()
        query = self.model.query.with_(
            search=self.view.search.text(), category=values["category"] or None, mode=values["mode"] or None,
            level=values["level"] or None, year=int(values["year"]) if values["year"] else None,
            unit_id=int(values["unit_id"]) if values.get("unit_id") else None,
        )
        self.model.set_query(query)
        self.say(tr("共 {n} 条培训记录（按需分页读取）。双击单元格修改，Ctrl+N 新增。")
                 .replace("{n}", f"{self.model.rowCount():,}"))

    def add_new(self) -> None:
        self.view.table.clearSelection()
        self.form.start_new()

    def add_record(self, payload: tuple[int, TrainingData]) -> None:
        db = self.ctx.db
        staff_id, data = payload

        def done(training_id: int) -> None:
            self.form.reset_after_save()
            self.model.refresh()
            self.say(tr("已添加培训记录：") + data.title)
            self.ctx.undo.push(CreateCommand(
                tr("添加培训记录"), taskman=self.ctx.taskman, record_id=training_id,
                create=lambda: ops.add_training(db=db, staff_id=staff_id, data=data),
                delete=lambda i: ops.delete_training(db=db, training_id=i),
                apply=lambda _r: emit(self.ctx.events.training_changed),
                on_error=lambda e: show_unexpected(e, self)))
            self.notify_others()

        self.ctx.taskman.run(lambda: ops.add_training(db=db, staff_id=staff_id, data=data), on_done=done,
                             on_error=self.form_refused)

    def save_cell(self, row: TrainingRow, key: str, value: Any) -> None:
        self._save(row, {key: value}, on_error=self.refused(self.model, row.id, key, value, key))

    def save_form_changes(self, training_id: int, changes: dict[str, Any]) -> None:
        row = self.form.editing
        assert row is not None and row.id == training_id
        self._save(row, changes, on_error=self.form_refused)

    def _save(self, row: TrainingRow, changes: dict[str, Any], *, on_error: Any) -> None:
        db, training_id = self.ctx.db, row.id
        old = {k: (tuple(t for t in row.topics.split(";") if t) if k == "topics" else getattr(row, k))
               for k in changes}

        self.save_with_undo(
            tr("修改培训记录"), lambda: ops.edit_training(db=db, training_id=training_id, changes=changes),
            lambda: ops.edit_training(db=db, training_id=training_id, changes=old), on_error=on_error,
            after=self.notify_others)

    def notify_others(self) -> None:
        self.notify_quietly(self.ctx.events.training_changed)
