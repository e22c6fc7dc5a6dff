"""The start-up check after an unclean close, run while the main window is already shown.

A file the program did not close cleanly last time (a crash, a kill, a power cut) needs
SQLite's quick check before anything is written to it; on a county's file that reads
hundreds of megabytes. ``operations.setup.open_database(defer_check=True)`` opens it
without the check, the window appears at once with the pages locked behind a banner
(正在检查数据库完整性…) and an elapsed-time progress line, and the check runs here on a
thread of its own: it reads the file through its own read-only connection, so the
window's connections are never shared across threads. The result comes back on the
main thread through a queued signal; the launcher unlocks the window when it passed,
or sets the file aside and offers the newest good backup when it did not.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from desktop.gui.compat import emit
from desktop.gui.i18n import tr
from desktop.gui.operations.setup import CheckResult, check_database
from desktop.gui.operations.shapes import Database


class StartupCheck(QObject):
    """Runs ``check_database`` on its own thread; ``finished(CheckResult)`` on the main thread."""

    finished = Signal(object)
    _done = Signal(object)  # emitted on the check's thread; queued to this object's (main) thread

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.result: CheckResult | None = None
        self.outcome: CheckResult | None = None  # set on the check's thread, before ``result`` reaches the main thread
        self.started_at = 0.0
        self.steps = 0
        self._thread: threading.Thread | None = None
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        self.started_at = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="edureturns-startup-check", daemon=True)
        self._thread.start()

    def _step(self) -> None:
        self.steps += 1

    def _run(self) -> None:
        try:
            result = check_database(self.db, on_step=self._step)
        except Exception as exc:  # the check could not run: said on the banner; the file is not moved
            result = CheckResult(False, [str(exc)], time.monotonic() - self.started_at, damaged=False)
        self.outcome = result
        emit(self._done, result)

    def _deliver(self, result: CheckResult) -> None:
        self.result = result
        emit(self.finished, result)

    def wait(self, timeout: float | None = None) -> None:
        """For shutdown: let a running check end before its file is closed."""
        if self._thread is not None:
            self._thread.join(timeout)


class CheckBanner(QWidget):
    """Above the pages while the check runs: what is happening, why, and the time so far."""

    def __init__(self, check: StartupCheck, size_mb: float) -> None:
        super().__init__()
        self.setObjectName("checkBanner")
        self.check = check
        self.setStyleSheet("#checkBanner { background: #e8f1fb; } QLabel { color: #123c69; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.text = QLabel(tr("正在检查数据库完整性…上次程序没有正常关闭（例如断电或程序崩溃），"
                              "检查通过前不能修改数据，请稍候。"))
        self.text.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # SQLite's check reports no total: a busy bar and the seconds so far
        self.bar.setMaximumWidth(160)
        self.elapsed = QLabel()
        self.size_mb = size_mb
        row.addWidget(self.text, 1)
        row.addWidget(self.bar)
        row.addWidget(self.elapsed)
        self.timer = QTimer(self)
        self.timer.setInterval(500)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.tick()

    def tick(self) -> None:
        seconds = int(time.monotonic() - self.check.started_at) if self.check.started_at else 0
        self.elapsed.setText(tr("文件 {mb} MB，已用 {s} 秒").replace("{mb}", f"{self.size_mb:.0f}")
                             .replace("{s}", str(seconds)))

    def show_failed(self, result: CheckResult) -> None:
        self.timer.stop()
        self.bar.hide()
        self.elapsed.hide()
        self.setStyleSheet("#checkBanner { background: #fdecea; } QLabel { color: #8a1c12; }")
        if not result.damaged:
            self.text.setText(tr("无法完成数据库完整性检查（{problem}），为保护数据，现在不能修改。"
                                 "请关闭程序后重新打开；如果仍然出现，请在“设置”中从备份恢复，或联系技术支持。")
                              .replace("{problem}", "；".join(result.problems[:3])))
            return
        self.text.setText(tr("数据库文件没有通过完整性检查，可能已损坏（{problem}）。为保护数据，程序不会在这个文件上修改；"
                             "原文件会改名保留。请在接着出现的窗口中从最近的完好备份恢复。")
                          .replace("{problem}", "；".join(result.problems[:3])))
