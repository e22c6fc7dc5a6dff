"""The import wizard (issue 6): file → sheet → column mapping → preview → commit.

Opened from each table page. Every step that reads the file runs on the task
worker (a 100,000-row sheet takes seconds; the window stays responsive), and
the wizard's 下一步 waits for it. Nothing is written until 导入 on the preview;
the commit is one transaction over the ticked rows, with a progress dialog,
after which the page that opened the wizard refreshes. A mapping the clerk
corrects is remembered for files of the same header shape (services.imports).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QListWidgetItem,
    QTableWidgetItem,
    QWidget,
    QWizard,
)

from desktop.gui.compat import emit
from desktop.gui.context import AppContext
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.models.import_rows import ImportRowsModel
from desktop.gui.operations import imports as ops
from desktop.gui.operations.shapes import (
    ADD,
    ERROR,
    KIND_LABELS,
    UPDATE,
    ImportPreview,
    ImportResult,
    ServiceError,
    SheetSummary,
)
from desktop.gui.taskman import Progress
from desktop.gui.views.import_wizard_view import (
    FilePageView,
    MappingPageView,
    PreviewPageView,
    SheetPageView,
)

FILE_FILTER = "电子表格 (*.xlsx *.xlsm *.xls *.csv);;所有文件 (*)"


def reason(exc: BaseException) -> str:
    """A Chinese sentence for a failure; unexpected ones are reported as a fault too."""
    if isinstance(exc, ServiceError):
        return exc.message
    show_unexpected(exc)
    return tr("读取文件时发生意外错误，没有写入任何数据。请把文件另存为 .xlsx 后重试。")


class ImportWizard(QWizard):
    imported = Signal(object)  # ImportResult, after a successful commit

    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.kind = ctx, kind
        self.setWindowTitle(tr("导入{what}").format(what=KIND_LABELS[kind]))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("导入"))
        self.setButtonText(QWizard.WizardButton.NextButton, tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("上一步"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("取消"))
        self.resize(980, 640)
        self.path: Path | None = None
        self.sheets: list[SheetSummary] = []
        self.preview: ImportPreview | None = None
        self.outcome: ImportResult | None = None
        self.checked: set[int] = set()
        self.models: dict[str, ImportRowsModel] = {}
        self.combos: list[QComboBox] = []
        self.answers: dict[str, QComboBox] = {}  # question field → its combo
        self.defaults: dict[str, str] = {}  # answers already sent to the preview
        self.busy = False
        self.file_page = FilePageView(KIND_LABELS[kind])
        self.sheet_page = SheetPageView()
        self.mapping_page = MappingPageView()
        self.preview_page = PreviewPageView()
        for page in (self.file_page, self.sheet_page, self.mapping_page, self.preview_page):
            self.addPage(page)
        self.file_page.browse.clicked.connect(self.choose_file)
        self.sheet_page.sheets.currentRowChanged.connect(lambda row: self.sheet_page.set_ready(row >= 0))
        self.sheet_page.on_leave = self._sheet_chosen
        self.mapping_page.on_enter = self._show_mapping
        self.mapping_page.on_leave = self._mapping_done
        self.preview_page.on_enter = self._show_preview
        self.preview_page.on_leave = self._commit
        self.preview_page.save_errors.clicked.connect(self.choose_error_file)
        self.preview_page.check_all.clicked.connect(lambda: self._tick_current(True))
        self.preview_page.check_none.clicked.connect(lambda: self._tick_current(False))

    # ---- step 1: the file

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择要导入的文件"), "", FILE_FILTER)
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> None:
        """Check the file and list its sheets (on the worker)."""
        self.path, self.preview = path, None
        page = self.file_page
        page.path.setText(str(path))
        page.set_ready(False)
        page.say(tr("正在检查文件…"))

        def done(sheets: list[SheetSummary]) -> None:
            self.sheets = sheets
            self._fill_sheets(sheets)
            page.say(tr("文件可以读取，共 {n} 个工作表。请点“下一步”。").format(n=len(sheets)))
            page.set_ready(True)

        self.ctx.taskman.run(lambda: ops.list_sheets(path=path), on_done=done,
                             on_error=lambda exc: page.say(reason(exc), error=True))

    def _fill_sheets(self, sheets: list[SheetSummary]) -> None:
        widget = self.sheet_page.sheets
        widget.clear()
        for s in sheets:
            text = tr("{name}（{rows} 行）").format(name=s.name, rows=s.rows)
            if not s.visible:
                text += tr(" — 隐藏的工作表")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, s.name)
            widget.addItem(item)
        first = next((i for i, s in enumerate(sheets) if s.visible and s.rows), 0)
        widget.setCurrentRow(first if sheets else -1)

    # ---- step 2: the sheet, then the first preview

    def chosen_sheet(self) -> str | None:
        item = self.sheet_page.sheets.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _sheet_chosen(self) -> bool:
        if self.preview is not None and self.preview.sheet == self.chosen_sheet():
            return True
        self._read(self.sheet_page, None)
        return False

    def _read(self, page: Any, overrides: dict[int, str | None] | None) -> None:
        """Preview on the worker; when it arrives, go on to the next page."""
        if self.busy or self.path is None:
            return
        self.busy = True
        page.set_ready(False)
        page.say(tr("正在读取和检查数据，行数多时需要几秒钟…"))
        ctx, path, sheet = self.ctx, self.path, self.chosen_sheet()

        def job() -> ImportPreview:
            return ops.preview(db=ctx.db, kind=self.kind, path=path, unit_id=ctx.unit.id, sheet=sheet,
                               year=ctx.period.school_year, overrides=overrides, defaults=dict(self.defaults))

        def done(preview: ImportPreview) -> None:
            self.busy = False
            self.preview = preview
            page.say("")
            page.set_ready(True)
            self.next()

        def failed(exc: BaseException) -> None:
            self.busy = False
            page.say(reason(exc), error=True)
            page.set_ready(True)

        ctx.taskman.run(job, on_done=done, on_error=failed)

    # ---- step 3: the mapping

    def _show_mapping(self) -> None:
        assert self.preview is not None
        preview, page = self.preview, self.mapping_page
        first = preview.rows[0].cells if preview.rows else []
        page.table.setRowCount(len(preview.mapping.columns))
        self.combos = []
        for i, col in enumerate(preview.mapping.columns):
            page.table.setItem(i, 0, QTableWidgetItem(col.letter))
            page.table.setItem(i, 1, QTableWidgetItem(col.header))
            page.table.setItem(i, 2, QTableWidgetItem(first[col.column] if col.column < len(first) else ""))
            combo = QComboBox()
            combo.addItem(tr("（不导入）"), None)
            for f in preview.fields:
                combo.addItem(f.label + (" *" if f.required else ""), f.key)
            combo.setCurrentIndex(max(0, combo.findData(col.field)) if col.field else 0)
            combo.currentIndexChanged.connect(self._mapping_changed)
            page.table.setCellWidget(i, 3, combo)
            self.combos.append(combo)
        self._show_questions()
        self._mapping_changed()

    def _show_questions(self) -> None:
        """One combo per classification the file has no column for: the clerk answers, nothing is assumed."""
        assert self.preview is not None
        form = self.mapping_page.questions_form
        while form.rowCount():
            form.removeRow(0)
        self.answers = {}
        for q in self.preview.questions:
            combo = QComboBox()
            combo.addItem(tr("（请选择）"), None)
            for label in q.choices:
                combo.addItem(label, label)
            combo.setToolTip(q.message)
            combo.currentIndexChanged.connect(self._mapping_changed)
            form.addRow(tr("文件中没有“{label}”列，本批新增人员的{label}是：").format(label=q.label), combo)
            self.answers[q.field] = combo
        self.mapping_page.questions.setVisible(bool(self.answers))

    def answer(self, field: str, label: str) -> None:
        """Answer the question about ``field`` with ``label``, as choosing in its combo does."""
        combo = self.answers[field]
        combo.setCurrentIndex(combo.findData(label))

    def overrides(self) -> dict[int, str | None]:
        assert self.preview is not None
        return {col.column: combo.currentData() for col, combo in zip(self.preview.mapping.columns, self.combos,
                                                                    strict=True)}

    def set_mapping(self, column: int, field: str | None) -> None:
        """Choose ``field`` for sheet column ``column`` (0-based), as the combo does."""
        combo = self.combos[column]
        combo.setCurrentIndex(combo.findData(field) if field else 0)

    def _mapping_changed(self) -> None:
        assert self.preview is not None
        chosen = [v for v in self.overrides().values() if v]
        labels = {f.key: f.label for f in self.preview.fields}
        missing = [labels[f.key] for f in self.preview.fields if f.required and f.key not in chosen]
        twice = sorted({labels[k] for k in chosen if chosen.count(k) > 1})
        parts = []
        if missing:
            parts.append(tr("还没有对应的必填字段：{names}。这些行将作为错误行列出。").format(names="、".join(missing)))
        if twice:
            parts.append(tr("{names} 对应了不止一列，请只保留一列。").format(names="、".join(twice)))
        open_questions = [labels[f] for f, combo in self.answers.items() if f not in chosen and combo.currentData() is None]
        if open_questions:
            parts.append(tr("请在下面为本批人员选择：{names}。").format(names="、".join(open_questions)))
        self.mapping_page.required.setText(" ".join(parts) or tr("必填字段都已对应。"))
        self.mapping_page.required.setStyleSheet("color: #b42318;" if parts else "")
        self.mapping_page.set_ready(not twice and not open_questions)

    def _mapping_done(self) -> bool:
        assert self.preview is not None
        detected = {c.column: c.field for c in self.preview.mapping.columns}
        chosen = set(self.overrides().values())
        answers = {f: str(c.currentData()) for f, c in self.answers.items()
                   if c.currentData() is not None and f not in chosen}
        if self.overrides() == detected and answers == {k: v for k, v in self.defaults.items() if k in self.answers}:
            return True
        self.defaults.update(answers)
        self._read(self.mapping_page, self.overrides())
        return False

    # ---- step 4: the preview

    def _show_preview(self) -> None:
        assert self.preview is not None
        preview, page = self.preview, self.preview_page
        fields = {f.key: f for f in preview.fields}
        self.checked = {r.row for r in preview.rows if r.status in (ADD, UPDATE)}
        page.tabs.clear()
        page.tables.clear()
        self.models = {}
        for status, label in ((ADD, tr("新增")), (UPDATE, tr("更新")), (ERROR, tr("错误"))):
            rows = [r for r in preview.rows if r.status == status]
            model = ImportRowsModel(status, rows, self.checked, fields, self)
            model.dataChanged.connect(self._counts_changed)
            self.models[status] = model
            page.add_table(status, f"{label} ({len(rows)})", model)
        page.notices.clear()
        for notice in preview.notices:
            where = tr("（{sheet} 第 {row} 行）").format(sheet=notice.sheet, row=notice.row) if notice.row else ""
            page.notices.addItem(notice.message + where)
        page.notices.setVisible(bool(preview.notices))
        page.save_errors.setEnabled(bool(preview.error_rows))
        if not self.models[ADD].rows and self.models[ERROR].rows:
            page.tabs.setCurrentIndex(2)
        self._counts_changed()

    def _counts_changed(self, *_: Any) -> None:
        assert self.preview is not None
        c = self.preview.counts
        text = tr("新增 {add} 行，更新 {update} 行，错误 {error} 行，无需导入 {skip} 行；已勾选 {n} 行。").format(
            add=c[ADD], update=c[UPDATE], error=c[ERROR], skip=c["skip"], n=len(self.checked))
        if self.preview.period_label:
            text = tr("写入{period}：").format(period=self.preview.period_label) + text
        self.preview_page.counts.setText(text)
        self.preview_page.set_ready(bool(self.checked))

    def _tick_current(self, on: bool) -> None:
        key = (ADD, UPDATE, ERROR)[max(0, self.preview_page.tabs.currentIndex())]
        self.models[key].set_all(on)

    def choose_error_file(self) -> None:
        assert self.path is not None
        suggested = str(self.path.with_name(self.path.stem + "-错误清单.xlsx"))
        path, _ = QFileDialog.getSaveFileName(self, tr("保存错误清单"), suggested, "Excel 工作簿 (*.xlsx)")
        if path:
            self.save_errors_to(Path(path))

    def save_errors_to(self, path: Path) -> None:
        preview, page = self.preview, self.preview_page
        assert preview is not None
        self.ctx.taskman.run(
            lambda: ops.save_errors(preview=preview, path=path),
            on_done=lambda n: page.say(tr("已把 {n} 行错误保存到“{name}”。请在 Excel 中改正后重新导入。")
                                       .format(n=n, name=path.name)),
            on_error=lambda exc: page.say(reason(exc), error=True))

    # ---- commit

    def _commit(self) -> bool:
        if self.outcome is not None:
            return True
        if self.busy or self.preview is None:
            return False
        self.busy = True
        preview, accepted, page, db = self.preview, set(self.checked), self.preview_page, self.ctx.db
        page.set_ready(False)
        page.say(tr("正在导入 {n} 行…").format(n=len(accepted)))

        def job(progress: Progress) -> ImportResult:
            progress.report(0, 0, tr("正在备份数据库并写入 {n} 行，请稍候…").format(n=len(accepted)))
            return ops.commit(db=db, preview=preview, accept_rows=accepted)

        def done(result: ImportResult) -> None:
            self.busy = False
            self.outcome = result
            page.say(tr("已导入：新增 {a} 条，更新 {u} 条。").format(a=result.added, u=result.updated))
            emit(self.imported, result)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.busy = False
            page.say(tr("没有导入任何数据：") + reason(exc), error=True)
            page.set_ready(bool(self.checked))

        self.ctx.taskman.run_long(job, title=tr("正在导入…"), parent=self, on_done=done, on_error=failed,
                                  cancellable=False)
        return False
