"""Undo of saved edits: each command re-runs a service call on the worker.

An edit is saved at once; only after the service accepted it is a command pushed,
so the first ``redo()`` (which Qt calls on push) does nothing. Undo and redo then
submit the opposite call (old value back, end → reactivate, add → delete) and
hand the fresh row to ``apply`` on the main thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from desktop.gui.taskman import TaskManager

Job = Callable[[], Any]
Apply = Callable[[Any], None]


class ServiceCommand(QUndoCommand):
    def __init__(self, text: str, *, taskman: TaskManager, do: Job, undo: Job, apply: Apply,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        super().__init__(text)
        self._taskman, self._do, self._undo, self._apply, self._on_error = taskman, do, undo, apply, on_error
        self._first = True

    def redo(self) -> None:
        if self._first:  # already saved when the command was pushed
            self._first = False
            return
        self._taskman.run(self._do, on_done=self._apply, on_error=self._on_error)

    def undo(self) -> None:
        self._taskman.run(self._undo, on_done=self._apply, on_error=self._on_error)


class CreateCommand(QUndoCommand):
    """Undo of an added record: delete it; redo adds it again (with a new id, remembered)."""

    def __init__(self, text: str, *, taskman: TaskManager, record_id: int, create: Callable[[], int],
                 delete: Callable[[int], Any], apply: Apply,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        super().__init__(text)
        self._taskman, self._create, self._delete, self._apply = taskman, create, delete, apply
        self._on_error = on_error
        self.record_id = record_id
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return

        def remember(new_id: int) -> None:
            self.record_id = new_id
            self._apply(new_id)

        self._taskman.run(self._create, on_done=remember, on_error=self._on_error)

    def undo(self) -> None:
        record_id = self.record_id
        self._taskman.run(lambda: self._delete(record_id), on_done=self._apply, on_error=self._on_error)
