"""One background worker for every database call; results come back on the main thread.

As in Anki's ``aqt/taskman.py``: a single worker serialises database work (SQLite
prefers one writer), the UI thread never waits on a query, and callbacks run on
the main thread through a queued signal, so they may touch widgets. Long jobs get
a ``Progress`` they report to and poll for cancellation; the manager shows a
progress dialog only if the job is still running after half a second.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import Shiboken

from desktop.gui import collector
from desktop.gui.compat import emit
from desktop.gui.i18n import tr

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]

log = logging.getLogger(__name__)


def _owner_gone(callback: Callable[..., Any] | None) -> bool:
    """True when ``callback`` is a method of a Qt object that has been deleted meanwhile."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not Shiboken.isValid(owner)


def _is_deleted_widget_error(exc: RuntimeError) -> bool:
    return "already deleted" in str(exc)


class Cancelled(Exception):
    """Raised inside a job when the user pressed 取消."""


@dataclass
class Progress:
    """Handed to long jobs: ``report(done, total, text)`` and ``check()`` for cancel."""

    _cancel: threading.Event = field(default_factory=threading.Event)
    done: int = 0
    total: int = 0
    text: str = ""

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        self.done, self.total = done, total or self.total
        if text:
            self.text = text
        self.check()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled


class TaskManager(QObject):
    """Runs named service calls on one worker thread."""

    _finished = Signal(object)  # a zero-argument closure to run on the main thread
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        collector.acquire()  # the threads below must never run Python's cycle collector (gui/collector.py)
        self._collecting = True
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="edureturns-db")
        # Long read-only computations (the 报表 page's checks and indicators) run beside the
        # worker, so a click that needs the database meanwhile does not queue behind them.
        self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="edureturns-bg")
        self._pending = 0
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.on_unhandled: ErrorCallback | None = None

    @property
    def pending(self) -> int:
        return self._pending

    def run(self, job: Callable[[], Any], *, on_done: Callback | None = None,
            on_error: ErrorCallback | None = None) -> Future[Any]:
        """Run ``job()`` on the worker; ``on_done(result)`` / ``on_error(exc)`` on the main thread."""
        return self._submit(self._executor, job, on_done, on_error)

    def run_background(self, job: Callable[[], Any], *, on_done: Callback | None = None,
                       on_error: ErrorCallback | None = None) -> Future[Any]:
        """Like ``run``, on the background thread: for long jobs that only read (and write at most a choice)."""
        return self._submit(self._background, job, on_done, on_error)

    def _submit(self, executor: ThreadPoolExecutor, job: Callable[[], Any], on_done: Callback | None,
                on_error: ErrorCallback | None) -> Future[Any]:
        self._pending += 1
        if self._pending == 1:
            emit(self.busy_changed, True)
        future = executor.submit(job)

        def deliver(f: Future[Any]) -> None:
            # Runs on the worker: hand a closure over to the main thread.
            def finish() -> None:
                # A result may arrive after the window or page that asked for it was closed
                # (a period or language switch rebuilds the window): it is dropped, not shown
                # as an error; the data it carried is in the database already.
                exc = f.exception()
                try:
                    if exc is None:
                        if on_done is not None and not _owner_gone(on_done):
                            on_done(f.result())
                    elif on_error is not None:
                        if not _owner_gone(on_error):
                            on_error(exc)
                    elif self.on_unhandled is not None:
                        self.on_unhandled(exc)
                    else:
                        raise exc
                except RuntimeError as late:
                    if not _is_deleted_widget_error(late):
                        raise
                    log.info("result for a closed window dropped: %s", late)
            emit(self._finished, finish)

        future.add_done_callback(deliver)
        return future

    def run_long(self, job: Callable[[Progress], Any], *, title: str, parent: QWidget | None,
                 on_done: Callback | None = None, on_error: ErrorCallback | None = None,
                 cancellable: bool = True) -> Progress:
        """Like ``run`` for jobs that may take seconds: a progress dialog with 取消."""
        progress = Progress()
        dialog = QProgressDialog(title, tr("取消") if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle(tr("请稍候"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(progress.cancel)
        timer = QTimer(dialog)
        timer.setInterval(100)

        def tick() -> None:
            if progress.total:
                dialog.setMaximum(progress.total)
                dialog.setValue(min(progress.done, progress.total))
            if progress.text:
                dialog.setLabelText(progress.text)

        timer.timeout.connect(tick)
        timer.start()

        def close() -> None:
            timer.stop()
            dialog.reset()
            dialog.deleteLater()

        def done(result: Any) -> None:
            close()
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            close()
            if on_error is not None:  # Cancelled included: the caller may need to re-enable things
                on_error(exc)
            elif self.on_unhandled is not None and not isinstance(exc, Cancelled):
                self.on_unhandled(exc)

        self.run(lambda: job(progress), on_done=done, on_error=failed)
        return progress

    @Slot(object)
    def _on_finished(self, finish: Callable[[], None]) -> None:
        self._pending -= 1
        if self._pending == 0:
            emit(self.busy_changed, False)
        finish()

    def shutdown(self) -> None:
        self._background.shutdown(wait=True, cancel_futures=True)
        self._executor.shutdown(wait=True, cancel_futures=True)
        if self._collecting:
            self._collecting = False
            collector.release()
