"""First run: create a database, open one, connect to the server, or build the demo; remembers the choice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.appdirs import data_dir
from desktop.domain.codes import UnitKind
from desktop.domain.records import UnitData
from desktop.domain.unitcodes import validate_unit_code
from desktop.gui.compat import emit
from desktop.gui.controllers.server_connect import ServerForm
from desktop.gui.errors import show_unexpected
from desktop.gui.i18n import tr
from desktop.gui.operations import setup as ops
from desktop.gui.operations.shapes import ServiceError
from desktop.gui.settings import AppSettings
from desktop.gui.taskman import Cancelled, Progress, TaskManager
from desktop.gui.views.wizard_view import WizardView

DB_FILTER = "EduReturns 数据库 (*.db *.sqlite);;所有文件 (*)"


def default_school_year(today: date) -> int:
    """The 学年 being reported: from September on it is this year's."""
    return today.year if today.month >= 9 else today.year - 1


class FirstRunWizard(WizardView):
    opened = Signal(object)  # OpenedDatabase

    def __init__(self, taskman: TaskManager, settings: AppSettings, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        """``today``: the date the proposed 学年 and the demo's follow (the real date unless a test fixes it)."""
        super().__init__(parent)
        self.taskman, self.settings = taskman, settings
        self.today = today or date.today()
        self.result_db: ops.OpenedDatabase | None = None
        self.new_path.setText(str(data_dir() / "edureturns.db"))
        last = settings.last_database
        self.open_path.setText(str(last) if last else "")
        self.school_year.setValue(default_school_year(self.today))
        self.server_form = ServerForm(taskman)
        self.stack.addWidget(self.server_form)  # page SERVER
        if settings.last_server:  # the server used last time (start-up could not reopen it)
            self.server_form.fill(settings.last_server)
            self.server_db.setChecked(True)
        self._connect_signals()
        self._page_changed()

    def _connect_signals(self) -> None:
        self.next.clicked.connect(self.go_next)
        self.back.clicked.connect(self.go_back)
        self.cancel.clicked.connect(self.reject)
        self.code.textChanged.connect(self.check_code)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.category.currentIndexChanged.connect(self.check_code)
        self.new_browse.clicked.connect(self._choose_new)
        self.open_browse.clicked.connect(self._choose_open)

    def _page_changed(self) -> None:
        page = self.stack.currentIndex()
        self.back.setVisible(page != self.CHOICE)
        self.next.setText(tr("下一步") if page == self.CHOICE else tr("完成"))
        self.message.clear()

    def _kind_changed(self) -> None:
        school = self.kind.currentData() == UnitKind.SCHOOL.value
        for combo in (self.category, self.ownership, self.urban_rural):
            combo.setEnabled(school)
        self.check_code()

    def check_code(self) -> bool:
        """Live check of the unit code; the reason shows under the field."""
        text = self.code.text().strip()
        if not text:
            self.code_error.clear()
            return False
        category = self.category.currentData() if self.kind.currentData() == UnitKind.SCHOOL.value else None
        errors = [f for f in validate_unit_code(text, self.kind.currentData(), category) if f.is_error]
        self.code_error.setText(errors[0].message if errors else tr("✓ 代码格式正确"))
        self.code_error.setStyleSheet("" if errors else "color: #067647;")
        return not errors

    def _choose_new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("新建数据库文件"), self.new_path.text(), DB_FILTER)
        if path:
            self.new_path.setText(path)

    def _choose_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("打开数据库文件"), self.open_path.text(), DB_FILTER)
        if path:
            self.open_path.setText(path)

    # ---- steps

    def go_back(self) -> None:
        self.stack.setCurrentIndex(self.CHOICE)
        self._page_changed()

    def go_next(self) -> None:
        page = self.stack.currentIndex()
        if page == self.CHOICE:
            choice = self.choices.checkedId()
            if choice == 0:
                self.stack.setCurrentIndex(self.NEW)
            elif choice == 1:
                self.stack.setCurrentIndex(self.OPEN)
            elif choice == 4:
                self.stack.setCurrentIndex(self.SERVER)
            else:
                self.build_demo("school" if choice == 2 else "county")
                return
            self._page_changed()
        elif page == self.NEW:
            self.create_new()
        elif page == self.SERVER:
            self.connect_server()
        else:
            self.open_existing()

    def _busy(self, busy: bool) -> None:
        for button in (self.next, self.back, self.cancel):
            button.setEnabled(not busy)
        if busy:
            self.message.setText(tr("请稍候……"))

    def create_new(self) -> None:
        if not self.check_code():
            self.message.setText(tr("请先改正单位代码。"))
            self.code.setFocus()
            return
        if not self.name.text().strip():
            self.name_error.setText(tr("请填写单位名称。"))
            self.name.setFocus()
            return
        self.name_error.clear()
        kind = self.kind.currentData()
        school = kind == UnitKind.SCHOOL.value
        unit = UnitData(code=self.code.text().strip(), name=self.name.text().strip(), kind=kind,
                        parent_code=self.parent_code.text().strip() or None,
                        category=self.category.currentData() if school else None,
                        ownership=self.ownership.currentData() if school else None,
                        urban_rural=self.urban_rural.currentData() if school else None)
        path, year = Path(self.new_path.text().strip()), self.school_year.value()
        self._busy(True)
        self.taskman.run(lambda: ops.create_database(path=path, unit=unit, school_year=year),
                         on_done=self._finished, on_error=self._failed)

    def open_existing(self) -> None:
        path = Path(self.open_path.text().strip())
        self._busy(True)
        self.taskman.run(lambda: ops.open_database(path=path), on_done=self._finished, on_error=self._failed)

    def connect_server(self) -> None:
        """连接 on the server page: the reason for a failure shows under the form, the typing stays."""
        if self.server_form.connect_database(self._finished, self._server_failed):
            self._busy(True)
            self.message.clear()
            self.server_form.show_ok(tr("正在连接服务器……"))

    def _server_failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.message.clear()
        self.server_form.show_failure(exc)

    def build_demo(self, scale: str) -> None:
        path = data_dir() / f"demo-{scale}.db"
        self._busy(True)
        today = self.today  # the demo is of the same 学年 the wizard proposes, its deadline still ahead

        def job(progress: Progress) -> ops.OpenedDatabase:
            return ops.build_demo_database(path=path, scale=scale,
                                           report=lambda d, t, text: progress.report(d, t, text), today=today)

        self.taskman.run_long(job, title=tr("正在生成示例数据，县级规模需要几十秒……"), parent=self,
                              on_done=self._finished, on_error=self._failed)

    def _finished(self, opened: ops.OpenedDatabase) -> None:
        self._busy(False)
        self.result_db = opened
        self.settings.remember_opened(opened.path, opened.server_url)
        emit(self.opened, opened)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, Cancelled):
            self.message.setText(tr("已取消，没有留下文件。"))
        elif isinstance(exc, ServiceError):
            fields = exc.field_messages()
            if "code" in fields:
                self.code_error.setText(fields["code"])
            if "name" in fields:
                self.name_error.setText(fields["name"])
            self.message.setText(exc.message)
        else:
            self.message.setText(tr("未能完成，请查看提示。"))
            show_unexpected(exc, self)
