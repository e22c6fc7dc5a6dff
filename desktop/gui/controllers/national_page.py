"""The 国家统计 page: the national forms filled from the records, each cell's people, the
逻辑校验, export, and the reconciliation of a workbook the school reported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QTableWidgetItem, QVBoxLayout, QWidget

from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import national as ops
from desktop.gui.views.national_view import NationalView

ID_ROLE = Qt.ItemDataRole.UserRole


class NationalPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = NationalView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.data: ops.NationalTables | None = None
        self.view.sheet.currentIndexChanged.connect(self.show_sheet)
        self.view.table.currentCellChanged.connect(lambda r, c, *_: self.show_cell(r, c))
        self.view.people.itemDoubleClicked.connect(self._open)
        self.view.problems.itemDoubleClicked.connect(self._jump)
        self.view.export_button.clicked.connect(self.ask_export)
        self.view.reconcile_button.clicked.connect(self.ask_reconcile)
        for signal in (ctx.events.staff_changed, ctx.events.classes_changed):
            signal.connect(self.load)

    @property
    def year(self) -> int:
        return self.ctx.period.school_year

    def load(self) -> None:
        db, year = self.ctx.db, self.year
        self.ctx.taskman.run(lambda: ops.load_tables(db=db, school_year=year), on_done=self.show_data,
                             on_error=lambda e: show_unexpected(e, self))

    def show_data(self, data: ops.NationalTables) -> None:
        self.data = data
        current = self.view.sheet.currentText()
        self.view.sheet.blockSignals(True)
        self.view.sheet.clear()
        for s in data.sheets:
            self.view.sheet.addItem(s.name)
        self.view.sheet.blockSignals(False)
        self.view.sheet.setCurrentIndex(max(0, self.view.sheet.findText(current)))
        self.show_sheet()
        self.show_problems(data.findings, tr("逻辑校验：{n} 条未通过（双击跳到格子或人员）").replace(
            "{n}", str(len(data.findings))) if data.findings else tr("逻辑校验：全部通过"))

    def sheet_table(self) -> ops.SheetTable | None:
        if self.data is None or not self.data.sheets:
            return None
        return self.data.sheets[max(0, self.view.sheet.currentIndex())]

    def show_sheet(self) -> None:
        s = self.sheet_table()
        t = self.view.table
        t.clear()
        if s is None:
            t.setRowCount(0)
            return
        t.setColumnCount(len(s.columns))
        t.setRowCount(len(s.rows))
        t.setHorizontalHeaderLabels([f"{name}\n({code})" for code, name in s.columns])
        t.setVerticalHeaderLabels([f"{code} {name}" for code, name in s.rows])
        for i, values in enumerate(s.grid):
            for j, v in enumerate(values):
                item = QTableWidgetItem(str(v))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                t.setItem(i, j, item)
        t.resizeColumnsToContents()
        self.view.people.clear()

    def show_cell(self, r: int, c: int) -> None:
        s = self.sheet_table()
        self.view.people.clear()
        if s is None or r < 0 or c < 0:
            return
        (row, row_name), (col, col_name) = s.rows[r], s.columns[c]
        people = s.people.get((row, col), [])
        what = tr("个班级") if s.counts_classes else tr("人")
        self.view.cell_label.setText(f"{s.name} 第{row}行（{row_name}）第{col}栏（{col_name}）：{len(people)} {what}")
        for sid, name in people:
            item = QListWidgetItem(f"{name}（{sid}）")
            item.setData(ID_ROLE, None if s.counts_classes else sid)
            self.view.people.addItem(item)

    def select_cell(self, sheet: str, cell: tuple[str, str]) -> None:
        index = self.view.sheet.findText(sheet)
        if index < 0:
            return
        self.view.sheet.setCurrentIndex(index)
        s = self.sheet_table()
        if s is None:
            return
        rows, cols = [c for c, _ in s.rows], [c for c, _ in s.columns]
        if cell[0] in rows and cell[1] in cols:
            self.view.table.setCurrentCell(rows.index(cell[0]), cols.index(cell[1]))

    def show_problems(self, problems: list[ops.Problem], heading: str) -> None:
        self.view.problems_label.setText(heading)
        self.view.problems.clear()
        for p in problems:
            item = QListWidgetItem(f"{p.sheet}：{p.text}" if p.sheet else p.text)
            item.setData(ID_ROLE, p)
            self.view.problems.addItem(item)

    def _jump(self, item: QListWidgetItem) -> None:
        p: ops.Problem = item.data(ID_ROLE)
        if p.cell is not None:
            self.select_cell(p.sheet, p.cell)
        elif p.staff_ids:
            emit(self.ctx.events.open_staff, p.staff_ids[0])

    def _open(self, item: QListWidgetItem) -> None:
        sid = item.data(ID_ROLE)
        if sid is not None:
            emit(self.ctx.events.open_staff, sid)

    def ask_export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("选择导出文件夹"))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        db, year = self.ctx.db, self.year
        self.ctx.taskman.run(lambda: ops.export(db=db, school_year=year, folder=folder),
                             on_done=lambda paths: self.view.status.setText(
                                 tr("已写出：") + "；".join(str(p) for p in paths)),
                             on_error=lambda e: show_unexpected(e, self))

    def ask_reconcile(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择已上报的国家统计报表"), "", "Excel (*.xlsx)")
        if path:
            self.reconcile(Path(path))

    def reconcile(self, path: Path) -> None:
        db, year = self.ctx.db, self.year
        self.ctx.taskman.run(lambda: ops.reconcile(db=db, school_year=year, path=path),
                             on_done=lambda problems: self.show_problems(problems, (
                                 tr("核对 {file}：{n} 处与记录不一致（双击跳到格子）").replace("{file}", path.name)
                                 .replace("{n}", str(len(problems)))) if problems else
                                 tr("核对 {file}：与记录完全一致").replace("{file}", path.name)),
                             on_error=lambda e: show_unexpected(e, self))
