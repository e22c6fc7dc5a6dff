"""What every page needs, handed down explicitly (no global application handle).

``AppContext`` bundles the open database, its home unit and period, the task
manager, the undo stack and the settings. ``DataEvents`` lets one page tell the
others that something changed (the overview and the person page refresh).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop.domain.records import PeriodRecord, UnitRecord
from desktop.gui.operations.shapes import Actor, Database
from desktop.gui.settings import AppSettings
from desktop.gui.signin import actor_of
from desktop.gui.taskman import TaskManager


class DataEvents(QObject):
    staff_changed = Signal()
    training_changed = Signal()
    credentials_changed = Signal()
    classes_changed = Signal()
    open_staff = Signal(int)  # show the person page of this staff id
    navigate = Signal(str, object)  # page key, filter (drill-down from the overview)
    workflow_changed = Signal()  # 提交/审核/退回/解锁: table pages re-check whether they are locked
    database_replaced = Signal()  # restored from a backup: the launcher reopens the window on it
    database_opened = Signal(object)  # OpenedDatabase: switch the window to it (设置 → 服务器数据库)
    language_changed = Signal(str)  # chosen in 设置: the window is rebuilt in that language


@dataclass
class AppContext:
    db: Database
    path: Path
    unit: UnitRecord
    period: PeriodRecord
    taskman: TaskManager
    settings: AppSettings
    undo: QUndoStack
    events: DataEvents
    # The wall-clock day, for what is about *now*: days left to the due date and
    # the reminders on 概览 (tests set it; numbers of the return use ``as_of``).
    today: date = field(default_factory=date.today)
    # The shared PostgreSQL database (URL without password) in server mode; None for a file.
    server_url: str | None = None

    @property
    def location(self) -> str:
        """Where the data is, for the title bar and 设置: the server database, or the file."""
        if self.server_url:
            from desktop.gui.operations.shapes import server_label

            return "服务器 " + server_label(self.server_url)
        return str(self.path)

    @property
    def actor(self) -> Actor:
        """The signed-in user: every service call from the GUI acts as this person."""
        return actor_of(self.db)

    @property
    def as_of(self) -> date:
        """The date the numbers are counted at: the period's 统计时点 (census date).

        Training cycles, registrations due and the overview follow the return being
        prepared, not the wall clock (the demo and real returns are counted this way).
        """
        return self.period.census_date
