"""Work-arounds for bugs in the Qt binding, each detected at run time.

PySide6 6.12 on Python 3.11 returns ``True`` from ``Signal.emit()`` without taking a
reference. Python drops that reference when the result is discarded, so every
emit made from Python lowers the reference count of ``True`` by one; after a few
thousand emits the interpreter frees ``True`` and crashes ("bool_dealloc"),
typically at exit. From Python 3.12 ``True`` is immortal and nothing happens.
``emit()`` below gives back the missing reference only when the probe shows the
bug, so a fixed binding costs nothing.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def _emit_loses_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    result = probe.ping.emit()  # type: ignore[func-returns-value]
    del result
    lost = sys.getrefcount(True) < before
    if lost:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))  # pay back the probe's own emit
    return lost


_LOSES_REFERENCE: bool | None = None


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, balancing the binding's lost reference when needed."""
    global _LOSES_REFERENCE
    if _LOSES_REFERENCE is None:
        _LOSES_REFERENCE = _emit_loses_a_reference()
    result = signal.emit(*args)
    if _LOSES_REFERENCE and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))


_EVENTS_LOSE_NONE: bool | None = None


def _process_events_loses_none() -> bool:
    from PySide6.QtCore import QCoreApplication

    before = sys.getrefcount(None)
    QCoreApplication.processEvents()
    lost = sys.getrefcount(None) < before
    if lost:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))  # pay back the probe's own call
    return lost


def process_events() -> None:
    """``QCoreApplication.processEvents()``, balancing the reference to None it loses.

    The same PySide6 6.12 bug as ``emit``: the static call returns None without a
    reference, so a loop of ~10,000 calls frees None and aborts the interpreter
    (a screenshot script waiting on a multi-second job did exactly that).
    """
    global _EVENTS_LOSE_NONE
    from PySide6.QtCore import QCoreApplication

    if _EVENTS_LOSE_NONE is None:
        _EVENTS_LOSE_NONE = _process_events_loses_none()
    QCoreApplication.processEvents()
    if _EVENTS_LOSE_NONE:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
