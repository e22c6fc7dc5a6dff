"""The 班级与学位 page: classes of the period (大班额 flagged) and seats per stage."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from desktop.domain.codes import Grade, SchoolCategory, UnitKind
from desktop.domain.records import ClassData
from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.controllers.table_page import TablePage, enum_filter
from desktop.gui.delegates import FieldDelegate
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.keys import enter_moves_down
from desktop.gui.models.records import CapacityModel, ClassTableModel
from desktop.gui.operations import records as ops
from desktop.gui.operations.shapes import HUGE_CLASS, LARGE_CLASS, ClassRow, ServiceError
from desktop.gui.undo import CreateCommand, ServiceCommand


class FlaggedClassModel(ClassTableModel):
    """Colours the 班额 cell: amber for 大班额, red for 超大班额."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and index.column() == self.COL_FLAG:
            enrolled = self.row(index.row()).enrolled
            if enrolled >= HUGE_CLASS:
                return QBrush(QColor("#f8b4b4"))
            if enrolled >= LARGE_CLASS:
                return QBrush(QColor("#fde68a"))
        return super().data(index, role)


class CapacityRow:
    def __init__(self, stage: str, approved: int, enrolled: int) -> None:
        self.id = sum(ord(c) for c in stage)  # stable per stage (for marking a refused edit)
        self.stage, self.approved, self.enrolled, self.free = stage, approved, enrolled, approved - enrolled


class ClassesPage(TablePage):
    table_key = "classes"
    import_kind = "classes"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("班级与学位") + f"（{ctx.period.label}）", parent)
        self.model = FlaggedClassModel(self)
        self.view.table.setModel(self.model)
        self.setup_columns(self.model)
        self.view.show_ended.hide()
        self.view.search.setPlaceholderText(tr("搜索班级名称或学校"))
        self.add_filter("grade", enum_filter(tr("年级"), Grade))
        self.only_large = QComboBox()
        self.only_large.addItem(tr("全部班额"), "")
        self.only_large.addItem(tr("仅大班额及以上"), "large")
        self.add_filter("size", self.only_large)
        # Quick-add row under the tools: grade, name, enrolled.
        self.new_grade = QComboBox()
        for code, label in Grade.choices():
            self.new_grade.addItem(label, code)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(tr("班级名称，如 三年级(2)班"))
        self.new_name.setMinimumWidth(220)
        self.new_enrolled = QSpinBox()
        self.new_enrolled.setRange(0, 200)
        self.new_save = QPushButton(tr("添加班级"))
        self.new_error = QLabel()
        self.new_error.setObjectName("fieldError")
        adder = QWidget()
        row = QHBoxLayout(adder)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (QLabel(tr("年级")), self.new_grade, self.new_name, QLabel(tr("学生数")), self.new_enrolled,
                  self.new_save, self.new_error):
            row.addWidget(w)
        row.addStretch(1)
        self.view.side_layout.addWidget(QLabel(tr("学位（按学段）")))
        self.capacity_model = CapacityModel(self)
        if ctx.unit.kind == UnitKind.SCHOOL.value:  # an office sees its schools' sums, read-only
            approved = self.capacity_model.column_index("approved")
            self.capacity_model.columns[approved] = replace(self.capacity_model.columns[approved], editable=True)
            self.capacity_model.refresh_flags()
        self.capacity_model.edit_requested.connect(self.save_seats)
        self.capacity_table = QTableView()
        self.capacity_table.setModel(self.capacity_model)
        self.capacity_table.setItemDelegate(FieldDelegate(self.capacity_table))
        enter_moves_down(self.capacity_table)
        self.capacity_table.verticalHeader().hide()
        for i in range(self.capacity_model.columnCount()):
            self.capacity_table.horizontalHeader().resizeSection(i, 72)
        self.view.side_layout.addWidget(self.capacity_table)
        self.view.side.show()
        self.view.splitter.setSizes([800, 360])
        self.view.rows.insertWidget(2, adder)
        self.view.search.textChanged.connect(self.apply_filter)
        self.new_save.clicked.connect(self.add_class)
        self.new_name.returnPressed.connect(self.add_class)
        self.model.edit_requested.connect(self.save_cell)
        ctx.events.classes_changed.connect(self.load)

    def _stages(self) -> tuple[str, ...]:
        category = SchoolCategory.from_label(self.ctx.unit.category or "")
        return tuple(s.value for s in category.stages) if category else ()

    def load(self) -> None:
        stages = self._stages()
        self.ctx.taskman.run(lambda: ops.load_classes(db=self.ctx.db, period_id=self.ctx.period.id, stages=stages),
                             on_done=self._show, on_error=lambda e: show_unexpected(e, self))

    def _show(self, result: tuple[list[ClassRow], list[tuple[str, int, int]]]) -> None:
        rows, seats = result
        table, current = self.view.table, self.view.table.currentIndex()
        # Reloading resets the model; keep the cell the clerk is on (Enter has just moved there).
        keep = (self.model.row(current.row()).id, current.column()) if current.isValid() else None
        self.model.set_rows(rows)
        self.capacity_model.set_rows([CapacityRow(*s) for s in seats])
        self.apply_filter()
        if keep is not None and (row := self.model.row_of_id(keep[0])) >= 0:
            table.setCurrentIndex(self.model.index(row, keep[1]))

    def apply_filter(self) -> None:
        text = self.view.search.text().strip()
        grade = self.filter_values()["grade"]
        large = self.only_large.currentData() == "large"
        ids = self.id_filter

        def accept(r: ClassRow) -> bool:
            return ((not text or text in r.name or text in r.unit_name) and (not grade or r.grade == grade)
                    and (not large or r.enrolled >= LARGE_CLASS) and (ids is None or r.id in ids))

        self.model.set_filter(accept)
        rows = self.model.all_rows()
        large_n = sum(1 for r in rows if LARGE_CLASS <= r.enrolled < HUGE_CLASS)
        huge_n = sum(1 for r in rows if r.enrolled >= HUGE_CLASS)
        self.say(tr("显示 {n} 个班；大班额 {l} 个，超大班额 {h} 个。").replace("{n}", str(self.model.rowCount()))
                 .replace("{l}", str(large_n)).replace("{h}", str(huge_n)))

    def add_new(self) -> None:
        self.new_name.setFocus()

    def add_class(self) -> None:
        data = ClassData(grade=self.new_grade.currentData(), name=self.new_name.text().strip(),
                         enrolled=self.new_enrolled.value())
        db, unit_id, period_id = self.ctx.db, self.ctx.unit.id, self.ctx.period.id

        def done(row: ClassRow) -> None:
            self.new_error.clear()
            self.new_name.clear()
            emit(self.ctx.events.classes_changed)
            self.say(tr("已添加班级：") + row.name)
            self.ctx.undo.push(CreateCommand(
                tr("添加班级 ") + row.name, taskman=self.ctx.taskman, record_id=row.id,
                create=lambda: ops.add_class(db=db, unit_id=unit_id, period_id=period_id, data=data).id,
                delete=lambda i: ops.delete_class(db=db, class_id=i),
                apply=lambda _r: emit(self.ctx.events.classes_changed),
                on_error=lambda e: show_unexpected(e, self)))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ServiceError):
                self.new_error.setText(exc.message)
            else:
                show_unexpected(exc, self)

        self.ctx.taskman.run(lambda: ops.add_class(db=db, unit_id=unit_id, period_id=period_id, data=data),
                             on_done=done, on_error=failed)

    def save_cell(self, row: ClassRow, key: str, value: Any) -> None:
        db, class_id, period_id, old = self.ctx.db, row.id, self.ctx.period.id, getattr(row, key)

        def apply(new: ClassRow) -> None:
            self.model.replace_row(new)
            emit(self.ctx.events.classes_changed)

        def done(new: ClassRow) -> None:
            apply(new)
            self.say(tr("已保存。"))
            self.ctx.undo.push(ServiceCommand(
                tr("修改班级"), taskman=self.ctx.taskman,
                do=lambda: ops.edit_class(db=db, class_id=class_id, period_id=period_id, changes={key: value}),
                undo=lambda: ops.edit_class(db=db, class_id=class_id, period_id=period_id, changes={key: old}),
                apply=apply))

        self.ctx.taskman.run(
            lambda: ops.edit_class(db=db, class_id=class_id, period_id=period_id, changes={key: value}),
            on_done=done, on_error=self.refused(self.model, row.id, key, value, key))

    def save_seats(self, row: CapacityRow, key: str, value: Any) -> None:
        db, unit_id, period_id, stage = self.ctx.db, self.ctx.unit.id, self.ctx.period.id, row.stage

        def job(seats: int) -> Any:
            return lambda: ops.set_approved_seats(db=db, unit_id=unit_id, period_id=period_id, stage=stage,
                                                  seats=seats)

        def done(old: int) -> None:
            emit(self.ctx.events.classes_changed)
            self.say(tr("已保存。"))
            self.ctx.undo.push(ServiceCommand(tr("修改核定学位"), taskman=self.ctx.taskman, do=job(int(value)),
                                              undo=job(old), apply=lambda _r: emit(self.ctx.events.classes_changed)))

        self.ctx.taskman.run(job(int(value)), on_done=done,
                             on_error=self.refused(self.capacity_model, row.id, key, value, "approved_seats"))
