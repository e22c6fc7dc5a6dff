"""Work-arounds for bugs in the Qt binding, each detected at run time.

PySide6 6.12 on Python 3.11 returns ``True`` from ``Signal.emit()`` without taking a
reference. Python drops that reference when the result is discarded, so every
emit made from Python lowers the reference count of ``True`` by one; after a few
thousand emits the interpreter frees ``True`` and crashes ("bool_dealloc"),
typically at exit. From Python 3.12 ``True`` is immortal and nothing happens.
``emit()`` below gives back the missing reference only when the probe shows the
bug, so a fixed binding costs nothing.

The same binding also loses a reference to None on every call of a static function
that returns nothing (``processEvents``, ``sendPostedEvents``, ``setOverrideCursor``,
``beep``…, measured with PySide6 6.12.0; 6.8.3, the Windows build, loses none). Wrapping
each such call cannot be complete, so ``application()`` gives None, True and False a
reserve of references that no session can use up (``reserve_references``). A
``super()`` call of a void virtual loses one too (a delegate's ``paint`` or
``initStyleOption``: 2,460 references for 2,600 painted cells). ``emit`` and
``process_events`` still pay back their own losses; the reserve covers every other call.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

RESERVE = 1 << 40  # references given to None, True and False: a million lost per second for 35 years
_RESERVED = False


def reserve_references() -> None:
    """Give None, True and False a reserve of references the binding's losses never use up.

    Before, the program freed None ("none_dealloc", an abort) once enough of those calls
    had run: at exit after the 报表 page, or mid-session in a long one. Python 3.12 made
    these objects immortal, so there this does nothing. The reference count is the first
    field of every CPython object; the reserve is added there in one step when the count
    read there is the one ``sys.getrefcount`` reports, else by a million calls to Py_IncRef.
    """
    global _RESERVED
    if sys.version_info >= (3, 12) or _RESERVED:
        return
    _RESERVED = True
    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))
        if abs(count.value - (sys.getrefcount(obj) - 1)) <= 2:
            count.value += RESERVE
        else:  # not the layout expected: the slow, certain way
            ref = ctypes.py_object(obj)
            for _ in range(1_000_000):
                ctypes.pythonapi.Py_IncRef(ref)


def application(argv: list[str]) -> QApplication:
    """The QApplication (the existing one, or a new one), with the references reserved first."""
    reserve_references()
    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication(argv)


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
